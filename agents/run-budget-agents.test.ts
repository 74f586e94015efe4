import type { LanguageModelV4 } from "@ai-sdk/provider";
import type { MockLanguageModelV4 } from "ai/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvironmentForTests } from "@/lib/env";
import type { ModelRole } from "@/lib/models/provider";
import { type LocalServer, startLocalServer } from "@/lib/web/test-support/local-server";
import type { AgentRunContext } from "./agent-context";
import { createManagerAgent } from "./manager-agent";
import type { BudgetExceeded, RunBudgetLimits } from "./run-budget";
import { CitationNumbering } from "./sub-agent-sources";
import { createSubAgentTool } from "./sub-agent-tool";
import { createTestBudget } from "./test-budget";
import { createTurnModel, type ScriptedTurn } from "./test-models";
import { webAgent } from "./web-agent";

// The provider module picks models from the environment; here each test scripts the agents' models.
const models = vi.hoisted(() => ({ byRole: new Map<string, LanguageModelV4>() }));
vi.mock("@/lib/models/provider", () => ({
  getChatModel: (role: ModelRole) => {
    const model = models.byRole.get(role);
    if (!model) throw new Error(`no scripted model for the ${role} agent`);
    return model;
  },
  isOffline: () => true,
}));

function scriptModel(role: ModelRole, turns: ScriptedTurn[]): MockLanguageModelV4 {
  const model = createTurnModel(turns);
  models.byRole.set(role, model);
  return model;
}

function createRun(limits: Partial<RunBudgetLimits>) {
  const reported: BudgetExceeded[] = [];
  const context: AgentRunContext = {
    chatId: "chat-1",
    traceId: "trace-1",
    disabledAgents: new Set(),
    visitedPages: new Map(),
    citationNumbering: new CitationNumbering(),
    budget: createTestBudget(limits, (exceeded) => reported.push(exceeded)),
    writer: { write: () => {}, merge: () => {}, onError: undefined },
  };
  return { context, reported };
}

async function runManager(context: AgentRunContext) {
  const result = await createManagerAgent(context).stream({ prompt: "Work on it." });
  const reader = result.stream.getReader();
  while (!(await reader.read()).done) {}
}

let site: LocalServer;

beforeAll(async () => {
  site = await startLocalServer((_request, response) => {
    response.setHeader("content-type", "text/html; charset=utf-8");
    response.end("<title>Harbour</title><article><p>The ferry leaves at nine.</p></article>");
  });
  process.env.WEB_FETCH_ALLOW = `127.0.0.1:${site.port}`;
  resetEnvironmentForTests();
});

afterAll(async () => {
  await site.close();
  delete process.env.WEB_FETCH_ALLOW;
  resetEnvironmentForTests();
});

describe("run budgets in the agent loops", () => {
  it("stops the manager when the run's steps are spent, below its own cap of MAX_AGENT_STEPS", async () => {
    const manager = scriptModel("manager", [
      { toolCalls: [{ toolName: "code_interpreter", input: { code: "1 + 1" } }] },
    ]);
    const { context, reported } = createRun({ steps: 3 });
    await runManager(context);
    expect(manager.doStreamCalls).toHaveLength(3);
    expect(context.budget.usage("steps")).toBe(3);
    expect(reported).toEqual([
      expect.objectContaining({
        budget: "steps",
        limit: 3,
        message:
          "This run used its budget of 3 steps (RUN_MAX_STEPS). Raise RUN_MAX_STEPS to let runs take more steps.",
      }),
    ]);
  });

  it("counts a sub-agent's steps and tokens with the manager's and stops both when the tokens are spent", async () => {
    // Every scripted step uses 15 tokens. The manager's first step ends after its tool call, so the
    // web agent's steps come first: 15, 30, 45 > 40 stops it, and the manager's step makes 60.
    const manager = scriptModel("manager", [
      { toolCalls: [{ toolName: "web_agent", input: { task: "When does the ferry leave?" } }] },
      { text: "At nine." },
    ]);
    const web = scriptModel("web", [
      { toolCalls: [{ toolName: "visit_webpage", input: { url: `${site.origin}/ferry` } }] },
    ]);
    const { context, reported } = createRun({ tokens: 40 });
    await runManager(context);
    expect(web.doStreamCalls).toHaveLength(3);
    expect(manager.doStreamCalls).toHaveLength(1);
    expect(context.budget.usage("steps")).toBe(4);
    expect(context.budget.usage("tokens")).toBe(60);
    expect(context.budget.usage("web_fetches")).toBe(1);
    expect(reported).toEqual([expect.objectContaining({ budget: "tokens", limit: 40, used: 45 })]);
  });

  it("refuses to start a sub-agent once the run's steps are spent", async () => {
    const web = scriptModel("web", [{ text: "Never asked." }]);
    const { context, reported } = createRun({ steps: 1 });
    context.budget.recordStep({ inputTokens: 1, outputTokens: 1 });
    const delegate = createSubAgentTool(webAgent, context);
    await expect(
      delegate.execute?.({ task: "Find it." }, { toolCallId: "call-1", messages: [], context: {} }),
    ).rejects.toMatchObject({ code: "budget_exceeded", message: expect.stringContaining("RUN_MAX_STEPS") });
    expect(web.doStreamCalls).toHaveLength(0);
    expect(reported).toEqual([expect.objectContaining({ budget: "steps" })]);
  });
});
