import { AppError } from "@/lib/errors";

/** A refusal because of where a request would go; carries the host and port so callers can explain the fix. */
export class WebAddressRefusedError extends AppError {
  readonly host: string;
  readonly port: number;

  constructor(host: string, port: number, reason: string) {
    super("web_refused", `refused: ${reason}`);
    this.host = host;
    this.port = port;
  }
}

/** `AppError("web_refused", "refused: …")` for anything the policy does not allow besides the address. */
export function webRefused(reason: string): AppError {
  return new AppError("web_refused", `refused: ${reason}`);
}

/** `AppError("web_unreachable", "could not reach host: …")`. */
export function webUnreachable(host: string, detail: string, cause?: unknown): AppError {
  return new AppError("web_unreachable", `could not reach ${host}: ${detail}`, { cause });
}

const phrasesByCode: Record<string, string> = {
  ENOTFOUND: "the name does not resolve to any address",
  EAI_AGAIN: "the name could not be resolved right now (DNS lookup failed)",
  ENODATA: "the name has no address records",
  ECONNREFUSED: "the connection was refused",
  ECONNRESET: "the connection was reset",
  ETIMEDOUT: "the connection timed out",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  EPIPE: "the connection was closed",
};

/** A short phrase for a Node network or TLS error, for use after "could not reach host: ". */
export function describeNetworkError(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "string") {
    if (phrasesByCode[code]) return phrasesByCode[code];
    if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
      return `its TLS certificate could not be verified (${code})`;
    }
    if (code.startsWith("HPE_")) return `it sent a malformed HTTP response (${code})`;
  }
  return error instanceof Error ? error.message : String(error);
}
