import "server-only";
import { getEnvironment } from "@/lib/env";
import type { RecordingPolicy } from "./span-attributes";

/**
 * What this deployment lets traces record: the configured API keys are redacted wherever they
 * appear, and content is kept unless TRACE_RECORD_CONTENT=false.
 */
export function getRecordingPolicy(): RecordingPolicy {
  const { OPENAI_API_KEY, TAVILY_API_KEY, BRAVE_API_KEY, TRACE_RECORD_CONTENT } = getEnvironment();
  return {
    knownSecrets: [OPENAI_API_KEY, TAVILY_API_KEY, BRAVE_API_KEY].filter((value): value is string =>
      Boolean(value),
    ),
    recordContent: TRACE_RECORD_CONTENT,
  };
}
