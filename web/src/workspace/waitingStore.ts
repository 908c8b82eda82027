import { computed, signal } from "@preact/signals";
import type { LiveConnection } from "../shared/live";
import { AgentMethods as M } from "../shared/methods";
import { describe, isMissingMethod } from "../shared/errors";
import { withRetries } from "../shared/retry";
import { Events, type JoinResult, type QueueWaitingList, type QueuedSession } from "../shared/protocol";

/** How long the reason a Take was refused stays in view. */
export const refusalShownMs = 6000;

/** Why a Take did not work, shown at its row for a while. */
export type Refusal = { sessionId: string; text: string };

/** Joins the agent to a session through `claim` (AcceptOffer, PickSession) and opens its chat; throws when refused. */
export type OpenSession = (sessionId: string, claim: () => Promise<JoinResult>) => Promise<void>;

/**
 * The waiting lists of the queues the agent serves (docs/protocol.md, "Agent hub: waiting lists and
 * cherry-picking"): watched on every (re)connect, kept live by `queueWaiting` events, where a list older than the
 * last one seen of its queue is ignored (an event and the watch's reply may cross). `take` picks a session from a
 * queue whose routing allows it; the chat then opens as after an accepted offer.
 */
export class WaitingStore {
  /** The newest list of each watched queue. */
  readonly lists = signal<ReadonlyMap<string, QueueWaitingList>>(new Map());
  /** The watched queues, by name. */
  readonly queues = computed(() => [...this.lists.value.values()].sort((a, b) => a.name.localeCompare(b.name) || a.queueId.localeCompare(b.queueId)));
  /** Everyone waiting in the watched queues. */
  readonly total = computed(() => this.queues.value.reduce((sum, list) => sum + list.total, 0));
  /** False when this server does not serve waiting lists (or watching them failed): the panel says so. */
  readonly available = signal(true);
  /** Sessions whose Take is on its way. */
  readonly taking = signal<ReadonlySet<string>>(new Set());
  readonly refusal = signal<Refusal | null>(null);
  /** The last version seen of each queue, kept after a list is dropped, so a late event cannot bring back an old one. */
  private readonly versions = new Map<string, number>();
  private refusalTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly hub: Pick<LiveConnection, "invoke" | "on">, private readonly open: OpenSession) {
    hub.on<QueueWaitingList>(Events.queueWaiting, (list) => this.apply(list));
  }

  /** After every (re)connect: watch again (a new connection has no watch), taking the lists as they are now. */
  async resume() {
    try {
      const lists = await withRetries(() => this.hub.invoke<QueueWaitingList[]>(M.watchQueues));
      this.replace(lists);
      this.available.value = true;
    } catch (error) {
      // Lists already shown stay; events on this connection would not come, so a server without the method says so.
      if (isMissingMethod(error) || this.lists.value.size === 0) this.available.value = false;
    }
  }

  /** A list from an event: kept unless an equal or newer one of its queue has been seen. */
  apply(list: QueueWaitingList) {
    if (!this.isNewest(list)) return;
    this.lists.value = new Map(this.lists.value).set(list.queueId, list);
  }

  /** The watch's reply: every queue watched now, each list kept unless a newer one came first; other queues leave. */
  replace(lists: readonly QueueWaitingList[]) {
    const next = new Map<string, QueueWaitingList>();
    for (const list of lists) {
      const current = this.lists.value.get(list.queueId);
      next.set(list.queueId, this.isNewest(list) || !current ? list : current);
    }
    this.lists.value = next;
  }

  /** Takes a waiting session; a refusal (taken by someone else, no free slot, not allowed) is shown at its row. */
  async take(queueId: string, session: QueuedSession) {
    const id = session.sessionId;
    if (this.taking.value.has(id)) return;
    this.taking.value = new Set(this.taking.value).add(id);
    if (this.refusal.value?.sessionId === id) this.clearRefusal();
    try {
      await this.open(id, () => this.hub.invoke<JoinResult>(M.pickSession, queueId, id));
      this.remove(queueId, id);
    } catch (error) {
      this.refuse({ sessionId: id, text: describe(error) });
    } finally {
      const still = new Set(this.taking.value);
      still.delete(id);
      this.taking.value = still;
    }
  }

  dispose() {
    clearTimeout(this.refusalTimer);
  }

  private isNewest(list: QueueWaitingList): boolean {
    const seen = this.versions.get(list.queueId);
    if (seen !== undefined && list.version < seen) return false;
    this.versions.set(list.queueId, list.version);
    return true;
  }

  /** The taken session leaves its list at once; the queue's next list (within 250 ms) says the same. */
  private remove(queueId: string, sessionId: string) {
    const list = this.lists.value.get(queueId);
    if (!list || !list.waiting.some((w) => w.sessionId === sessionId)) return;
    const waiting = list.waiting.filter((w) => w.sessionId !== sessionId);
    this.lists.value = new Map(this.lists.value).set(queueId, { ...list, waiting, total: Math.max(waiting.length, list.total - 1) });
  }

  private refuse(refusal: Refusal) {
    clearTimeout(this.refusalTimer);
    this.refusal.value = refusal;
    this.refusalTimer = setTimeout(() => this.clearRefusal(), refusalShownMs);
  }

  private clearRefusal() {
    clearTimeout(this.refusalTimer);
    this.refusal.value = null;
  }
}
