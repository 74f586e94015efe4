import type { Attributes } from "@opentelemetry/api";

/** Attribute values longer than this are cut: prompts and tool outputs can be megabytes. */
export const maxAttributeLength = 20_000;

export const redacted = "[redacted]";
export const notRecorded = "[not recorded]";

/** Marks the root span of a chat run; the store derives the `traces` row from it. */
export const runKindAttribute = "app.span.kind";
export const runInputAttribute = "app.run.input";
export const conversationIdAttribute = "gen_ai.conversation.id";
export const errorMessageAttribute = "error.message";
/** On a run's root span: the budget the run went over (`steps`, `tokens`, `web_fetches`, `sandbox_seconds`). */
export const runBudgetExceededAttribute = "app.run.budget.exceeded";
export const runBudgetLimitAttribute = "app.run.budget.limit";
export const runBudgetUsedAttribute = "app.run.budget.used";

/**
 * Attributes that carry content: what the user typed, what models read and wrote, and what tools
 * were given and returned (document passages, web pages). `TRACE_RECORD_CONTENT=false` drops them.
 * Passages a tool returns reach every later model call's input messages, so all of them go, not
 * only the retrieval tool's result. The `ai.*` ones are what the AI SDK records for embeddings
 * (chunks of uploaded documents and their vectors), reranking and legacy spans when enabled.
 */
export const contentAttributes: ReadonlySet<string> = new Set([
  runInputAttribute,
  "gen_ai.input.messages",
  "gen_ai.output.messages",
  "gen_ai.system_instructions",
  "gen_ai.tool.call.arguments",
  "gen_ai.tool.call.result",
  "ai.prompt",
  "ai.prompt.messages",
  "ai.request.text",
  "ai.response.text",
  "ai.response.object",
  "ai.response.reasoning",
  "ai.response.toolCalls",
  "ai.toolCall.args",
  "ai.toolCall.result",
  "ai.value",
  "ai.values",
  "ai.embedding",
  "ai.embeddings",
  "ai.documents",
  "ai.ranking",
]);

/** What may be recorded of a span: secrets to redact and whether content is kept. */
export interface RecordingPolicy {
  /** Configured credentials (API keys); redacted wherever they appear. */
  knownSecrets: readonly string[];
  recordContent: boolean;
}

export const recordEverything: RecordingPolicy = { knownSecrets: [], recordContent: true };

const secretKeyPattern =
  /authorization|api[-_.]?key|secret|password|passwd|cookie|(access|refresh|bearer|auth|session)[-_.]?token/i;

const secretValuePatterns = [
  /\bsk-[A-Za-z0-9_-]{16,}/g,
  /\btvly-[A-Za-z0-9_-]{8,}/g,
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b(api[-_]?key|access_token|token)=[^&\s"']{8,}/gi,
];

/** `"authorization": "…"` or `x-api-key: …` inside JSON or text: the name stays, the value goes. */
const namedSecretPattern = /("?(?:authorization|x-api-key|api[-_]?key)"?\s*[:=]\s*"?)[^"\s,}]{8,}/gi;

export type StoredAttributes = Record<string, string | number | boolean | Array<string | number | boolean>>;

/**
 * Copies span attributes for storage or export: secrets (by key, by well-known shapes, and the
 * configured keys themselves) become "[redacted]", content becomes "[not recorded]" when the policy
 * says so, and long strings are truncated.
 */
export function sanitizeAttributes(
  attributes: Attributes,
  policy: RecordingPolicy = recordEverything,
): StoredAttributes {
  const sanitized: StoredAttributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (secretKeyPattern.test(key)) {
      sanitized[key] = redacted;
    } else if (!policy.recordContent && contentAttributes.has(key)) {
      sanitized[key] = notRecorded;
    } else if (Array.isArray(value)) {
      sanitized[key] = value
        .filter((item) => item !== null && item !== undefined)
        .map((item) => sanitizeValue(item, policy.knownSecrets));
    } else {
      sanitized[key] = sanitizeValue(value, policy.knownSecrets);
    }
  }
  return sanitized;
}

function sanitizeValue<T extends string | number | boolean>(value: T, knownSecrets: readonly string[]): T {
  if (typeof value !== "string") return value;
  return truncate(redactSecrets(value, knownSecrets)) as T;
}

/** Replaces anything in the text that looks like a credential. */
export function redactSecrets(text: string, knownSecrets: readonly string[] = []): string {
  let result = text;
  for (const secret of knownSecrets) {
    // Short values would redact ordinary words; real keys are long.
    if (secret.length >= 8) result = result.replaceAll(secret, redacted);
  }
  result = result.replace(namedSecretPattern, (_match, name: string) => `${name}${redacted}`);
  for (const pattern of secretValuePatterns) result = result.replace(pattern, redacted);
  return result;
}

/** Cuts a string to `maxAttributeLength`, saying how much was left out. */
export function truncate(text: string, limit = maxAttributeLength): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}… [truncated ${text.length - limit} characters]`;
}

/**
 * The GenAI operation a span stands for (`invoke_agent`, `chat`, `execute_tool`, `agent_step`,
 * `embeddings`, …), `run` for a chat run's root span, `other` for anything else.
 */
export function spanKind(name: string, attributes: Attributes): string {
  if (attributes[runKindAttribute] === "run") return "run";
  const operation = attributes["gen_ai.operation.name"];
  if (typeof operation === "string" && operation) return operation;
  const firstWord = name.split(" ")[0];
  if (["invoke_agent", "chat", "execute_tool"].includes(firstWord)) return firstWord;
  return "other";
}
