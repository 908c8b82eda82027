import type { ChatMessage } from "./protocol";

/**
 * A session's messages ordered by seq, as the resume rule (docs/protocol.md#resume-rule) needs them: the
 * transcript is numbered 1, 2, 3, … without gaps, so what a client may show is exactly the **contiguous
 * prefix** 1…n. A message above n + 1 (a live event that overtook its join reply, or one after a loss) is
 * held out of sight until what comes before it arrives; a message already held or shown is dropped.
 *
 * Pure bookkeeping, no UI and no connection: Thread wraps it, and the unit tests drive it directly.
 */
export class Transcript {
  private readonly shown: ChatMessage[] = [];
  private readonly held = new Map<number, ChatMessage>();
  private highestHeld = 0;

  /** The highest contiguous seq n: every message 1…n is here (0 when none). The seq to re-join from. */
  get contiguous(): number {
    return this.shown.length;
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
      if (m.seq === this.contiguous + 1) {
        this.shown.push(m);
        this.release();
      } else {
        this.held.set(m.seq, m);
        if (m.seq > this.highestHeld) this.highestHeld = m.seq;
      }
    }
    return this.shown.slice(before);
  }

  /** Moves held messages that now follow the prefix into it. */
  private release() {
    for (let next = this.held.get(this.contiguous + 1); next; next = this.held.get(this.contiguous + 1)) {
      this.held.delete(next.seq);
      this.shown.push(next);
    }
    if (this.held.size === 0) this.highestHeld = 0;
  }
}
