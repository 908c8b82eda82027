import { useEffect, useRef, useState } from "preact/hooks";
import type { Workspace } from "./store";
import type { SessionEntry } from "./sessionEntry";
import { describe } from "../shared/errors";
import { lengthStatus, limits } from "../shared/limits";
import { ColleagueOptions, PrivateNoteField, useColleagues } from "./Colleagues";

/**
 * Transfer: pick a colleague (from the team directory, read again on opening, available first) or a queue, add an
 * optional private note, and hand the conversation over. A refusal (the colleague cannot take it now) closes the
 * dialog and shows a toast.
 */
export function TransferDialog({ workspace, entry, onDone }: { workspace: Workspace; entry: SessionEntry; onDone: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [target, setTarget] = useState("");
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const inbox = workspace.inbox;

  useEffect(() => dialog.current?.showModal(), []);

  const agents = useColleagues(workspace);
  const queues = inbox.directory.value?.queues ?? [];
  const noteTooLong = lengthStatus(note, limits.note).over;

  async function submit(event: Event) {
    event.preventDefault();
    if (!target || noteTooLong) return;
    const [kind, id] = [target.slice(0, target.indexOf(":")), target.slice(target.indexOf(":") + 1)];
    setBusy(true);
    try {
      await workspace.transfer(entry, kind === "agent" ? { toAgentId: id } : { toQueueId: id }, note.trim() || null);
    } catch (e) {
      // A toast outside the modal dialog: the dialog closes so that it is seen.
      workspace.toast({ kind: "error", title: "The conversation was not transferred", text: describe(e) });
    }
    dialog.current?.close();
  }

  return (
    <dialog ref={dialog} class="modal" aria-labelledby="transfer-title" onClose={onDone}>
      <form onSubmit={submit}>
        <div class="modal-head"><h2 id="transfer-title">Transfer the conversation with {entry.customerName}</h2></div>
        <div class="modal-body">
          <label class="field">
            <span>Transfer to</span>
            <select class="select" value={target} required onChange={(e) => setTarget(e.currentTarget.value)}>
              <option value="" disabled>Choose a colleague or a queue…</option>
              <ColleagueOptions agents={agents} />
              {queues.length > 0 && (
                <optgroup label="Queues">
                  {queues.map((q) => <option key={q.queueId} value={`queue:${q.queueId}`}>{q.name} queue</option>)}
                </optgroup>
              )}
            </select>
          </label>
          <PrivateNoteField id="transfer-note" note={note} onChange={setNote} />
        </div>
        <div class="modal-foot">
          <button class="btn" type="button" onClick={() => dialog.current?.close()}>Cancel</button>
          <button class="btn btn-primary" type="submit" disabled={busy || !target || noteTooLong}>{busy ? "Transferring…" : "Transfer"}</button>
        </div>
      </form>
    </dialog>
  );
}
