import "server-only";
import path from "node:path";
import { getEnvironment } from "@/lib/env";

/** Where stored files and the LanceDB tables live: folders in DATA_DIR, or a bucket (and prefix) in S3. */
export type StorageLocation =
  | { kind: "local"; directory: string }
  | { kind: "s3"; bucket: string; prefix: string; endpoint?: string; region: string; allowHttp: boolean };

const storageUrlPattern = /^s3:\/\/(?<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(?<prefix>[^?#]*))?$/;

/** Reads STORAGE_URL (`s3://bucket/prefix`); a wrong value throws, naming the variable. */
export function parseStorageUrl(value: string): { bucket: string; prefix: string } {
  const match = storageUrlPattern.exec(value.trim());
  if (!match?.groups) {
    throw new Error(
      `Invalid configuration: STORAGE_URL must look like s3://bucket or s3://bucket/prefix (got "${value}").`,
    );
  }
  const prefix = (match.groups.prefix ?? "").replace(/^\/+|\/+$/g, "");
  if (prefix.split("/").some((segment) => segment === ".." || segment === ".")) {
    throw new Error("Invalid configuration: STORAGE_URL's prefix may not contain . or .. segments.");
  }
  return { bucket: match.groups.bucket, prefix };
}

/** The storage this process uses (STORAGE_URL and the standard AWS_* variables, else DATA_DIR). */
export function getStorageLocation(): StorageLocation {
  const environment = getEnvironment();
  if (!environment.STORAGE_URL) return { kind: "local", directory: environment.dataDirectory };
  return {
    kind: "s3",
    ...parseStorageUrl(environment.STORAGE_URL),
    endpoint: environment.AWS_ENDPOINT_URL,
    region: environment.AWS_REGION,
    allowHttp: environment.AWS_ALLOW_HTTP,
  };
}

/** The LanceDB database's URI and the object-store options it needs there. */
export function lanceDatabaseLocation(): { uri: string; storageOptions?: Record<string, string> } {
  const location = getStorageLocation();
  if (location.kind === "local") return { uri: path.join(location.directory, "lancedb") };
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = getEnvironment();
  const storageOptions: Record<string, string> = { region: location.region };
  if (location.endpoint) {
    storageOptions.endpoint = location.endpoint;
    // Ceph RGW and MinIO address buckets by path, not by host name.
    storageOptions.virtual_hosted_style_request = "false";
  }
  if (location.allowHttp) storageOptions.allow_http = "true";
  if (AWS_ACCESS_KEY_ID) storageOptions.access_key_id = AWS_ACCESS_KEY_ID;
  if (AWS_SECRET_ACCESS_KEY) storageOptions.secret_access_key = AWS_SECRET_ACCESS_KEY;
  if (AWS_SESSION_TOKEN) storageOptions.session_token = AWS_SESSION_TOKEN;
  const key = [location.prefix, "lancedb"].filter(Boolean).join("/");
  return { uri: `s3://${location.bucket}/${key}`, storageOptions };
}
