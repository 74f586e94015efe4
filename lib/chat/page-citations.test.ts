import { describe, expect, it } from "vitest";
import { resolvePageCitations } from "./page-citations";

const festival = {
  url: "https://fest.example/2026",
  title: "Festival",
  requestedUrl: "http://fest.example/",
};
const tickets = { url: "https://fest.example/2026/tickets", title: "Tickets" };

describe("resolvePageCitations", () => {
  it("ties each [n] to the page whose address follows it, by final or requested address", () => {
    const answer = [
      "Opens 14 April [2]; tickets cost 18 euros [1].",
      "[1] Tickets — https://fest.example/2026/tickets.",
      "[2] http://fest.example/",
    ].join("\n\n");
    expect(resolvePageCitations(answer, [festival, tickets])).toEqual([
      { number: 1, page: tickets },
      { number: 2, page: festival },
    ]);
  });

  it("keeps the first definition of a number and cites a page under one number", () => {
    const answer =
      "[1] https://fest.example/2026\n[1] https://fest.example/2026/tickets\n[2] https://fest.example/2026";
    expect(resolvePageCitations(answer, [festival, tickets])).toEqual([{ number: 1, page: festival }]);
  });

  it("ignores addresses that are not among the pages, and markers without an address", () => {
    expect(resolvePageCitations("Per [1] and [2] https://elsewhere.example/", [festival])).toEqual([]);
  });
});
