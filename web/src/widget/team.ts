import { computed, signal } from "@preact/signals";
import type { LiveConnection } from "../shared/live";
import { withRetries } from "../shared/retry";
import { VisitorMethods as M } from "../shared/methods";
import type { DirectoryChange, DirectoryEntry, DirectorySnapshot, QueueAvailability } from "../shared/protocol";

/**
 * Who can answer, as the widget shows it: the representatives with their live presence and the staff online per
 * queue, from WatchDirectory's snapshot and the `directoryPresence` changes. A change may cross the snapshot on
 * the wire: per representative and per queue, the highest version wins.
 */
export class TeamAvailability {
  /** The representatives with live presence; null until (or unless) the server serves the directory. */
  readonly directory = signal<DirectoryEntry[] | null>(null);
  readonly queues = signal<Map<string, QueueAvailability>>(new Map());
  /** Representatives of this queue who are online now (available or busy). */
  readonly online = computed(() => (this.directory.value ?? []).filter(
    (r) => r.queues.includes(this.queue) && (r.presence === "available" || r.presence === "busy")));
  /** Staff online for this queue, counting supervisors who serve it (not listed as representatives). */
  readonly agentsOnline = computed(() => this.queues.value.get(this.queue)?.agentsOnline ?? this.online.value.length);
  /** Out of this queue's business hours: no chat starts (a queue without hours, or a server without them, is open). */
  readonly closed = computed(() => this.queues.value.get(this.queue)?.open === false);
  /** When the closed queue opens next (null when open, or not within a month). */
  readonly opensAt = computed(() => (this.closed.value ? this.queues.value.get(this.queue)?.opensAt ?? null : null));

  private readonly removed = new Map<string, number>();
  /** Changes that arrived before the first snapshot. */
  private early: DirectoryChange[] = [];

  constructor(private readonly queue: string) {}

  /** Watches on this connection (again on every reconnect: the snapshot replaces what was known). */
  async watch(connection: LiveConnection): Promise<void> {
    try {
      const snapshot = await withRetries(() => connection.invoke<DirectorySnapshot>(M.watchDirectory));
      this.removed.clear();
      this.directory.value = mergeReps(snapshot.representatives, this.early);
      this.queues.value = mergeQueues(new Map(), snapshot.queues);
    } catch {
      this.directory.value = null; // not served by this server: the widget offers the queue only
    }
  }

  changed(change: DirectoryChange) {
    this.queues.value = mergeQueues(this.queues.value, change.queues);
    if (!change.agentId) return;
    const list = this.directory.value;
    if (!list) {
      this.early.push(change);
      return;
    }
    const current = list.find((r) => r.agentId === change.agentId);
    const removedAt = this.removed.get(change.agentId) ?? -1;
    if ((current && current.version > change.version) || removedAt > change.version) return;
    if (!change.entry) {
      this.removed.set(change.agentId, change.version);
      this.directory.value = list.filter((r) => r.agentId !== change.agentId);
    } else {
      const entry = { ...change.entry, version: change.version };
      this.directory.value = current ? list.map((r) => (r.agentId === change.agentId ? entry : r)) : [...list, entry].sort(byName);
    }
  }
}

const byName = (a: DirectoryEntry, b: DirectoryEntry) => a.displayName.localeCompare(b.displayName);

function mergeReps(snapshot: DirectoryEntry[], early: DirectoryChange[]): DirectoryEntry[] {
  const byId = new Map(snapshot.map((r) => [r.agentId, r]));
  for (const change of early.splice(0)) {
    const current = byId.get(change.agentId!);
    if (current && current.version >= change.version) continue;
    if (change.entry) byId.set(change.agentId!, { ...change.entry, version: change.version });
    else byId.delete(change.agentId!);
  }
  return [...byId.values()].sort(byName);
}

function mergeQueues(current: Map<string, QueueAvailability>, changes: QueueAvailability[]): Map<string, QueueAvailability> {
  if (changes.length === 0) return current;
  const next = new Map(current);
  for (const q of changes) if ((next.get(q.queueId)?.version ?? -1) <= q.version) next.set(q.queueId, q);
  return next;
}
