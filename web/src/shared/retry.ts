import { isTransient } from "./errors";

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Waits between attempts of a call that is safe to repeat: 250 ms, doubling, up to 4 s (docs/protocol.md,
 * "A call fails with unavailable"). Five retries, so about 8 s of waiting plus the calls themselves, before
 * a person is asked to retry by hand.
 */
export const retryDelays: readonly number[] = [250, 500, 1000, 2000, 4000];

/**
 * Runs `attempt` until it succeeds, fails with an error that a repeat cannot cure, or the delays run out
 * (then the last error is thrown). Only for calls whose repeat is harmless (SendMessage with the same
 * clientMessageId, StartSession with the same requestId, reads).
 */
export async function withRetries<T>(attempt: () => Promise<T>, options: {
  delays?: readonly number[];
  retryable?: (error: unknown) => boolean;
  /** Stops retrying (e.g. the thread was closed); the last error is thrown. */
  cancelled?: () => boolean;
} = {}): Promise<T> {
  const delays = options.delays ?? retryDelays;
  const retryable = options.retryable ?? isTransient;
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= delays.length || !retryable(error) || options.cancelled?.()) throw error;
      await sleep(delays[n]);
    }
  }
}
