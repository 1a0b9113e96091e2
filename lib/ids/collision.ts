/**
 * The birthday bound for random IDs: with n IDs drawn uniformly from 2^b values, the chance that
 * some two are equal is about 1 − exp(−n(n − 1) / (2 · 2^b)). Computed as −expm1(−x) so that tiny
 * probabilities (1e-20 and below) keep their digits instead of rounding to 0.
 */

/** Probability that at least two of `n` uniformly random `bits`-bit IDs collide (birthday approximation). */
export function collisionProbability(n: number, bits: number): number {
  if (!Number.isFinite(n) || n < 0) throw new Error(`number of IDs must be a finite number ≥ 0 (got ${n})`);
  if (!Number.isFinite(bits) || bits < 1 || bits > 1024) throw new Error(`random bits must be from 1 to 1024 (got ${bits})`);
  if (n < 2) return 0;
  const pairs = (n * (n - 1)) / 2;
  return -Math.expm1(-pairs / 2 ** bits);
}

/** How many IDs give collision probability `p` (0 < p < 1) with `bits` random bits: √(2 · 2^b · ln(1/(1 − p))). */
export function idsForProbability(p: number, bits: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`probability must be between 0 and 1, exclusive (got ${p})`);
  return Math.sqrt(2 * 2 ** bits * -Math.log1p(-p));
}

/** Random bits per scheme, and over what the IDs must be unique for the bound to apply. */
export const randomBitsOf = {
  "uuid-v4": { bits: 122, scope: "all IDs ever made" },
  "uuid-v7": { bits: 74, scope: "IDs made in the same millisecond (rand_a + rand_b, no counter)" },
  ulid: { bits: 80, scope: "IDs made in the same millisecond" },
} as const;

/** A probability as text a learner can read: "39.3%", "1 in 4.2 billion", "≈ 0". */
export function formatProbability(p: number): string {
  if (p === 0) return "0";
  if (p >= 0.001) return `${(p * 100).toPrecision(3)}%`;
  const oneIn = 1 / p;
  if (oneIn < 1e6) return `1 in ${Math.round(oneIn).toLocaleString("en")}`;
  const units: [number, string][] = [[1e33, "decillion"], [1e30, "nonillion"], [1e27, "octillion"], [1e24, "septillion"], [1e21, "sextillion"], [1e18, "quintillion"], [1e15, "quadrillion"], [1e12, "trillion"], [1e9, "billion"], [1e6, "million"]];
  for (const [size, name] of units) {
    const m = Number((oneIn / size).toPrecision(2));
    if (m >= 1 && m < 1000) return `1 in ${m.toFixed(m < 10 ? 1 : 0)} ${name}`;
  }
  return `1 in ${oneIn.toExponential(1)}`;
}
