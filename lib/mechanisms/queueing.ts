/**
 * Models behind the queueing and caching curve views:
 * - M/M/c waiting time against utilisation for several pool sizes (Erlang C, simulations/theory):
 *   the knee moves right as the pool grows.
 * - XFetch early refresh: the chance that one read refreshes a key early, exp(−gap / (fetch × beta)),
 *   and the chance that at least one of the reads arriving at rate λ has done so by a given gap.
 */
import { createStream, theory, xfetchRefreshesEarly } from "@/simulations";

export interface CurvePoint {
  x: number;
  y: number;
}

/** Utilisations the M/M/c curves are drawn at (dense near 1, where they bend). */
export function utilisationSteps(): number[] {
  const out: number[] = [];
  for (let r = 5; r <= 80; r += 5) out.push(r / 100);
  for (let r = 82; r <= 98; r += 2) out.push(r / 100);
  return out;
}

/** Mean wait in queue as a multiple of the mean service time, M/M/c at utilisation `rho`. */
export function waitInServiceTimes(workers: number, rho: number): number {
  const serviceMs = 1;
  const ratePerSec = (rho * workers * 1000) / serviceMs;
  return theory.mmc(ratePerSec, serviceMs, workers).meanWaitMs / serviceMs;
}

export interface QueueingCurves {
  workers: number[];
  utilisations: number[];
  /** waits[i][j]: wait / service time for workers[i] at utilisations[j]. */
  waits: number[][];
}

export function queueingCurves(workers: readonly number[] = [1, 4, 16], utilisations: readonly number[] = utilisationSteps()): QueueingCurves {
  return {
    workers: [...workers],
    utilisations: [...utilisations],
    waits: workers.map((c) => utilisations.map((rho) => Math.round(waitInServiceTimes(c, rho) * 1000) / 1000)),
  };
}

/** Probability that one read `gapMs` before expiry refreshes early (XFetch). */
export function xfetchProbability(gapMs: number, fetchMs: number, beta: number): number {
  if (beta <= 0) return gapMs <= 0 ? 1 : 0;
  return Math.exp(-Math.max(0, gapMs) / (fetchMs * beta));
}

/**
 * Probability that at least one read has refreshed early by `gapMs` before expiry, for Poisson reads at
 * `readsPerSec` starting `windowMs` before expiry: 1 − exp(−λ ∫ p(g) dg) over gaps from `windowMs` down to `gapMs`.
 */
export function xfetchRefreshedBy(gapMs: number, fetchMs: number, beta: number, readsPerSec: number, windowMs: number): number {
  const scale = fetchMs * beta;
  const lambdaPerMs = readsPerSec / 1000;
  const integral = scale * (Math.exp(-gapMs / scale) - Math.exp(-windowMs / scale));
  return 1 - Math.exp(-lambdaPerMs * Math.max(0, integral));
}

/** Empirical check with the cache model's own decision rule: the share of `draws` reads at `gapMs` that refresh. */
export function xfetchEmpiricalShare(gapMs: number, fetchMs: number, beta: number, draws = 20_000, seed = 3): number {
  const random = createStream(seed, "xfetch-view");
  const expiresAt = 100_000;
  let refreshed = 0;
  for (let i = 0; i < draws; i++) if (xfetchRefreshesEarly(expiresAt - gapMs, expiresAt, fetchMs, beta, random.next())) refreshed++;
  return refreshed / draws;
}

export interface XFetchCurves {
  fetchMs: number;
  readsPerSec: number;
  windowMs: number;
  betas: number[];
  /** Gaps before expiry, ms, from far to near (the timeline runs towards expiry). */
  gapsMs: number[];
  /** perRead[i][j]: chance one read refreshes, betas[i] at gapsMs[j]. */
  perRead: number[][];
  /** refreshedBy[i][j]: chance some read has refreshed by then. */
  refreshedBy: number[][];
}

export function xfetchCurves(fetchMs = 200, betas: readonly number[] = [0.5, 1, 2], readsPerSec = 20, windowMs = 2000, stepMs = 100): XFetchCurves {
  const gapsMs: number[] = [];
  for (let g = windowMs; g >= 0; g -= stepMs) gapsMs.push(g);
  const r = (x: number) => Math.round(x * 10000) / 10000;
  return {
    fetchMs,
    readsPerSec,
    windowMs,
    betas: [...betas],
    gapsMs,
    perRead: betas.map((b) => gapsMs.map((g) => r(xfetchProbability(g, fetchMs, b)))),
    refreshedBy: betas.map((b) => gapsMs.map((g) => r(xfetchRefreshedBy(g, fetchMs, b, readsPerSec, windowMs)))),
  };
}
