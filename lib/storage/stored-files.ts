import "server-only";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { AppError } from "@/lib/errors";
import { processSingleton } from "@/lib/process-singleton";
import { getStorageLocation, type StorageLocation } from "./storage-location";

/**
 * The app's stored files (uploaded originals, generated images), by key (`originals/<id>`,
 * `images/<file>`): folders in DATA_DIR, or objects under STORAGE_URL that every replica reads.
 * Files are written once and never changed.
 */
export interface StoredFiles {
  /** Stores new bytes; a key that is already taken is a conflict (409), never overwritten. */
  write(key: string, bytes: Uint8Array, options?: { contentType?: string }): Promise<void>;
  /** The bytes, or undefined when there is no such file. */
  read(key: string): Promise<Uint8Array | undefined>;
  exists(key: string): Promise<boolean>;
  /** Removes the file if it is there. */
  remove(key: string): Promise<void>;
}

const keyPattern = /^[a-z]+\/[A-Za-z0-9][A-Za-z0-9._-]*$/;

function checkKey(key: string): string {
  // Keys are made by the app from ids; anything else (a path, "..") never reaches a disk or a bucket.
  if (!keyPattern.test(key) || key.includes("..")) throw new Error(`Invalid stored file key: ${key}`);
  return key;
}

function alreadyStored(key: string): AppError {
  return new AppError("conflict", `A stored file named ${key} already exists; it is never overwritten.`);
}

function localFiles(directory: string): StoredFiles {
  const pathOf = (key: string) => path.join(directory, checkKey(key));
  return {
    async write(key, bytes) {
      const target = pathOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, bytes, { flag: "wx" }).catch((error: NodeJS.ErrnoException) => {
        throw error.code === "EEXIST" ? alreadyStored(key) : error;
      });
    },
    async read(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
    async exists(key) {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
        throw error;
      }
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof NoSuchKey ||
    error instanceof NotFound ||
    (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)
  );
}

function s3Files(location: Extract<StorageLocation, { kind: "s3" }>): StoredFiles {
  // Credentials come from the standard AWS_* variables (or the SDK's other usual sources).
  const client = new S3Client({
    region: location.region,
    endpoint: location.endpoint,
    // A custom endpoint (Ceph RGW, MinIO) addresses buckets by path.
    forcePathStyle: location.endpoint !== undefined,
  });
  const objectKey = (key: string) => [location.prefix, checkKey(key)].filter(Boolean).join("/");
  const { bucket } = location;
  const read = async (key: string): Promise<Uint8Array | undefined> => {
    try {
      const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
      return answer.Body ? await answer.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  };
  return {
    async write(key, bytes, options) {
      try {
        // If-None-Match: * makes the write a create: two replicas can never overwrite each other.
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: objectKey(key),
            Body: bytes,
            ContentType: options?.contentType ?? "application/octet-stream",
            IfNoneMatch: "*",
          }),
        );
      } catch (error) {
        if (!(error instanceof S3ServiceException && error.$metadata.httpStatusCode === 412)) throw error;
        // The SDK retries a PUT whose answer was lost; the retry then finds its own first attempt.
        const stored = await read(key);
        if (stored && Buffer.from(stored).equals(Buffer.from(bytes))) return;
        throw alreadyStored(key);
      }
    },
    read,
    async exists(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
    },
  };
}

/** The stored files of this process's configuration (one client per process and location). */
export function getStoredFiles(): StoredFiles {
  const location = getStorageLocation();
  const name = location.kind === "local" ? location.directory : `s3://${location.bucket}/${location.prefix}`;
  const stores = processSingleton("storage.files", () => new Map<string, StoredFiles>());
  let store = stores.get(name);
  if (!store) {
    store = location.kind === "local" ? localFiles(location.directory) : s3Files(location);
    stores.set(name, store);
  }
  return store;
}
