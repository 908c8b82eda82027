import { signal } from "@preact/signals";
import type { ChatMessage, JoinResult, MessageAck, ReadReceipt, SessionView, TypingNotice } from "./protocol";
import type { LiveConnection } from "./live";
import { newClientMessageId } from "./ids";
import { ServerError, isMissingMethod } from "./errors";

export interface PendingMessage { clientMessageId: string; text: string; state: "sending" | "failed"; error?: string }

const pageSize = 200;
/** Waits between joins refused with `unavailable`: about 30 s in all, longer than a node takes to be declared dead. */
const joinRetries = [250, 500, 1000, 2000, 2000, 3000, 3000, 3000, 5000, 5000, 5000];

/**
 * One session's conversation as a client holds it: messages keyed by seq (each shown once, whether it
 * came in a join reply, a transcript page or a live event), messages being sent, the other side's
 * typing and read receipts. Implements the resume rule with `join`.
 */
export class Thread {
  readonly session = signal<SessionView | null>(null);
  readonly messages = signal<ChatMessage[]>([]);
  readonly pending = signal<PendingMessage[]>([]);
  /** Who else is typing: participant id → display name. */
  readonly typing = signal<Record<string, string>>({});
  /** Highest seq each participant has read. */
  readonly reads = signal<Record<string, number>>({});
  private readonly bySeq = new Map<number, ChatMessage>();
  private typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private lastTypingSent = 0;
  private typingIdle: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly sessionId: string, private readonly selfId: () => string) {}

  get lastSeq(): number {
    const list = this.messages.value;
    return list.length ? list[list.length - 1].seq : 0;
  }

  /**
   * Joins (or re-joins after any reconnect) with the highest seq seen, paging when more was missed. A join
   * refused with `unavailable` (the session's node died and the cluster has not declared it dead yet) is
   * repeated, as the protocol allows: a connection that is not joined receives none of the session's events.
   */
  async join(connection: LiveConnection, method = "JoinSession"): Promise<SessionView> {
    let result: JoinResult | undefined;
    for (let attempt = 0; !result; attempt++) {
      try {
        result = await connection.invoke<JoinResult>(method, this.sessionId, this.lastSeq);
      } catch (error) {
        if (!(error instanceof ServerError && error.code === "unavailable") || attempt >= joinRetries.length) throw error;
        await new Promise((resolve) => setTimeout(resolve, joinRetries[attempt]));
      }
    }
    this.apply(result);
    let more = result.hasMore;
    while (more) {
      const page = await connection.invoke<ChatMessage[]>("GetTranscript", this.sessionId, this.lastSeq, pageSize);
      this.add(page);
      more = page.length === pageSize;
    }
    return result.session;
  }

  apply(result: JoinResult) {
    this.setSession(result.session);
    this.add(result.missed);
  }

  setSession(session: SessionView) {
    this.session.value = session;
    if (session.reads) for (const r of session.reads) this.read(r);
  }

  add(messages: ChatMessage[]) {
    let changed = false;
    for (const m of messages) {
      if (m.sessionId !== this.sessionId || this.bySeq.has(m.seq)) continue;
      this.bySeq.set(m.seq, m);
      changed = true;
      if (m.clientMessageId) this.pending.value = this.pending.value.filter((p) => p.clientMessageId !== m.clientMessageId);
      if (m.senderId !== this.selfId()) this.stopTyping(m.senderId);
    }
    if (changed) this.messages.value = [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  read(receipt: ReadReceipt) {
    if ((this.reads.value[receipt.participantId] ?? 0) >= receipt.seq) return;
    this.reads.value = { ...this.reads.value, [receipt.participantId]: receipt.seq };
  }

  /** Another participant's typing notice; cleared after a while in case the "stopped" notice is lost. */
  typingNotice(notice: TypingNotice, name: string) {
    if (notice.participantId === this.selfId()) return;
    if (!notice.isTyping) return this.stopTyping(notice.participantId);
    this.typing.value = { ...this.typing.value, [notice.participantId]: name };
    clearTimeout(this.typingTimers.get(notice.participantId));
    this.typingTimers.set(notice.participantId, setTimeout(() => this.stopTyping(notice.participantId), 8000));
  }

  private stopTyping(participantId: string) {
    if (!(participantId in this.typing.value)) return;
    const { [participantId]: _, ...rest } = this.typing.value;
    this.typing.value = rest;
  }

  /** Sends with a client message id shown at once as pending; a retry reuses the id, so it is stored once. */
  async send(connection: LiveConnection, text: string, clientMessageId = newClientMessageId()): Promise<void> {
    const others = this.pending.value.filter((p) => p.clientMessageId !== clientMessageId);
    this.pending.value = [...others, { clientMessageId, text, state: "sending" }];
    this.typed(connection, false);
    try {
      const ack = await connection.invoke<MessageAck>("SendMessage", this.sessionId, clientMessageId, text);
      // The message itself arrives as an event; until then the pending bubble stays.
      if (this.bySeq.has(ack.seq)) this.pending.value = this.pending.value.filter((p) => p.clientMessageId !== clientMessageId);
    } catch (error) {
      const message = error instanceof ServerError ? error.message : "Not sent.";
      this.pending.value = this.pending.value.map((p) => (p.clientMessageId === clientMessageId ? { ...p, state: "failed", error: message } : p));
      throw error;
    }
  }

  /** Typing notices, at most one "typing" every 3 s and a "stopped" after 4 s without keys. */
  typed(connection: LiveConnection, isTyping: boolean) {
    clearTimeout(this.typingIdle);
    if (!isTyping) {
      if (this.lastTypingSent) connection.send("Typing", this.sessionId, false);
      this.lastTypingSent = 0;
      return;
    }
    const now = Date.now();
    if (now - this.lastTypingSent > 3000) {
      connection.send("Typing", this.sessionId, true);
      this.lastTypingSent = now;
    }
    this.typingIdle = setTimeout(() => this.typed(connection, false), 4000);
  }

  private readSent = 0;

  /** Tells the others we have read up to the newest message (read receipts). */
  async markRead(connection: LiveConnection, method: string) {
    const seq = this.lastSeq;
    if (seq <= this.readSent) return;
    this.readSent = seq;
    try {
      await connection.invoke(method, this.sessionId, seq);
    } catch (error) {
      if (!isMissingMethod(error)) this.readSent = 0;
    }
  }
}
