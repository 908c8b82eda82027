import { signal } from "@preact/signals";
import type { AttachmentView, ChatMessage, JoinResult, MessageAck, ReadReceipt, SessionView, TypingNotice } from "./protocol";
import type { Hub } from "./live";
import { newClientMessageId } from "./ids";
import { hubError, isMissingMethod, isTransient } from "./errors";
import { Transcript } from "./transcript";
import { withRetries } from "./retry";

/** A message on its way, or failed (shown with a retry that sends it again, with its files, under the same id). */
export interface PendingMessage { clientMessageId: string; text: string; attachments?: AttachmentView[]; state: "sending" | "failed"; error?: string }

/** GetTranscript's largest page. */
const pageSize = 200;
/** How long one send attempt waits for a connection that is down before it counts as failed. */
const sendConnectWaitMs = 10_000;
/**
 * A gap seen with no join in flight is repaired by a re-join, after this grace: the resume step of a
 * reconnect may be about to join anyway. Doubles on each repair that leaves the gap open.
 */
const gapRepairMs = 250;
const gapRepairMaxMs = 10_000;

/** How far a session has come; a `session` event never moves it back, a join reply may not either. */
const progress: Record<string, number> = { requested: 0, queued: 1, offered: 1, active: 2, wrapUp: 3, closed: 4, abandoned: 4 };

/**
 * One session's conversation as a client holds it, implementing the resume rule
 * (docs/protocol.md#resume-rule):
 *
 * - `messages` is only ever the **contiguous prefix** 1…n of the transcript. A message above n + 1 is held
 *   out of sight until the join reply or a transcript page fills what comes before it, so nothing is shown
 *   twice or out of order, and a gap shows as "nothing new yet" rather than as a hole that fills later.
 *   An own message that is held keeps its pending bubble ("Sending…") until it can take its place.
 * - Every join (JoinSession after a reconnect, AcceptOffer, StartSession) goes through `joinWith`, which
 *   starts from n, applies the reply and pages up to its `upToSeq`. Live events that overtake the reply are
 *   held meanwhile.
 * - A send's acknowledgement carries the message itself: the connection that sent it gets no `message` event
 *   for it, so a later message may arrive before the acknowledgement and wait for it like any held one.
 * - A gap that is still open with no join and no send in flight means something was lost on the way: re-join
 *   from n.
 * - Sends carry a client message id and are retried with the same id (stored once) while the failure is
 *   transient, before the bubble shows "failed" with a manual retry. They go out one at a time, in the order
 *   written, so a message never overtakes an earlier one that is still being retried.
 */
export class Thread {
  readonly session = signal<SessionView | null>(null);
  readonly messages = signal<readonly ChatMessage[]>([]);
  readonly pending = signal<PendingMessage[]>([]);
  /** Who else is typing: participant id → display name. */
  readonly typing = signal<Record<string, string>>({});
  /** Highest seq each participant has read. */
  readonly reads = signal<Record<string, number>>({});
  private readonly transcript: Transcript;
  private joins = 0;
  /** Sends waiting for their acknowledgement, which carries the message (and may be what fills a gap). */
  private sends = 0;
  /** The hub of the latest join: where a gap is repaired. */
  private hub: Hub | null = null;
  private repairTimer: ReturnType<typeof setTimeout> | undefined;
  private repairDelay = gapRepairMs;
  private disposed = false;
  /** Counts session views applied, to tell whether one came in while a join was on its way. */
  private sessionViews = 0;
  private typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private lastTypingSent = 0;
  private typingIdle: ReturnType<typeof setTimeout> | undefined;
  private readSent = 0;
  /** Settles when the latest send has been acknowledged or has failed for good: the next send waits for it. */
  private sendTurn: Promise<void> = Promise.resolve();

  /** @param visitor the visitor's side: staff-only entries never reach it, so its seqs skip theirs (Transcript, chained) */
  constructor(readonly sessionId: string, private readonly selfId: () => string, visitor = false) {
    this.transcript = new Transcript(visitor);
  }

  /** The highest contiguous seq: every message up to it is held, and shown. */
  get lastSeq(): number {
    return this.transcript.contiguous;
  }

  /** True while a join is on its way (its reply will fill what overtaking events left open). */
  get joining(): boolean {
    return this.joins > 0;
  }

  /** Joins (or re-joins after any reconnect) from the highest contiguous seq. */
  join(hub: Hub): Promise<SessionView> {
    return this.joinWith(hub, () => hub.invoke<JoinResult>("JoinSession", this.sessionId, this.transcript.contiguous));
  }

  /**
   * Runs a call that joins this connection to the session and answers with a JoinResult (JoinSession,
   * AcceptOffer, StartSession, AnswerInvitation) and completes it: the session, the missed messages, then
   * transcript pages until `upToSeq` when the reply had more than it could carry.
   */
  async joinWith(hub: Hub, call: () => Promise<JoinResult>): Promise<SessionView> {
    this.joins++;
    this.hub = hub;
    const views = this.sessionViews;
    try {
      const result = await call();
      // A `session` event that overtook the reply was sent after the reply's snapshot: it is the newer one,
      // unless it is behind the reply (a stale event from the connection being left in a drain move).
      const current = this.session.value;
      if (this.sessionViews === views || !current || (progress[result.session.status] ?? 0) > (progress[current.status] ?? 0)) this.setSession(result.session);
      else for (const r of result.session.reads ?? []) this.read(r);
      this.take(result.missed);
      if (result.hasMore) await this.page(hub, result.upToSeq);
      return result.session;
    } finally {
      this.joins--;
      this.watchGap();
    }
  }

  /**
   * Pages with GetTranscript up to `upToSeq`. Each page starts after the contiguous seq, which after the
   * reply is the highest seq the join range delivered (a held live event lies beyond it), so pages never
   * overlap what the reply carried. An older server without `upToSeq` is paged until a short page.
   */
  private async page(hub: Hub, upToSeq: number | undefined) {
    for (;;) {
      const from = this.transcript.contiguous;
      if (upToSeq !== undefined && from >= upToSeq) return;
      const page = await hub.invoke<ChatMessage[]>("GetTranscript", this.sessionId, from, pageSize);
      this.take(page);
      // An empty page, or one that does not continue the prefix, cannot be paged past: the gap check decides.
      if (page.length === 0 || this.transcript.contiguous === from) return;
      if (upToSeq === undefined && page.length < pageSize) return;
    }
  }

  setSession(session: SessionView) {
    this.sessionViews++;
    this.session.value = session;
    if (session.reads) for (const r of session.reads) this.read(r);
  }

  /** Live `message` events (and anything else that carries messages). */
  add(messages: ChatMessage[]) {
    this.take(messages);
    this.watchGap();
  }

  private take(messages: ChatMessage[]) {
    const visible = this.transcript.add(messages.filter((m) => m.sessionId === this.sessionId));
    if (visible.length === 0) return;
    this.messages.value = [...this.transcript.messages];
    const sent = new Set(visible.map((m) => m.clientMessageId).filter(Boolean));
    if (sent.size) this.pending.value = this.pending.value.filter((p) => !sent.has(p.clientMessageId));
    for (const m of visible) if (m.senderId !== this.selfId()) this.stopTyping(m.senderId);
  }

  /** A gap with no join in flight: re-join from the contiguous seq, backing off while it stays open. */
  private watchGap() {
    if (!this.transcript.hasGap) {
      this.repairDelay = gapRepairMs;
      return;
    }
    if (this.joins > 0 || this.sends > 0 || this.repairTimer || this.disposed || !this.hub) return;
    const hub = this.hub;
    this.repairTimer = setTimeout(() => {
      this.repairTimer = undefined;
      if (!this.transcript.hasGap || this.joins > 0 || this.sends > 0 || this.disposed) return;
      this.repairDelay = Math.min(this.repairDelay * 2, gapRepairMaxMs);
      this.join(hub).catch(() => {
        // The connection is down: its resume step re-joins. Otherwise the next gap check tries again.
      });
    }, this.repairDelay);
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

  /**
   * Sends with a client message id, shown at once as pending. A transient failure (`unavailable`, a dropped
   * connection, a node going away) is retried with the same id after a short backoff, waiting for the
   * connection to come back; the server stores it once. Only then does the bubble show "failed", whose
   * retry (by hand) reuses the id too.
   *
   * The thread's sends go out one after another, each once the one before it has been acknowledged or has
   * failed for good, so the transcript keeps them in the order written. Sent at once, a message written just
   * after one whose connection dropped under it would reach the new connection first (the earlier one waits
   * for its retry's backoff) and be stored, and shown, before it.
   *
   * With files (uploaded into this session) it is SendAttachments, the same send with their ids; `text` may then be empty.
   * A supervisor's whisper is the same send through `Whisper` (same arguments, staff-only message).
   */
  async send(hub: Hub, text: string, clientMessageId = newClientMessageId(), attachments: AttachmentView[] = [], method: "SendMessage" | "Whisper" = "SendMessage"): Promise<void> {
    const others = this.pending.value.filter((p) => p.clientMessageId !== clientMessageId);
    this.pending.value = [...others, { clientMessageId, text, ...(attachments.length ? { attachments } : {}), state: "sending" }];
    if (method === "SendMessage") this.typed(hub, false);
    const previous = this.sendTurn;
    let done!: () => void;
    this.sendTurn = new Promise<void>((resolve) => (done = resolve));
    this.sends++;
    try {
      await previous;
      const ack = await withRetries(
        () => attachments.length
          ? hub.invokeWithin<MessageAck>(sendConnectWaitMs, "SendAttachments", this.sessionId, clientMessageId, text, attachments.map((a) => a.attachmentId))
          : hub.invokeWithin<MessageAck>(sendConnectWaitMs, method, this.sessionId, clientMessageId, text),
        { cancelled: () => this.disposed });
      // The message comes in the acknowledgement (this connection gets no event for it); until it can be shown
      // after what comes before it, the bubble stays.
      this.take([ack.message]);
      if (this.transcript.contiguous >= ack.seq) this.pending.value = this.pending.value.filter((p) => p.clientMessageId !== clientMessageId);
    } catch (error) {
      const parsed = hubError(error);
      const message = isTransient(parsed) ? "Not sent." : parsed.message;
      this.pending.value = this.pending.value.map((p) => (p.clientMessageId === clientMessageId ? { ...p, state: "failed", error: message } : p));
      throw parsed;
    } finally {
      this.sends--;
      done();
      this.watchGap();
    }
  }

  /** Typing notices, at most one "typing" every 3 s and a "stopped" after 4 s without keys. */
  typed(hub: Hub, isTyping: boolean) {
    clearTimeout(this.typingIdle);
    if (!isTyping) {
      if (this.lastTypingSent) hub.send("Typing", this.sessionId, false);
      this.lastTypingSent = 0;
      return;
    }
    const now = Date.now();
    if (now - this.lastTypingSent > 3000) {
      hub.send("Typing", this.sessionId, true);
      this.lastTypingSent = now;
    }
    this.typingIdle = setTimeout(() => this.typed(hub, false), 4000);
  }

  /** Tells the others we have read up to the newest message shown (read receipts). */
  async markRead(hub: Hub, method: string) {
    const seq = this.transcript.contiguous;
    if (seq <= this.readSent) return;
    this.readSent = seq;
    try {
      await hub.invoke(method, this.sessionId, seq);
    } catch (error) {
      if (!isMissingMethod(error)) this.readSent = 0;
    }
  }

  /** The thread is no longer shown: no more repairs, and sends in their backoff give up. */
  dispose() {
    this.disposed = true;
    clearTimeout(this.repairTimer);
    clearTimeout(this.typingIdle);
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
  }
}
