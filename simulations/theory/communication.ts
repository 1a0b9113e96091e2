/**
 * Synchronous chains and fan-out, in closed form: the references the communication labs are checked
 * against.
 *
 * - A chain of synchronous hops answers only when every hop answered: with independent failures q_i
 *   its success probability is Π(1 − q_i), and with no queueing its mean latency is the sum of the
 *   hops' mean service times.
 * - A request fanned out to n sub-requests is as slow as its slowest one: if each is slower than a
 *   threshold with probability p, independently, the whole is slower with probability 1 − (1 − p)^n
 *   (Dean & Barroso, "The Tail at Scale", CACM 2013).
 * - A hedge sent d ms after the primary, to an independent copy with the same distribution X, makes
 *   a sub-request slower than T > d only when both are: P(X > T) · P(X > T − d); it costs one extra
 *   request with probability P(X > d).
 */

/** Standard normal CDF Φ(z), via erf (Abramowitz & Stegun 7.1.26, absolute error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** P(X > x) for a lognormal X with the given median and σ of ln X. */
export function lognormalTail(medianMs: number, sigma: number, xMs: number): number {
  if (xMs <= 0) return 1;
  return 1 - normalCdf(Math.log(xMs / medianMs) / sigma);
}

/** Mean of a lognormal with the given median and σ: median · e^(σ²/2). */
export function lognormalMean(medianMs: number, sigma: number): number {
  return medianMs * Math.exp((sigma * sigma) / 2);
}

/** Success probability of a chain of synchronous hops failing independently with q_i: Π(1 − q_i). */
export function chainAvailability(failureRates: readonly number[]): number {
  return failureRates.reduce((product, q) => product * (1 - q), 1);
}

/** Probability that at least one of n independent sub-requests is slow: 1 − (1 − p)^n. */
export function fanOutSlowProbability(p: number, n: number): number {
  return 1 - Math.pow(1 - p, n);
}

/**
 * Probability that a hedged lognormal sub-request is slower than `thresholdMs` when the hedge leaves
 * `hedgeAfterMs` after the primary (no queueing, independent copies).
 */
export function hedgedSlowProbability(medianMs: number, sigma: number, thresholdMs: number, hedgeAfterMs: number): number {
  return lognormalTail(medianMs, sigma, thresholdMs) * lognormalTail(medianMs, sigma, thresholdMs - hedgeAfterMs);
}
