import { useState } from "preact/hooks";
import { Avatar } from "../shared/ui";
import { dateTime } from "../shared/time";
import { describe } from "../shared/errors";
import { CharCount } from "../shared/CharCount";
import { lengthStatus, limits } from "../shared/limits";

/** What the panel shows of a note: a live chat's (`SessionNote`) and a conversation's (`ConversationNote`) alike. */
export interface PrivateNote { authorId: string; authorName: string; text: string; at: string }

/**
 * Private notes, staff only, never shown to the customer: on a live chat (the session's notes) or on a conversation
 * of the shared inbox. `idPrefix` keeps the form's ids apart where both could be on the page.
 */
export function NotesPanel({ notes, unavailable, onAdd, idPrefix = "note" }: {
  notes: readonly PrivateNote[]; unavailable?: boolean; onAdd: (text: string) => Promise<void>; idPrefix?: string;
}) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tooLong = lengthStatus(text, limits.note).over;

  async function add(event: Event) {
    event.preventDefault();
    if (!text.trim() || tooLong || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onAdd(text.trim());
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
      {unavailable && <p class="rail-empty">Notes are not available on this server.</p>}
      <ul class="note-list" data-testid="note-list" aria-live="polite" aria-relevant="additions">
        {notes.map((n) => (
          <li key={`${n.at}-${n.authorId}`} class="note">
            <Avatar id={n.authorId} name={n.authorName} size="sm" />
            <div><strong>{n.authorName}</strong> <time class="subtle">{dateTime(n.at)}</time><p dir="auto">{n.text}</p></div>
          </li>
        ))}
      </ul>
      <form class="note-form" onSubmit={add}>
        <label class="sr-only" for={`${idPrefix}-text`}>New private note</label>
        <textarea id={`${idPrefix}-text`} class="textarea" rows={3} placeholder="Add a private note…" value={text} dir="auto" aria-describedby={`${idPrefix}-count`}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void add(e); }} />
        <CharCount id={`${idPrefix}-count`} text={text} max={limits.note} />
        {error && <p class="error-text" role="alert">{error}</p>}
        <button class="btn btn-primary btn-sm" type="submit" disabled={busy || !text.trim() || tooLong}>Add note</button>
      </form>
    </div>
  );
}
