/**
 * Streaming statistics whose memory does not grow with the length of a run.
 *
 * - {@link LatencyHistogram}: percentiles from a log-bucketed histogram (the DDSketch idea). Bucket
 *   boundaries grow by a factor γ = (1 + α) / (1 − α); reporting a bucket's geometric midpoint is
 *   within relative error α of every value in it. With α = 0.5% every percentile is within 0.5% of
 *   the exact order statistic (the spec allows 1%). Percentiles are read from the recorded values,
 *   never derived from the mean.
 * - {@link TimeWeighted}: the time average of a piecewise-constant quantity (queue length, busy
 *   workers), integrated exactly at each change, counting only time after the warm-up.
 */

const ALPHA = 0.005;
const GAMMA = (1 + ALPHA) / (1 - ALPHA);
const LOG_GAMMA = Math.log(GAMMA);
const INV_LOG_GAMMA = 1 / LOG_GAMMA;
/** Values below this (ms) share the lowest bucket; 1 ns is far below any modelled duration. */
const MIN_VALUE = 1e-6;
const MIN_INDEX = Math.floor(Math.log(MIN_VALUE) / LOG_GAMMA);
/** Values up to ~1e10 ms (115 days) get their own buckets; larger ones are clamped into the last. */
const MAX_INDEX = Math.ceil(Math.log(1e10) / LOG_GAMMA);
const BUCKETS = MAX_INDEX - MIN_INDEX + 1;

/** Percentile estimate with a relative error of at most {@link LatencyHistogram.relativeError}. */
export class LatencyHistogram {
  static readonly relativeError = ALPHA;
  private counts = new Float64Array(BUCKETS);
  private zeros = 0;
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;

  record(valueMs: number): void {
    this.count++;
    this.sum += valueMs;
    if (valueMs < this.min) this.min = valueMs;
    if (valueMs > this.max) this.max = valueMs;
    if (valueMs <= MIN_VALUE) {
      this.zeros++;
      return;
    }
    let index = Math.ceil(Math.log(valueMs) * INV_LOG_GAMMA) - MIN_INDEX;
    if (index >= BUCKETS) index = BUCKETS - 1;
    this.counts[index]++;
  }

  get mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  /**
   * The q-quantile (0..1) by nearest rank: the smallest recorded value v with at least ⌈q·n⌉
   * values ≤ v, estimated to within the relative error. Exact at the extremes (min, max).
   */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    if (q <= 0) return this.min;
    if (q >= 1) return this.max;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = this.zeros;
    if (seen >= rank) return Math.max(0, this.min);
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) {
        const upper = Math.pow(GAMMA, i + MIN_INDEX);
        const estimate = (2 * upper) / (GAMMA + 1);
        // Never report outside the observed range.
        return Math.min(this.max, Math.max(this.min, estimate));
      }
    }
    return this.max;
  }

  /** Adds another histogram's counts into this one. */
  merge(other: LatencyHistogram): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] += other.counts[i];
    this.zeros += other.zeros;
    this.count += other.count;
    this.sum += other.sum;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
  }

  reset(): void {
    this.counts.fill(0);
    this.zeros = 0;
    this.count = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
  }
}

/**
 * Time average of a piecewise-constant value. Call {@link set} whenever the value changes; the
 * integral counts only time at or after `fromMs` (the end of warm-up).
 */
export class TimeWeighted {
  private value = 0;
  private lastMs = 0;
  private area = 0;

  constructor(private readonly fromMs = 0) {}

  /** The current value. */
  get current(): number {
    return this.value;
  }

  set(nowMs: number, value: number): void {
    this.accumulate(nowMs);
    this.value = value;
  }

  add(nowMs: number, delta: number): void {
    this.accumulate(nowMs);
    this.value += delta;
  }

  /** Integral of the value over [fromMs, nowMs]. */
  integral(nowMs: number): number {
    this.accumulate(nowMs);
    return this.area;
  }

  /** Time average over [fromMs, nowMs] (0 for an empty interval). */
  average(nowMs: number): number {
    const span = nowMs - this.fromMs;
    return span > 0 ? this.integral(nowMs) / span : 0;
  }

  private accumulate(nowMs: number): void {
    if (nowMs > this.lastMs) {
      const start = this.lastMs > this.fromMs ? this.lastMs : this.fromMs;
      if (nowMs > start) this.area += this.value * (nowMs - start);
      this.lastMs = nowMs;
    }
  }
}

/** Running mean and variance (Welford), for per-request quantities other than latency. */
export class RunningMean {
  count = 0;
  mean = 0;
  private m2 = 0;

  record(x: number): void {
    this.count++;
    const delta = x - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (x - this.mean);
  }

  get variance(): number {
    return this.count > 1 ? this.m2 / (this.count - 1) : 0;
  }
}

/** Counts over a trailing window, kept in ten buckets (memory independent of traffic). */
export class WindowCounter {
  private readonly buckets = new Float64Array(10);
  private readonly bucketMs: number;
  private index = -1;
  constructor(windowMs: number) {
    this.bucketMs = windowMs / 10;
  }
  private roll(nowMs: number): void {
    const i = Math.floor(nowMs / this.bucketMs);
    if (i === this.index) return;
    if (this.index >= 0) {
      const steps = Math.min(10, i - this.index);
      for (let k = 1; k <= steps; k++) this.buckets[(this.index + k) % 10] = 0;
    }
    this.index = i;
  }
  add(nowMs: number, n = 1): void {
    this.roll(nowMs);
    this.buckets[this.index % 10] += n;
  }
  sum(nowMs: number): number {
    this.roll(nowMs);
    let s = 0;
    for (let k = 0; k < 10; k++) s += this.buckets[k];
    return s;
  }
}
