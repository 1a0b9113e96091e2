/**
 * Backoff: how long a client waits before retrying a failed call.
 *
 * Exponential backoff grows the wait with each retry, `min(cap, base × multiplier^(n-1))` for retry
 * n = 1, 2, ..., so a blip is retried quickly and an outage is not hammered. Jitter randomises the
 * wait so that clients which failed together do not retry together (the variants of the AWS
 * Architecture Blog's "Exponential Backoff And Jitter"):
 *
 * - `none`: exactly the exponential value.
 * - `full`: uniform in [0, value]. Smooth load, shortest average wait.
 * - `equal`: value/2 + uniform in [0, value/2]. Never retries almost at once.
 * - `decorrelated`: min(cap, uniform in [base, 3 × previous sleep]), starting from previous = base.
 *   Grows from the last wait rather than from the attempt number.
 *
 * Every draw comes from the stream handed in (one per edge or client), so adding jitter somewhere
 * never shifts another component's random numbers.
 */
import type { RandomStream } from "../../engine/random";

export type Jitter = "none" | "full" | "equal" | "decorrelated";
export const jitterKinds: readonly Jitter[] = ["none", "full", "equal", "decorrelated"];

export interface BackoffConfig {
  /** Wait before the first retry, ms (0 = retry at once). */
  baseMs: number;
  /** Largest wait, ms. */
  maxMs: number;
  /** Growth factor per retry (1 = constant backoff). */
  multiplier: number;
  jitter: Jitter;
}

/** The un-jittered exponential wait before retry `retry` (1 = first retry), capped. */
export function exponentialBackoffMs(config: BackoffConfig, retry: number): number {
  const raw = config.baseMs * Math.pow(config.multiplier, Math.max(0, retry - 1));
  return Math.min(config.maxMs, raw);
}

/**
 * The wait before retry `retry` (1-based). `previousMs` is the previous wait (for decorrelated
 * jitter; pass 0 before the first retry).
 */
export function backoffDelayMs(config: BackoffConfig, retry: number, previousMs: number, random: RandomStream): number {
  switch (config.jitter) {
    case "none":
      return exponentialBackoffMs(config, retry);
    case "full":
      return random.next() * exponentialBackoffMs(config, retry);
    case "equal": {
      const value = exponentialBackoffMs(config, retry);
      return value / 2 + random.next() * (value / 2);
    }
    case "decorrelated": {
      const base = config.baseMs;
      const previous = previousMs > 0 ? previousMs : base;
      const high = Math.max(base, previous * 3);
      return Math.min(config.maxMs, base + random.next() * (high - base));
    }
  }
}
