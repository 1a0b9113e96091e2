/**
 * Rate-limiting algorithms as small state machines, one state per limited key (a client, a key, or
 * the whole service).
 *
 * - Token bucket: a bucket of `burst` tokens refilled at `ratePerSec`; a request takes one token or is
 *   refused. Over any interval of length t at most burst + rate × t requests pass.
 * - Leaky bucket as a meter (GCRA): a "theoretical arrival time" advances by 1/rate per admitted
 *   request; a request more than (burst − 1)/rate ahead of it is refused. Same decisions as a token
 *   bucket of the same rate and burst, one number of state.
 * - Fixed window counter: at most `limit` per window aligned to t = 0. Cheap, but a client can get
 *   2 × limit through in a short span straddling a boundary.
 * - Sliding-window log: the timestamps of the admissions in the last `windowMs`; exact (never more than
 *   `limit` in any window), memory proportional to the limit.
 * - Sliding-window counter: the current and previous fixed windows, the previous weighted by how much
 *   of it still overlaps the sliding window (Cloudflare's approximation): two counters, a small error.
 *
 * Each state answers `tryAcquire(now)` and, for a refused request, `retryAfterMs(now)`: how long until
 * the same request would be admitted, which a limiter sends back like an HTTP `Retry-After`.
 */
import { Fifo } from "../shared";

export type LimiterAlgorithm = "token-bucket" | "leaky-bucket-meter" | "leaky-bucket-queue" | "fixed-window" | "sliding-log" | "sliding-counter";

export interface LimiterParams {
  ratePerSec: number;
  burst: number;
  limit: number;
  windowMs: number;
}

/** The state of one key. */
export interface LimiterState {
  /** Admits (and records) one request at `nowMs`, or refuses it without changing anything. */
  tryAcquire(nowMs: number): boolean;
  /** For a refused request: ms until a request at this key would be admitted (0 if it would be now). */
  retryAfterMs(nowMs: number): number;
  /** Numbers held (timestamps, counters), for the memory comparison of the algorithms. */
  entries(): number;
}

/** Floating-point slack: a token that is 1e-9 short of whole still counts as whole. */
const EPS = 1e-9;

/** Token bucket with lazy refill; the bucket starts full. */
export class TokenBucket implements LimiterState {
  tokens: number;
  private lastMs = 0;
  private readonly perMs: number;
  constructor(
    readonly ratePerSec: number,
    readonly burst: number,
  ) {
    this.tokens = burst;
    this.perMs = ratePerSec / 1000;
  }
  refill(nowMs: number): void {
    if (nowMs > this.lastMs) {
      this.tokens = Math.min(this.burst, this.tokens + (nowMs - this.lastMs) * this.perMs);
      this.lastMs = nowMs;
    }
  }
  tryAcquire(nowMs: number): boolean {
    this.refill(nowMs);
    if (this.tokens >= 1 - EPS) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }
  /** Takes a token even if that leaves a debt (a reservation); returns the wait until it is covered. */
  reserve(nowMs: number): number {
    this.refill(nowMs);
    this.tokens -= 1;
    return this.tokens >= -EPS ? 0 : -this.tokens / this.perMs;
  }
  /** The wait a reservation made now would have, without making it. */
  peekReserve(nowMs: number): number {
    this.refill(nowMs);
    const after = this.tokens - 1;
    return after >= -EPS ? 0 : -after / this.perMs;
  }
  retryAfterMs(nowMs: number): number {
    this.refill(nowMs);
    return this.tokens >= 1 - EPS ? 0 : (1 - this.tokens) / this.perMs;
  }
  entries(): number {
    return 2;
  }
}

/** GCRA: the leaky bucket as a meter. `tat` is the theoretical arrival time of the next request. */
export class LeakyMeter implements LimiterState {
  private tat = 0;
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  constructor(ratePerSec: number, burst: number) {
    this.intervalMs = 1000 / ratePerSec;
    this.toleranceMs = (burst - 1) * this.intervalMs;
  }
  tryAcquire(nowMs: number): boolean {
    const tat = Math.max(this.tat, nowMs);
    if (tat - nowMs > this.toleranceMs + EPS) return false;
    this.tat = tat + this.intervalMs;
    return true;
  }
  reserve(nowMs: number): number {
    const tat = Math.max(this.tat, nowMs);
    const wait = Math.max(0, tat - this.toleranceMs - nowMs);
    this.tat = tat + this.intervalMs;
    return wait;
  }
  peekReserve(nowMs: number): number {
    return Math.max(0, Math.max(this.tat, nowMs) - this.toleranceMs - nowMs);
  }
  retryAfterMs(nowMs: number): number {
    return Math.max(0, this.tat - this.toleranceMs - nowMs);
  }
  entries(): number {
    return 1;
  }
}

/** Fixed window counter, windows aligned to t = 0. */
export class FixedWindow implements LimiterState {
  private windowStart = 0;
  private count = 0;
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}
  private roll(nowMs: number): void {
    const start = Math.floor(nowMs / this.windowMs) * this.windowMs;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.count = 0;
    }
  }
  tryAcquire(nowMs: number): boolean {
    this.roll(nowMs);
    if (this.count < this.limit) {
      this.count++;
      return true;
    }
    return false;
  }
  retryAfterMs(nowMs: number): number {
    this.roll(nowMs);
    return this.count < this.limit ? 0 : this.windowStart + this.windowMs - nowMs;
  }
  entries(): number {
    return 1;
  }
}

/** Sliding-window log: admission timestamps of the last window. Admits iff fewer than `limit` in (now − window, now]. */
export class SlidingLog implements LimiterState {
  private readonly log = new Fifo<number>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}
  private trim(nowMs: number): void {
    const cutoff = nowMs - this.windowMs;
    while (this.log.length > 0 && this.log.peek()! <= cutoff) this.log.shift();
  }
  tryAcquire(nowMs: number): boolean {
    this.trim(nowMs);
    if (this.log.length < this.limit) {
      this.log.push(nowMs);
      return true;
    }
    return false;
  }
  retryAfterMs(nowMs: number): number {
    this.trim(nowMs);
    if (this.log.length < this.limit) return 0;
    // The oldest entry leaves the window at oldest + window; admission needs one place.
    return this.log.peek()! + this.windowMs - nowMs;
  }
  entries(): number {
    return this.log.length;
  }
}

/** Sliding-window counter: estimate = previous × (1 − elapsed / window) + current; admit while below the limit. */
export class SlidingCounter implements LimiterState {
  private windowStart = 0;
  private current = 0;
  private previous = 0;
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}
  private roll(nowMs: number): void {
    const start = Math.floor(nowMs / this.windowMs) * this.windowMs;
    if (start !== this.windowStart) {
      this.previous = start - this.windowStart === this.windowMs ? this.current : 0;
      this.current = 0;
      this.windowStart = start;
    }
  }
  estimate(nowMs: number): number {
    this.roll(nowMs);
    const elapsed = (nowMs - this.windowStart) / this.windowMs;
    return this.previous * (1 - elapsed) + this.current;
  }
  tryAcquire(nowMs: number): boolean {
    if (this.estimate(nowMs) + 1 <= this.limit + EPS) {
      this.current++;
      return true;
    }
    return false;
  }
  retryAfterMs(nowMs: number): number {
    const estimate = this.estimate(nowMs);
    if (estimate + 1 <= this.limit + EPS) return 0;
    const w = this.windowMs;
    const elapsedMs = nowMs - this.windowStart;
    if (this.current + 1 <= this.limit && this.previous > 0) {
      // Wait until the previous window's weight has decayed enough within this window.
      const needed = w * (1 - (this.limit - 1 - this.current) / this.previous);
      if (needed <= w) return Math.max(0, needed - elapsedMs);
    }
    // Otherwise into the next window, where this window becomes the weighted previous one.
    const next = this.current > 0 ? w * Math.max(0, 1 - (this.limit - 1) / this.current) : 0;
    return w - elapsedMs + next;
  }
  entries(): number {
    return 2;
  }
}

/** A fresh state for one key. (The leaky queue meters its departures with a GCRA meter of burst 1.) */
export function createLimiterState(algorithm: LimiterAlgorithm, p: LimiterParams): LimiterState {
  switch (algorithm) {
    case "token-bucket":
      return new TokenBucket(p.ratePerSec, p.burst);
    case "leaky-bucket-meter":
      return new LeakyMeter(p.ratePerSec, p.burst);
    case "leaky-bucket-queue":
      return new LeakyMeter(p.ratePerSec, 1);
    case "fixed-window":
      return new FixedWindow(p.limit, p.windowMs);
    case "sliding-log":
      return new SlidingLog(p.limit, p.windowMs);
    case "sliding-counter":
      return new SlidingCounter(p.limit, p.windowMs);
  }
}

/**
 * The most events in any sliding interval of `spanMs` (default one second), measured from the event
 * timestamps themselves, not from fixed buckets. Memory: the events of the last span.
 */
export class SlidingPeak {
  peak = 0;
  private readonly times = new Fifo<number>();
  constructor(private readonly spanMs = 1000) {}
  record(nowMs: number): void {
    const cutoff = nowMs - this.spanMs;
    while (this.times.length > 0 && this.times.peek()! <= cutoff) this.times.shift();
    this.times.push(nowMs);
    if (this.times.length > this.peak) this.peak = this.times.length;
  }
}
