import { createUIMessageStream } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { resetEnvironmentForTests } from "@/lib/env";
import { type LocalServer, startLocalServer } from "@/lib/web/test-support/local-server";
import type { AgentRunContext } from "./agent-context";
import { CitationNumbering } from "./sub-agent-sources";
import { createTestBudget } from "./test-budget";
import { createWebAgentTools } from "./web-agent";

let site: LocalServer;
const callOptions = { toolCallId: "call-1", messages: [], context: {} };

function runContext(): AgentRunContext {
  let writer: AgentRunContext["writer"] | undefined;
  createUIMessageStream<ChatMessage>({
    execute: (options) => {
      writer = options.writer;
    },
  });
  if (!writer) throw new Error("the UI message stream did not hand out a writer");
  return {
    chatId: "chat-1",
    traceId: "trace-1",
    writer,
    disabledAgents: new Set(),
    visitedPages: new Map(),
    citationNumbering: new CitationNumbering(),
    budget: createTestBudget(),
  };
}

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

describe("web agent", () => {
  it("has exactly two tools: web_search and visit_webpage", () => {
    expect(Object.keys(createWebAgentTools(runContext(), "any task")).sort()).toEqual([
      "visit_webpage",
      "web_search",
    ]);
  });

  it("fetches a URL once per run, even across two web agents of that run", async () => {
    site.hits = 0;
    const run = runContext();
    const first = createWebAgentTools(run, "When does the ferry leave?");
    const second = createWebAgentTools(run, "What is the harbour page about?");
    await first.visit_webpage.execute?.({ url: `${site.origin}/ferry` }, callOptions);
    await second.visit_webpage.execute?.({ url: `${site.origin}/ferry` }, callOptions);
    expect(site.hits).toBe(1);
    await createWebAgentTools(runContext(), "task").visit_webpage.execute?.(
      { url: `${site.origin}/ferry` },
      callOptions,
    );
    expect(site.hits).toBe(2);
  });
});
