/**
 * Probability distributions for durations (service times, think times, hit times).
 *
 * A scenario describes a duration as data, e.g. { "dist": "exponential", "meanMs": 50 }. Exponential
 * service with Poisson arrivals is the M/M/c model queueing theory solves exactly; constant is the
 * "D" of M/D/1; lognormal has the long right tail real services show. Each sampler draws from the
 * stream it is given, so it never touches another component's randomness.
 */
import type { RandomStream } from "./random";

export type Dist =
  | { dist: "exponential"; meanMs: number }
  | { dist: "constant"; ms: number }
  | { dist: "uniform"; minMs: number; maxMs: number }
  | { dist: "lognormal"; medianMs: number; sigma: number };

/** Draws one duration in milliseconds. */
export type Sampler = () => number;

/** Returns a sampler for `dist` that draws from `random`. */
export function createSampler(dist: Dist, random: RandomStream): Sampler {
  switch (dist.dist) {
    case "exponential": {
      const mean = dist.meanMs;
      return () => -mean * Math.log(1 - random.next());
    }
    case "constant": {
      const ms = dist.ms;
      return () => ms;
    }
    case "uniform": {
      const { minMs, maxMs } = dist;
      const span = maxMs - minMs;
      return () => minMs + span * random.next();
    }
    case "lognormal": {
      const mu = Math.log(dist.medianMs);
      const sigma = dist.sigma;
      return () => Math.exp(mu + sigma * standardNormal(random));
    }
  }
}

/** The distribution's mean in milliseconds (used by theory checks and capacity hints). */
export function distMeanMs(dist: Dist): number {
  switch (dist.dist) {
    case "exponential":
      return dist.meanMs;
    case "constant":
      return dist.ms;
    case "uniform":
      return (dist.minMs + dist.maxMs) / 2;
    case "lognormal":
      return dist.medianMs * Math.exp((dist.sigma * dist.sigma) / 2);
  }
}

/** Squared coefficient of variation (variance / mean²), the input of the Pollaczek–Khinchine formula. */
export function distScv(dist: Dist): number {
  switch (dist.dist) {
    case "exponential":
      return 1;
    case "constant":
      return 0;
    case "uniform": {
      const mean = (dist.minMs + dist.maxMs) / 2;
      const variance = ((dist.maxMs - dist.minMs) ** 2) / 12;
      return mean === 0 ? 0 : variance / (mean * mean);
    }
    case "lognormal":
      return Math.exp(dist.sigma * dist.sigma) - 1;
  }
}

/** A standard normal variate by the Box–Muller transform (one of the pair; simple and exact). */
function standardNormal(random: RandomStream): number {
  const u1 = 1 - random.next(); // (0, 1]
  const u2 = random.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Zipf-distributed key ranks in [0, count): rank k is drawn with probability proportional to
 * 1 / (k + 1)^exponent. Exponent 0 is uniform. Uses a precomputed cumulative table and binary
 * search: O(count) memory once, O(log count) per draw.
 */
export function createZipfSampler(count: number, exponent: number, random: RandomStream): () => number {
  if (exponent === 0) return () => random.int(count);
  const cdf = new Float64Array(count);
  let total = 0;
  for (let k = 0; k < count; k++) {
    total += 1 / Math.pow(k + 1, exponent);
    cdf[k] = total;
  }
  return () => {
    const target = random.next() * total;
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
