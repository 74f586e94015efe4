import { describe, expect, it } from "vitest";
import type { AgentRunContext } from "./agent-context";
import { createManagerTools } from "./manager-agent";
import { describeTeam } from "./registry";
import { CitationNumbering } from "./sub-agent-sources";
import { createTestBudget } from "./test-budget";

function contextWith(disabled: string[]): AgentRunContext {
  return {
    chatId: "chat",
    traceId: "trace",
    disabledAgents: new Set(disabled),
    visitedPages: new Map(),
    citationNumbering: new CitationNumbering(),
    budget: createTestBudget(),
    writer: { write: () => {}, merge: () => {}, onError: undefined },
  };
}

describe("manager tools", () => {
  it("offers every agent of the team and the code interpreter under their contract names", () => {
    expect(Object.keys(createManagerTools(contextWith([]))).sort()).toEqual([
      "code_interpreter",
      "image_agent",
      "retriever_agent",
      "web_agent",
    ]);
    expect(describeTeam().map((member) => member.toolName)).toHaveLength(4);
  });

  it("leaves out the agents the user switched off", () => {
    expect(Object.keys(createManagerTools(contextWith(["web_agent", "code_interpreter"]))).sort()).toEqual([
      "image_agent",
      "retriever_agent",
    ]);
  });
});
