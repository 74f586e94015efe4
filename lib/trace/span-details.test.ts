import { describe, expect, it } from "vitest";
import { describeSpanDetails, formatDuration, prettyJson } from "./span-details";
import type { TraceSpan } from "./types";

const base: TraceSpan = {
  id: "1",
  parentId: null,
  name: "chat gpt-4o-mini",
  kind: "chat",
  startTime: 0,
  endTime: 10,
  status: "ok",
  attributes: {},
};

describe("describeSpanDetails", () => {
  it("reads model, tokens, input and output of a model call", () => {
    const details = describeSpanDetails({
      ...base,
      attributes: {
        "gen_ai.request.model": "gpt-4o-mini",
        "gen_ai.response.model": "gpt-4o-mini-2024",
        "gen_ai.usage.input_tokens": 120,
        "gen_ai.usage.output_tokens": 30,
        "gen_ai.input.messages": '[{"role":"user"}]',
        "gen_ai.output.messages": "plain text",
      },
    });
    expect(details).toEqual({
      model: "gpt-4o-mini-2024",
      inputTokens: 120,
      outputTokens: 30,
      input: '[\n  {\n    "role": "user"\n  }\n]',
      output: "plain text",
      error: undefined,
    });
  });

  it("prefers a tool's arguments and result, and reports its error", () => {
    const details = describeSpanDetails({
      ...base,
      kind: "execute_tool",
      status: "error",
      attributes: {
        "gen_ai.tool.call.arguments": '{"query":"x"}',
        "gen_ai.input.messages": "ignored",
        "error.message": "Search failed.",
      },
    });
    expect(details.input).toBe('{\n  "query": "x"\n}');
    expect(details.error).toBe("Search failed.");
    expect(details.model).toBeUndefined();
  });
});

describe("formatting", () => {
  it("keeps truncated JSON as it is", () => {
    expect(prettyJson('{"a": "b… [truncated 3 characters]')).toBe('{"a": "b… [truncated 3 characters]');
  });

  it("formats durations in ms, s and min", () => {
    expect(formatDuration(12.4)).toBe("12 ms");
    expect(formatDuration(2400)).toBe("2.40 s");
    expect(formatDuration(42_000)).toBe("42.0 s");
    expect(formatDuration(119_700)).toBe("2 min 00 s");
  });
});
