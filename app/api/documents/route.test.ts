import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { waitForIngestion } from "@/lib/kb/ingestion-jobs";
import { makeFile, useKnowledgeBaseDirectory } from "@/lib/kb/test-fixtures";
import { DELETE, GET as getOne } from "./[id]/route";
import { GET, POST } from "./route";

function upload(files: File[]): Promise<Response> {
  const form = new FormData();
  for (const file of files) form.append("file", file);
  return POST(new Request("http://localhost/api/documents", { method: "POST", body: form }));
}

const context = (id: string) => ({ params: Promise.resolve({ id }) });

describe("/api/documents", () => {
  const data = useKnowledgeBaseDirectory();

  it("uploads documents (201), lists them, returns one and deletes it", async () => {
    const response = await upload([
      makeFile("notes.md", "# Notes\n\nThe ferry leaves at 7:15 every morning."),
    ]);
    expect(response.status).toBe(201);
    const { documents } = await response.json();
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({
      name: "notes.md",
      status: "processing",
      mediaType: "text/markdown",
    });
    const id: string = documents[0].id;
    await waitForIngestion(id);

    const list = await (await GET()).json();
    expect(list.documents).toMatchObject([{ id, status: "ready", chunks: 1, progress: 1 }]);
    const one = await getOne(new Request(`http://localhost/api/documents/${id}`), context(id));
    expect((await one.json()).document).toMatchObject({ id, name: "notes.md" });

    const deleted = await DELETE(
      new Request(`http://localhost/api/documents/${id}`, { method: "DELETE" }),
      context(id),
    );
    expect(deleted.status).toBe(204);
    const missing = await getOne(new Request(`http://localhost/api/documents/${id}`), context(id));
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

  it("refuses a program disguised as a PDF with 415 and stores nothing", async () => {
    const response = await upload([makeFile("report.pdf", new Uint8Array([0x4d, 0x5a, 0x90, 0x00]))]);
    expect(response.status).toBe(415);
    expect((await response.json()).error).toContain("Windows program");
    expect((await (await GET()).json()).documents).toEqual([]);
    expect(existsSync(path.join(data.directory(), "originals"))).toBe(false);
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
    const text = await POST(new Request("http://localhost/api/documents", { method: "POST", body: form }));
    expect(text.status).toBe(400);
  });

  it("answers 404 for an id that is not a document id", async () => {
    const response = await DELETE(new Request("http://localhost/api/documents/x"), context("../../etc"));
    expect(response.status).toBe(404);
  });
});
