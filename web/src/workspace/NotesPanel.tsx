import { useState } from "preact/hooks";
import type { Workspace } from "./store";
import type { SessionEntry } from "./sessionEntry";
import { Avatar } from "../shared/ui";
import { dateTime } from "../shared/time";
import { describe } from "../shared/errors";
import { CharCount } from "../shared/CharCount";
import { lengthStatus, limits } from "../shared/limits";

/** Private notes on the session: staff only, never shown to the visitor. */
export function NotesPanel({ workspace, entry }: { workspace: Workspace; entry: SessionEntry }) {
  const notes = entry.notes.value;
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tooLong = lengthStatus(text, limits.note).over;

  async function add(event: Event) {
    event.preventDefault();
    if (!text.trim() || tooLong) return;
    setBusy(true);
    setError(null);
    try {
      await workspace.addNote(entry, text.trim());
      setText("");
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="notes">
      <p class="notes-hint">Only your team sees these notes.</p>
      {entry.unavailable.value.notes && <p class="rail-empty">Notes are not available on this server.</p>}
      <ul class="note-list">
        {notes.map((n) => (
          <li key={`${n.at}-${n.authorId}`} class="note">
            <Avatar id={n.authorId} name={n.authorName} size="sm" />
            <div><strong>{n.authorName}</strong> <time class="subtle">{dateTime(n.at)}</time><p dir="auto">{n.text}</p></div>
          </li>
        ))}
      </ul>
      <form class="note-form" onSubmit={add}>
        <label class="sr-only" for="note-text">New private note</label>
        <textarea id="note-text" class="textarea" rows={3} placeholder="Add a private note…" value={text} dir="auto" aria-describedby="note-count"
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void add(e); }} />
        <CharCount id="note-count" text={text} max={limits.note} />
        {error && <p class="error-text" role="alert">{error}</p>}
        <button class="btn btn-primary btn-sm" type="submit" disabled={busy || !text.trim() || tooLong}>Add note</button>
      </form>
    </div>
  );
}
