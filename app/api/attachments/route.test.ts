import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/database";
import { useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { GET } from "./[id]/route";
import { POST } from "./route";

function upload(files: Array<{ name: string; type: string; bytes: string }>): Promise<Response> {
  const form = new FormData();
  for (const file of files) form.append("file", new File([file.bytes], file.name, { type: file.type }));
  return POST(new Request("http://127.0.0.1/api/attachments", { method: "POST", body: form }));
}

async function storedCount(): Promise<number> {
  const database = await getDatabase();
  return (await database.selectFrom("attachments").select("id").execute()).length;
}

describe("POST /api/attachments", () => {
  useTemporaryDataDirectory();

  it("stores a file once and serves it back by its content address", async () => {
    const memo = {
      name: "memo.md",
      type: "text/markdown",
      bytes: "# Memo\n\nThe lamp is replaced every 18 months.\n",
    };
    const first = await upload([memo]);
    expect(first.status).toBe(201);
    const { attachments } = (await first.json()) as { attachments: Array<{ id: string; url: string }> };
    const again = (await (await upload([memo])).json()) as { attachments: Array<{ id: string }> };
    expect(again.attachments[0]?.id).toBe(attachments[0]?.id);
    expect(await storedCount()).toBe(1);
    const served = await GET(new Request(`http://127.0.0.1${attachments[0]?.url}`), {
      params: Promise.resolve({ id: attachments[0]?.id ?? "" }),
    });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-disposition")).toBe("attachment");
    expect(await served.text()).toContain("18 months");
  });

  it("refuses a batch with one bad file before storing any of it", async () => {
    const response = await upload([
      { name: "memo.md", type: "text/markdown", bytes: "# Fine\n" },
      { name: "setup.exe", type: "application/octet-stream", bytes: "MZ\u0090\u0000" },
    ]);
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: string }).error).toContain("“setup.exe” cannot be attached");
    expect(await storedCount()).toBe(0);
  });

  it("answers 404 for ids that are not stored or not content addresses", async () => {
    for (const id of ["0".repeat(64), "../../etc/passwd", "abc"]) {
      const response = await GET(new Request(`http://127.0.0.1/api/attachments/${id}`), {
        params: Promise.resolve({ id }),
      });
      expect(response.status).toBe(404);
    }
  });
});
