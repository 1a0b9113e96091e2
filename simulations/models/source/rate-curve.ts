/**
 * Traffic that changes over time: a rate curve built from steps, linear ramps and (repeating) spikes,
 * and the arrival times it implies.
 *
 * Real traffic is not a constant rate: a morning ramp, a launch, a marketing email, a cron job every
 * 20 seconds. The curve is piecewise linear. Arrivals follow it exactly through the cumulative rate
 * Λ(t) = ∫ λ: a Poisson process with a varying rate puts arrivals where Λ crosses the running sum of
 * Exp(1) draws (the time-change theorem), and evenly paced traffic puts them where Λ crosses k + ½.
 * No thinning, no discretisation: a spike of 1000/s for 200 ms sends exactly 200 requests.
 */

/** A step of the base rate: from `atMs` the rate is `ratePerSec`, reached by a linear ramp of `rampMs`. */
export interface ProfileStep {
  atMs: number;
  ratePerSec: number;
  rampMs?: number;
}

/** A temporary override: `ratePerSec` during [atMs, atMs + durationMs), repeated every `repeatEveryMs`. */
export interface Spike {
  atMs: number;
  durationMs: number;
  ratePerSec: number;
  repeatEveryMs?: number;
}

interface Piece {
  start: number;
  end: number;
  /** Rate per ms at `start`. */
  r0: number;
  /** Change of the rate per ms, per ms. */
  slope: number;
}

export interface RateCurve {
  /** Rate in requests per second at `tMs`. */
  ratePerSecAt(tMs: number): number;
  /** The time at which the cumulative rate from `tMs` reaches `mass` requests (Infinity if never). */
  advance(tMs: number, mass: number): number;
  /** Expected requests in [fromMs, toMs] (the integral of the rate). */
  integral(fromMs: number, toMs: number): number;
}

export function createRateCurve(baseRatePerSec: number, profile: readonly ProfileStep[], spikes: readonly Spike[], offsetMs = 0): RateCurve {
  // The base: piecewise linear pieces from t = 0.
  const steps = [...profile].map((s) => ({ ...s, atMs: s.atMs + offsetMs })).sort((a, b) => a.atMs - b.atMs);
  const pieces: Piece[] = [];
  let level = baseRatePerSec / 1000;
  let t = 0;
  const levelAt = (p: Piece, x: number) => p.r0 + p.slope * (x - p.start);
  steps.forEach((step, i) => {
    const at = Math.max(0, step.atMs);
    const nextAt = i + 1 < steps.length ? Math.max(at, steps[i + 1].atMs) : Infinity;
    if (at > t) pieces.push({ start: t, end: at, r0: level, slope: 0 });
    const target = step.ratePerSec / 1000;
    const ramp = step.rampMs ?? 0;
    if (ramp > 0 && nextAt > at) {
      const slope = (target - level) / ramp;
      const end = Math.min(at + ramp, nextAt);
      const piece = { start: at, end, r0: level, slope };
      pieces.push(piece);
      level = levelAt(piece, end);
      t = end;
      if (end < nextAt) {
        level = target;
      }
    } else {
      level = target;
      t = at;
    }
  });
  pieces.push({ start: t, end: Infinity, r0: level, slope: 0 });
  const spikeList = spikes.map((s) => ({ ...s, atMs: s.atMs + offsetMs }));

  const baseIndex = (x: number) => {
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (pieces[mid].start <= x) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  /** The linear segment starting at x: [x, end) with rate r0 + slope × (t − x). */
  const segmentAt = (x: number): Piece => {
    const base = pieces[baseIndex(x)];
    let end = base.end;
    let spikeRate = -1;
    for (const s of spikeList) {
      if (x < s.atMs) {
        end = Math.min(end, s.atMs);
        continue;
      }
      const rep = s.repeatEveryMs;
      const k = rep && rep > 0 ? Math.floor((x - s.atMs) / rep) : 0;
      const start = s.atMs + k * (rep ?? 0);
      const stop = start + s.durationMs;
      if (x < stop) {
        spikeRate = Math.max(spikeRate, s.ratePerSec / 1000);
        end = Math.min(end, stop);
      } else if (rep && rep > 0) end = Math.min(end, start + rep);
    }
    // A zero-length segment can only come from rounding; step past it.
    if (end <= x) end = x + 1e-9;
    if (spikeRate >= 0) return { start: x, end, r0: spikeRate, slope: 0 };
    return { start: x, end, r0: levelAt(base, x), slope: base.slope };
  };

  const massOf = (seg: Piece, len: number) => seg.r0 * len + (seg.slope * len * len) / 2;

  return {
    ratePerSecAt: (x) => {
      const seg = segmentAt(x);
      return seg.r0 * 1000;
    },
    advance(from, mass) {
      let x = from;
      let left = mass;
      for (let guard = 0; guard < 1_000_000; guard++) {
        const seg = segmentAt(x);
        if (seg.end === Infinity) {
          if (seg.r0 <= 0 && seg.slope <= 0) return Infinity;
        }
        const len = seg.end - x;
        const full = len === Infinity ? Infinity : massOf(seg, len);
        if (full >= left) {
          const disc = Math.max(0, seg.r0 * seg.r0 + 2 * seg.slope * left);
          const denom = seg.r0 + Math.sqrt(disc);
          if (denom <= 0) return Infinity;
          return x + (2 * left) / denom;
        }
        left -= full;
        x = seg.end;
      }
      return Infinity;
    },
    integral(fromMs, toMs) {
      let x = fromMs;
      let sum = 0;
      for (let guard = 0; x < toMs && guard < 1_000_000; guard++) {
        const seg = segmentAt(x);
        const end = Math.min(seg.end, toMs);
        sum += massOf(seg, end - x);
        x = end;
      }
      return sum;
    },
  };
}
