import { useEffect, useRef, useState } from "preact/hooks";
import type { Workspace } from "./store";
import type { SessionEntry } from "./sessionEntry";
import { describe } from "../shared/errors";
import { lengthStatus, limits } from "../shared/limits";
import { ColleagueOptions, PrivateNoteField, useColleagues } from "./Colleagues";

/**
 * Invite a colleague into the conversation (docs/protocol.md, "Agent hub: conference"): pick one (not already in it
 * or invited), add an optional private note; they get an offer and, accepting, join the chat and any call. A refusal
 * closes the dialog and shows a toast, as the transfer dialog does.
 */
export function InviteDialog({ workspace, entry, onDone }: { workspace: Workspace; entry: SessionEntry; onDone: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [target, setTarget] = useState("");
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const session = entry.thread.session.value;
  const taken = [session?.assignedAgentId ?? "", ...(session?.members ?? []).map((m) => m.agentId), ...(session?.invites ?? []).map((i) => i.agentId)];
  const agents = useColleagues(workspace, taken);
  const noteTooLong = lengthStatus(note, limits.note).over;

  useEffect(() => dialog.current?.showModal(), []);

  async function submit(event: Event) {
    event.preventDefault();
    if (!target || noteTooLong) return;
    setBusy(true);
    try {
      await workspace.inviteToSession(entry, target.slice(target.indexOf(":") + 1), note.trim() || null);
    } catch (e) {
      workspace.toast({ kind: "error", title: "The colleague was not invited", text: describe(e) });
    }
    dialog.current?.close();
  }

  return (
    <dialog ref={dialog} class="modal" aria-labelledby="invite-title" onClose={onDone}>
      <form onSubmit={submit}>
        <div class="modal-head"><h2 id="invite-title">Invite a colleague into the conversation with {entry.customerName}</h2></div>
        <div class="modal-body">
          <label class="field">
            <span>Colleague</span>
            <select class="select" value={target} required onChange={(e) => setTarget(e.currentTarget.value)}>
              <option value="" disabled>Choose a colleague…</option>
              <ColleagueOptions agents={agents} />
            </select>
          </label>
          <PrivateNoteField id="invite-note" note={note} onChange={setNote} />
        </div>
        <div class="modal-foot">
          <button class="btn" type="button" onClick={() => dialog.current?.close()}>Cancel</button>
          <button class="btn btn-primary" type="submit" disabled={busy || !target || noteTooLong}>{busy ? "Inviting…" : "Invite"}</button>
        </div>
      </form>
    </dialog>
  );
}
