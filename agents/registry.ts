import { imageAgent } from "./image-agent";
import { retrieverAgent } from "./retriever-agent";
import type { SubAgentDefinition } from "./sub-agent-tool";
import { webAgent } from "./web-agent";

/** The manager's team. Adding an agent is one file in `agents/` and one line here. */
export const subAgents: readonly SubAgentDefinition[] = [webAgent, retrieverAgent, imageAgent];

/** What the UI lists under "Agents", so users can switch agents off for a conversation. */
export function describeTeam(): Array<{ toolName: string; title: string; description: string }> {
  return [
    ...subAgents.map(({ toolName, title, description }) => ({ toolName, title, description })),
    { toolName: "code_interpreter", title: "Code interpreter", description: "Runs JavaScript in a sandbox." },
  ];
}
