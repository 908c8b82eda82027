import { useEffect, useRef, useState } from "preact/hooks";
import type { InboxStore } from "./inboxStore";
import type { ConversationView } from "../shared/protocol";
import { addLabel, labelsInScope, snoozePresets } from "./inboxState";
import { dateTime } from "../shared/time";
import { CloseIcon } from "../shared/icons";

/** Runs a conversation action; its failure is shown by the caller (`onError`). */
export type Act = (action: () => Promise<void>) => Promise<void>;

/** Resolve, mark pending, snooze, reopen: what the conversation's status allows. */
export function StatusActions({ inbox, conversation: c, act, busy }: { inbox: InboxStore; conversation: ConversationView; act: Act; busy: boolean }) {
  const id = c.conversationId;
  return (
    <div class="convo-actions" role="group" aria-label="Status">
      {c.status !== "resolved" && c.status !== "open" && <button class="btn" type="button" disabled={busy} onClick={() => act(() => inbox.setStatus(id, "open"))}>Reopen</button>}
      {c.status === "open" && <button class="btn" type="button" disabled={busy} onClick={() => act(() => inbox.setStatus(id, "pending"))}>Mark pending</button>}
      {c.status !== "resolved" && <SnoozeMenu disabled={busy} onSnooze={(until) => act(() => inbox.setStatus(id, "snoozed", until))} />}
      {c.status !== "resolved"
        ? <button class="btn btn-success" type="button" disabled={busy} onClick={() => act(() => inbox.setStatus(id, "resolved"))}>Resolve</button>
        : <button class="btn btn-primary" type="button" disabled={busy} onClick={() => act(() => inbox.setStatus(id, "open"))}>Reopen</button>}
    </div>
  );
}

/**
 * "Snooze…": a few presets and a time of one's own. Opens below its button with focus on the first preset; Escape
 * closes it and puts focus back on the button.
 */
function SnoozeMenu({ disabled, onSnooze }: { disabled: boolean; onSnooze: (until: Date) => void }) {
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState("");
  const [error, setError] = useState<string | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => { if (open) panel.current?.querySelector<HTMLButtonElement>("button")?.focus(); }, [open]);

  function close() {
    setOpen(false);
    setError(null);
    toggle.current?.focus();
  }
  function choose(until: Date) {
    setOpen(false);
    onSnooze(until);
  }
  function submitCustom(event: Event) {
    event.preventDefault();
    const until = custom ? new Date(custom) : null;
    if (!until || isNaN(until.getTime())) return setError("Choose a day and time.");
    if (until.getTime() <= Date.now()) return setError("Choose a time in the future.");
    choose(until);
  }

  return (
    <div class="ib-menu-anchor" onKeyDown={(e) => { if (e.key === "Escape" && open) { e.preventDefault(); close(); } }}>
      <button ref={toggle} class="btn" type="button" disabled={disabled} aria-expanded={open} aria-controls="ib-snooze" onClick={() => (open ? close() : setOpen(true))}>Snooze…</button>
      {open && (
        <div id="ib-snooze" ref={panel} class="ib-menu" role="group" aria-label="Snooze until">
          {snoozePresets(new Date()).map((p) => (
            <button key={p.label} type="button" class="ib-menu-item" onClick={() => choose(p.until)}>
              {p.label} <span class="subtle">{dateTime(p.until.toISOString())}</span>
            </button>
          ))}
          <form class="ib-snooze-custom" onSubmit={submitCustom}>
            <label class="field"><span>Until a time of your own</span>
              <input class="input" type="datetime-local" value={custom} aria-invalid={error ? true : undefined} aria-describedby={error ? "ib-snooze-error" : undefined}
                onInput={(e) => setCustom(e.currentTarget.value)} />
            </label>
            {error && <p id="ib-snooze-error" class="error-text">{error}</p>}
            <button type="submit" class="btn btn-sm btn-primary">Snooze</button>
          </form>
        </div>
      )}
    </div>
  );
}

/** Who answers it: the agent themself, another agent of the conversation's queue, or nobody. */
export function AssignControl({ inbox, conversation: c, act, busy }: { inbox: InboxStore; conversation: ConversationView; act: Act; busy: boolean }) {
  const self = inbox.selfId;
  const colleagues = inbox.colleagues(c.queueId);
  const known = c.assigneeId === null || c.assigneeId === self || colleagues.some((a) => a.agentId === c.assigneeId);
  return (
    <div class="ib-tool">
      <label class="ib-tool-label" for="ib-assignee">Assignee</label>
      <select id="ib-assignee" class="select ib-select" value={c.assigneeId ?? ""} disabled={busy}
        onChange={(e) => { const agentId = e.currentTarget.value || null; void act(() => inbox.assign(c.conversationId, agentId)); }}>
        <option value="">Unassigned</option>
        <option value={self}>{inbox.agentName(self)}</option>
        {colleagues.map((a) => <option key={a.agentId} value={a.agentId}>{a.displayName}</option>)}
        {!known && <option value={c.assigneeId!}>{inbox.agentName(c.assigneeId)}</option>}
      </select>
      {c.assigneeId !== self && <button class="btn btn-sm" type="button" disabled={busy} onClick={() => act(() => inbox.assign(c.conversationId, self))}>Assign to me</button>}
    </div>
  );
}

/** The conversation's labels: remove one, or add one checked as the server checks it (a–z 0–9 - _, at most 20). */
export function LabelsEditor({ inbox, conversation: c, act, busy }: { inbox: InboxStore; conversation: ConversationView; act: Act; busy: boolean }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const scope = inbox.scope.value;
  const suggestions = scope ? labelsInScope(inbox.counts.value, scope).filter((l) => !c.labels.includes(l)) : [];

  function add(event: Event) {
    event.preventDefault();
    const result = addLabel(c.labels, text);
    if ("error" in result) return setError(result.error);
    setError(null);
    setText("");
    if (result.labels.length !== c.labels.length) void act(() => inbox.setLabels(c.conversationId, result.labels));
  }

  return (
    <div class="ib-tool ib-labels" role="group" aria-labelledby="ib-labels-title">
      <span id="ib-labels-title" class="ib-tool-label">Labels</span>
      {c.labels.length > 0 && (
        <ul class="ib-label-list" aria-label="Labels on this conversation">
          {c.labels.map((l) => (
            <li key={l} class="ib-label">
              {l}
              <button type="button" class="ib-label-remove" aria-label={`Remove label ${l}`} disabled={busy}
                onClick={() => act(() => inbox.setLabels(c.conversationId, c.labels.filter((x) => x !== l)))}><CloseIcon size={12} /></button>
            </li>
          ))}
        </ul>
      )}
      <form class="ib-label-form" onSubmit={add}>
        <input class="input ib-label-input" value={text} placeholder="Add a label" aria-label="Add a label" list="ib-label-suggestions"
          aria-invalid={error ? true : undefined} aria-describedby={error ? "ib-label-error" : undefined}
          onInput={(e) => { setText(e.currentTarget.value); setError(null); }} />
        <datalist id="ib-label-suggestions">{suggestions.map((l) => <option key={l} value={l} />)}</datalist>
        <button type="submit" class="btn btn-sm" disabled={busy || !text.trim()}>Add</button>
      </form>
      {error && <p id="ib-label-error" class="error-text ib-label-error">{error}</p>}
    </div>
  );
}

/** The whole conversation as a download: JSON with every message, or the readable document. */
export function ExportButtons({ inbox, conversation: c, act }: { inbox: InboxStore; conversation: ConversationView; act: Act }) {
  return (
    <div class="ib-tool" role="group" aria-label="Export the conversation">
      <button type="button" class="btn btn-sm btn-ghost" onClick={() => act(() => inbox.exportConversation(c.conversationId, "json"))}>Export JSON</button>
      <button type="button" class="btn btn-sm btn-ghost" onClick={() => act(() => inbox.exportConversation(c.conversationId, "text"))}>Export text</button>
    </div>
  );
}
