import { signal } from "@preact/signals";

/** What the recovery works on: one peer connection to the node (PeerLink). */
export interface RecoveryTarget {
  /** One offer round with new ICE credentials (queued behind a round in flight); never rejects. */
  restartIce(): Promise<void>;
  /** How the last offer round ended: null when answered, else whether trying again can help. */
  lastFailure(): "retry" | "stop" | null;
  /** True when media flows to the node of the latest answer (connected, on that node's candidate). */
  healthy(): Promise<boolean>;
}

/** Timings, in milliseconds; tests and the docs use the defaults. */
export interface RecoveryTimings {
  /** An ICE "disconnected" that lasts this long starts a recovery (a short blip heals by itself). */
  debounce: number;
  /** Waits after an offer that failed (`unavailable`: the session's new activation may not exist yet). */
  retry: number[];
  /** Waits after an answered offer for ICE and DTLS to connect before offering again. */
  connect: number[];
  /** After this long without media, the person is told (the recovery goes on). */
  stuck: number;
}

export const defaultRecoveryTimings: RecoveryTimings = {
  debounce: 1500,
  retry: [500, 1000, 2000, 3000],
  connect: [4000, 6000, 10_000],
  stuck: 45_000,
};

/**
 * Brings a call's media back by itself when its path is lost: the node carrying the room died or was
 * drained (docs/protocol.md, Calls, step 5), the hub reconnected, or ICE says the path is gone. It offers
 * again with an ICE restart — on another node the session's new activation answers from a fresh room —
 * and keeps offering, backing off, until media flows to the node of the latest answer. Offers that fail
 * with `unavailable` are retried soon: until the cluster has declared the old node dead, the session has
 * no new activation to answer. The person sees "Reconnecting media…" meanwhile and a notice only if it
 * takes longer than `stuck`; the chat does not depend on any of it.
 */
export class MediaRecovery {
  /** A recovery is under way (the call panel says "Reconnecting media…"). */
  readonly reconnecting = signal(false);
  /** It has been trying for longer than `stuck` (the call panel tells the person; it keeps trying). */
  readonly stuck = signal(false);

  private running = false;
  private forced = false;
  private disposed = false;
  private debounceTimer: ReturnType<typeof setTimeout> | undefined;
  private wake: (() => void) | null = null;

  constructor(private readonly target: RecoveryTarget, private readonly timings: RecoveryTimings = defaultRecoveryTimings) {}

  /** The path is known to be gone (step 5, a hub reconnect, ICE failed): offer again at once. */
  now() {
    if (this.disposed) return;
    clearTimeout(this.debounceTimer);
    this.forced = true;
    if (this.running) this.wakeUp();
    else void this.run();
  }

  /** The path looks unhealthy (ICE disconnected): recover unless it comes back within the debounce. */
  soon() {
    if (this.disposed || this.running || this.debounceTimer !== undefined) return;
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = undefined;
      if (!this.running && !this.disposed) void this.run();
    }, this.timings.debounce);
  }

  /** An offer outside a recovery failed in a way worth retrying: recover after the first retry wait. */
  offerFailed() {
    if (this.disposed || this.running) return;
    clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = undefined;
      this.now();
    }, this.timings.retry[0]);
  }

  /** The connection changed (e.g. connected): a recovery waiting for it looks again now. */
  poke() {
    if (this.running) this.wakeUp();
  }

  dispose() {
    this.disposed = true;
    clearTimeout(this.debounceTimer);
    this.wakeUp();
  }

  private async run() {
    this.running = true;
    const started = Date.now();
    let failedOffers = 0;
    let answeredOffers = 0;
    try {
      while (!this.disposed) {
        const forced = this.forced;
        this.forced = false;
        if (!forced && (await this.target.healthy())) return;
        this.reconnecting.value = true;
        await this.target.restartIce();
        if (this.disposed) return;
        const failure = this.target.lastFailure();
        if (failure === "stop") return; // the call ended or refused the offer: the owner deals with it
        const wait = failure === "retry"
          ? pick(this.timings.retry, failedOffers++)
          : pick(this.timings.connect, answeredOffers++);
        await this.sleepUntilHealthy(wait);
        if (!this.forced && (await this.target.healthy())) return;
        if (Date.now() - started >= this.timings.stuck) this.stuck.value = true;
      }
    } finally {
      this.running = false;
      this.reconnecting.value = false;
      this.stuck.value = false;
    }
  }

  /** Waits up to `ms`, looking earlier when poked (a state change) and stopping when forced or healthy. */
  private async sleepUntilHealthy(ms: number) {
    const until = Date.now() + ms;
    while (!this.disposed && !this.forced && Date.now() < until) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, until - Date.now());
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
      if (!this.forced && (await this.target.healthy())) return;
    }
  }

  private wakeUp() {
    this.wake?.();
  }
}

function pick(list: number[], index: number): number {
  return list[Math.min(index, list.length - 1)];
}
