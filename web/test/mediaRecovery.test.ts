import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MediaRecovery, type RecoveryTarget } from "../src/shared/call/MediaRecovery";

/**
 * A peer link as the recovery sees it: each restart is counted and ends as the test says (answered, failed
 * and worth retrying, or refused); the path is healthy only once the test says so.
 */
class FakeLink implements RecoveryTarget {
  restarts = 0;
  outcome: "answered" | "retry" | "stop" = "answered";
  isHealthy = false;
  private last: "retry" | "stop" | null = null;

  async restartIce() {
    this.restarts++;
    this.last = this.outcome === "answered" ? null : this.outcome;
  }

  lastFailure() {
    return this.last;
  }

  async healthy() {
    return this.isHealthy;
  }
}

describe("MediaRecovery", () => {
  let link: FakeLink;
  let recovery: MediaRecovery;
  beforeEach(() => {
    vi.useFakeTimers();
    link = new FakeLink();
    recovery = new MediaRecovery(link);
  });
  afterEach(() => {
    recovery.dispose();
    vi.useRealTimers();
  });

  it("offers again at once when told the path is gone, and stops once media reaches the answering node", async () => {
    link.isHealthy = true; // ICE still looks fine: a node's death is told by the server before ICE notices
    recovery.now();
    await vi.advanceTimersByTimeAsync(0);
    expect(link.restarts).toBe(1);
    expect(recovery.reconnecting.value).toBe(true);
    link.isHealthy = false;
    await vi.advanceTimersByTimeAsync(1000);
    link.isHealthy = true;
    recovery.poke(); // connected
    await vi.advanceTimersByTimeAsync(0);
    expect(recovery.reconnecting.value).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(link.restarts).toBe(1);
  });

  it("leaves a short ICE blip alone and restarts when it lasts", async () => {
    recovery.soon();
    await vi.advanceTimersByTimeAsync(1000);
    link.isHealthy = true; // back by itself within the debounce
    await vi.advanceTimersByTimeAsync(1000);
    expect(link.restarts).toBe(0);

    link.isHealthy = false;
    recovery.soon();
    recovery.soon(); // one debounce, not two
    await vi.advanceTimersByTimeAsync(1500);
    expect(link.restarts).toBe(1);
  });

  it("retries offers that fail with unavailable soon, backing off, until one is answered and media flows", async () => {
    link.outcome = "retry";
    recovery.now();
    await vi.advanceTimersByTimeAsync(0);
    expect(link.restarts).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(link.restarts).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(link.restarts).toBe(3);
    await vi.advanceTimersByTimeAsync(2000);
    expect(link.restarts).toBe(4);
    link.outcome = "answered";
    await vi.advanceTimersByTimeAsync(3000);
    expect(link.restarts).toBe(5);
    // Answered: ICE and DTLS get 4 s before the next offer.
    await vi.advanceTimersByTimeAsync(3900);
    expect(link.restarts).toBe(5);
    await vi.advanceTimersByTimeAsync(100);
    expect(link.restarts).toBe(6);
    link.isHealthy = true;
    await vi.advanceTimersByTimeAsync(6000);
    expect(recovery.reconnecting.value).toBe(false);
    expect(link.restarts).toBe(6);
  });

  it("stops when the offer is refused (the call ended or the offer is invalid): the controller deals with that", async () => {
    link.outcome = "stop";
    recovery.now();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(link.restarts).toBe(1);
    expect(recovery.reconnecting.value).toBe(false);
  });

  it("another reason to restart during a recovery restarts again at once instead of waiting", async () => {
    recovery.now();
    await vi.advanceTimersByTimeAsync(1000);
    expect(link.restarts).toBe(1);
    recovery.now(); // e.g. the server's view arrived after ICE had started the recovery
    await vi.advanceTimersByTimeAsync(0);
    expect(link.restarts).toBe(2);
  });

  it("says it is stuck after a long time without media, and keeps trying", async () => {
    recovery.now();
    await vi.advanceTimersByTimeAsync(44_000);
    expect(recovery.stuck.value).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(recovery.stuck.value).toBe(true);
    const restarts = link.restarts;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(link.restarts).toBeGreaterThan(restarts);
    link.isHealthy = true;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(recovery.stuck.value).toBe(false);
    expect(recovery.reconnecting.value).toBe(false);
  });

  it("an offer that failed outside a recovery starts one after the first retry wait", async () => {
    recovery.offerFailed();
    await vi.advanceTimersByTimeAsync(499);
    expect(link.restarts).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(link.restarts).toBe(1);
  });
});
