import "server-only";
import path from "node:path";
import { z } from "zod";
import { imageSizesSchema } from "@/lib/images/image-sizes";
import { sandboxHelpersSchema } from "@/lib/sandbox/sandbox-helper-catalog";

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const optionalUrl = optionalString.pipe(z.url().optional());

const environmentSchema = z.object({
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  CHAT_MODEL: z.string().trim().default("gpt-4o-mini"),
  EMBEDDING_MODEL: z.string().trim().default("text-embedding-3-small"),
  IMAGE_MODEL: z.string().trim().default("gpt-image-1"),
  IMAGE_SIZES: imageSizesSchema,
  IMAGE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(120_000),
  WEB_AGENT_MODEL: optionalString,
  RETRIEVER_AGENT_MODEL: optionalString,
  IMAGE_AGENT_MODEL: optionalString,
  SEARXNG_URL: optionalUrl,
  TAVILY_API_KEY: optionalString,
  BRAVE_API_KEY: optionalString,
  WEB_FETCH_ALLOW: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((entry) => entry.trim().toLowerCase())
        .filter(Boolean),
    ),
  WEB_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  WEB_FETCH_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  DATA_DIR: z.string().trim().default("./data"),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, {
        error: "must be a postgres:// URL (unset: the embedded database in DATA_DIR)",
      })
      .optional(),
  ),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  STORAGE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^s3:\/\//, { error: "must be an s3://bucket/prefix URL (unset: the folders in DATA_DIR)" })
      .optional(),
  ),
  AWS_ENDPOINT_URL: optionalUrl,
  AWS_REGION: z.string().trim().default("us-east-1"),
  AWS_ACCESS_KEY_ID: optionalString,
  AWS_SECRET_ACCESS_KEY: optionalString,
  AWS_SESSION_TOKEN: optionalString,
  AWS_ALLOW_HTTP: optionalString
    .pipe(z.enum(["true", "false"], { error: 'must be "true" or "false"' }).optional())
    .transform((value) => value === "true"),
  LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  MAX_EXPANDED_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(100 * 1024 * 1024),
  PDF_TIMEOUT_MS: z.coerce.number().int().min(100).default(120_000),
  EXTRACT_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  KB_ANN_MIN_ROWS: z.coerce.number().int().min(256).default(20_000),
  CODE_INTERPRETER_HELPERS: sandboxHelpersSchema,
  MAX_AGENT_STEPS: z.coerce.number().int().min(1).max(50).default(8),
  RUN_MAX_STEPS: z.coerce.number().int().min(1).default(40),
  RUN_MAX_TOKENS: z.coerce.number().int().min(1).default(1_000_000),
  RUN_MAX_WEB_FETCHES: z.coerce.number().int().min(1).default(30),
  RUN_MAX_SANDBOX_SECONDS: z.coerce.number().int().min(1).default(60),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  TRACE_RETENTION_RUNS: z.coerce.number().int().min(1).default(500),
  TRACE_RETENTION_DAYS: z.coerce.number().int().min(0).default(30),
  TRACE_RECORD_CONTENT: optionalString
    .pipe(z.enum(["true", "false"], { error: 'must be "true" or "false"' }).optional())
    .transform((value) => value !== "false"),
});

export type Environment = z.infer<typeof environmentSchema> & { dataDirectory: string };

let cached: Environment | undefined;

/** The validated environment. A bad value throws once, naming the variable. */
export function getEnvironment(): Environment {
  if (cached) return cached;
  const parsed = environmentSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join("; ")}`);
  }
  cached = { ...parsed.data, dataDirectory: path.resolve(parsed.data.DATA_DIR) };
  return cached;
}

/** Tests change the environment between cases; this forgets the cached copy. */
export function resetEnvironmentForTests(): void {
  cached = undefined;
}
