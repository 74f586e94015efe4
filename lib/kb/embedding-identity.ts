import "server-only";
import type { EmbeddingModelV4 } from "@ai-sdk/provider";
import { getEmbeddingModel } from "@/lib/models/provider";

/** How the knowledge base names an embedding model: `provider:modelId`, e.g. `openai.embedding:text-embedding-3-small`. */
export function embeddingModelName(model: EmbeddingModelV4): string {
  return `${model.provider}:${model.modelId}`;
}

/** The configured embedding model and its name. */
export function currentEmbeddingModel(): { model: EmbeddingModelV4; name: string } {
  const model = getEmbeddingModel();
  return { model, name: embeddingModelName(model) };
}
