import type { UIMessageStreamWriter } from "ai";
import type { RunAttachments } from "@/lib/attachments/run-attachments";
import type { ChatMessage } from "@/lib/chat/chat-message";
import type { RunBudget } from "./run-budget";
import type { CitationNumbering } from "./sub-agent-sources";
import type { VisitedPages } from "./tools/visit-webpage-tool";

/** What one request gives its agents: agent state lives here, never in module scope. */
export interface AgentRunContext {
  chatId: string;
  traceId: string;
  writer: UIMessageStreamWriter<ChatMessage>;
  /** Tool names of the sub-agents the user switched off for this conversation. */
  disabledAgents: ReadonlySet<string>;
  /** The files attached to the conversation, read for this request; every sub-agent receives them. */
  attachments?: RunAttachments;
  /** Pages fetched in this run: a URL that several web agents of one run visit is fetched once. */
  visitedPages: VisitedPages;
  /** The answer's citation numbers, shared by its sub-agents so that no two sources share one. */
  citationNumbering: CitationNumbering;
  /** What the run may still spend on steps, tokens, web fetches and sandbox time, over all its agents. */
  budget: RunBudget;
}
