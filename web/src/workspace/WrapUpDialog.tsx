import { useEffect, useRef, useState } from "preact/hooks";
import type { Workspace } from "./store";
import type { SessionEntry } from "./sessionEntry";
import { describe } from "../shared/errors";
import { CharCount } from "../shared/CharCount";
import { lengthStatus, limits } from "../shared/limits";

/** Outcomes agents pick when closing; "lead" and "sale" count as conversions on the dashboard. */
export const outcomes = [
  { id: "resolved", label: "Resolved" },
  { id: "lead", label: "Lead" },
  { id: "sale", label: "Sale" },
  { id: "follow-up", label: "Follow-up" },
  { id: "not-resolved", label: "Not resolved" },
  { id: "spam", label: "Spam" },
];

/** Wrap-up: choose an outcome, optionally leave a private note, and close. Esc cancels. */
export function WrapUpDialog({ workspace, entry, onDone }: { workspace: Workspace; entry: SessionEntry; onDone: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [outcome, setOutcome] = useState("resolved");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const noteTooLong = lengthStatus(note, limits.note).over;

  async function submit(event: Event) {
    event.preventDefault();
    if (noteTooLong) return;
    setBusy(true);
    setError(null);
    try {
      await workspace.close(entry, outcome, note.trim() || null);
      dialog.current?.close();
      onDone();
    } catch (e) {
      setError(describe(e));
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} class="modal" aria-labelledby="wrap-title" onClose={onDone}>
      <form onSubmit={submit}>
        <div class="modal-head"><h2 id="wrap-title">Close conversation with {entry.customerName}</h2></div>
        <div class="modal-body">
          <fieldset class="plain">
            <legend class="field-label">Outcome</legend>
            <div class="choice-grid">
              {outcomes.map((o) => (
                <label key={o.id} class="choice">
                  <input type="radio" name="outcome" value={o.id} checked={outcome === o.id} onChange={() => setOutcome(o.id)} />
                  {o.label}
                </label>
              ))}
            </div>
          </fieldset>
          <label class="field">
            <span>Private note (optional)</span>
            <textarea class="textarea" rows={3} value={note} dir="auto" aria-describedby="wrap-note-count" onInput={(e) => setNote(e.currentTarget.value)} placeholder="What happened, what's next…" />
          </label>
          <CharCount id="wrap-note-count" text={note} max={limits.note} />
          {error && <p class="error-text" role="alert">{error}</p>}
        </div>
        <div class="modal-foot">
          <button class="btn" type="button" onClick={() => dialog.current?.close()}>Cancel</button>
          <button class="btn btn-primary" type="submit" disabled={busy || noteTooLong}>{busy ? "Closing…" : "Close conversation"}</button>
        </div>
      </form>
    </dialog>
  );
}
