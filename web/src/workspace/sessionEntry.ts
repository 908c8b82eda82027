import { signal } from "@preact/signals";
import { Thread } from "../shared/thread";
import type { LiveConnection } from "../shared/live";
import { CallController } from "../shared/call/CallController";
import type { PendingFiles } from "../shared/attachments/pending";
import type { CustomerContext, CustomerPresenceView, HistoryEntry, SessionNote } from "../shared/protocol";

/** Everything the workspace holds for one of the agent's sessions. */
export class SessionEntry {
  readonly thread: Thread;
  /** The session's audio/video call with the visitor. */
  readonly call: CallController;
  readonly context = signal<CustomerContext | null>(null);
  readonly presence = signal<CustomerPresenceView | null>(null);
  readonly history = signal<HistoryEntry[] | null>(null);
  readonly notes = signal<SessionNote[]>([]);
  readonly unread = signal(0);
  /** Set when a feature is not served by this server, so the panel can say so instead of spinning. */
  readonly unavailable = signal<{ context?: boolean; history?: boolean; notes?: boolean }>({});

  /** @param files the files for the agent's next message (uploaded into the session) */
  constructor(readonly sessionId: string, selfId: () => string, hub: LiveConnection, readonly files: PendingFiles) {
    this.thread = new Thread(sessionId, selfId);
    this.call = new CallController({ hub, sessionId, role: "agent", selfId });
  }

  /** The session left the agent's list: its call ends here, sends and uploads on their way give up. */
  dispose() {
    this.call.dispose();
    this.thread.dispose();
    this.files.dispose();
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
