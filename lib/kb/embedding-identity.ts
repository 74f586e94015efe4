import "server-only";
import type { EmbeddingModelV4 } from "@ai-sdk/provider";
import { offlineFusionWeight } from "@/lib/models/offline-embedding-model";
import { getEmbeddingModel } from "@/lib/models/provider";

/** How the knowledge base names an embedding model: `provider:modelId`, e.g. `openai.embedding:text-embedding-3-small`. */
export function embeddingModelName(model: EmbeddingModelV4): string {
  return `${model.provider}:${model.modelId}`;
}

/** The configured embedding model, its name, and how much its ranking counts in hybrid search. */
export function currentEmbeddingModel(): { model: EmbeddingModelV4; name: string; fusionWeight: number } {
  const model = getEmbeddingModel();
  const fusionWeight = model.provider === "offline" ? offlineFusionWeight : 1;
  return { model, name: embeddingModelName(model), fusionWeight };
}
