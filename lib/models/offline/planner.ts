import { contentTokens } from "../text-features";
import { writeCodeForRequest } from "./code-writer";
import { withoutSourcesList, writeExtractiveAnswer } from "./extractive-answer";
import { findUrl, type RequestKind, splitRequest } from "./request-splitter";

/** One tool call the planner made earlier in this run, with what came back. */
export interface ToolExchange {
  toolName: string;
  input: Record<string, unknown>;
  output: unknown;
  isError: boolean;
}

export interface PlannedToolCall {
  toolName: string;
  input: Record<string, unknown>;
}

export type PlannerDecision =
  | { kind: "tool-calls"; calls: PlannedToolCall[] }
  | { kind: "text"; text: string };

export interface PlannerInput {
  task: string;
  toolNames: string[];
  exchanges: ToolExchange[];
}

const toolForKind: Record<RequestKind, string> = {
  image: "image_agent",
  code: "code_interpreter",
  web: "web_agent",
  knowledge: "retriever_agent",
};

/** Decides the next step for whichever agent is asking, from the tools it was offered. */
export function planNextStep(input: PlannerInput): PlannerDecision {
  const tools = new Set(input.toolNames);
  if (tools.has("search_knowledge_base")) return planRetriever(input);
  if (tools.has("web_search") || tools.has("visit_webpage")) return planWebAgent(input);
  if (tools.has("generate_image")) return planImageAgent(input);
  return planManager(input);
}

function planManager({ task, toolNames, exchanges }: PlannerInput): PlannerDecision {
  if (exchanges.length > 0) return { kind: "text", text: composeManagerAnswer(exchanges) };
  const available = new Set(toolNames);
  const calls: PlannedToolCall[] = [];
  const unavailable: string[] = [];
  for (const part of splitRequest(task)) {
    const toolName = toolForKind[part.kind];
    if (!available.has(toolName)) {
      unavailable.push(toolName);
      continue;
    }
    calls.push(
      toolName === "code_interpreter"
        ? { toolName, input: { code: writeCodeForRequest(part.text) ?? part.text } }
        : { toolName, input: { task: part.text } },
    );
  }
  if (calls.length > 0) return { kind: "tool-calls", calls };
  return {
    kind: "text",
    text: `This request needs ${unavailable.join(", ")}, which is switched off for this conversation. Switch it on under “Agents” and ask again.`,
  };
}

// The agents' answers, each citing with numbers of the whole answer (agents/sub-agent-sources.ts);
// their lists of references are left out, since the chat lists the answer's sources under it.
function composeManagerAnswer(exchanges: ToolExchange[]): string {
  const sections = exchanges.map((exchange) => {
    if (exchange.isError) return `**${exchange.toolName}** failed: ${textOf(exchange.output)}`;
    if (exchange.toolName === "code_interpreter") return describeCodeResult(exchange.output);
    return withoutSourcesList(textOf(exchange.output));
  });
  return sections.join("\n\n---\n\n");
}

function describeCodeResult(output: unknown): string {
  const result = output as { ok?: boolean; result?: unknown; logs?: string[]; error?: { message?: string } };
  if (result?.ok === false)
    return `The code interpreter reported an error: ${result.error?.message ?? "unknown error"}`;
  const value = typeof result?.result === "string" ? result.result : JSON.stringify(result?.result);
  const logs = result?.logs?.length ? `\n\nOutput:\n\n\`\`\`\n${result.logs.join("\n")}\n\`\`\`` : "";
  return `The code interpreter computed **${value}**.${logs}`;
}

interface Passage {
  documentName?: string;
  page?: number | null;
  text?: string;
}

function planRetriever({ task, exchanges }: PlannerInput): PlannerDecision {
  const last = exchanges.at(-1);
  if (!last)
    return { kind: "tool-calls", calls: [{ toolName: "search_knowledge_base", input: searchInput(task) }] };
  if (last.isError) return { kind: "text", text: `The knowledge base search failed: ${textOf(last.output)}` };
  const passages = ((last.output as { passages?: Passage[] })?.passages ?? []).filter(
    (passage) => passage.text,
  );
  // The search's notice (a document name that matched nothing, an index built by another
  // embedding model) goes with the answer whether or not passages were found.
  const notice = (last.output as { notice?: string })?.notice;
  const answer = writeExtractiveAnswer(
    task,
    passages.map((passage) => ({
      text: passage.text ?? "",
      citation: `${passage.documentName ?? "document"}${passage.page ? `, page ${passage.page}` : ""}`,
    })),
    { lead: "From your documents:", notice },
  );
  return {
    kind: "text",
    text:
      answer ||
      [
        `I found nothing in the knowledge base about “${task}”.`,
        notice ?? "Upload documents on the Knowledge page.",
      ].join(" "),
  };
}

// A file name in the request ("what does harbour-rules.md say about anchoring?", or quoted when it
// has spaces: “Annual Report.pdf”) limits the search to that document.
const extensions = "pdf|docx|md|markdown|txt|html?";
const quotedNamePattern = new RegExp(`["“‘']([^"“”‘’'\\n]{1,200}\\.(?:${extensions}))["”’']`, "gi");
const bareNamePattern = new RegExp(`(?<![\\w/:.-])\\w[\\w.-]{0,200}\\.(?:${extensions})(?![\\w-])`, "gi");

/** The search for a task: its words, and the documents it names, if any. */
export function searchInput(task: string): { query: string; k: number; documents?: string[] } {
  const quoted = [...task.matchAll(quotedNamePattern)].map((match) => match[1]);
  const withoutQuoted = task.replace(quotedNamePattern, " ");
  const bare = withoutQuoted.match(bareNamePattern) ?? [];
  const documents = [...new Set([...quoted, ...bare])];
  if (documents.length === 0) return { query: task, k: 5 };
  const rest = withoutQuoted.replace(bareNamePattern, " ").replace(/\s+/g, " ").trim();
  return { query: contentTokens(rest).length > 0 ? rest : task, k: 5, documents };
}

interface SearchResult {
  title?: string;
  url?: string;
  snippet?: string;
}

function planWebAgent({ task, exchanges }: PlannerInput): PlannerDecision {
  const visited = new Set(
    exchanges.filter((entry) => entry.toolName === "visit_webpage").map((entry) => entry.input.url),
  );
  const read = exchanges.find((entry) => entry.toolName === "visit_webpage" && !entry.isError);
  if (read) {
    const page = read.output as { url?: string; title?: string; content?: string };
    const answer = writeExtractiveAnswer(
      task,
      [{ text: page.content ?? "", citation: `${page.title ?? page.url} — ${page.url}` }],
      { lead: `From ${page.title ?? page.url}:` },
    );
    return { kind: "text", text: answer || `I read ${page.url} but found nothing about “${task}” there.` };
  }
  const url = findUrl(task);
  if (url && !visited.has(url))
    return { kind: "tool-calls", calls: [{ toolName: "visit_webpage", input: { url } }] };
  const search = exchanges.find((entry) => entry.toolName === "web_search");
  if (!search) return { kind: "tool-calls", calls: [{ toolName: "web_search", input: { query: task } }] };
  if (search.isError) return { kind: "text", text: `The web search failed: ${textOf(search.output)}` };
  const results = (search.output as { results?: SearchResult[] })?.results ?? [];
  const next = rankResults(task, results).find((result) => result.url && !visited.has(result.url));
  if (next?.url && visited.size < 3)
    return { kind: "tool-calls", calls: [{ toolName: "visit_webpage", input: { url: next.url } }] };
  const failures = exchanges.filter((entry) => entry.isError).map((entry) => textOf(entry.output));
  const snippets = writeExtractiveAnswer(
    task,
    results.map((result) => ({ text: result.snippet ?? "", citation: `${result.title} — ${result.url}` })),
    { lead: "From the search results:" },
  );
  return {
    kind: "text",
    text: snippets || `I could not find an answer on the web. ${failures.join(" ")}`.trim(),
  };
}

function rankResults(task: string, results: SearchResult[]): SearchResult[] {
  const wanted = new Set(contentTokens(task));
  const score = (result: SearchResult) =>
    contentTokens(`${result.title ?? ""} ${result.snippet ?? ""}`).filter((token) => wanted.has(token))
      .length;
  return [...results].sort((left, right) => score(right) - score(left));
}

/** Rewrites a request for an image into a fuller prompt, as the image agent is asked to. */
export function refineImagePrompt(request: string): string {
  const subject = request
    .replace(/^(please\s+)?(can you\s+|could you\s+)?/i, "")
    .replace(
      /\b(draw|paint|sketch|generate|create|make|render|design)\b( me)?( an?| the)?( (image|picture|illustration|drawing|photo) of)?/i,
      "",
    )
    .replace(/[.!?]+$/, "")
    .trim();
  return `${subject || request.trim()}, detailed digital illustration, balanced composition, soft natural lighting, rich colour`;
}

function planImageAgent({ task, exchanges }: PlannerInput): PlannerDecision {
  const last = exchanges.at(-1);
  if (!last)
    return {
      kind: "tool-calls",
      calls: [{ toolName: "generate_image", input: { prompt: refineImagePrompt(task) } }],
    };
  if (last.isError) return { kind: "text", text: `The image could not be generated: ${textOf(last.output)}` };
  const image = last.output as { url?: string; prompt?: string; offline?: boolean };
  const note = image.offline ? " (an offline stand-in: connect an image model for real images)" : "";
  return {
    kind: "text",
    text: `Here is the image${note}.\n\nRefined prompt: “${image.prompt ?? last.input.prompt}”`,
  };
}

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
