import { describe, expect, it } from "vitest";
import {
  maxAttributeLength,
  notRecorded,
  redactSecrets,
  sanitizeAttributes,
  spanKind,
  truncate,
} from "./span-attributes";

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
      { knownSecrets: ["my-own-secret-value"], recordContent: true },
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

  it("redacts credentials in headers and JSON whatever their key is called", () => {
    const text = [
      '{"headers":{"Authorization":"Basic dXNlcjpwYXNzd29yZA==","x-api-key":"abcd1234efgh5678"}}',
      "curl -H 'api-key: zyxw9876vuts5432' https://example.com/?api_key=qwertyuiop123",
    ].join("\n");
    const redactedText = redactSecrets(text);
    for (const secret of ["dXNlcjpwYXNzd29yZA", "abcd1234efgh5678", "zyxw9876vuts5432", "qwertyuiop123"]) {
      expect(redactedText).not.toContain(secret);
    }
    expect(redactedText).toContain('"x-api-key":"[redacted]"');
  });

  it("replaces content with a marker when content is not recorded, and keeps the facts", () => {
    const attributes = {
      "gen_ai.input.messages": '[{"role":"user","parts":[{"type":"text","content":"secret plans"}]}]',
      "gen_ai.output.messages": "the answer",
      "gen_ai.system_instructions": "You are the manager.",
      "gen_ai.tool.call.arguments": '{"query":"salary of Alice"}',
      "gen_ai.tool.call.result": "Alice earns 100",
      "app.run.input": "What does Alice earn?",
      "ai.values": ['"chunk of an uploaded contract"', '"another chunk"'],
      "ai.embedding": "[0.12,-0.5,0.33]",
      "gen_ai.tool.name": "search_knowledge_base",
      "gen_ai.tool.call.id": "call-1",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.usage.input_tokens": 12,
    };
    const sanitized = sanitizeAttributes(attributes, { knownSecrets: [], recordContent: false });
    expect(sanitized).toEqual({
      "gen_ai.input.messages": notRecorded,
      "gen_ai.output.messages": notRecorded,
      "gen_ai.system_instructions": notRecorded,
      "gen_ai.tool.call.arguments": notRecorded,
      "gen_ai.tool.call.result": notRecorded,
      "app.run.input": notRecorded,
      "ai.values": notRecorded,
      "ai.embedding": notRecorded,
      "gen_ai.tool.name": "search_knowledge_base",
      "gen_ai.tool.call.id": "call-1",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.usage.input_tokens": 12,
    });
    expect(sanitizeAttributes(attributes)["gen_ai.tool.call.result"]).toBe("Alice earns 100");
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
