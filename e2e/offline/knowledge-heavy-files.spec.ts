import { expect, test } from "@playwright/test";
import { buildDocx } from "../../lib/kb/fixture-documents";
import { KnowledgeApi } from "../pages/knowledge-api";

const wordMediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/**
 * A Word document of 450,000 short paragraphs: 37 MB of XML in a 1.2 MB file, which takes mammoth
 * seconds and more memory than a conversion may use. Its words appear in no other spec's documents.
 */
function largeWordDocument(): Buffer {
  return Buffer.from(
    buildDocx(
      Array.from({ length: 450_000 }, (_, index) =>
        index % 50 === 0
          ? { text: `Quarry ledger ${index}`, heading: 1 as const }
          : { text: `Quarry block ${index} logged.` },
      ),
    ),
  );
}

test("the server keeps answering while a large Word document is converted, which ends with 201 or a clear 4xx", async ({
  request,
}) => {
  test.setTimeout(180_000);
  const knowledge = new KnowledgeApi(request);
  let uploadAnswered = false;
  const upload = request
    .post("/api/documents", {
      multipart: {
        file: { name: "quarry-ledger.docx", mimeType: wordMediaType, buffer: largeWordDocument() },
      },
      timeout: 150_000,
    })
    .then((response) => {
      uploadAnswered = true;
      return response;
    });

  // Each read is sent once the previous one has answered. Were the conversion on the server's main
  // thread, a read would wait for it and come back with the upload's answer.
  let readsAnsweredFirst = 0;
  while (!uploadAnswered) {
    await knowledge.documents();
    if (!uploadAnswered) readsAnsweredFirst++;
    // A pause between reads, so that they do not compete with the conversion for the CPU.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(readsAnsweredFirst).toBeGreaterThanOrEqual(10);

  const response = await upload;
  const body = await response.json();
  if (response.status() === 201) {
    // Accepted (the limits allow it): removed again, so later specs search the knowledge base they expect.
    expect(body.documents[0]).toMatchObject({ name: "quarry-ledger.docx" });
    expect((await request.delete(`/api/documents/${body.documents[0].id}`)).status()).toBe(204);
  } else {
    expect(response.status()).toBeGreaterThanOrEqual(400);
    expect(response.status()).toBeLessThan(500);
    expect(body.error).toMatch(/^“quarry-ledger\.docx” is too large or complex to convert within .*Split it/);
  }
  expect((await knowledge.documents()).documents.map((document) => document.name)).not.toContain(
    "quarry-ledger.docx",
  );
});
