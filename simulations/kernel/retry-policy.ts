/**
 * The retry policy: how many tries, how long to wait between them (backoff and jitter), which
 * failures are retried, and how many retries all calls together may spend (a budget). One
 * implementation, read by the three places a scenario can ask for retries:
 *
 * | surface | tries | backoff | jitter | budget |
 * |---|---|---|---|---|
 * | edge (`retry: {...}`) | `maxAttempts` | `backoff: { baseMs, maxMs, multiplier }` | `jitter` | `budget: { ratio, minPerSec, windowMs }` |
 * | `client` node (flat) | `maxAttempts` | `backoffBaseMs`, `backoffCapMs`, `backoffMultiplier` | `jitter` | `retryBudgetRatio`, `retryBudgetMinPerSec` |
 * | extended `source` | `maxAttempts` | `backoff: "fixed" \| "exponential"`, `baseMs`, `capMs` | `jitter` | `retryBudget` (a ratio; no per-second floor) |
 *
 * Each spelling is normalised to one {@link RetryPolicyConfig} ({@link retryPolicyFromEdge},
 * {@link retryPolicyFromClient}, {@link retryPolicyFromSource}), and every wait comes from
 * {@link backoffDelayMs}.
 *
 * **Backoff.** Exponential backoff grows the wait with each retry, `min(cap, base × multiplier^(n-1))`
 * for retry n = 1, 2, ..., so a blip is retried quickly and an outage is not hammered (multiplier 1:
 * a fixed wait). Jitter randomises the wait so that clients which failed together do not retry
 * together (the variants of the AWS Architecture Blog's "Exponential Backoff And Jitter"):
 *
 * - `none`: exactly the exponential value.
 * - `full`: uniform in [0, value]. Smooth load, shortest average wait.
 * - `equal`: value/2 + uniform in [0, value/2]. Never retries almost at once.
 * - `decorrelated`: min(cap, uniform in [base, 3 × previous sleep]), starting from previous = base.
 *   Grows from the last wait rather than from the attempt number.
 *
 * Every draw comes from the stream handed in (one per edge, client or source), so adding jitter
 * somewhere never shifts another component's random numbers.
 *
 * **Retry budget.** Retries allowed only up to a share of recent traffic (Finagle's RetryBudget, gRPC's
 * retry throttling, Linkerd's retry budget).
 *
 * Caps and backoff limit what one request does; a budget limits what all requests do together. Over
 * a sliding window (default 10 s) the client may send at most `ratio × requests + minPerSec × window`
 * retries: when a few calls fail nearly all get their retry, when everything fails retries stay near
 * `ratio` of the load instead of multiplying it. The window is kept in ten buckets, so the cost per
 * call is O(1) and memory is constant.
 */
import type { RandomStream } from "../engine/random";

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

const BUCKETS = 10;

export interface RetryBudgetConfig {
  /** Retries allowed per request in the window, 0..1 (e.g. 0.1 = 10% extra load). */
  ratio: number;
  /** Retries always allowed per second, so quiet clients can still retry. */
  minPerSec: number;
  /** Length of the sliding window, ms. */
  windowMs: number;
}

export class RetryBudget {
  private readonly bucketMs: number;
  private readonly requests = new Float64Array(BUCKETS);
  private readonly retries = new Float64Array(BUCKETS);
  private currentBucket = 0;
  private requestSum = 0;
  private retrySum = 0;

  constructor(private readonly config: RetryBudgetConfig) {
    this.bucketMs = config.windowMs / BUCKETS;
  }

  private advance(nowMs: number): void {
    const bucket = Math.floor(nowMs / this.bucketMs);
    if (bucket === this.currentBucket) return;
    const steps = Math.min(BUCKETS, bucket - this.currentBucket);
    for (let i = 1; i <= steps; i++) {
      const slot = (this.currentBucket + i) % BUCKETS;
      this.requestSum -= this.requests[slot];
      this.retrySum -= this.retries[slot];
      this.requests[slot] = 0;
      this.retries[slot] = 0;
    }
    this.currentBucket = bucket;
  }

  /** Records a first attempt (a deposit). */
  recordRequest(nowMs: number): void {
    this.advance(nowMs);
    this.requests[this.currentBucket % BUCKETS]++;
    this.requestSum++;
  }

  /** Takes one retry from the budget if any is left; false means the retry must not be sent. */
  tryWithdraw(nowMs: number): boolean {
    this.advance(nowMs);
    const allowed = this.config.ratio * this.requestSum + (this.config.minPerSec * this.config.windowMs) / 1000;
    if (this.retrySum + 1 > allowed) return false;
    this.retries[this.currentBucket % BUCKETS]++;
    this.retrySum++;
    return true;
  }

  /** Retries and requests currently in the window (for gauges and tests). */
  get window(): { requests: number; retries: number } {
    return { requests: this.requestSum, retries: this.retrySum };
  }
}

/** Failure classes a retry policy may retry. */
export type RetryOn = "timeout" | "error" | "dropped" | "circuit-open";
export const retryOnKinds: readonly RetryOn[] = ["timeout", "error", "dropped", "circuit-open"];
const DEFAULT_RETRY_ON: readonly RetryOn[] = ["timeout", "error", "dropped"];

/** One retry policy, whichever surface declared it. */
export interface RetryPolicyConfig {
  /** Tries in total, the first included (1 = no retries). */
  maxAttempts: number;
  backoff: BackoffConfig;
  retryOn: readonly RetryOn[];
  budget: RetryBudgetConfig | null;
}

/** The edge spelling: `retry: { maxAttempts, backoff: { baseMs, maxMs, multiplier }, jitter, retryOn, budget }`. */
export interface EdgeRetrySpelling {
  maxAttempts: number;
  backoff?: { baseMs?: number; maxMs?: number; multiplier?: number };
  jitter?: string;
  retryOn?: readonly string[];
  budget?: { ratio: number; minPerSec?: number; windowMs?: number } | null;
}

export function retryPolicyFromEdge(r: EdgeRetrySpelling): RetryPolicyConfig {
  return {
    maxAttempts: r.maxAttempts,
    backoff: { baseMs: r.backoff?.baseMs ?? 0, maxMs: r.backoff?.maxMs ?? 30_000, multiplier: r.backoff?.multiplier ?? 2, jitter: (r.jitter ?? "none") as Jitter },
    retryOn: (r.retryOn ?? DEFAULT_RETRY_ON) as RetryOn[],
    budget: r.budget ? { ratio: r.budget.ratio, minPerSec: r.budget.minPerSec ?? 10, windowMs: r.budget.windowMs ?? 10_000 } : null,
  };
}

/** The `client` node's flat spelling. */
export interface ClientRetrySpelling {
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  backoffMultiplier?: number;
  jitter?: string;
  retryOn?: readonly string[];
  retryBudgetRatio?: number | null;
  retryBudgetMinPerSec?: number;
}

/** The policy of a `client` node, or null when it makes one try only. */
export function retryPolicyFromClient(c: ClientRetrySpelling): RetryPolicyConfig | null {
  const maxAttempts = c.maxAttempts ?? 1;
  if (maxAttempts <= 1) return null;
  return retryPolicyFromEdge({
    maxAttempts,
    backoff: { baseMs: c.backoffBaseMs, maxMs: c.backoffCapMs, multiplier: c.backoffMultiplier },
    jitter: c.jitter,
    retryOn: c.retryOn,
    budget: c.retryBudgetRatio !== null && c.retryBudgetRatio !== undefined ? { ratio: c.retryBudgetRatio, minPerSec: c.retryBudgetMinPerSec, windowMs: 10_000 } : null,
  });
}

/** The extended source's spelling (every failure is retried; `fixed` waits `baseMs` uncapped). */
export interface SourceRetrySpelling {
  maxAttempts?: number;
  backoff?: "fixed" | "exponential";
  baseMs?: number;
  capMs?: number;
  jitter?: string;
}

/** The policy of an extended source (its `retryBudget` is a {@link RetryBudget} with no per-second floor). */
export function retryPolicyFromSource(s: SourceRetrySpelling): RetryPolicyConfig {
  const fixed = (s.backoff ?? "exponential") === "fixed";
  return {
    maxAttempts: s.maxAttempts ?? 1,
    backoff: { baseMs: s.baseMs ?? 100, maxMs: fixed ? Infinity : (s.capMs ?? 30_000), multiplier: fixed ? 1 : 2, jitter: (s.jitter ?? "none") as Jitter },
    retryOn: DEFAULT_RETRY_ON,
    budget: null,
  };
}

