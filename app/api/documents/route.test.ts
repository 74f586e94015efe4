import { describe, expect, it } from "vitest";
import { waitForIngestion } from "@/lib/kb/ingestion-jobs";
import { waitForReindex } from "@/lib/kb/reindex";
import { compactChunksTable } from "@/lib/kb/store";
import {
  buildLongPdf,
  hostileFiles,
  knowledgeBaseSnapshot,
  makeFile,
  useKnowledgeBaseDirectory,
} from "@/lib/kb/test-fixtures";
import { POST as cancel } from "./[id]/cancel/route";
import { GET as passages } from "./[id]/passages/route";
import { POST as retry } from "./[id]/retry/route";
import { DELETE, GET as getOne } from "./[id]/route";
import { POST as reindex } from "./reindex/route";
import { GET, POST } from "./route";

function upload(files: File[]): Promise<Response> {
  const form = new FormData();
  for (const file of files) form.append("file", file);
  return POST(new Request("http://localhost/api/documents", { method: "POST", body: form }));
}

const context = (id: string) => ({ params: Promise.resolve({ id }) });
const request = (id: string, method = "GET") =>
  new Request(`http://localhost/api/documents/${id}`, { method });

describe("/api/documents", () => {
  const data = useKnowledgeBaseDirectory({ MAX_UPLOAD_BYTES: "3000000" });

  it("uploads documents (201), lists them with the index state, returns one with its passages, and deletes it", async () => {
    const response = await upload([
      makeFile("notes.md", "# Notes\n\nThe ferry leaves at 7:15 every morning."),
    ]);
    expect(response.status).toBe(201);
    const { documents } = await response.json();
    expect(documents).toMatchObject([{ name: "notes.md", status: "processing", mediaType: "text/markdown" }]);
    const id: string = documents[0].id;
    await waitForIngestion(id);

    const list = await (await GET(new Request("http://127.0.0.1/api/documents"))).json();
    expect(list.documents).toMatchObject([{ id, status: "ready", chunks: 1, progress: 1 }]);
    expect(list.index).toMatchObject({
      indexedModel: "offline:char4grams-2048",
      modelChanged: false,
      reindex: null,
    });
    expect((await (await getOne(request(id), context(id))).json()).document).toMatchObject({
      id,
      name: "notes.md",
    });
    const read = await (await passages(request(`${id}/passages`), context(id))).json();
    expect(read.passages).toEqual([
      {
        chunkIndex: 0,
        page: null,
        heading: "Notes",
        text: "# Notes\n\nThe ferry leaves at 7:15 every morning.",
        url: `/knowledge/${id}?passage=0#chunk-0`,
      },
    ]);

    expect((await DELETE(request(id, "DELETE"), context(id))).status).toBe(204);
    const missing = await getOne(request(id), context(id));
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toContain("no document");
  });

  it("tells the uploader when the same content is already there", async () => {
    const first = await (await upload([makeFile("a.txt", "Same words.")])).json();
    const second = await upload([makeFile("b.txt", "Same words.")]);
    expect(second.status).toBe(201);
    const body = await second.json();
    expect(body.documents[0].id).toBe(first.documents[0].id);
    expect(body.messages[0]).toContain("already in the knowledge base");
  });

  for (const hostile of hostileFiles()) {
    it(`answers ${hostile.status} to ${hostile.title} and stores nothing`, async () => {
      await waitForIngestion(
        (await (await upload([makeFile("keep.md", "# Keep\n\nKept.")])).json()).documents[0].id,
      );
      await compactChunksTable();
      const before = await knowledgeBaseSnapshot(data.directory());
      const response = await upload([makeFile(hostile.name, hostile.bytes, hostile.mimeType)]);
      expect(response.status).toBe(hostile.status);
      expect((await response.json()).error).toContain(hostile.message);
      expect(await knowledgeBaseSnapshot(data.directory())).toEqual(before);
      expect((await upload([makeFile("after.md", "# After\n\nStill serving.")])).status).toBe(201);
    });
  }

  it("answers 413 to a file over MAX_UPLOAD_BYTES, and to a body over the whole upload's limit before reading it", async () => {
    const response = await upload([makeFile("big.txt", "x".repeat(3_000_001))]);
    expect(response.status).toBe(413);
    expect((await response.json()).error).toContain("MAX_UPLOAD_BYTES");
    const declared = await POST(
      new Request("http://localhost/api/documents", {
        method: "POST",
        body: "x",
        headers: {
          "content-type": "multipart/form-data; boundary=x",
          "content-length": String(3_000_000 * 21 + 2_000_000),
        },
      }),
    );
    expect(declared.status).toBe(413);
    expect((await (await GET(new Request("http://127.0.0.1/api/documents"))).json()).documents).toEqual([]);
  });

  it("refuses a body that is not multipart, or has no file field, with 400", async () => {
    const json = await POST(
      new Request("http://localhost/api/documents", {
        method: "POST",
        body: "{}",
        headers: { "content-type": "application/json" },
      }),
    );
    expect(json.status).toBe(400);
    expect((await json.json()).error).toContain("multipart/form-data");
    const form = new FormData();
    form.append("file", "just a string");
    expect(
      (await POST(new Request("http://localhost/api/documents", { method: "POST", body: form }))).status,
    ).toBe(400);
  });

  it("cancels a document being added (then 409), and retries it (202) until it is ready", async () => {
    const { documents } = await (await upload([makeFile("manual.pdf", buildLongPdf(400))])).json();
    const id: string = documents[0].id;
    const cancelled = await cancel(request(`${id}/cancel`, "POST"), context(id));
    expect(cancelled.status).toBe(200);
    expect((await cancelled.json()).document).toMatchObject({
      status: "failed",
      error: expect.stringContaining("Cancelled"),
    });
    expect((await cancel(request(`${id}/cancel`, "POST"), context(id))).status).toBe(409);
    const retried = await retry(request(`${id}/retry`, "POST"), context(id));
    expect(retried.status).toBe(202);
    expect((await retried.json()).document).toMatchObject({ status: "processing" });
    expect(await waitForIngestion(id)).toMatchObject({ status: "ready", pages: 400 });
    expect((await retry(request(`${id}/retry`, "POST"), context(id))).status).toBe(409);
  });

  it("starts a re-index (202) and reports it in the list", async () => {
    await waitForIngestion(
      (await (await upload([makeFile("a.md", "# A\n\nAlpha.")])).json()).documents[0].id,
    );
    const response = await reindex(new Request("http://localhost/api/documents/reindex", { method: "POST" }));
    expect(response.status).toBe(202);
    expect((await response.json()).index.reindex).toMatchObject({ status: "running", total: 1 });
    await waitForReindex();
    expect((await (await GET(new Request("http://127.0.0.1/api/documents"))).json()).index).toMatchObject({
      modelChanged: false,
      reindex: null,
    });
  });

  it("answers 404 for an id that is not a document id", async () => {
    expect((await DELETE(request("x", "DELETE"), context("../../etc"))).status).toBe(404);
    expect((await retry(request("x", "POST"), context("nope"))).status).toBe(404);
    expect((await passages(request("x"), context("0b7d3c52-52d7-4c86-9f0f-4d1f2f2a1a11"))).status).toBe(404);
  });
});
