import type { UIMessage } from "ai";

/** The fields of a tool part that the views read, whatever the tool. */
export interface ToolPartView {
  type: string;
  toolCallId: string;
  state: "input-streaming" | "input-available" | "output-available" | "output-error" | string;
  input?: unknown;
  output?: unknown;
  errorText?: string;
  preliminary?: boolean;
}

/** Narrows a message part to a tool part (`tool-<name>`), which every tool view renders. */
export function asToolPart(part: UIMessage["parts"][number]): ToolPartView | undefined {
  return part.type.startsWith("tool-") && "toolCallId" in part
    ? (part as unknown as ToolPartView)
    : undefined;
}

export function toolNameOf(part: ToolPartView): string {
  return part.type.slice("tool-".length);
}

/** running, done or failed: the one status word every tool view shows. */
export function statusOf(part: ToolPartView): "running" | "done" | "failed" {
  if (part.state === "output-error") return "failed";
  if (part.state === "output-available" && !part.preliminary) return "done";
  return "running";
}
