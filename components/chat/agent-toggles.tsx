"use client";

export interface TeamMember {
  toolName: string;
  title: string;
  description: string;
}

interface AgentTogglesProps {
  team: TeamMember[];
  disabled: ReadonlySet<string>;
  onChange(toolName: string, enabled: boolean): void;
}

/** Lets the user switch agents off for this conversation. */
export function AgentToggles({ team, disabled, onChange }: AgentTogglesProps) {
  return (
    <details className="relative text-sm">
      <summary className="cursor-pointer select-none rounded-lg border border-zinc-300 px-3 py-1">
        Agents
      </summary>
      <fieldset className="absolute right-0 z-10 mt-1 w-72 space-y-2 rounded-xl border border-zinc-200 bg-white p-3 shadow-lg">
        <legend className="sr-only">Agents used in this conversation</legend>
        {team.map((member) => (
          <label key={member.toolName} className="flex items-start gap-2">
            <input
              type="checkbox"
              className="mt-1"
              checked={!disabled.has(member.toolName)}
              onChange={(event) => onChange(member.toolName, event.target.checked)}
            />
            <span>
              <span className="font-medium">{member.title}</span>
              <span className="block text-xs text-zinc-500">{member.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </details>
  );
}
