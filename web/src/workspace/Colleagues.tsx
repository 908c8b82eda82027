import { useEffect } from "preact/hooks";
import type { Workspace } from "./store";
import type { DirectoryEntry } from "../shared/protocol";
import { CharCount } from "../shared/CharCount";
import { limits } from "../shared/limits";
import { presenceText } from "../shared/ui";

const presenceRank: Record<string, number> = { available: 0, busy: 1, away: 2, offline: 3 };

/**
 * The colleagues a dialog offers (transfer, invite): the team directory, read again when the dialog opens, without
 * the agent themself and <code>exclude</code>, available first.
 */
export function useColleagues(workspace: Workspace, exclude: readonly string[] = []): DirectoryEntry[] {
  const inbox = workspace.inbox;
  useEffect(() => void inbox.loadDirectory(), []);
  return (inbox.directory.value?.representatives ?? [])
    .filter((r) => r.agentId !== workspace.login.agentId && !exclude.includes(r.agentId))
    .sort((a, b) => (presenceRank[a.presence] ?? 9) - (presenceRank[b.presence] ?? 9) || a.displayName.localeCompare(b.displayName));
}

/** The colleagues as options of a select, each "agent:<id>", with their presence. */
export function ColleagueOptions({ agents }: { agents: DirectoryEntry[] }) {
  if (agents.length === 0) return null;
  return (
    <optgroup label="Colleagues">
      {agents.map((a) => <option key={a.agentId} value={`agent:${a.agentId}`}>{a.displayName} ({presenceText(a.presence)})</option>)}
    </optgroup>
  );
}

/** A private note for the colleague (only staff see it), with its length counter. */
export function PrivateNoteField({ id, note, onChange }: { id: string; note: string; onChange: (note: string) => void }) {
  return (
    <>
      <label class="field">
        <span>Private note (optional)</span>
        <textarea class="textarea" rows={3} value={note} dir="auto" aria-describedby={`${id}-count`} onInput={(e) => onChange(e.currentTarget.value)}
          placeholder="What they need to know: only staff see it." />
      </label>
      <CharCount id={`${id}-count`} text={note} max={limits.note} />
    </>
  );
}
