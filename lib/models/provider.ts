import "server-only";
import { createOpenAI, type OpenAIProvider } from "@ai-sdk/openai";
import type { EmbeddingModelV4, ImageModelV4, LanguageModelV4 } from "@ai-sdk/provider";
import { getEnvironment } from "@/lib/env";
import { createOfflineImageModel } from "@/lib/images/offline-image-model";
import { createOfflineChatModel } from "./offline-chat-model";
import { createOfflineEmbeddingModel } from "./offline-embedding-model";

/** The agents that can ask for their own chat model (`<AGENT>_MODEL` overrides `CHAT_MODEL`). */
export type ModelRole = "manager" | "web" | "retriever" | "image";

let openAIProvider: OpenAIProvider | undefined;

function getOpenAIProvider(): OpenAIProvider | undefined {
  const environment = getEnvironment();
  if (!environment.OPENAI_API_KEY) return undefined;
  openAIProvider ??= createOpenAI({
    apiKey: environment.OPENAI_API_KEY,
    baseURL: environment.OPENAI_BASE_URL,
  });
  return openAIProvider;
}

/** True when no OPENAI_API_KEY is set and the built-in offline models answer. */
export function isOffline(): boolean {
  return !getEnvironment().OPENAI_API_KEY;
}

/** The chat model for an agent: the configured server through Chat Completions, or the offline planner. */
export function getChatModel(role: ModelRole): LanguageModelV4 {
  const environment = getEnvironment();
  const provider = getOpenAIProvider();
  if (!provider) return createOfflineChatModel(role);
  const override = {
    manager: undefined,
    web: environment.WEB_AGENT_MODEL,
    retriever: environment.RETRIEVER_AGENT_MODEL,
    image: environment.IMAGE_AGENT_MODEL,
  }[role];
  return provider.chat(override ?? environment.CHAT_MODEL);
}

/** The embedding model for the knowledge base. */
export function getEmbeddingModel(): EmbeddingModelV4 {
  const provider = getOpenAIProvider();
  return provider ? provider.embedding(getEnvironment().EMBEDDING_MODEL) : createOfflineEmbeddingModel();
}

/** The image model for `generate_image`. */
export function getImageModel(): ImageModelV4 {
  const provider = getOpenAIProvider();
  return provider ? provider.image(getEnvironment().IMAGE_MODEL) : createOfflineImageModel();
}

/** What the UI shows about the models in use. */
export function describeModels(): { offline: boolean; chat: string; embedding: string; image: string } {
  const offline = isOffline();
  const environment = getEnvironment();
  return {
    offline,
    chat: offline ? "offline planner" : environment.CHAT_MODEL,
    embedding: offline ? getEmbeddingModel().modelId : environment.EMBEDDING_MODEL,
    image: offline ? "offline procedural images" : environment.IMAGE_MODEL,
  };
}
