import { describeModels } from "@/lib/models/provider";

/** Says which models answer, and how to connect a real one when the offline models are in use. */
export function ModelNotice() {
  const models = describeModels();
  if (!models.offline) {
    return (
      <p className="rounded-lg bg-emerald-50 p-2 text-xs text-emerald-900">
        Model: <strong>{models.chat}</strong>
      </p>
    );
  }
  return (
    <div
      role="status"
      aria-label="Offline models"
      className="rounded-lg bg-violet-50 p-2 text-xs text-violet-900"
    >
      <strong>Offline models in use</strong>: a built-in planner, hashed n-gram embeddings and procedural
      images. Set <code>OPENAI_API_KEY</code> (and <code>OPENAI_BASE_URL</code> for Ollama, vLLM or LM Studio)
      to connect a real model.
    </div>
  );
}
