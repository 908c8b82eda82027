import { useEffect, useRef, useState } from "preact/hooks";
import type { Workspace } from "./store";
import type { SessionEntry } from "./sessionEntry";
import { MessageList } from "../shared/MessageList";
import { Avatar, presenceText, useNow } from "../shared/ui";
import { CannedComposer } from "./CannedComposer";
import { NotesPanel } from "./NotesPanel";
import { WrapUpDialog } from "./WrapUpDialog";
import { TransferDialog } from "./TransferDialog";
import { InviteDialog } from "./InviteDialog";
import { memberNames } from "./conference";
import { transferText } from "./transfer";
import { describe } from "../shared/errors";
import { limits } from "../shared/limits";
import { CallPanel } from "../shared/call/CallPanel";
import { callsSupported } from "../shared/call/devices";
import { PhoneIcon, VideoIcon } from "../shared/icons";
import { whereabouts } from "./whereabouts";
import { SupervisionBar, SupervisorComposer, SupervisorsBanner } from "./Supervision";
import { SlaTimer } from "./SlaTimer";

const statusText: Record<string, string> = {
  requested: "Requested", queued: "Waiting", offered: "Offered", active: "Active", wrapUp: "Wrap-up", closed: "Closed", abandoned: "Abandoned",
};

/** One conversation: who, status and actions; the chat or the private notes; the composer. */
export function ConversationView({ workspace, entry }: { workspace: Workspace; entry: SessionEntry }) {
  const session = entry.thread.session.value;
  const [tab, setTab] = useState<"chat" | "notes">("chat");
  const [closing, setClosing] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const where = whereabouts(entry, workspace.site.visitors.value, workspace.site.available.value && workspace.site.loaded.value);
  const status = session?.status ?? "active";
  const canWrite = status === "active" || status === "wrapUp";
  const call = entry.call;
  const supervised = entry.supervised;
  const canCall = !supervised && status === "active" && call.phase.value === "none" && callsSupported();
  // A colleague in the conversation writes and calls; the assigned agent owns it: invite, transfer, wrap up, close.
  const member = !!session?.members?.some((m) => m.agentId === workspace.login.agentId);
  const canInvite = !supervised && status === "active" && !member && 1 + (session?.members?.length ?? 0) + (session?.invites?.length ?? 0) < limits.sessionAgents;

  useEffect(() => {
    if (tab === "chat") void entry.thread.markRead(workspace.connection, "MarkRead");
  }, [tab, entry.thread.messages.value.length]);

  async function act(action: () => Promise<void>) {
    setError(null);
    try { await action(); } catch (e) { setError(describe(e)); }
  }

  return (
    <section class="convo" aria-labelledby="convo-title">
      <header class="convo-header">
        <Avatar id={entry.customerId ?? entry.sessionId} name={entry.customerName} presence={where?.presence} size="lg" />
        <div class="convo-header-text">
          <h1 id="convo-title">{entry.customerName} <span class={`badge status-${status}`}>{statusText[status]}</span></h1>
          <p class="muted">
            {session?.topic ? <>“{session.topic}” · </> : null}
            {session?.queueId} · <span data-testid="convo-whereabouts">{where ? `${presenceText(where.presence)}${where.page ? ` on ${where.title ?? where.page}` : ""}` : "…"}</span>
          </p>
          <SlaTimer sla={session?.sla} long />
        </div>
        <div class="convo-actions">
          {canCall && (
            <>
              <button class="btn" type="button" disabled={call.busy.value} onClick={() => void call.start("audio")}><PhoneIcon size={16} /> Call</button>
              <button class="btn" type="button" disabled={call.busy.value} onClick={() => void call.start("video")}><VideoIcon size={16} /> Video</button>
            </>
          )}
          {canInvite && <button class="btn" type="button" onClick={() => setInviting(true)}>Invite</button>}
          {member ? (
            <button class="btn" type="button" onClick={() => act(() => workspace.leaveSession(entry))}>Leave</button>
          ) : !supervised && (
            <>
              {status === "active" && !session?.transfer && <button class="btn" type="button" onClick={() => setTransferring(true)}>Transfer</button>}
              {status === "active" && <button class="btn" type="button" onClick={() => act(() => workspace.wrapUp(entry))}>Wrap up</button>}
              {(status === "active" || status === "wrapUp") && <button class="btn btn-primary" type="button" onClick={() => setClosing(true)}>Close…</button>}
            </>
          )}
        </div>
      </header>
      {error && <p class="error-text convo-error" role="alert">{error}</p>}
      {session?.transfer && <TransferBanner workspace={workspace} entry={entry} />}
      {supervised ? <SupervisionBar workspace={workspace} entry={entry} /> : <SupervisorsBanner supervisors={entry.otherSupervisors} />}
      <Members workspace={workspace} entry={entry} owner={!member && !supervised} />
      {!supervised && (
        <div class="call-slot">
          <CallPanel call={call} peer={{ id: entry.customerId ?? entry.sessionId, name: entry.customerName }} />
        </div>
      )}
      <div class="tabs" role="tablist" aria-label="Conversation views">
        <button role="tab" id="tab-chat" aria-controls="view-chat" aria-selected={tab === "chat"} onClick={() => setTab("chat")}>Chat</button>
        <button role="tab" id="tab-notes" aria-controls="view-notes" aria-selected={tab === "notes"} onClick={() => setTab("notes")}>
          Private notes {entry.notes.value.length > 0 && <span class="badge">{entry.notes.value.length}</span>}
        </button>
      </div>
      {tab === "chat" ? (
        <div id="view-chat" role="tabpanel" aria-labelledby="tab-chat" class="convo-body">
          <MessageList thread={entry.thread} selfId={workspace.login.agentId} links={workspace.attachments.links}
            onRetry={(p) => void (supervised && entry.supervision?.mode !== "barge"
              ? workspace.whisper(entry, p.text, p.clientMessageId) : workspace.send(entry, p.text, p.clientMessageId, p.attachments))} />
          {status === "wrapUp" && (
            <div class="wrap-banner" role="status">The conversation has ended. Add notes if you like, then close it with an outcome.</div>
          )}
          {canWrite && status === "active" && (supervised ? <SupervisorComposer workspace={workspace} entry={entry} /> : <ComposerArea workspace={workspace} entry={entry} />)}
        </div>
      ) : (
        <div id="view-notes" role="tabpanel" aria-labelledby="tab-notes" class="convo-body">
          <NotesPanel notes={entry.notes.value} unavailable={entry.unavailable.value.notes} onAdd={(text) => workspace.addNote(entry, text)} />
        </div>
      )}
      {transferring && <TransferDialog workspace={workspace} entry={entry} onDone={() => setTransferring(false)} />}
      {inviting && <InviteDialog workspace={workspace} entry={entry} onDone={() => setInviting(false)} />}
      {closing && <WrapUpDialog workspace={workspace} entry={entry} onDone={() => setClosing(false)} />}
    </section>
  );
}

/** The colleagues in the conversation beside its owner, and the invites under way (the owner withdraws them). */
function Members({ workspace, entry, owner }: { workspace: Workspace; entry: SessionEntry; owner: boolean }) {
  const session = entry.thread.session.value;
  const { members, invited } = memberNames(session, (id) => workspace.inbox.agentName(id));
  if (members.length === 0 && invited.length === 0) return null;
  const ownerName = [...(session?.participants ?? [])].reverse().find((p) => p.id === session?.assignedAgentId)?.displayName;
  return (
    <div class="convo-members" role="status" data-testid="convo-members">
      <span>In this conversation: {[owner ? "you" : ownerName ?? "its agent", ...members.map((m) => m.agentId === workspace.login.agentId ? "you" : m.name)].join(", ")}</span>
      {invited.map((i) => (
        <span key={i.agentId} class="convo-invite">
          Inviting {i.name}…
          {owner && <button class="btn btn-sm" type="button" onClick={() => void workspace.cancelInvite(entry, i.agentId)}>Cancel invite</button>}
        </span>
      ))}
    </div>
  );
}

/** A transfer under way: to whom, the offer's countdown, and calling it back. */
function TransferBanner({ workspace, entry }: { workspace: Workspace; entry: SessionEntry }) {
  const transfer = entry.thread.session.value?.transfer;
  const now = useNow(1000);
  if (!transfer) return null;
  const inbox = workspace.inbox;
  const seconds = transfer.expiresAt ? Math.max(0, Math.ceil((Date.parse(transfer.expiresAt) - now) / 1000)) : null;
  return (
    <div class="transfer-banner" role="status" data-testid="transfer-banner">
      <span>{transferText(transfer, (id) => inbox.agentName(id), (id) => inbox.queueName(id))}</span>
      {seconds !== null && <span class="offer-timer" role="timer" aria-label={`${seconds} seconds left`}>{seconds}s</span>}
      <button class="btn btn-sm" type="button" onClick={() => void workspace.cancelTransfer(entry)}>Cancel transfer</button>
    </div>
  );
}

function ComposerArea({ workspace, entry }: { workspace: Workspace; entry: SessionEntry }) {
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), [entry.sessionId]);
  return (
    <CannedComposer workspace={workspace} inputRef={input} files={entry.files}
      onSend={(text, attachments) => void workspace.send(entry, text, undefined, attachments)} onTyping={(t) => entry.thread.typed(workspace.connection, t)} />
  );
}
