/**
 * Rate-limiting algorithms against their promises: the token bucket's burst + rate × t bound, the
 * fixed window's 2× boundary weakness, the sliding log's exactness, the sliding counter's bounded
 * error, the leaky queue's even spacing; and the limiter node in a scenario.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runScenario, validateScenario, type Scenario } from "@/simulations";
import { FixedWindow, LeakyMeter, SlidingCounter, SlidingLog, TokenBucket } from "@/simulations/models/rate-limiter/algorithms";

/** Arrival times (ms) from random gaps, sorted. */
const arrivalsArb = fc.array(fc.oneof(fc.double({ min: 0, max: 5, noNaN: true }), fc.double({ min: 0, max: 300, noNaN: true })), { minLength: 1, maxLength: 600 }).map((gaps) => {
  let t = 0;
  return gaps.map((g) => (t += g));
});

/** The most admissions within any half-open window (a − span, a]. */
function maxInHalfOpenWindow(times: number[], span: number): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi++) {
    while (times[hi] - times[lo] >= span) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

describe("token bucket", () => {
  it("never admits more than burst + rate × t in any interval of length t", () => {
    fc.assert(
      fc.property(arrivalsArb, fc.double({ min: 1, max: 500, noNaN: true }), fc.integer({ min: 1, max: 50 }), (times, rate, burst) => {
        const bucket = new TokenBucket(rate, burst);
        const admitted = times.filter((t) => bucket.tryAcquire(t));
        for (let i = 0; i < admitted.length; i++) {
          for (let j = i; j < admitted.length; j++) {
            const t = admitted[j] - admitted[i];
            expect(j - i + 1).toBeLessThanOrEqual(burst + (rate * t) / 1000 + 1e-6);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("admits a full burst at once, then exactly the rate, and its Retry-After is exact", () => {
    const bucket = new TokenBucket(100, 50);
    let admitted = 0;
    for (let i = 0; i < 200; i++) if (bucket.tryAcquire(0)) admitted++;
    expect(admitted).toBe(50);
    const wait = bucket.retryAfterMs(0);
    expect(wait).toBeCloseTo(10, 9);
    expect(bucket.tryAcquire(wait - 0.01)).toBe(false);
    expect(bucket.tryAcquire(wait)).toBe(true);
  });

  it("GCRA (the leaky bucket as a meter) makes the same decisions as a token bucket", () => {
    fc.assert(
      fc.property(arrivalsArb, fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 40 }), (times, rate, burst) => {
        const bucket = new TokenBucket(rate, burst);
        const meter = new LeakyMeter(rate, burst);
        for (const t of times) expect(meter.tryAcquire(t)).toBe(bucket.tryAcquire(t));
      }),
      { numRuns: 100 },
    );
  });
});

describe("window algorithms", () => {
  it("fixed window: at most limit within one window, and up to 2 × limit across a boundary", () => {
    fc.assert(
      fc.property(arrivalsArb, fc.integer({ min: 1, max: 30 }), (times, limit) => {
        const w = new FixedWindow(limit, 1000);
        const admitted = times.filter((t) => w.tryAcquire(t));
        const perWindow = new Map<number, number>();
        for (const t of admitted) perWindow.set(Math.floor(t / 1000), (perWindow.get(Math.floor(t / 1000)) ?? 0) + 1);
        for (const n of perWindow.values()) expect(n).toBeLessThanOrEqual(limit);
        expect(maxInHalfOpenWindow(admitted, 1000)).toBeLessThanOrEqual(2 * limit);
      }),
      { numRuns: 150 },
    );
    // The attack: limit just before and just after a boundary.
    const w = new FixedWindow(100, 1000);
    const attack = [...Array.from({ length: 100 }, (_, i) => 900 + i), ...Array.from({ length: 100 }, (_, i) => 1000 + i)];
    const admitted = attack.filter((t) => w.tryAcquire(t));
    expect(admitted.length).toBe(200);
    expect(maxInHalfOpenWindow(admitted, 1000)).toBe(200);
  });

  it("sliding log is exact: never more than limit in any window, and admits whenever there is room", () => {
    fc.assert(
      fc.property(arrivalsArb, fc.integer({ min: 1, max: 30 }), (times, limit) => {
        const log = new SlidingLog(limit, 1000);
        const admitted: number[] = [];
        for (const t of times) {
          const inWindow = admitted.filter((a) => a > t - 1000).length;
          const ok = log.tryAcquire(t);
          expect(ok).toBe(inWindow < limit);
          if (ok) admitted.push(t);
        }
        expect(maxInHalfOpenWindow(admitted, 1000)).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 150 },
    );
  });

  it("sliding counter: never more than 2 × limit in any window, and within a few percent of the limit on the boundary attack and on Poisson overload", () => {
    fc.assert(
      fc.property(arrivalsArb, fc.integer({ min: 1, max: 30 }), (times, limit) => {
        const c = new SlidingCounter(limit, 1000);
        const admitted = times.filter((t) => c.tryAcquire(t));
        expect(maxInHalfOpenWindow(admitted, 1000)).toBeLessThanOrEqual(2 * limit);
      }),
      { numRuns: 150 },
    );
    const c = new SlidingCounter(100, 1000);
    const attack: number[] = [];
    for (let k = 0; k < 10; k++) for (let i = 0; i < 200; i++) attack.push(k * 5000 + 900 + i);
    const admitted = attack.filter((t) => c.tryAcquire(t));
    expect(maxInHalfOpenWindow(admitted, 1000)).toBeLessThanOrEqual(110);
    // Poisson at 3× the limit for 100 s: the exact limiter admits 100 per window; the counter stays close.
    const counter = new SlidingCounter(100, 1000);
    let t = 0;
    let seed = 12345;
    const uniform = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const poisson: number[] = [];
    while (t < 100_000) poisson.push((t += -Math.log(1 - uniform()) * (1000 / 300)));
    const got = poisson.filter((x) => counter.tryAcquire(x));
    expect(got.length / 100).toBeGreaterThan(90);
    expect(got.length / 100).toBeLessThan(105);
    expect(maxInHalfOpenWindow(got, 1000)).toBeLessThanOrEqual(115);
  });

  it("Retry-After of every window algorithm is when the next request would really be admitted", () => {
    for (const make of [() => new FixedWindow(5, 1000), () => new SlidingLog(5, 1000), () => new SlidingCounter(5, 1000)]) {
      const state = make();
      for (let i = 0; i < 10; i++) state.tryAcquire(100 + i * 50);
      const now = 700;
      const wait = state.retryAfterMs(now);
      expect(wait).toBeGreaterThan(0);
      const probe = make();
      for (let i = 0; i < 10; i++) probe.tryAcquire(100 + i * 50);
      expect(probe.tryAcquire(now + wait - 1)).toBe(false);
      expect(state.tryAcquire(now + wait + 1e-6)).toBe(true);
    }
  });
});

function limiterScenario(limiter: Record<string, unknown>, source: Record<string, unknown> = {}): Scenario {
  const r = validateScenario({
    version: 1,
    title: "limiter",
    seed: 7,
    stop: { durationMs: 30_000 },
    nodes: [
      { id: "users", kind: "source", ratePerSec: 300, arrival: "poisson", ...source },
      { id: "limiter", kind: "rate-limiter", ...limiter },
      { id: "api", kind: "server", workers: 50, serviceMs: { dist: "constant", ms: 5 } },
    ],
    edges: [{ from: "users", to: "limiter" }, { from: "limiter", to: "api" }],
  });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return r.scenario;
}

describe("rate-limiter node", () => {
  it("token bucket: peakAdmittedPerSec ≤ burst + rate, refusals dropped as rate-limited with a Retry-After", () => {
    const report = runScenario(limiterScenario({ algorithm: "token-bucket", ratePerSec: 100, burst: 50 }));
    const m = report.nodes.limiter as Record<string, number>;
    expect(m.peakAdmittedPerSec).toBeLessThanOrEqual(150);
    expect(m.peakAdmittedPerSec).toBeGreaterThan(140);
    expect(report.reasons["rate-limited"]).toBe(m.rejected);
    expect(m.admitted / 30).toBeCloseTo(100 + 50 / 30, 0);
    expect((m.retryAfterMs as unknown as Record<string, number>).p50).toBe(1000);
  });

  it("leaky bucket as a queue: output spaced by at least 1 / rate, bounded queue, measured wait", () => {
    const scenario = limiterScenario({ algorithm: "leaky-bucket-queue", ratePerSec: 100, queueCapacity: 50 });
    const r = runScenario(scenario);
    const m = r.nodes.limiter as Record<string, number>;
    expect(m.peakAdmittedPerSec).toBeLessThanOrEqual(101);
    expect(m.meanWaitMs).toBeGreaterThan(300);
    expect(m.maxWaitMs).toBeLessThanOrEqual(50 * 10 + 1e-6);
  });

  it("leaky queue departures are at least 1/rate apart (exact meter of burst 1)", () => {
    fc.assert(
      fc.property(arrivalsArb, fc.integer({ min: 1, max: 500 }), (times, rate) => {
        const meter = new LeakyMeter(rate, 1);
        const out = times.map((t) => t + meter.reserve(t));
        for (let i = 1; i < out.length; i++) expect(out[i] - out[i - 1]).toBeGreaterThanOrEqual(1000 / rate - 1e-6);
      }),
      { numRuns: 100 },
    );
  });

  it("delay mode: no refusal while the wait fits in maxDelayMs, and the admitted rate still obeys the bucket", () => {
    const r = runScenario(limiterScenario({ algorithm: "token-bucket", ratePerSec: 100, burst: 10, onLimit: "delay", maxDelayMs: 200 }, { ratePerSec: 90 }));
    const m = r.nodes.limiter as Record<string, number>;
    expect(m.delayed).toBeGreaterThan(0);
    expect(m.maxWaitMs).toBeLessThanOrEqual(200 + 1e-6);
    expect(m.peakAdmittedPerSec).toBeLessThanOrEqual(110);
  });

  it("per-client scope keeps one bucket per client", () => {
    const r = runScenario(limiterScenario({ algorithm: "sliding-log", limit: 2, windowMs: 1000, scope: "per-client" }, { clients: 50 }));
    const m = r.nodes.limiter as Record<string, number>;
    expect(m.keys).toBe(50);
    expect(m.admitted / 30).toBeLessThanOrEqual(50 * 2 + 5);
  });
});
