import type { Workspace } from "./store";
import type { QueueWaitingList, QueuedSession } from "../shared/protocol";
import { useNow } from "../shared/ui";
import { shortDuration } from "../shared/time";
import { shortId } from "./sessionEntry";

/**
 * Who waits in the agent's queues, in the order they will be offered: topic, time waited (ticking), priority,
 * the offer that is out, and, where the queue's routing lets agents pick (cherryPick), a Take button that opens the
 * chat as an accepted offer does. Queues with nobody waiting are left out.
 */
export function WaitingList({ workspace }: { workspace: Workspace }) {
  const store = workspace.waiting;
  const now = useNow();
  if (!store.available.value) return null;
  const queues = store.queues.value.filter((q) => q.total > 0);
  return (
    <section class="rail-section waiting-panel" aria-labelledby="waiting-title" data-testid="waiting-panel">
      <h2 id="waiting-title" class="rail-title">Waiting <span class="badge">{store.total.value}</span></h2>
      {queues.length === 0
        ? <p class="rail-empty">Nobody is waiting in your queues.</p>
        : queues.map((q) => <QueueWaiting key={q.queueId} workspace={workspace} list={q} now={now} />)}
    </section>
  );
}

function QueueWaiting({ workspace, list, now }: { workspace: Workspace; list: QueueWaitingList; now: number }) {
  const headingId = `waiting-${list.queueId}`;
  const more = list.total - list.waiting.length;
  return (
    <div class="waiting-queue" data-testid="waiting-queue" data-queue={list.queueId}>
      <h3 id={headingId} class="waiting-queue-name">{list.name} <span class="waiting-queue-total">{list.total} waiting</span></h3>
      <ol class="waiting-list" aria-labelledby={headingId}>
        {list.waiting.map((s) => <WaitingRow key={s.sessionId} workspace={workspace} list={list} session={s} now={now} />)}
      </ol>
      {more > 0 && <p class="waiting-more">and {more} more waiting</p>}
    </div>
  );
}

function WaitingRow({ workspace, list, session, now }: { workspace: Workspace; list: QueueWaitingList; session: QueuedSession; now: number }) {
  const store = workspace.waiting;
  const visitor = workspace.site.visitors.value.get(session.customerId)?.displayName ?? `Visitor ${shortId(session.customerId)}`;
  const taking = store.taking.value.has(session.sessionId);
  const refusal = store.refusal.value?.sessionId === session.sessionId ? store.refusal.value.text : null;
  const self = workspace.login.agentId;
  const offer = session.offeredTo === null ? null : session.offeredTo === self ? "Offered to you" : `Offered to ${workspace.inbox.agentName(session.offeredTo)}`;
  const chosen = session.preferredAgentId !== null && session.preferredAgentId !== self;
  const what = session.topic ? `“${session.topic}”` : "No topic";
  return (
    <li class="waiting-row" data-testid="waiting-session" data-session={session.sessionId}>
      <div class="waiting-row-main">
        <span class="waiting-topic" dir="auto">{what}</span>
        <span class="waiting-meta">
          <span>{visitor}</span>
          <span>waited {shortDuration(now - Date.parse(session.enqueuedAt))}</span>
          {session.priority > 0 && <span class="badge badge-amber">Priority {session.priority}</span>}
          {offer && <span class="badge badge-brand">{offer}</span>}
          {session.preferredAgentId && <span class="badge">{chosen ? `Asked for ${workspace.inbox.agentName(session.preferredAgentId)}` : "Asked for you"}</span>}
        </span>
        {refusal && <p class="error-text" role="alert">{refusal}</p>}
      </div>
      {list.cherryPick && (
        <button class="btn btn-sm btn-primary" type="button" disabled={taking || chosen}
          aria-label={`Take ${visitor}'s chat: ${what}`} onClick={() => void store.take(list.queueId, session)}>
          {taking ? "Taking…" : "Take"}
        </button>
      )}
    </li>
  );
}
