import { describe, expect, it } from "vitest";
import { writeCodeForRequest } from "./code-writer";
import { rankSentences, withoutSourcesList, writeExtractiveAnswer } from "./extractive-answer";
import { planNextStep, refineImagePrompt, searchInput } from "./planner";
import { classifyRequest, splitRequest } from "./request-splitter";

const managerTools = ["web_agent", "retriever_agent", "image_agent", "code_interpreter"];

describe("request splitting", () => {
  it.each([
    ["Draw a red fox in the snow", "image"],
    ["What is 17 * 23?", "code"],
    ["Calculate the factorial of 10", "code"],
    ["Summarise https://example.com/page", "web"],
    ["What is the latest news about the Mars mission?", "web"],
    ["What does our handbook say about vacation days?", "knowledge"],
  ])("classifies %s as %s", (text, kind) => {
    expect(classifyRequest(text)).toBe(kind);
  });

  it("splits a request that asks two things into two parts", () => {
    expect(splitRequest("Draw a lighthouse at dusk and compute 12 * 7")).toEqual([
      { kind: "image", text: "Draw a lighthouse at dusk" },
      { kind: "code", text: "compute 12 * 7" },
    ]);
  });

  it("keeps a single question whole", () => {
    expect(splitRequest("What colour is the Zorblax widget and how heavy is it?")).toHaveLength(1);
  });
});

describe("code writing", () => {
  it("turns words into a JavaScript expression", () => {
    const code = writeCodeForRequest("what is 12 times (3 plus 4) squared?");
    expect(code).toContain("12 * (3 + 4) ** 2");
    expect(new Function(`${code?.replace(/result;$/, "return result;")}`)()).toBe(588);
  });

  it("writes loops for factorials and sums", () => {
    const factorial = writeCodeForRequest("factorial of 20") ?? "";
    expect(new Function(factorial.replace(/result\.toString\(\);$/, "return result.toString();"))()).toBe(
      "2432902008176640000",
    );
    const sum = writeCodeForRequest("the sum of the numbers from 1 to 100") ?? "";
    expect(new Function(sum.replace(/result;$/, "return result;"))()).toBe(5050);
  });

  it("returns nothing when there is no calculation", () => {
    expect(writeCodeForRequest("tell me about the weather")).toBeUndefined();
  });
});

describe("extractive answers", () => {
  const passages = [
    { text: "The office opens at 9am. Parking is free on weekends.", citation: "handbook.pdf, page 2" },
    { text: "The Zorblax widget is painted teal and weighs 4.2 kilograms.", citation: "widgets.md" },
  ];

  it("quotes the sentence that answers the question, with its citation", () => {
    const answer = writeExtractiveAnswer("How heavy is the Zorblax widget?", passages, {
      lead: "From your documents:",
    });
    expect(answer).toContain("> The Zorblax widget is painted teal and weighs 4.2 kilograms. [1]");
    expect(answer).toContain("[1] widgets.md");
    expect(answer).not.toContain("Parking");
  });

  it("ranks the most specific sentence first", () => {
    expect(rankSentences("parking weekends", passages)[0].sentence).toBe("Parking is free on weekends.");
  });
});

describe("planning", () => {
  it("delegates parts of a request to different agents in one step", () => {
    const decision = planNextStep({
      task: "Draw a lighthouse and calculate 6 * 7",
      toolNames: managerTools,
      exchanges: [],
    });
    expect(decision).toEqual({
      kind: "tool-calls",
      calls: [
        { toolName: "image_agent", input: { task: "Draw a lighthouse" } },
        { toolName: "code_interpreter", input: { code: expect.stringContaining("6 * 7") } },
      ],
    });
  });

  it("tells the user when the needed agent is switched off", () => {
    const decision = planNextStep({ task: "Draw a cat", toolNames: ["retriever_agent"], exchanges: [] });
    expect(decision.kind).toBe("text");
    expect(decision.kind === "text" && decision.text).toContain("image_agent");
  });

  it("has the web agent visit the most relevant search result", () => {
    const decision = planNextStep({
      task: "Zorblax festival dates",
      toolNames: ["web_search", "visit_webpage"],
      exchanges: [
        {
          toolName: "web_search",
          input: { query: "Zorblax festival dates" },
          isError: false,
          output: {
            results: [
              { title: "Unrelated cooking blog", url: "http://a.test/", snippet: "Soup recipes" },
              { title: "Zorblax festival", url: "http://b.test/", snippet: "Festival dates announced" },
            ],
          },
        },
      ],
    });
    expect(decision).toEqual({
      kind: "tool-calls",
      calls: [{ toolName: "visit_webpage", input: { url: "http://b.test/" } }],
    });
  });

  it("refines image prompts before generating", () => {
    expect(refineImagePrompt("Please draw a rabbit wearing a space suit.")).toMatch(
      /^rabbit wearing a space suit, detailed/,
    );
  });
});

describe("requests with addresses and code", () => {
  it("sends an address spelled in hex to the web agent, not the code interpreter", () => {
    expect(splitRequest("Summarise http://0x7f.0.0.1:8080/page")).toEqual([
      { kind: "web", text: "Summarise http://0x7f.0.0.1:8080/page" },
    ]);
  });

  it("keeps an IPv6 host's brackets in the URL", async () => {
    const { findUrl } = await import("./request-splitter");
    expect(findUrl("Read http://[::1]:8080/x please")).toBe("http://[::1]:8080/x");
    expect(findUrl("(see [http://example.com/a])")).toBe("http://example.com/a");
  });

  it("keeps fenced code whole even when it contains semicolons", () => {
    const request =
      "Run this code:\n```js\nconst end = Date.now() + 10; while (Date.now() < end) {}\n'done'\n```";
    expect(splitRequest(request)).toEqual([{ kind: "code", text: request }]);
  });
});

describe("searches limited to a named document", () => {
  it("passes a file name in the request as the search's document filter, and searches the rest", () => {
    expect(searchInput("What does harbour-rules.md say about anchoring?")).toEqual({
      query: "What does say about anchoring?",
      k: 5,
      documents: ["harbour-rules.md"],
    });
    expect(searchInput("In “Annual Report 2024.pdf”, what was the revenue?").documents).toEqual([
      "Annual Report 2024.pdf",
    ]);
    expect(searchInput("When was the bell cast?")).toEqual({ query: "When was the bell cast?", k: 5 });
  });

  it("keeps the whole request as the query when it is only a file name, and ignores names inside URLs", () => {
    expect(searchInput("what is v1.2.txt")).toEqual({
      query: "what is v1.2.txt",
      k: 5,
      documents: ["v1.2.txt"],
    });
    expect(searchInput("compare http://x.test/a.html with notes.txt").documents).toEqual(["notes.txt"]);
  });

  it("says which documents exist when the named one does not", () => {
    const decision = planNextStep({
      task: "What does missing.md say about bells?",
      toolNames: ["search_knowledge_base"],
      exchanges: [
        {
          toolName: "search_knowledge_base",
          input: { query: "What does say about bells?", documents: ["missing.md"] },
          output: {
            passages: [],
            notice: "No ready document is called “missing.md”. Documents: “bells.md”.",
          },
          isError: false,
        },
      ],
    });
    expect(decision).toEqual({
      kind: "text",
      text: "I found nothing in the knowledge base about “What does missing.md say about bells?”. No ready document is called “missing.md”. Documents: “bells.md”.",
    });
  });
});

describe("citations in offline answers", () => {
  const bellPassage = {
    documentName: "bells.md",
    page: null,
    text: "The harbour bell was cast in bronze in 1702.",
  };
  const keywordsOnly =
    "The knowledge base was indexed with “a”, but “b” is configured now, so this search matched keywords only. Re-index it on the Knowledge page.";

  it("carries the search's notice with an answer that found passages, before its references", () => {
    const decision = planNextStep({
      task: "When was the harbour bell cast?",
      toolNames: ["search_knowledge_base"],
      exchanges: [
        {
          toolName: "search_knowledge_base",
          input: { query: "When was the harbour bell cast?" },
          output: { passages: [bellPassage], notice: keywordsOnly },
          isError: false,
        },
      ],
    });
    expect(decision).toEqual({
      kind: "text",
      text: `From your documents:\n\n> The harbour bell was cast in bronze in 1702. [1]\n\n${keywordsOnly}\n\n**Sources**\n\n[1] bells.md`,
    });
  });

  it("writes the manager's answer from the agents' answers without their lists of references", () => {
    const retrieverAnswer = `From your documents:\n\n> The harbour bell was cast in bronze in 1702. [1]\n\n${keywordsOnly}\n\n**Sources**\n\n[1] bells.md`;
    const webAnswer =
      "From Festival:\n\n> The festival opens on 14 April. [2]\n\n**Sources**\n\n[2] Festival — https://fest.example/";
    const decision = planNextStep({
      task: "When was the bell cast? Search the web for the festival.",
      toolNames: managerTools,
      exchanges: [
        { toolName: "retriever_agent", input: { task: "a" }, output: retrieverAnswer, isError: false },
        { toolName: "web_agent", input: { task: "b" }, output: webAnswer, isError: false },
      ],
    });
    expect(decision).toEqual({
      kind: "text",
      text: `From your documents:\n\n> The harbour bell was cast in bronze in 1702. [1]\n\n${keywordsOnly}\n\n---\n\nFrom Festival:\n\n> The festival opens on 14 April. [2]`,
    });
  });

  it("leaves an answer without a list of references as it is", () => {
    expect(withoutSourcesList("The code interpreter computed **84**.")).toBe(
      "The code interpreter computed **84**.",
    );
  });
});
