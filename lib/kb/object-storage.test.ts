import { beforeEach, describe, expect, it } from "vitest";
import { objectStorageAvailable, useObjectStorage } from "@/tests/object-storage";
import { sendSignedS3Request } from "@/tests/services/ceph-rgw-server";
import { deleteDocument } from "./documents";
import { ingestUpload } from "./ingest";
import { waitForIngestion } from "./ingestion-jobs";
import { searchKnowledgeBase } from "./search";
import { makeFile, sampleMarkdown, useKnowledgeBaseDirectory } from "./test-fixtures";

describe.skipIf(!objectStorageAvailable)("the knowledge base on S3 object storage (Ceph RGW)", () => {
  const storage = useObjectStorage();
  let prefix = "";
  // Registered before the knowledge-base directory's own set-up, which then opens the store on S3.
  beforeEach(() => {
    prefix = `kb-${crypto.randomUUID()}`;
    Object.assign(process.env, storage.environment(prefix));
  });
  useKnowledgeBaseDirectory();

  async function objectStatus(key: string): Promise<number> {
    const server = storage.server();
    const answer = await sendSignedS3Request(server, {
      method: "HEAD",
      bucket: server.bucket,
      key: `${prefix}/${key}`,
    });
    return answer.status;
  }

  async function listedKeys(): Promise<string> {
    const server = storage.server();
    const answer = await sendSignedS3Request(server, {
      method: "GET",
      bucket: server.bucket,
      query: { "list-type": "2", prefix: `${prefix}/` },
    });
    return answer.text();
  }

  it("keeps originals and LanceDB tables in the bucket, searches them, and deletes them again", async () => {
    const { documents } = await ingestUpload([makeFile("lighthouse.md", sampleMarkdown)]);
    const id = documents[0].id;
    expect(await waitForIngestion(id)).toMatchObject({ status: "ready" });
    expect(await objectStatus(`originals/${id}`)).toBe(200);
    expect(await listedKeys()).toContain(`${prefix}/lancedb/`);

    const { passages } = await searchKnowledgeBase({ query: "lighthouse keeper lamp" });
    expect(passages[0]).toMatchObject({ documentId: id, documentName: "lighthouse.md" });

    await deleteDocument(id);
    expect(await objectStatus(`originals/${id}`)).toBe(404);
    expect((await searchKnowledgeBase({ query: "lighthouse keeper lamp" })).passages).toEqual([]);
  });
});
