import { type APIRequestContext, type APIResponse, expect, type Locator, type Page } from "@playwright/test";

/**
 * Starts a chat run through `POST /api/chat` without waiting for it: the answer is read to its end
 * when the returned promise settles. `timeout` makes the client give up (and so stop the run).
 */
export function startChatRun(
  request: APIRequestContext,
  text: string,
  options: { timeout?: number; chatId?: string } = {},
): Promise<APIResponse> {
  return request.post("/api/chat", {
    data: {
      id: options.chatId ?? `api-${crypto.randomUUID()}`,
      trigger: "submit-message",
      messages: [{ id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text }] }],
    },
    timeout: options.timeout ?? 45_000,
  });
}

/** Presses Stop on conversation `chatId` through the API, as the button does, once its run is going. */
export async function stopChatRun(request: APIRequestContext, chatId: string): Promise<void> {
  const response = await request.post(`/api/chat/${chatId}/stop`);
  expect(response.status()).toBe(200);
  expect(((await response.json()) as { run: { status: string } | null }).run).toMatchObject({
    status: "stopped",
  });
}

/** Waits until `GET /api/traces` lists a run whose question contains `text`, in `status`; its id. */
export async function findRun(
  request: APIRequestContext,
  text: string,
  status: "running" | "ok" | "error",
): Promise<string> {
  let traceId: string | undefined;
  await expect
    .poll(
      async () => {
        const query = new URLSearchParams({ q: text, status });
        const response = await request.get(`/api/traces?${query}`);
        const body = (await response.json()) as { traces: Array<{ id: string }> };
        traceId = body.traces[0]?.id;
        return traceId;
      },
      { timeout: 20_000, intervals: [100, 200, 250] },
    )
    .toBeTruthy();
  return traceId as string;
}

/** One run's timeline at `/traces/[id]`: the run's facts and its waterfall of spans. */
export class TracePage {
  readonly heading: Locator;
  readonly runStatus: Locator;
  /** The waterfall: one list item per span, named after the span. */
  readonly spans: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Trace", exact: true });
    this.runStatus = page.getByRole("status", { name: "Run status" });
    this.spans = page.getByRole("list", { name: "Spans" });
  }

  /** Opens a run's timeline, or one span of it (`#span-<id>`), and waits until it responds to clicks. */
  async open(traceId: string, spanId?: string) {
    await this.page.goto(`/traces/${traceId}${spanId ? `#span-${spanId}` : ""}`);
    await expect(this.heading).toBeVisible();
    await expect(this.spans).toHaveAttribute("data-interactive", "true");
  }

  /** The first row of a span with this name (a name such as `chat <model>` can repeat). */
  row(name: string | RegExp): Locator {
    return this.spans.getByRole("listitem", { name, exact: typeof name === "string" }).first();
  }

  /** The open details of a row: its inputs, outputs and error. */
  details(name: string): Locator {
    return this.row(name).getByRole("region", { name: `Details of ${name}` });
  }

  /** Opens a row's details and returns them. */
  async expand(name: string): Promise<Locator> {
    const row = this.row(name);
    await row.getByRole("button", { expanded: false }).first().click();
    const details = this.details(name);
    await expect(details).toBeVisible();
    return details;
  }

  /** The span id of a row, as `#span-<id>` links use it. */
  async spanIdOf(name: string): Promise<string> {
    const id = await this.row(name).getAttribute("id");
    expect(id).toMatch(/^span-[0-9a-f]{16}$/);
    return (id as string).slice("span-".length);
  }

  /** Marks the document, so that `stayedOnSamePage` can tell a reload or navigation apart. */
  async markDocument() {
    await this.page.evaluate(() => {
      (window as Window & { traceTestMarker?: boolean }).traceTestMarker = true;
    });
  }

  async stayedOnSamePage(): Promise<boolean> {
    return this.page.evaluate(
      () => (window as Window & { traceTestMarker?: boolean }).traceTestMarker === true,
    );
  }
}

/** The recent runs at `/traces`: search, filters and the table of runs. */
export class TraceListPage {
  readonly search: Locator;
  readonly status: Locator;
  readonly agent: Locator;
  readonly time: Locator;
  readonly runs: Locator;

  constructor(readonly page: Page) {
    const filters = page.getByRole("search", { name: "Filter runs" });
    this.search = filters.getByRole("searchbox", { name: "Search" });
    this.status = filters.getByRole("combobox", { name: "Status" });
    this.agent = filters.getByRole("combobox", { name: "Agent" });
    this.time = filters.getByRole("combobox", { name: "Time" });
    this.runs = page.getByRole("table", { name: "Runs" });
  }

  /** Opens the list, with a query such as `?q=…&status=ok` when given. */
  async open(query = "") {
    await this.page.goto(`/traces${query}`);
    await expect(this.page.getByRole("heading", { name: "Traces", exact: true })).toBeVisible();
  }

  /** Types into the search box; the list follows after a short pause, without a button. */
  async searchFor(text: string) {
    await this.search.fill(text);
    await expect(this.page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(text)}(&|$)`));
  }

  /** The row of the run whose link (its question) contains `text`. */
  runRow(text: string): Locator {
    return this.runs.getByRole("row").filter({ has: this.page.getByRole("link", { name: text }) });
  }

  /** The questions of the listed runs, top to bottom. */
  async runNames(): Promise<string[]> {
    return this.runs.getByRole("link").allTextContents();
  }
}
