/**
 * Hit ratios of caches under the independent reference model (each request's key drawn
 * independently from fixed popularities q_i).
 *
 * - LRU, Che's approximation (Che, Tung, Wang 2002; Fricker, Robert, Roberts 2012): an item stays in
 *   a cache of C items for a characteristic time T_C that solves Σ_i (1 − e^(−q_i T_C)) = C; item i
 *   hits with probability 1 − e^(−q_i T_C). Not exact, but within a fraction of a percent for caches
 *   of more than a few dozen items.
 * - FIFO (and random eviction), the same idea with h_i = q_i T / (1 + q_i T) and Σ h_i = C
 *   (Gelenbe 1973; Martina, Garetto, Leonardi 2014).
 * - TTL: an entry stored on a miss lives T whatever happens; with requests for a key at Poisson rate λ
 *   a cycle is one miss plus λT hits on average, so the hit ratio is λT / (1 + λT). Exact when the
 *   miss's fetch takes no time.
 */

/** Popularities of `count` keys under Zipf with `exponent` (rank k ∝ 1/(k + 1)^s), as the source draws them. */
export function zipfPopularities(count: number, exponent: number): number[] {
  const weights = Array.from({ length: count }, (_, k) => 1 / Math.pow(k + 1, exponent));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

function solveCharacteristicTime(occupancy: (t: number) => number, capacity: number): number {
  let lo = 0;
  let hi = 1;
  while (occupancy(hi) < capacity) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (occupancy(mid) < capacity) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Che's approximation of the LRU hit ratio of a cache holding `capacity` keys. */
export function lruHitRatioChe(popularities: readonly number[], capacity: number): number {
  if (capacity >= popularities.length) return 1;
  const t = solveCharacteristicTime((x) => popularities.reduce((s, q) => s + (1 - Math.exp(-q * x)), 0), capacity);
  return popularities.reduce((s, q) => s + q * (1 - Math.exp(-q * t)), 0);
}

/** The FIFO (or random eviction) hit ratio approximation of a cache holding `capacity` keys. */
export function fifoHitRatio(popularities: readonly number[], capacity: number): number {
  if (capacity >= popularities.length) return 1;
  const t = solveCharacteristicTime((x) => popularities.reduce((s, q) => s + (q * x) / (1 + q * x), 0), capacity);
  return popularities.reduce((s, q) => s + (q * (q * t)) / (1 + q * t), 0);
}

/** Hit ratio of one key requested at Poisson `ratePerSec` from a cache whose entries live `ttlMs` from the miss that stored them. */
export function ttlHitRatio(ratePerSec: number, ttlMs: number): number {
  const x = (ratePerSec / 1000) * ttlMs;
  return x / (1 + x);
}
