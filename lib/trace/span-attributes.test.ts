import { describe, expect, it } from "vitest";
import { maxAttributeLength, redactSecrets, sanitizeAttributes, spanKind, truncate } from "./span-attributes";

describe("sanitizeAttributes", () => {
  it("redacts secret-looking keys but keeps token usage", () => {
    const sanitized = sanitizeAttributes({
      "ai.request.headers.authorization": "Bearer abc",
      "ai.request.headers.x-api-key": "abc",
      "gen_ai.usage.input_tokens": 12,
      "gen_ai.usage.output_tokens": 3,
    });
    expect(sanitized).toEqual({
      "ai.request.headers.authorization": "[redacted]",
      "ai.request.headers.x-api-key": "[redacted]",
      "gen_ai.usage.input_tokens": 12,
      "gen_ai.usage.output_tokens": 3,
    });
  });

  it("redacts configured and well-known secrets inside values, including arrays", () => {
    const sanitized = sanitizeAttributes(
      {
        message: "key my-own-secret-value and sk-proj-abcdefghijklmnop1234",
        list: ["tvly-12345678abc", "fine"],
      },
      ["my-own-secret-value"],
    );
    expect(sanitized).toEqual({ message: "key [redacted] and [redacted]", list: ["[redacted]", "fine"] });
  });

  it("truncates long strings and says how much was cut", () => {
    const long = "a".repeat(maxAttributeLength + 500);
    const value = String(sanitizeAttributes({ long }).long);
    expect(value.startsWith("a".repeat(maxAttributeLength))).toBe(true);
    expect(value).toContain("[truncated 500 characters]");
    expect(truncate("short")).toBe("short");
  });

  it("leaves ordinary text alone", () => {
    expect(redactSecrets("The token budget is 500 tokens; ask about passwords policy.", ["short"])).toBe(
      "The token budget is 500 tokens; ask about passwords policy.",
    );
  });
});

describe("spanKind", () => {
  it("names the GenAI operation of a span", () => {
    expect(spanKind("run chat", { "app.span.kind": "run" })).toBe("run");
    expect(spanKind("invoke_agent manager", { "gen_ai.operation.name": "invoke_agent" })).toBe(
      "invoke_agent",
    );
    expect(spanKind("step 1", { "gen_ai.operation.name": "agent_step" })).toBe("agent_step");
    expect(spanKind("execute_tool web_search", {})).toBe("execute_tool");
    expect(spanKind("GET /api/chat", {})).toBe("other");
  });
});
