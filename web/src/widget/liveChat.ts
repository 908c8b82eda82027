import { signal } from "@preact/signals";
import type { LiveConnection } from "../shared/live";
import { Thread } from "../shared/thread";
import { withRetries } from "../shared/retry";
import { VisitorMethods as M } from "../shared/methods";
import { CallController } from "../shared/call/CallController";
import type { Attachments } from "../shared/attachments/client";
import type { PendingFiles } from "../shared/attachments/pending";
import type { AttachmentView, QueuePosition, RepresentativeNotice, SessionView, TypingNotice } from "../shared/protocol";

/**
 * The widget's open session, as the visitor lives it: its thread (messages, typing, read receipts: the resume rule is
 * Thread's), its call, the place in line while it waits, the chosen representative's absence, whether it was rated,
 * and the files for the next message (uploaded into the session). One session is shown at a time; another one (a new
 * chat, one started in another tab) is another LiveChat, so nothing of the last one carries over.
 */
export class LiveChat {
  readonly thread: Thread;
  readonly call: CallController;
  readonly position = signal<QueuePosition | null>(null);
  /** The chosen representative of the waiting session became unavailable (or came back, or was given up on). */
  readonly representative = signal<RepresentativeNotice | null>(null);
  readonly rated = signal(false);
  readonly files: PendingFiles;

  constructor(readonly sessionId: string, private readonly connection: LiveConnection, selfId: () => string, attachments: Attachments, rated: boolean) {
    this.thread = new Thread(sessionId, selfId, true);
    this.call = new CallController({ hub: connection, sessionId, role: "visitor", selfId });
    this.files = attachments.pending(sessionId);
    this.rated.value = rated;
  }

  /** Neither closed nor abandoned: the visitor is still in it (an invitation then is not shown). */
  get isOpen(): boolean {
    const status = this.thread.session.value?.status;
    return !!status && status !== "closed" && status !== "abandoned";
  }

  onSession(session: SessionView) {
    this.thread.setSession(session);
    if (session.status === "active" || session.status === "wrapUp" || session.status === "closed") this.position.value = null;
    if (session.rating) this.rated.value = true;
  }

  onPosition(p: QueuePosition) {
    if (p.version >= (this.position.value?.version ?? 0)) this.position.value = p;
  }

  onTyping(n: TypingNotice) {
    const name = this.thread.session.value?.participants.find((p) => p.id === n.participantId)?.displayName ?? "Agent";
    this.thread.typingNotice(n, name);
  }

  onRepresentative(n: RepresentativeNotice) {
    if (n.version >= (this.representative.value?.version ?? 0)) this.representative.value = n;
  }

  /** A message, with the files uploaded for it; a failure shows on the message (with a retry). */
  async send(text: string, clientMessageId?: string, attachments: AttachmentView[] = []): Promise<void> {
    try {
      await this.thread.send(this.connection, text, clientMessageId, attachments);
    } catch {
      // shown on the message (failed, with retry)
    }
  }

  typed(isTyping: boolean) {
    this.thread.typed(this.connection, isTyping);
  }

  /** Ends the chat for the visitor: the session as it is now (abandoned, when nobody had answered yet). */
  leave(): Promise<SessionView> {
    return withRetries(() => this.connection.invoke<SessionView>(M.leaveSession, this.sessionId));
  }

  async rate(csat: number, nps: number | null, comment: string | null): Promise<void> {
    this.thread.setSession(await this.connection.invoke<SessionView>(M.rate, this.sessionId, csat, nps, comment || null));
    this.rated.value = true;
  }

  /** Stop waiting for the chosen representative and take the next available agent. */
  async waitForAnyAgent(): Promise<void> {
    this.thread.setSession(await this.connection.invoke<SessionView>(M.waitForAnyAgent, this.sessionId));
    this.representative.value = null;
  }

  markRead(): Promise<void> {
    return this.thread.markRead(this.connection, M.markRead);
  }

  /** No longer shown: its call ends here, sends and uploads on their way give up. */
  dispose() {
    this.thread.dispose();
    this.call.dispose();
    this.files.dispose();
  }
}
