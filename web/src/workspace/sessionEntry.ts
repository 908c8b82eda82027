import { signal } from "@preact/signals";
import { Thread } from "../shared/thread";
import type { LiveConnection } from "../shared/live";
import { CallController } from "../shared/call/CallController";
import { Listener } from "./listener";
import type { PendingFiles } from "../shared/attachments/pending";
import type { CustomerContext, CustomerPresenceView, HistoryEntry, SessionNote, SessionSupervisor } from "../shared/protocol";

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
  /** A supervisor's way into the session's call (a session opened to supervise it; see `supervised`). */
  readonly listener: Listener;
  /** Set when a feature is not served by this server, so the panel can say so instead of spinning. */
  readonly unavailable = signal<{ context?: boolean; history?: boolean; notes?: boolean }>({});

  /**
   * @param files the files for the agent's next message (uploaded into the session)
   * @param supervised opened by a supervisor to supervise it (Monitor), not one of their own chats
   */
  constructor(readonly sessionId: string, private readonly selfId: () => string, hub: LiveConnection, readonly files: PendingFiles, readonly supervised = false) {
    this.thread = new Thread(sessionId, selfId);
    this.call = new CallController({ hub, sessionId, role: "agent", selfId });
    this.listener = new Listener(hub, sessionId, selfId);
  }

  /** This user's supervision of the session (monitor, whisper, barge), or null. */
  get supervision(): SessionSupervisor | null {
    return this.thread.session.value?.supervisors?.find((s) => s.agentId === this.selfId()) ?? null;
  }

  /** Supervisors other than this user, as the agent sees them ("Sam is monitoring"). */
  get otherSupervisors(): SessionSupervisor[] {
    return this.thread.session.value?.supervisors?.filter((s) => s.agentId !== this.selfId()) ?? [];
  }

  /** The session left the agent's list: its call ends here, sends and uploads on their way give up. */
  dispose() {
    this.call.dispose();
    this.listener.close();
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
