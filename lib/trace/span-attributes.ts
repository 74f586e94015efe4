import type { Attributes } from "@opentelemetry/api";

/** Attribute values longer than this are cut: prompts and tool outputs can be megabytes. */
export const maxAttributeLength = 20_000;

export const redacted = "[redacted]";

/** Marks the root span of a chat run; the store derives the `traces` row from it. */
export const runKindAttribute = "app.span.kind";
export const runInputAttribute = "app.run.input";
export const conversationIdAttribute = "gen_ai.conversation.id";
export const errorMessageAttribute = "error.message";

const secretKeyPattern =
  /authorization|api[-_.]?key|secret|password|passwd|cookie|(access|refresh|bearer|auth|session)[-_.]?token/i;

const secretValuePatterns = [
  /\bsk-[A-Za-z0-9_-]{16,}/g,
  /\btvly-[A-Za-z0-9_-]{8,}/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b(api[-_]?key|access_token|token)=[^&\s"']{8,}/gi,
];

export type StoredAttributes = Record<string, string | number | boolean | Array<string | number | boolean>>;

/**
 * Copies span attributes for storage: secrets (by key, by well-known shapes, and the configured
 * keys themselves) are replaced with "[redacted]" and long strings are truncated.
 */
export function sanitizeAttributes(
  attributes: Attributes,
  knownSecrets: readonly string[] = [],
): StoredAttributes {
  const sanitized: StoredAttributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (secretKeyPattern.test(key)) {
      sanitized[key] = redacted;
      continue;
    }
    sanitized[key] = Array.isArray(value)
      ? value
          .filter((item) => item !== null && item !== undefined)
          .map((item) => sanitizeValue(item, knownSecrets))
      : sanitizeValue(value, knownSecrets);
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
