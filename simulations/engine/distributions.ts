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
 * 1 / (k + 1)^exponent. Exponent 0 is uniform. Rejection-inversion sampling (W. Hörmann and
 * G. Derflinger, "Rejection-inversion to generate variates from monotone discrete distributions",
 * ACM TOMACS 6(3), 1996): exact, O(1) memory whatever the key space (10^7 keys cost nothing), and
 * about 1.1 uniform draws per sample on average.
 */
export function createZipfSampler(count: number, exponent: number, random: RandomStream): () => number {
  if (exponent === 0) return () => random.int(count);
  const q = exponent;
  // h(x) = x^-q; H(x) = its integral (up to a constant), written to stay accurate near q = 1.
  const h = (x: number) => Math.exp(-q * Math.log(x));
  const helper1 = (x: number) => (Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x * (1 / 3 - 0.25 * x)));
  const helper2 = (x: number) => (Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x * 0.5 * (1 + (x / 3) * (1 + 0.25 * x)));
  const hIntegral = (x: number) => {
    const logX = Math.log(x);
    return helper2((1 - q) * logX) * logX;
  };
  const hIntegralInverse = (x: number) => {
    let t = x * (1 - q);
    if (t < -1) t = -1; // numerical safety only
    return Math.exp(helper1(t) * x);
  };
  const hX1 = hIntegral(1.5) - 1;
  const hN = hIntegral(count + 0.5);
  const squeeze = 2 - hIntegralInverse(hIntegral(2.5) - h(2));
  return () => {
    for (;;) {
      const u = hN + random.next() * (hX1 - hN);
      const x = hIntegralInverse(u);
      let k = Math.floor(x + 0.5);
      if (k < 1) k = 1;
      else if (k > count) k = count;
      if (k - x <= squeeze || u >= hIntegral(k + 0.5) - h(k)) return k - 1;
    }
  };
}
