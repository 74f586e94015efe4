import { expect, test } from "@playwright/test";
import { ChatApi } from "../pages/chat-api";
import { ChatPage } from "../pages/chat-page";
import { WebFixtures } from "../pages/web-fixtures";

const { site, canary, canaryPort: port } = WebFixtures;
const loopback = "refused: 127.0.0.1 is a loopback address";
const scheme = (name: string) => `refused: ${name} addresses cannot be fetched; only http and https`;

// How a target reaches the web agent: a URL in the message (the offline planner visits it), a
// search whose only fixture result links to it ("ssrf-case <name>"), or an allowed fixture page
// that redirects to it ("/redirect/<name>"); the targets are listed in web-fixture-server.ts.
type SsrfCase = { name: string; message: string; refusal: string };

const visit = (name: string, url: string, refusal: string): SsrfCase => ({
  name,
  message: `Summarise ${url}`,
  refusal,
});
const searchResult = (name: string, refusal: string): SsrfCase => ({
  name: `search result: ${name}`,
  message: `Search the web for ssrf-case ${name}`,
  refusal,
});
const redirect = (name: string, refusal: string): SsrfCase => ({
  name: `redirect: ${name}`,
  message: `Summarise ${site}/redirect/${name}`,
  refusal,
});

/** Every case points at the canary (listening on 127.0.0.1 and [::1]); none may reach it. */
const canaryCases: SsrfCase[] = [
  visit("loopback literal", `${canary}/hit/direct`, loopback),
  visit("decimal", `http://2130706433:${port}/hit/decimal`, loopback),
  visit("octal", `http://0177.0.0.1:${port}/hit/octal`, loopback),
  visit("octal integer", `http://017700000001:${port}/hit/octal-integer`, loopback),
  visit("short form", `http://127.1:${port}/hit/short`, loopback),
  visit("trailing dot", `http://127.0.0.1.:${port}/hit/trailing-dot`, loopback),
  visit("localhost", `http://localhost:${port}/hit/localhost`, `${loopback} (localhost resolves to it)`),
  visit(
    "unspecified",
    `http://0.0.0.0:${port}/hit/unspecified`,
    "refused: 0.0.0.0 is an unspecified address",
  ),
  visit("zero", `http://0:${port}/hit/zero`, "refused: 0.0.0.0 is an unspecified address"),
  visit(
    "allowed host:port as user name",
    `http://127.0.0.1:${new URL(site).port}@127.0.0.1:${port}/hit/userinfo`,
    "refused: the address contains a user name or password",
  ),
  searchResult("canary", loopback),
  searchResult("hex", loopback),
  searchResult("dotted-hex", loopback),
  searchResult("ipv6-loopback", "refused: ::1 is a loopback address"),
  searchResult("ipv4-mapped", "refused: ::ffff:7f00:1 (IPv4-mapped) embeds 127.0.0.1, a loopback address"),
  searchResult("ipv6-unspecified", "refused: :: is an unspecified address"),
  redirect("canary", loopback),
  redirect("chain/3", loopback),
  redirect("canary-ipv6", "refused: ::1 is a loopback address"),
  redirect("canary-hex", loopback),
  redirect("canary-localhost", loopback),
  redirect("canary-protocol-relative", loopback),
  redirect("gopher", scheme("gopher")),
  redirect("file", scheme("file")),
];

/** Targets no loopback listener can stand in for: the refusal comes before any connection. */
const refusalCases: SsrfCase[] = [
  visit(
    "cloud metadata",
    "http://169.254.169.254/latest/meta-data/",
    "refused: 169.254.169.254 is a cloud metadata address",
  ),
  redirect("metadata", "refused: 169.254.169.254 is a cloud metadata address"),
  visit("private", "http://10.0.0.5/admin", "refused: 10.0.0.5 is a private address"),
  visit("private in octal", "http://012.0.0.5/admin", "refused: 10.0.0.5 is a private address"),
  visit("CGNAT", "http://100.64.0.1/", "refused: 100.64.0.1 is a shared (carrier-grade NAT) address"),
  visit("multicast", "http://224.0.0.251/", "refused: 224.0.0.251 is a multicast address"),
];

test.describe.configure({ mode: "serial" });

test("every SSRF case is refused through the API, with the reason in the stream, and the canary is never reached", async ({
  request,
}, testInfo) => {
  const fixtures = new WebFixtures(request);
  const api = new ChatApi(request);
  const hitsBefore = await fixtures.canaryHits();
  const cases = [...canaryCases, ...refusalCases];
  // A few at a time: the runs are independent, and the corpus stays quick.
  for (let start = 0; start < cases.length; start += 4) {
    const batch = cases.slice(start, start + 4);
    const runs = await Promise.all(batch.map((ssrfCase) => api.ask(ssrfCase.message)));
    batch.forEach((ssrfCase, index) => {
      expect(runs[index].stream, ssrfCase.name).toContain(ssrfCase.refusal);
      expect(runs[index].stream, ssrfCase.name).not.toContain("canary reached");
    });
  }
  expect(await fixtures.canaryHits()).toEqual(hitsBefore);
  testInfo.annotations.push({
    type: "ssrf corpus",
    description: `${canaryCases.length} canary cases + ${refusalCases.length} refusal-only cases, 0 canary hits`,
  });
});

test("the canary does count a request that reaches it", async ({ request }) => {
  const fixtures = new WebFixtures(request);
  const before = (await fixtures.canaryHits()).length;
  expect((await fixtures.canary()).ipv6).toBe(true);
  await request.get(`http://[::1]:${port}/hit/control`);
  await request.get(`http://0.0.0.0:${port}/hit/control`);
  expect((await fixtures.canaryHits()).slice(before)).toEqual(["GET /hit/control", "GET /hit/control"]);
});

test("the user reads the refusal in the web agent's lane", async ({ page, request }) => {
  const fixtures = new WebFixtures(request);
  const hitsBefore = await fixtures.canaryHits();
  const chat = new ChatPage(page);
  await chat.open();
  await chat.ask(`Summarise http://2130706433:${port}/hit/ui`);
  await expect(chat.agentLane("Web agent")).toContainText(loopback);
  await chat.ask(`Summarise ${site}/redirect/canary`);
  await expect(chat.agentLane("Web agent")).toContainText(
    `${loopback} (after a redirect from ${site}/redirect/canary)`,
  );
  await chat.ask("Search the web for ssrf-case ipv6-loopback");
  await expect(chat.agentLane("Web agent")).toContainText("refused: ::1 is a loopback address");
  expect(await fixtures.canaryHits()).toEqual(hitsBefore);
});
