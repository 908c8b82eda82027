import { useEffect, useRef } from "preact/hooks";
import type { Workspace } from "./store";
import type { SessionOffer } from "../shared/protocol";
import type { SessionEntry } from "./sessionEntry";
import { Avatar, useNow } from "../shared/ui";
import { clockTime } from "../shared/time";
import { shortId } from "./sessionEntry";
import { filesSummary } from "../shared/attachments/files";
import { WaitingList } from "./WaitingList";
import { SlaTimer } from "./SlaTimer";

/** Incoming offers (with a countdown), then who waits in the agent's queues, above the agent's open conversations. */
export function Inbox({ workspace }: { workspace: Workspace }) {
  const sessions = workspace.sessions.value;
  return (
    <>
      <Offers workspace={workspace} />
      <WaitingList workspace={workspace} />
      <section class="rail-section" aria-labelledby="convos-title">
        <h2 id="convos-title" class="rail-title">Conversations <span class="badge">{sessions.length}</span></h2>
        {sessions.length === 0 ? (
          <p class="rail-empty">No open conversations.</p>
        ) : (
          <ul class="convo-list" aria-label="Open conversations">
            {sessions.map((s) => <ConversationRow key={s.sessionId} workspace={workspace} entry={s} />)}
          </ul>
        )}
      </section>
    </>
  );
}

/** Incoming offers with their countdowns; nothing when there are none. Shown in both of the workspace's modes. */
export function Offers({ workspace }: { workspace: Workspace }) {
  const offers = workspace.offers.value;
  if (offers.length === 0) return null;
  return (
    <section class="rail-section" aria-labelledby="offers-title">
      <h2 id="offers-title" class="rail-title">Incoming <span class="count">{offers.length}</span></h2>
      <ul class="offer-list">{offers.map((o) => <OfferCard key={o.sessionId} workspace={workspace} offer={o} />)}</ul>
    </section>
  );
}

function OfferCard({ workspace, offer }: { workspace: Workspace; offer: SessionOffer }) {
  const now = useNow(250);
  const accept = useRef<HTMLButtonElement>(null);
  const inView = workspace.offerInView.value;
  useEffect(() => { if (inView?.sessionId === offer.sessionId) accept.current?.focus(); }, [inView]);
  const total = Date.parse(offer.expiresAt) - Date.parse(offer.offeredAt);
  const left = Math.max(0, Date.parse(offer.expiresAt) - now);
  const seconds = Math.ceil(left / 1000);
  const from = offer.transferFrom ? workspace.inbox.agentName(offer.transferFrom) : null;
  const invitedBy = offer.invitedBy ? workspace.inbox.agentName(offer.invitedBy) : null;
  const title = invitedBy ? `${invitedBy} invites you to join` : from ? `Transfer from ${from}` : `New chat · ${offer.queueId}`;
  return (
    <li class="offer" data-testid="offer" data-offer-kind={invitedBy ? "invite" : from ? "transfer" : "queue"}
      aria-label={invitedBy || from ? `${title}: visitor ${shortId(offer.customerId)}` : `Incoming chat from ${shortId(offer.customerId)}`}>
      <div class="offer-head">
        <span class="offer-pulse" aria-hidden="true" />
        <strong>{title}</strong>
        <span class={`offer-timer${seconds <= 5 ? " urgent" : ""}`} role="timer" aria-label={`${seconds} seconds left`}>{seconds}s</span>
      </div>
      <p class="offer-topic" dir="auto">{offer.topic ? `“${offer.topic}”` : "No topic given"}</p>
      {offer.note && <p class="offer-note" dir="auto" data-testid="offer-note">Note: {offer.note}</p>}
      <p class="offer-meta">Visitor {shortId(offer.customerId)}</p>
      <div class="offer-bar" aria-hidden="true"><span style={{ width: `${total > 0 ? (left / total) * 100 : 0}%` }} /></div>
      <div class="offer-actions">
        <button ref={accept} class="btn btn-success btn-sm" type="button" onClick={() => workspace.accept(offer)}>Accept</button>
        <button class="btn btn-sm" type="button" onClick={() => workspace.decline(offer)}>Decline</button>
      </div>
    </li>
  );
}

function ConversationRow({ workspace, entry }: { workspace: Workspace; entry: SessionEntry }) {
  const session = entry.thread.session.value;
  const messages = entry.thread.messages.value;
  const last = [...messages].reverse().find((m) => m.kind === "text");
  const typing = Object.keys(entry.thread.typing.value).length > 0;
  const unread = entry.unread.value;
  const selected = workspace.selectedId.value === entry.sessionId;
  const presence = entry.presence.value?.overall;
  const call = entry.call.phase.value;
  return (
    <li>
      <button class={`convo-row${selected ? " selected" : ""}`} type="button" aria-current={selected ? "true" : undefined}
        onClick={() => workspace.select(entry.sessionId)}>
        <Avatar id={entry.customerId ?? entry.sessionId} name={entry.customerName} presence={presence} />
        <span class="convo-row-text">
          <span class="convo-row-top">
            <strong>{entry.customerName}</strong>
            {last && <time>{clockTime(last.at)}</time>}
          </span>
          <span class={`convo-row-last${typing ? " typing-text" : ""}`} dir="auto">
            {typing ? "typing…" : last ? `${last.senderRole === "agent" ? "You: " : ""}${last.text || filesSummary(last.attachments)}` : session?.topic ?? "New conversation"}
          </span>
        </span>
        <SlaTimer sla={session?.sla} />
        {session?.status === "wrapUp" && <span class="badge badge-amber">Wrap-up</span>}
        {call !== "none" && <span class="badge badge-green">{call === "incoming" ? "Ringing" : "On call"}</span>}
        {unread > 0 && <span class="count" aria-label={`${unread} unread`}>{unread}</span>}
      </button>
    </li>
  );
}
