/**
 * Models behind the rate-limiting mechanism views: the simulation's own limiter classes
 * (simulations/models/rate-limiter/algorithms.ts) driven by a scripted arrival sequence, one frame
 * per arrival, so the view can step through what each algorithm decided and why.
 */
import { FixedWindow, SlidingCounter, SlidingLog, TokenBucket } from "@/simulations";

/** One arrival at a token bucket: the level just before it (after refill), the decision, the level after. */
export interface TokenBucketFrame {
  tMs: number;
  tokensBefore: number;
  admitted: boolean;
  tokensAfter: number;
}

/** A point of the bucket's level over time (refills are straight lines, capped at the burst). */
export interface LevelPoint {
  tMs: number;
  tokens: number;
  /** Index of the first frame at which this point is in the past. */
  frame: number;
}

export interface TokenBucketTrace {
  ratePerSec: number;
  burst: number;
  endMs: number;
  frames: TokenBucketFrame[];
  level: LevelPoint[];
}

/**
 * The default script: a client bursts 8 requests in 350 ms, then sends one every 250 ms (faster than
 * a 2/s refill), pauses, and bursts again once the bucket has had time to refill.
 */
export function defaultArrivalsMs(): number[] {
  const out: number[] = [];
  for (let i = 0; i < 8; i++) out.push(100 + i * 50);
  for (let t = 750; t <= 2500; t += 250) out.push(t);
  for (let i = 0; i < 6; i++) out.push(5000 + i * 40);
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Runs the simulation's `TokenBucket` over `arrivalsMs` (sorted), recording each decision and the level curve. */
export function traceTokenBucket(ratePerSec: number, burst: number, arrivalsMs: readonly number[] = defaultArrivalsMs(), endMs?: number): TokenBucketTrace {
  const bucket = new TokenBucket(ratePerSec, burst);
  const frames: TokenBucketFrame[] = [];
  const level: LevelPoint[] = [{ tMs: 0, tokens: burst, frame: 0 }];
  const perMs = ratePerSec / 1000;
  let lastMs = 0;
  let lastTokens = burst;
  arrivalsMs.forEach((tMs, i) => {
    // The point where the refill line hits the cap, if it does before this arrival.
    const capAt = lastMs + (burst - lastTokens) / perMs;
    if (lastTokens < burst && capAt < tMs) level.push({ tMs: round(capAt), tokens: burst, frame: i });
    bucket.refill(tMs);
    const tokensBefore = bucket.tokens;
    const admitted = bucket.tryAcquire(tMs);
    const tokensAfter = bucket.tokens;
    frames.push({ tMs, tokensBefore: round(tokensBefore), admitted, tokensAfter: round(tokensAfter) });
    level.push({ tMs, tokens: round(tokensBefore), frame: i }, { tMs, tokens: round(tokensAfter), frame: i });
    lastMs = tMs;
    lastTokens = tokensAfter;
  });
  const end = endMs ?? (arrivalsMs.length ? arrivalsMs[arrivalsMs.length - 1] + 1000 : 1000);
  const capAt = lastMs + (burst - lastTokens) / perMs;
  if (lastTokens < burst && capAt < end) level.push({ tMs: round(capAt), tokens: burst, frame: frames.length - 1 });
  level.push({ tMs: end, tokens: round(Math.min(burst, lastTokens + (end - lastMs) * perMs)), frame: frames.length - 1 });
  return { ratePerSec, burst, endMs: end, frames, level };
}

/** The window algorithms the window-edges view compares. */
export const windowAlgorithms = ["fixed-window", "sliding-log", "sliding-counter"] as const;
export type WindowAlgorithm = (typeof windowAlgorithms)[number];

export interface WindowEdgesFrame {
  tMs: number;
  /** The decision of each algorithm for this arrival. */
  admitted: Record<WindowAlgorithm, boolean>;
  /** Admissions so far within the last `windowMs` (the sliding view of what got through). */
  lastWindow: Record<WindowAlgorithm, number>;
}

export interface WindowEdgesTrace {
  limit: number;
  windowMs: number;
  endMs: number;
  frames: WindowEdgesFrame[];
  /** Most admissions in any window-length span, per algorithm. */
  peak: Record<WindowAlgorithm, number>;
}

/** The boundary burst: `limit` requests just before a window edge and `limit` just after it, then a few later. */
export function boundaryBurstMs(limit: number, windowMs: number): number[] {
  const out: number[] = [];
  const gap = Math.max(1, Math.floor((windowMs * 0.2) / limit));
  for (let i = 0; i < limit; i++) out.push(windowMs - gap * (limit - i));
  for (let i = 0; i < limit; i++) out.push(windowMs + gap * i);
  for (let i = 0; i < 3; i++) out.push(Math.round(windowMs * 1.6) + i * gap * 2);
  return out;
}

/** Runs fixed window, sliding log and sliding counter side by side over the same arrivals. */
export function traceWindowEdges(limit: number, windowMs: number, arrivalsMs: readonly number[] = boundaryBurstMs(limit, windowMs)): WindowEdgesTrace {
  const states = {
    "fixed-window": new FixedWindow(limit, windowMs),
    "sliding-log": new SlidingLog(limit, windowMs),
    "sliding-counter": new SlidingCounter(limit, windowMs),
  };
  const admittedAt: Record<WindowAlgorithm, number[]> = { "fixed-window": [], "sliding-log": [], "sliding-counter": [] };
  const peak: Record<WindowAlgorithm, number> = { "fixed-window": 0, "sliding-log": 0, "sliding-counter": 0 };
  const frames = arrivalsMs.map((tMs) => {
    const admitted = {} as Record<WindowAlgorithm, boolean>;
    const lastWindow = {} as Record<WindowAlgorithm, number>;
    for (const a of windowAlgorithms) {
      admitted[a] = states[a].tryAcquire(tMs);
      if (admitted[a]) admittedAt[a].push(tMs);
      lastWindow[a] = admittedAt[a].filter((t) => t > tMs - windowMs).length;
      peak[a] = Math.max(peak[a], lastWindow[a]);
    }
    return { tMs, admitted, lastWindow };
  });
  const endMs = Math.ceil(((arrivalsMs[arrivalsMs.length - 1] ?? 0) + 1) / windowMs) * windowMs;
  return { limit, windowMs, endMs, frames, peak };
}
