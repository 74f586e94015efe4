import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetEnvironmentForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { forgetProcessSingleton } from "@/lib/process-singleton";
import { objectStorageAvailable, useObjectStorage } from "@/tests/object-storage";
import { sendSignedS3Request } from "@/tests/services/ceph-rgw-server";
import { useTemporaryDataDirectory } from "@/tests/temporary-data-directory";
import { parseStorageUrl } from "./storage-location";
import { getStoredFiles } from "./stored-files";

const bytes = new TextEncoder().encode("The lantern oil is kept in the shed.");

function behavesAsStoredFiles() {
  it("writes once, reads back the same bytes, and removes", async () => {
    const files = getStoredFiles();
    expect(await files.exists("originals/doc-1")).toBe(false);
    expect(await files.read("originals/doc-1")).toBeUndefined();
    await files.write("originals/doc-1", bytes);
    expect(await files.exists("originals/doc-1")).toBe(true);
    expect(await files.read("originals/doc-1")).toEqual(bytes);
    await files.remove("originals/doc-1");
    await files.remove("originals/doc-1");
    expect(await files.exists("originals/doc-1")).toBe(false);
  });

  it("never overwrites a stored file", async () => {
    const files = getStoredFiles();
    await files.write("images/a.png", bytes);
    const second = files.write("images/a.png", new TextEncoder().encode("other"));
    await expect(second).rejects.toBeInstanceOf(AppError);
    await expect(second).rejects.toMatchObject({ code: "conflict" });
    expect(await files.read("images/a.png")).toEqual(bytes);
  });

  it.each([
    "../metadata.sqlite",
    "originals/../../etc/passwd",
    "/etc/passwd",
    "originals/",
    "Originals/x",
    "x",
  ])("refuses the key %j before touching storage", async (key) => {
    await expect(getStoredFiles().write(key, bytes)).rejects.toThrow(/Invalid stored file key/);
    await expect(getStoredFiles().read(key)).rejects.toThrow(/Invalid stored file key/);
  });
}

describe("stored files in DATA_DIR", () => {
  useTemporaryDataDirectory();
  behavesAsStoredFiles();
});

describe.skipIf(!objectStorageAvailable)("stored files in S3 (Ceph RGW)", () => {
  const storage = useObjectStorage();
  useTemporaryDataDirectory();
  let prefix = "";
  const saved = { ...process.env };
  beforeEach(() => {
    prefix = `files-${crypto.randomUUID()}`;
    Object.assign(process.env, storage.environment(prefix));
    resetEnvironmentForTests();
    forgetProcessSingleton("storage.files");
  });
  afterEach(() => {
    for (const name of Object.keys(storage.environment(prefix))) {
      if (name in saved) process.env[name] = saved[name];
      else delete process.env[name];
    }
    resetEnvironmentForTests();
    forgetProcessSingleton("storage.files");
  });

  behavesAsStoredFiles();

  it("keeps the files under the STORAGE_URL prefix in the bucket", async () => {
    await getStoredFiles().write("originals/doc-2", bytes);
    const server = storage.server();
    const stored = await sendSignedS3Request(server, {
      method: "GET",
      bucket: server.bucket,
      key: `${prefix}/originals/doc-2`,
    });
    expect(stored.status).toBe(200);
    expect(new Uint8Array(await stored.arrayBuffer())).toEqual(bytes);
  });
});

describe("STORAGE_URL", () => {
  it("reads a bucket and an optional prefix", () => {
    expect(parseStorageUrl("s3://agent-team")).toEqual({ bucket: "agent-team", prefix: "" });
    expect(parseStorageUrl("s3://agent-team/prod/eu/")).toEqual({ bucket: "agent-team", prefix: "prod/eu" });
  });

  it.each(["agent-team", "s3://", "s3://A_B/x", "s3://ok-bucket/../escape", "http://bucket/x"])(
    "refuses %j, naming the variable",
    (value) => {
      expect(() => parseStorageUrl(value)).toThrow(/STORAGE_URL/);
    },
  );
});
