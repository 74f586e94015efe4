import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import type { KnowledgeDocument } from "../../lib/kb/document-types";
import { buildLongPdf } from "../../lib/kb/fixture-documents";
import {
  type CephRgwServer,
  objectStorageEnvironment,
  startCephRgw,
} from "../../tests/services/ceph-rgw-server";
import { createTestDatabase, type PostgresServer, startPostgres } from "../../tests/services/postgres-server";
import { ChatApi, knowledgeSearchesOf } from "../pages/chat-api";
import { PrivateAppServer } from "../support/private-app-server";

// Two `next start` processes on one PostgreSQL database and one S3 bucket (Ceph RGW), each with its
// own empty DATA_DIR: whatever one replica does, the other sees, and neither loses the other's work.
test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

const restartReason = "Adding the document was interrupted by a server restart. Retry to add it again.";

let postgres: PostgresServer;
let objectStorage: CephRgwServer;
let environment: Record<string, string>;
const replicas: Record<"a" | "b", PrivateAppServer> = {} as Record<"a" | "b", PrivateAppServer>;
const clients: Record<"a" | "b", APIRequestContext> = {} as Record<"a" | "b", APIRequestContext>;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  [postgres, objectStorage] = await Promise.all([startPostgres(), startCephRgw()]);
  environment = {
    DATABASE_URL: await createTestDatabase(postgres.url),
    ...objectStorageEnvironment(objectStorage, "replicas"),
    LEASE_MS: "2000",
  };
  replicas.a = await PrivateAppServer.create();
  replicas.b = await PrivateAppServer.create();
  // Started together: both run the migrations at once.
  await Promise.all([replicas.a.start(environment), replicas.b.start(environment)]);
  for (const name of ["a", "b"] as const) {
    clients[name] = await playwrightRequest.newContext({ baseURL: replicas[name].url });
  }
});

test.afterAll(async () => {
  await Promise.all(Object.values(clients).map((client) => client.dispose()));
  await Promise.all(Object.values(replicas).map((replica) => replica.dispose()));
  await Promise.all([postgres?.stop(), objectStorage?.stop()]);
});

async function upload(on: "a" | "b", name: string, mimeType: string, buffer: Buffer | Uint8Array) {
  const response = await clients[on].post("/api/documents", {
    multipart: { file: { name, mimeType, buffer: Buffer.from(buffer) } },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { documents: KnowledgeDocument[] }).documents[0];
}

async function documentOn(on: "a" | "b", id: string): Promise<KnowledgeDocument | undefined> {
  const response = await clients[on].get(`/api/documents/${id}`);
  if (response.status() === 404) return undefined;
  expect(response.status()).toBe(200);
  return ((await response.json()) as { document: KnowledgeDocument }).document;
}

async function waitForStatus(
  on: "a" | "b",
  id: string,
  status: KnowledgeDocument["status"],
  timeout = 60_000,
) {
  await expect
    .poll(async () => (await documentOn(on, id))?.status, { timeout, intervals: [200] })
    .toBe(status);
}

async function searchOn(on: "a" | "b", question: string) {
  const searches = knowledgeSearchesOf(await new ChatApi(clients[on]).ask(question));
  expect(searches).toHaveLength(1);
  return searches[0];
}

test("a document uploaded on A is ready on B and answers questions asked on B", async () => {
  const document = await upload(
    "a",
    "quillmouth-ferries.md",
    "text/markdown",
    Buffer.from("# Ferries\n\nThe Quillmouth ferry to Marrowgate leaves at 7:15 from pier nine."),
  );
  await waitForStatus("b", document.id, "ready");
  const search = await searchOn("b", "When does the Quillmouth ferry to Marrowgate leave?");
  expect(search.passages[0]).toMatchObject({ documentName: "quillmouth-ferries.md" });
  expect(search.passages[0].text).toContain("7:15 from pier nine");
});

test("a conversation and its trace made on A can be opened on B", async () => {
  const run = await new ChatApi(clients.a).ask("Calculate 1234 * 5");
  expect(run.stream).toContain("6170");
  const traces = (await (await clients.b.get(`/api/traces/${run.traceId}`)).json()) as {
    status: string;
    chatId: string;
    spans: unknown[];
  };
  expect(traces).toMatchObject({ status: "ok" });
  expect(traces.spans.length).toBeGreaterThan(2);
  const chat = await clients.b.get(`/api/chats/${traces.chatId}`);
  expect(chat.status()).toBe(200);
  expect(JSON.stringify(await chat.json())).toContain("6170");
});

test("a document deleted on A is never cited on B", async () => {
  const document = await upload(
    "a",
    "brine-vault.md",
    "text/markdown",
    Buffer.from("# Vault\n\nThe brine vault combination is 4417, kept by the harbourmaster."),
  );
  await waitForStatus("b", document.id, "ready");
  expect((await searchOn("b", "What is the brine vault combination?")).passages[0].documentName).toBe(
    "brine-vault.md",
  );
  expect((await clients.a.delete(`/api/documents/${document.id}`)).status()).toBe(204);
  expect(await documentOn("b", document.id)).toBeUndefined();
  const after = await searchOn("b", "What is the brine vault combination?");
  expect(after.passages.map((passage) => passage.documentName)).not.toContain("brine-vault.md");
});

test("a document A is adding can be cancelled on B: A stops, it never becomes ready, and a retry adds it exactly once", async () => {
  const document = await upload("a", "almanac-cancel.pdf", "application/pdf", buildLongPdf(600));
  await expect
    .poll(async () => (await documentOn("b", document.id))?.progress ?? 0, {
      timeout: 30_000,
      intervals: [100],
    })
    .toBeGreaterThan(0);
  const cancel = await clients.b.post(`/api/documents/${document.id}/cancel`);
  expect(cancel.status()).toBe(200);
  expect(((await cancel.json()) as { document: KnowledgeDocument }).document).toMatchObject({
    status: "failed",
  });
  // A notices within its lease renewal and stops; whatever it still commits is removed, never made ready.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  for (const on of ["a", "b"] as const) {
    expect(await documentOn(on, document.id)).toMatchObject({ status: "failed", chunks: 0 });
  }
  expect((await (await clients.b.get(`/api/documents/${document.id}/passages`)).json()).passages).toEqual([]);
  // A retry waits (409) until A has let go of the document, then runs on B alone: had A kept going,
  // its job and B's would both write passages, and one would make the document ready with the other's.
  await expect
    .poll(async () => (await clients.b.post(`/api/documents/${document.id}/retry`)).status(), {
      timeout: 30_000,
      intervals: [250],
    })
    .toBe(202);
  await waitForStatus("b", document.id, "ready", 90_000);
  const ready = await documentOn("b", document.id);
  const passages = (await (await clients.a.get(`/api/documents/${document.id}/passages`)).json()) as {
    passages: Array<{ chunkIndex: number }>;
  };
  expect(passages.passages.map((passage) => passage.chunkIndex)).toEqual(
    Array.from({ length: ready?.chunks ?? -1 }, (_, index) => index),
  );
});

test("twenty chats at once, spread over both replicas, each get their own answer", async () => {
  const runs = await Promise.all(
    Array.from({ length: 20 }, (_, index) => {
      const on = index % 2 === 0 ? "a" : "b";
      return new ChatApi(clients[on]).ask(`Calculate ${1000 + index} + ${index * 7}`);
    }),
  );
  for (const [index, run] of runs.entries()) {
    expect(run.stream).toContain(String(1000 + index + index * 7));
    // Recorded as its own run, with its own question, and readable from the other replica too.
    const other = index % 2 === 0 ? "b" : "a";
    const trace = (await (await clients[other].get(`/api/traces/${run.traceId}`)).json()) as {
      input: string;
    };
    expect(trace.input).toBe(`Calculate ${1000 + index} + ${index * 7}`);
  }
  const traceIds = new Set(runs.map((run) => run.traceId));
  expect(traceIds.size).toBe(20);
  const listed = (await (await clients.a.get("/api/traces?limit=100")).json()) as {
    traces: Array<{ id: string }>;
  };
  for (const traceId of traceIds) expect(listed.traces.map((trace) => trace.id)).toContain(traceId);
});

/** The chat body `useChat` sends, for a new question in conversation `chatId`. */
function turn(chatId: string, text: string) {
  return {
    id: chatId,
    trigger: "submit-message",
    messages: [{ id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text }] }],
  };
}

const endlessCode = "Run this code:\n```js\nwhile (true) {}\n```";

/** Starts a run on `on` that the sandbox keeps going for 5 s, and waits until B can follow it. */
async function startEndlessRun(on: "a" | "b", chatId: string) {
  const answer = clients[on].post("/api/chat", { data: turn(chatId, endlessCode), timeout: 60_000 });
  await expect
    .poll(
      async () => {
        const response = await fetch(`${replicas.b.url}/api/chat/${chatId}/stream`);
        await response.body?.cancel();
        return response.status;
      },
      { timeout: 15_000, intervals: [100] },
    )
    .toBe(200);
  // Wrapped: an async function returning the promise itself would wait for the whole answer.
  return { answer };
}

async function storedMessagesOn(on: "a" | "b", chatId: string) {
  const response = await clients[on].get(`/api/chats/${chatId}`);
  expect(response.status()).toBe(200);
  return (
    (await response.json()) as { chat: { messages: Array<{ role: string; metadata?: { error?: string } }> } }
  ).chat.messages;
}

test("a run on A is followed live from B and stopped from B: A stops it, and both streams end", async () => {
  const chatId = `replicas-stop-${crypto.randomUUID()}`;
  const { answer: onA } = await startEndlessRun("a", chatId);
  const followB = clients.b.get(`/api/chat/${chatId}/stream`, { timeout: 60_000 });
  const stop = await clients.b.post(`/api/chat/${chatId}/stop`);
  expect(stop.status()).toBe(200);
  // The stop endpoint answers once the run has ended: A saw the request and aborted it.
  expect(((await stop.json()) as { run: { status: string } }).run).toMatchObject({ status: "stopped" });
  const [streamA, streamB] = await Promise.all([(await onA).text(), (await followB).text()]);
  for (const stream of [streamA, streamB]) {
    expect(stream).toContain('"type":"start"');
    expect(stream).toContain("code_interpreter");
    expect(stream).toContain('"type":"abort"');
  }
  const answer = (await storedMessagesOn("a", chatId)).at(-1);
  expect(answer).toMatchObject({ role: "assistant", metadata: { error: "The run was stopped." } });
  expect((await clients.a.get(`/api/chat/${chatId}/stream`)).status()).toBe(204);
});

test("a replica killed mid-run: B marks the run failed once its lease runs out, keeping the answer so far", async () => {
  const chatId = `replicas-kill-${crypto.randomUUID()}`;
  const { answer: onA } = await startEndlessRun("a", chatId);
  const followB = clients.b.get(`/api/chat/${chatId}/stream`, { timeout: 60_000 });
  await replicas.a.kill();
  // A died with the request open: its answer never comes.
  await expect(onA).rejects.toThrow();
  const streamB = await (await followB).text();
  expect(streamB).toContain("code_interpreter");
  expect(streamB).toContain("The server stopped before the answer was finished.");
  const messages = await storedMessagesOn("b", chatId);
  expect(messages.map((message) => message.role)).toEqual(["user", "assistant"]);
  expect(messages[1]?.metadata?.error).toBe("The server stopped before the answer was finished.");
  expect((await clients.b.get(`/api/chat/${chatId}/stream`)).status()).toBe(204);
  // The conversation goes on, on B.
  const next = await clients.b.post("/api/chat", { data: turn(chatId, "Calculate 21 * 2"), timeout: 45_000 });
  expect(next.status()).toBe(200);
  expect(await next.text()).toContain("42");
  await replicas.a.start(environment);
});

test("a replica killed mid-ingestion: the other marks the document failed once the lease runs out, and Retry there adds it from the bucket", async () => {
  // Other bytes than the cancelled almanac's (which the retry above made ready), so it is no duplicate.
  const document = await upload("a", "almanac-crash.pdf", "application/pdf", buildLongPdf(601));
  await expect
    .poll(async () => (await documentOn("b", document.id))?.progress ?? 0, {
      timeout: 30_000,
      intervals: [100],
    })
    .toBeGreaterThan(0);
  await replicas.a.kill();
  await waitForStatus("b", document.id, "failed", 30_000);
  expect(await documentOn("b", document.id)).toMatchObject({ error: restartReason, chunks: 0 });
  expect((await clients.b.post(`/api/documents/${document.id}/retry`)).status()).toBe(202);
  await waitForStatus("b", document.id, "ready", 90_000);
  expect(await documentOn("b", document.id)).toMatchObject({ status: "ready", error: null });
  await replicas.a.start(environment);
});

test("both replicas restarted together lose nothing", async () => {
  const before = (await (await clients.a.get("/api/documents")).json()) as { documents: KnowledgeDocument[] };
  const chatsBefore = (await (await clients.b.get("/api/chats")).json()) as { chats: unknown[] };
  await Promise.all([replicas.a.stop(), replicas.b.stop()]);
  await Promise.all([replicas.a.start(environment), replicas.b.start(environment)]);
  const after = (await (await clients.b.get("/api/documents")).json()) as { documents: KnowledgeDocument[] };
  expect(after.documents.map((document) => [document.id, document.status])).toEqual(
    before.documents.map((document) => [document.id, document.status]),
  );
  expect(((await (await clients.a.get("/api/chats")).json()) as { chats: unknown[] }).chats).toHaveLength(
    chatsBefore.chats.length,
  );
  const search = await searchOn("a", "When does the Quillmouth ferry to Marrowgate leave?");
  expect(search.passages[0]).toMatchObject({ documentName: "quillmouth-ferries.md" });
});
