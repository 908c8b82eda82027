import type { ChatMessage } from "./protocol";

/**
 * A session's messages ordered by seq, as the resume rule (docs/protocol.md#resume-rule) needs them: the
 * transcript is numbered 1, 2, 3, … without gaps, so what a client may show is exactly the **contiguous
 * prefix** 1…n. A message above n + 1 (a live event that overtook its join reply, or one after a loss) is
 * held out of sight until what comes before it arrives; a message already held or shown is dropped.
 *
 * Pure bookkeeping, no UI and no connection: Thread wraps it, and the unit tests drive it directly.
 *
 * A visitor's transcript (`chained`) skips the seqs of staff-only entries, which it never receives
 * (docs/protocol.md, "Agent hub: supervision"): a message whose `precededBy` is the last one shown follows it as
 * well as seq + 1 does. Staff receive every entry, so their transcript keeps to seq + 1.
 */
export class Transcript {
  private readonly shown: ChatMessage[] = [];
  private readonly held = new Map<number, ChatMessage>();
  private highestHeld = 0;
  private last = 0;

  constructor(private readonly chained = false) {}

  /** The highest contiguous seq n: every message up to n this side may read is here (0 when none). The seq to re-join from. */
  get contiguous(): number {
    return this.last;
  }

  /** The highest seq received, shown or held. */
  get highest(): number {
    return Math.max(this.contiguous, this.highestHeld);
  }

  /** True while something above contiguous + 1 is held: a gap that a join reply or a page must fill. */
  get hasGap(): boolean {
    return this.held.size > 0;
  }

  /** The messages to show: 1…contiguous, in order, each once. */
  get messages(): readonly ChatMessage[] {
    return this.shown;
  }

  has(seq: number): boolean {
    return seq <= this.contiguous || this.held.has(seq);
  }

  /**
   * Takes messages in any order and from any source (join reply, transcript page, live event, from either
   * connection during a drain move). Returns those that became visible, in seq order: the caller's cue to
   * clear pending sends and update the UI.
   */
  add(messages: Iterable<ChatMessage>): ChatMessage[] {
    const before = this.shown.length;
    for (const m of messages) {
      if (!Number.isInteger(m.seq) || m.seq < 1 || this.has(m.seq)) continue;
      if (this.follows(m)) {
        this.show(m);
        this.release();
      } else {
        this.held.set(m.seq, m);
        if (m.seq > this.highestHeld) this.highestHeld = m.seq;
      }
    }
    return this.shown.slice(before);
  }

  private follows(m: ChatMessage): boolean {
    return m.seq === this.last + 1 || (this.chained && m.seq > this.last && m.precededBy === this.last);
  }

  private show(m: ChatMessage) {
    this.shown.push(m);
    this.last = m.seq;
  }

  /** Moves held messages that now follow the prefix into it. */
  private release() {
    for (let next = this.nextHeld(); next; next = this.nextHeld()) {
      this.held.delete(next.seq);
      this.show(next);
    }
    for (const seq of [...this.held.keys()]) if (seq <= this.last) this.held.delete(seq);
    if (this.held.size === 0) this.highestHeld = 0;
  }

  private nextHeld(): ChatMessage | undefined {
    const next = this.held.get(this.last + 1);
    if (next || !this.chained) return next;
    for (const m of this.held.values()) if (this.follows(m)) return m;
    return undefined;
  }
}
