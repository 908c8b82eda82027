import { signal } from "@preact/signals";
import type { Hub } from "../shared/live";
import type { MessageSource } from "../shared/MessageList";
import type { PendingMessage } from "../shared/thread";
import type { PendingFiles } from "../shared/attachments/pending";
import type { AttachmentView, ChatMessage, ConversationPost, ConversationThread, ConversationView } from "../shared/protocol";
import { hubError, isTransient } from "../shared/errors";
import { newClientMessageId } from "../shared/ids";
import { withRetries } from "../shared/retry";
import { VisitorMethods as M } from "../shared/methods";
import { threadOrder } from "./conversationList";

/** How long one send waits for a connection that is down before it counts as failed (then it is retried). */
export const sendConnectWaitMs = 10_000;

/**
 * One lasting conversation shown in the widget: its thread (its own transcript and its live chats, merged in the
 * server's order, each message once by sessionId and seq), its view (highest version wins), and the visitor's sends
 * into it, shown at once, retried with the same client message id while the failure is transient, in the order
 * written (as Thread's are), with the files uploaded into it for the next message (`files`).
 */
export class OpenConversation implements MessageSource {
  readonly view = signal<ConversationView | null>(null);
  readonly messages = signal<readonly ChatMessage[]>([]);
  readonly pending = signal<PendingMessage[]>([]);
  /** Nobody types into a lasting conversation; MessageList asks. */
  readonly typing = signal<Record<string, string>>({});
  readonly reads = signal<Record<string, number>>({});
  /** Older messages were left out (the thread holds the newest 500). */
  readonly truncated = signal(false);
  /** The thread has been read at least once. */
  readonly loaded = signal(false);
  private readonly held = new Set<string>();
  private sendTurn: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(readonly conversationId: string, private readonly selfId: () => string, readonly files: PendingFiles) {}

  /** True for a message of this conversation: its own transcript or one of its live chats. */
  owns(m: ChatMessage): boolean {
    return m.sessionId === this.conversationId || !!this.view.value?.sessionIds.includes(m.sessionId);
  }

  setView(view: ConversationView) {
    if (view.conversationId !== this.conversationId || (this.view.value?.version ?? -1) >= view.version) return;
    this.view.value = view;
  }

  /** The thread as the server has it (on opening, and again after a reconnect): merged into what is shown. */
  load(thread: ConversationThread) {
    this.setView(thread.conversation);
    this.add(thread.messages);
    this.truncated.value = thread.truncated;
    this.loaded.value = true;
  }

  /** Messages from a thread, an event or an acknowledgement; those already held are dropped. Returns the new ones. */
  add(messages: readonly ChatMessage[]): ChatMessage[] {
    const fresh = messages.filter((m) => {
      const key = `${m.sessionId}:${m.seq}`;
      if (this.held.has(key)) return false;
      this.held.add(key);
      return true;
    });
    if (fresh.length === 0) return fresh;
    this.messages.value = [...this.messages.value, ...fresh].sort(threadOrder);
    const sent = new Set(fresh.filter((m) => m.senderId === this.selfId()).map((m) => m.clientMessageId).filter(Boolean));
    if (sent.size) this.pending.value = this.pending.value.filter((p) => !sent.has(p.clientMessageId));
    return fresh;
  }

  /**
   * Writes into the conversation (a resolved one opens again), with files uploaded into it (SendConversationAttachments;
   * the text may then be empty). Failures show on the message, with a retry.
   */
  async send(hub: Hub, text: string, clientMessageId = newClientMessageId(), attachments: AttachmentView[] = []): Promise<ConversationPost | null> {
    const others = this.pending.value.filter((p) => p.clientMessageId !== clientMessageId);
    this.pending.value = [...others, { clientMessageId, text, ...(attachments.length ? { attachments } : {}), state: "sending" }];
    const previous = this.sendTurn;
    let done!: () => void;
    this.sendTurn = new Promise<void>((resolve) => (done = resolve));
    try {
      await previous;
      const post = await withRetries(
        () => attachments.length
          ? hub.invokeWithin<ConversationPost>(sendConnectWaitMs, M.sendConversationAttachments, this.conversationId, clientMessageId, text, attachments.map((a) => a.attachmentId))
          : hub.invokeWithin<ConversationPost>(sendConnectWaitMs, M.sendConversationMessage, this.conversationId, clientMessageId, text),
        { cancelled: () => this.disposed });
      this.setView(post.conversation);
      this.add([post.message]);
      this.pending.value = this.pending.value.filter((p) => p.clientMessageId !== clientMessageId);
      return post;
    } catch (error) {
      const parsed = hubError(error);
      const shown = isTransient(parsed) ? "Not sent." : parsed.message;
      this.pending.value = this.pending.value.map((p) => (p.clientMessageId === clientMessageId ? { ...p, state: "failed", error: shown } : p));
      return null;
    } finally {
      done();
    }
  }

  /** No longer shown: sends in their backoff give up, uploads on their way are cancelled. */
  dispose() {
    this.disposed = true;
    this.files.dispose();
  }
}
