/**
 * Replication against erasure coding, in closed form. A placement group (one object's copies, or one
 * erasure-coded stripe) lives on n distinct disks: n copies is k = 1 data fragment and m = n − 1
 * spare ones; Reed–Solomon RS(k, m) is k data and m parity fragments, any k of which rebuild the data.
 *
 * Model (stated in the widget): disks fail independently with a constant hazard set by the annual
 * failure rate (AFR), so a disk fails within t hours with probability p = 1 − (1 − AFR)^(t / 8760).
 * One disk of the group has just failed and its fragment is being rebuilt for `repairHours`. The
 * group loses data if at least m of the other n − 1 disks also fail before the rebuild ends: the
 * binomial tail P(X ≥ m), X ~ Binomial(n − 1, p). No correlated failures (same batch, same rack,
 * same power feed), no latent sector errors; both make real numbers worse.
 */

export const HOURS_PER_YEAR = 8760;

/** Per-disk annual failure rates (percent) and rebuild times (hours) the widget offers. */
export const AFR_CHOICES = [0.5, 1, 2, 4, 8] as const;
export const REPAIR_CHOICES = [1, 6, 24, 72, 168] as const;

export interface Scheme {
  /** Data fragments needed to read (1 for plain copies). */
  k: number;
  /** Fragments that may be lost without losing data (copies − 1 for plain copies). */
  m: number;
}

/** n plain copies, as a scheme: k = 1, m = n − 1. */
export const copies = (n: number): Scheme => ({ k: 1, m: n - 1 });

function check(s: Scheme) {
  if (!Number.isInteger(s.k) || s.k < 1 || s.k > 32) throw new Error(`data fragments k must be a whole number from 1 to 32 (got ${s.k})`);
  if (!Number.isInteger(s.m) || s.m < 0 || s.m > 16) throw new Error(`spare fragments m must be a whole number from 0 to 16 (got ${s.m})`);
}

/** Disks the group occupies: k + m. */
export const width = (s: Scheme) => (check(s), s.k + s.m);

/** Raw bytes stored per byte of data: (k + m) / k. Three copies 3, RS(6,3) 1.5, RS(10,4) 1.4. */
export const overhead = (s: Scheme) => width(s) / s.k;

/** Fragments read to rebuild one lost fragment: 1 for copies, k for Reed–Solomon (plain decoding). */
export const repairReads = (s: Scheme) => (check(s), s.k);

/** Probability that one disk with annual failure rate `afr` fails within `hours` (constant hazard). */
export function failureWithin(afr: number, hours: number): number {
  if (!(afr >= 0 && afr < 1)) throw new Error(`annual failure rate must be from 0 to just under 1 (got ${afr})`);
  if (!(hours >= 0 && Number.isFinite(hours))) throw new Error(`repair window must be a finite number of hours ≥ 0 (got ${hours})`);
  return -Math.expm1((hours / HOURS_PER_YEAR) * Math.log1p(-afr));
}

/** C(n, r), exact for the small n used here. */
export function choose(n: number, r: number): number {
  if (r < 0 || r > n) return 0;
  let c = 1;
  for (let i = 1; i <= r; i++) c = (c * (n - r + i)) / i;
  return Math.round(c);
}

/** P(X ≥ atLeast) for X ~ Binomial(trials, p), summed over the tail so small values keep their digits. */
export function binomialTail(trials: number, p: number, atLeast: number): number {
  if (atLeast <= 0) return 1;
  let sum = 0;
  for (let i = atLeast; i <= trials; i++) sum += choose(trials, i) * p ** i * (1 - p) ** (trials - i);
  return Math.min(1, sum);
}

/** With one disk of the group down, the chance that m more fail before its rebuild ends. */
export function lossDuringRepair(s: Scheme, afr: number, repairHours: number): number {
  const n = width(s);
  if (s.m === 0) return 1;
  return binomialTail(n - 1, failureWithin(afr, repairHours), s.m);
}

/**
 * Approximate chance that the group loses data in a year: first failures arrive at n × λ a year
 * (λ = −ln(1 − AFR)), each starting a repair window that loses data with lossDuringRepair. Valid
 * while the result is small (it is an expected count, capped at 1).
 */
export function annualLoss(s: Scheme, afr: number, repairHours: number): number {
  const n = width(s);
  const firstFailures = n * -Math.log1p(-afr);
  return Math.min(1, firstFailures * lossDuringRepair(s, afr, repairHours));
}

/** Durability as "nines": −log10(annual loss), e.g. 1e-11 → 11. Infinity when nothing can be lost. */
export const nines = (annual: number) => (annual <= 0 ? Infinity : -Math.log10(annual));

export interface SchemeReport {
  label: string;
  disks: number;
  overhead: number;
  tolerates: number;
  repairReads: number;
  windowFailure: number;
  lossDuringRepair: number;
  annualLoss: number;
  nines: number;
}

/** "3 copies" or "RS(6,3)". */
export const schemeLabel = (s: Scheme) => (s.k === 1 ? `${s.m + 1} ${s.m === 0 ? "copy" : "copies"}` : `RS(${s.k},${s.m})`);

/** Everything the widget shows for one scheme. */
export function report(s: Scheme, afr: number, repairHours: number): SchemeReport {
  const annual = annualLoss(s, afr, repairHours);
  return {
    label: schemeLabel(s),
    disks: width(s),
    overhead: overhead(s),
    tolerates: s.m,
    repairReads: repairReads(s),
    windowFailure: failureWithin(afr, repairHours),
    lossDuringRepair: lossDuringRepair(s, afr, repairHours),
    annualLoss: annual,
    nines: nines(annual),
  };
}

/** Tiny probabilities as text: "12.5%", "1 in 3,300", "1 in 2.1 million", "1 in 4.0e15". */
export function formatChance(p: number): string {
  if (p <= 0) return "0";
  if (p >= 0.001) return `${Number((p * 100).toPrecision(3))}%`;
  const oneIn = 1 / p;
  if (oneIn < 1e6) return `1 in ${Number(oneIn.toPrecision(2)).toLocaleString("en")}`;
  const two = (x: number) => String(Number(x.toPrecision(2)));
  if (oneIn < 1e9) return `1 in ${two(oneIn / 1e6)} million`;
  if (oneIn < 1e12) return `1 in ${two(oneIn / 1e9)} billion`;
  if (oneIn < 1e15) return `1 in ${two(oneIn / 1e12)} trillion`;
  return `1 in ${oneIn.toExponential(1).replace("e+", "e")}`;
}

/** Seeded Monte Carlo of one repair window (for /fidelity): exponential lifetimes, count groups that lose data. */
export function simulateRepairWindows(s: Scheme, afr: number, repairHours: number, trials: number, seed: number): number {
  const n = width(s);
  const rate = -Math.log1p(-afr) / HOURS_PER_YEAR; // per hour
  let state = (seed * 2654435761) >>> 0 || 1;
  const uniform = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let lost = 0;
  for (let t = 0; t < trials; t++) {
    let failed = 0;
    for (let d = 0; d < n - 1; d++) if (-Math.log(1 - uniform()) / rate < repairHours) failed++;
    if (failed >= s.m) lost++;
  }
  return lost / trials;
}
