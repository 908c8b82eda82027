import { useRef, useState } from "preact/hooks";
import { usePinnedScroll } from "../shared/pinnedScroll";
import type { Workspace } from "./store";
import type { InboxStore, OpenConversation } from "./inboxStore";
import type { ChatMessage } from "../shared/protocol";
import type { AttachmentLinks } from "../shared/attachments/links";
import { MessageAttachments } from "../shared/attachments/MessageAttachments";
import { filesSummary } from "../shared/attachments/files";
import { runs } from "./inboxState";
import { channelNames, contactName, statusNames } from "./inboxText";
import { AssignControl, ExportButtons, LabelsEditor, StatusActions } from "./InboxActions";
import { CannedComposer } from "./CannedComposer";
import { NotesPanel } from "./NotesPanel";
import { Avatar } from "../shared/ui";
import { clockTime, dateTime } from "../shared/time";
import { describe } from "../shared/errors";

/**
 * One conversation of the shared inbox: who and where, its status actions, assignee, labels and export; the whole
 * thread (its live chats marked as such) with a reply box, or the team's private notes. Changes arrive live.
 */
export function InboxConversation({ workspace }: { workspace: Workspace }) {
  const inbox = workspace.inbox;
  const open = inbox.open.value;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState<"thread" | "notes">("thread");
  const input = useRef<HTMLTextAreaElement>(null);
  const notes = inbox.notes.value;

  if (!open) {
    return inbox.openState.value === "error"
      ? <div class="empty ws-empty"><strong>This conversation could not be opened</strong><p>It may have been removed, or you no longer see its queue.</p></div>
      : <div class="empty ws-empty"><p>Loading the conversation…</p></div>;
  }
  const c = open.conversation;

  async function act(action: () => Promise<void>) {
    setError(null);
    setBusy(true);
    try { await action(); } catch (e) { setError(describe(e)); } finally { setBusy(false); }
  }

  const live = c.liveSessionId ? workspace.entry(c.liveSessionId) : undefined;
  return (
    <section class="convo ib-convo" aria-labelledby="ib-convo-title" data-testid="inbox-conversation" data-status={c.status}>
      <header class="convo-header">
        <Avatar id={c.contactId} name={contactName(c)} size="lg" />
        <div class="convo-header-text">
          <h1 id="ib-convo-title"><span dir="auto">{contactName(c)}</span> <span class={`badge ib-status-${c.status}`} data-testid="conversation-status">{statusNames[c.status]}</span></h1>
          <p class="muted">
            {c.subject ? <><span dir="auto">“{c.subject}”</span> · </> : null}
            {inbox.queueName(c.queueId)} · {channelNames[c.channel] ?? c.channel}
            {c.contactEmail && c.contactName ? <> · {c.contactEmail}</> : null}
            {c.status === "snoozed" && c.snoozedUntil ? <> · until {dateTime(c.snoozedUntil)}</> : null}
          </p>
        </div>
        <StatusActions inbox={inbox} conversation={c} act={act} busy={busy} />
      </header>
      {error && <p class="error-text convo-error" role="alert">{error}</p>}
      <div class="ib-toolbar">
        <AssignControl inbox={inbox} conversation={c} act={act} busy={busy} />
        <LabelsEditor inbox={inbox} conversation={c} act={act} busy={busy} />
        <ExportButtons inbox={inbox} conversation={c} act={act} />
      </div>
      <div class="tabs" role="tablist" aria-label="Conversation views">
        <button role="tab" id="ib-tab-thread" aria-controls="ib-view-thread" aria-selected={tab === "thread"} onClick={() => setTab("thread")}>Thread</button>
        <button role="tab" id="ib-tab-notes" aria-controls="ib-view-notes" aria-selected={tab === "notes"} onClick={() => setTab("notes")}>
          Private notes {notes.length > 0 && <span class="badge" data-testid="notes-count">{notes.length}</span>}
        </button>
      </div>
      {tab === "thread" ? (
        <div id="ib-view-thread" role="tabpanel" aria-labelledby="ib-tab-thread" class="convo-body">
          <Thread inbox={inbox} open={open} links={workspace.attachments.links} />
          {c.liveSessionId && (
            <div class="wrap-banner ib-live-banner" role="status">
              A live chat with this customer is running.
              {live && <button type="button" class="link-btn" onClick={() => workspace.showSession(live.sessionId)}>Open the live chat</button>}
            </div>
          )}
          <CannedComposer workspace={workspace} inputRef={input} files={inbox.files.value}
            onSend={(text, attachments) => void inbox.reply(text, undefined, attachments)} onTyping={() => {}} />
        </div>
      ) : (
        <div id="ib-view-notes" role="tabpanel" aria-labelledby="ib-tab-notes" class="convo-body">
          <NotesPanel notes={notes} unavailable={inbox.notesUnavailable.value} onAdd={(text) => inbox.addNote(text)} idPrefix="ib-note" />
        </div>
      )}
    </section>
  );
}

/** The thread, oldest first: the conversation's own messages, each live chat as a marked group; then replies on their way. */
function Thread({ inbox, open, links }: { inbox: InboxStore; open: OpenConversation; links: AttachmentLinks }) {
  const id = open.conversation.conversationId;
  const pending = inbox.pending.value;
  const scroller = usePinnedScroll([open.messages.length, pending.length]);

  return (
    // Focusable: a long thread scrolls, and keyboard users scroll it with the arrow keys.
    <div class="messages ib-thread" ref={scroller} role="log" tabIndex={0} aria-live="polite" aria-relevant="additions" aria-label="Conversation thread">
      {open.truncated && <p class="ib-truncated">Older messages are left out here. Export the conversation to read all of it.</p>}
      {open.messages.length === 0 && pending.length === 0 && <p class="messages-empty">No messages yet.</p>}
      {runs(open.messages, id).map((run) => run.episode ? (
        <div key={`${run.sessionId}@${run.messages[0].seq}`} class="ib-episode" role="group" aria-label={`Live chat, ${dateTime(run.messages[0].at)}`} data-session={run.sessionId}>
          <div class="ib-episode-mark" aria-hidden="true"><span>Live chat · {dateTime(run.messages[0].at)}</span></div>
          {run.messages.map((m, i) => <Bubble key={m.seq} message={m} selfId={inbox.selfId} previous={run.messages[i - 1]} links={links} />)}
        </div>
      ) : run.messages.map((m, i) => <Bubble key={`${m.sessionId}#${m.seq}`} message={m} selfId={inbox.selfId} previous={run.messages[i - 1]} links={links} />))}
      {pending.map((p) => (
        <div key={p.clientMessageId} class="msg msg-self" data-state={p.state}>
          {p.text && <div class="bubble" dir="auto">{p.text}</div>}
          {p.attachments?.length ? <div class="bubble att-pending-line" dir="auto">{filesSummary(p.attachments)}</div> : null}
          <div class="msg-meta">
            {p.state === "sending" ? "Sending…" : (
              <span class="failed">{p.error ?? "Not sent."} <button type="button" class="link-btn" onClick={() => void inbox.reply(p.text, p.clientMessageId, p.attachments)}>Retry</button></span>
            )}
          </div>
        </div>
      ))}
    </div>
  );
}

/** A message: the customer's on the left, the team's on the right (with who wrote it, when not the reader), events centred. */
function Bubble({ message: m, selfId, previous, links }: { message: ChatMessage; selfId: string; previous: ChatMessage | undefined; links: AttachmentLinks }) {
  if (m.kind === "event" || m.senderRole === "system") {
    return <div class="msg-event" data-session={m.sessionId} data-seq={m.seq}><span>{m.text}</span> <time dateTime={m.at}>{dateTime(m.at)}</time></div>;
  }
  const team = m.senderRole !== "visitor";
  const grouped = !!previous && previous.kind === "text" && previous.senderId === m.senderId && Date.parse(m.at) - Date.parse(previous.at) < 120_000;
  return (
    <div class={`msg ${team ? "msg-self" : "msg-other"}${grouped ? " msg-grouped" : ""}`} data-session={m.sessionId} data-seq={m.seq} data-role={m.senderRole}>
      {!grouped && m.senderId !== selfId && (
        <div class="msg-author">
          <Avatar id={m.senderId} name={m.senderName} size="sm" />
          <span dir="auto">{m.senderName}</span>
        </div>
      )}
      {(m.text || !m.attachments?.length) && <div class="bubble" dir="auto">{m.text}</div>}
      <MessageAttachments attachments={m.attachments} links={links} />
      <div class="msg-meta"><time dateTime={m.at} title={dateTime(m.at)}>{clockTime(m.at)}</time></div>
    </div>
  );
}
