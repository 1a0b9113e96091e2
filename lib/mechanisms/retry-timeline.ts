/**
 * Model behind the retries-over-time view: `clients` callers all fail at t = 0 (a dependency blips)
 * and each retries `retries` times with the simulation's backoff (simulations/kernel/retry-policy.ts),
 * every retry failing while the blip lasts. Without jitter every client's n-th retry
 * lands at the same instant (a synchronized wave); with jitter the same retries spread out.
 */
import { backoffDelayMs, createStream, type BackoffConfig, type Jitter } from "@/simulations";

export interface RetryHistogram {
  jitter: Jitter;
  /** Retries whose send time falls in each bin. */
  bins: number[];
  /** Largest bin. */
  peak: number;
  total: number;
}

export interface RetryTimeline {
  clients: number;
  retries: number;
  binMs: number;
  endMs: number;
  backoff: Omit<BackoffConfig, "jitter">;
  histograms: RetryHistogram[];
}

/** Send times of every retry of every client, ms after the shared failure at t = 0. */
export function retrySendTimesMs(clients: number, retries: number, config: BackoffConfig, seed = 7): number[] {
  const random = createStream(seed, `retry-timeline-${config.jitter}`);
  const out: number[] = [];
  for (let c = 0; c < clients; c++) {
    let t = 0;
    let previous = 0;
    for (let r = 1; r <= retries; r++) {
      const wait = backoffDelayMs(config, r, previous, random);
      previous = wait;
      t += wait;
      out.push(t);
    }
  }
  return out;
}

/** Histograms of retry send times, one per jitter kind, over the same bins. */
export function retryTimeline(
  clients = 200,
  retries = 4,
  backoff: Omit<BackoffConfig, "jitter"> = { baseMs: 100, maxMs: 2000, multiplier: 2 },
  jitters: readonly Jitter[] = ["none", "full"],
  binMs = 25,
): RetryTimeline {
  const all = jitters.map((jitter) => ({ jitter, times: retrySendTimesMs(clients, retries, { ...backoff, jitter }) }));
  const maxT = Math.max(...all.flatMap((a) => a.times), binMs);
  const endMs = Math.ceil((maxT + 1) / binMs) * binMs;
  const histograms = all.map(({ jitter, times }) => {
    const bins = new Array<number>(endMs / binMs).fill(0);
    for (const t of times) bins[Math.min(bins.length - 1, Math.floor(t / binMs))]++;
    return { jitter, bins, peak: Math.max(...bins), total: times.length };
  });
  return { clients, retries, binMs, endMs, backoff, histograms };
}
