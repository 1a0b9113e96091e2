/**
 * The simulation against queueing theory. Each check runs a long seeded scenario and compares the
 * measured means with the closed forms; tolerances are a few percent, well above the statistical
 * error of 200,000-request runs at these loads and well below what a modelling bug would produce.
 */
import { describe, expect, it } from "vitest";
import { runScenario, theory } from "@/simulations";
import { mmcScenario } from "../../helpers/scenarios";

const within = (measured: number, expected: number, relative: number) => {
  expect(Math.abs(measured - expected) / expected, `measured ${measured}, theory ${expected}`).toBeLessThan(relative);
};

describe("M/M/1", () => {
  for (const rho of [0.5, 0.8]) {
    it(`matches utilisation, wait, queue length and response-time percentiles at ρ = ${rho}`, () => {
      const serviceMs = 10;
      const rate = (rho * 1000) / serviceMs;
      const report = runScenario(mmcScenario({ ratePerSec: rate, serviceMs, workers: 1, requests: 300_000, seed: 4 }));
      const t = theory.mm1(rate, serviceMs);
      const api = report.nodes.api as Record<string, number>;
      within(api.utilization, t.utilization, 0.02);
      within(api.meanWaitMs, t.meanWaitMs, 0.08);
      within(api.meanQueueLength, t.meanQueueLength, 0.08);
      within(report.latencyMs.mean, t.meanResponseMs, 0.06);
      // Response time in M/M/1 is exponential with rate μ − λ: percentiles, not just the mean.
      within(report.latencyMs.p50, theory.mm1ResponsePercentileMs(rate, serviceMs, 0.5), 0.06);
      within(report.latencyMs.p95, theory.mm1ResponsePercentileMs(rate, serviceMs, 0.95), 0.08);
      // Little's law: Lq = λ Wq, measured independently (time average vs per-request mean).
      within(api.meanQueueLength, (rate / 1000) * api.meanWaitMs, 0.05);
    });
  }
});

describe("M/M/c (Erlang C)", () => {
  it("matches the Erlang C mean wait with 4 workers at ρ = 0.85", () => {
    const serviceMs = 40;
    const workers = 4;
    const rate = (0.85 * workers * 1000) / serviceMs;
    const report = runScenario(mmcScenario({ ratePerSec: rate, serviceMs, workers, requests: 300_000, seed: 8 }));
    const t = theory.mmc(rate, serviceMs, workers);
    const api = report.nodes.api as Record<string, number>;
    within(api.utilization, t.utilization, 0.02);
    within(api.meanWaitMs, t.meanWaitMs, 0.1);
    within(api.meanQueueLength, t.meanQueueLength, 0.1);
  });

  it("Erlang C formula agrees with a known table value", () => {
    // 10 servers offered 8 erlangs: C ≈ 0.4092 (standard tables).
    expect(theory.erlangC(10, 8)).toBeCloseTo(0.4092, 3);
  });
});

describe("M/D/1 (Pollaczek–Khinchine)", () => {
  it("halves the M/M/1 wait when service time is constant", () => {
    const serviceMs = 10;
    const rate = 70; // ρ = 0.7
    const report = runScenario(mmcScenario({ ratePerSec: rate, serviceMs, workers: 1, requests: 300_000, seed: 12, service: { dist: "constant", ms: serviceMs } }));
    const t = theory.mg1(rate, serviceMs, 0);
    const api = report.nodes.api as Record<string, number>;
    within(api.meanWaitMs, t.meanWaitMs, 0.06);
    within(t.meanWaitMs * 2, theory.mm1(rate, serviceMs).meanWaitMs, 1e-9);
  });
});

describe("M/M/1/K (finite waiting room)", () => {
  it("drops the fraction of arrivals the blocking formula predicts", () => {
    const serviceMs = 10;
    const rate = 90; // ρ = 0.9
    const waiting = 4; // K = 5 in the system
    const report = runScenario(mmcScenario({ ratePerSec: rate, serviceMs, workers: 1, requests: 300_000, seed: 21, queueCapacity: waiting }));
    const blocked = report.requests.dropped / report.requests.arrived;
    within(blocked, theory.mm1kBlocking(rate, serviceMs, waiting + 1), 0.05);
  });
});

describe("theory beyond single queues", () => {
  it("the supermarket model: doubly exponential tails and Mitzenmacher's mean sojourn", () => {
    expect(theory.supermarketTail(0.9, 2, 2)).toBeCloseTo(0.729, 10);
    expect(theory.supermarketTail(0.9, 1, 3)).toBeCloseTo(0.729, 10);
    expect(theory.supermarketMeanSojourn(0.9, 1)).toBeCloseTo(10, 9);
    expect(theory.supermarketMeanSojourn(0.5, 2)).toBeCloseTo(1 + 0.25 + 0.5 ** 6 + 0.5 ** 14, 6);
  });
  it("round robin over one server is M/M/1", () => {
    expect(theory.roundRobinMeanWaitMs(80, 10, 1)).toBeCloseTo(theory.mm1(80, 10).meanWaitMs, 6);
  });
  it("caches: Che fills the cache, TTL gives λT/(1+λT), everything fits gives 1", () => {
    const q = theory.zipfPopularities(100, 1);
    expect(q.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(theory.lruHitRatioChe(q, 100)).toBe(1);
    const small = theory.lruHitRatioChe(q, 10);
    // Between a cache of random keys (C/N) and one that always holds the 10 most popular.
    expect(small).toBeGreaterThan(10 / 100);
    expect(small).toBeLessThan(q.slice(0, 10).reduce((a, b) => a + b));
    expect(theory.ttlHitRatio(2, 500)).toBeCloseTo(0.5, 12);
  });
  it("mean value analysis: one user never waits", () => {
    const r = theory.mvaSingleServer(1, 25, 1000);
    expect(r.responseMs).toBeCloseTo(25, 12);
    expect(r.throughputPerSec).toBeCloseTo(1000 / 1025, 12);
  });
  it("retries and sagas", () => {
    expect(theory.retryAmplification(0.5, 4)).toBeCloseTo(1.875, 12);
    expect(theory.retrySuccessProbability(0.5, 4)).toBeCloseTo(0.9375, 12);
    expect(theory.sagaCompletionProbability([0.1, 0.2])).toBeCloseTo(0.72, 12);
  });
  it("Student t intervals: table and expansion", () => {
    expect(theory.studentT975(9)).toBeCloseTo(2.262, 3);
    expect(theory.studentT975(60)).toBeCloseTo(2.0003, 3);
    const ci = theory.confidenceInterval([1, 2, 3, 4]);
    expect(ci.mean).toBe(2.5);
    expect(ci.halfWidth).toBeCloseTo((3.182 * Math.sqrt(5 / 3)) / 2, 3);
    expect(() => theory.confidenceInterval([1])).toThrow(/at least 2/);
  });
});
