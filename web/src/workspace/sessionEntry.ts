import { signal } from "@preact/signals";
import { Thread } from "../shared/thread";
import type { CustomerContext, CustomerPresenceView, HistoryEntry, SessionNote } from "../shared/protocol";

/** Everything the workspace holds for one of the agent's sessions. */
export class SessionEntry {
  readonly thread: Thread;
  readonly context = signal<CustomerContext | null>(null);
  readonly presence = signal<CustomerPresenceView | null>(null);
  readonly history = signal<HistoryEntry[] | null>(null);
  readonly notes = signal<SessionNote[]>([]);
  readonly unread = signal(0);
  /** Set when a feature is not served by this server, so the panel can say so instead of spinning. */
  readonly unavailable = signal<{ context?: boolean; history?: boolean; notes?: boolean }>({});

  constructor(readonly sessionId: string, selfId: () => string) {
    this.thread = new Thread(sessionId, selfId);
  }

  get customerId(): string | null {
    return this.thread.session.value?.customerId ?? null;
  }

  /** The customer's name as well as we know it. */
  get customerName(): string {
    const context = this.context.value;
    const visitor = this.thread.session.value?.participants.find((p) => p.role === "visitor");
    const name = context?.displayName ?? (visitor && visitor.displayName !== "Visitor" ? visitor.displayName : null);
    return name ?? `Visitor ${shortId(this.customerId ?? this.sessionId)}`;
  }

  applyContext(context: CustomerContext) {
    if (context.customerId !== this.customerId) return;
    if ((this.context.value?.version ?? -1) > context.version) return;
    this.context.value = context;
  }

  applyPresence(presence: CustomerPresenceView) {
    if (presence.customerId !== this.customerId) return;
    if ((this.presence.value?.version ?? -1) > presence.version) return;
    this.presence.value = presence;
  }

  addNote(note: SessionNote) {
    if (this.notes.value.some((n) => n.at === note.at && n.authorId === note.authorId && n.text === note.text)) return;
    this.notes.value = [...this.notes.value, note];
  }
}

/** "v_16rwi1r5cp…" → "#16RW": a short, stable handle for anonymous visitors. */
export function shortId(id: string): string {
  return "#" + id.replace(/^v_/, "").slice(0, 4).toUpperCase();
}
