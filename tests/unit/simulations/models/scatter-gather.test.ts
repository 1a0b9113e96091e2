import { describe, expect, it } from "vitest";
import { ScenarioRun, theory, validateScenario, type Scenario } from "@/simulations";

function scenario(fanOut: number, extra: Record<string, unknown> = {}, faults: unknown[] = []): Scenario {
  const r = validateScenario({
    version: 1,
    title: "fan-out",
    seed: 3,
    stop: { durationMs: 21_000 },
    warmupMs: 1_000,
    nodes: [
      { id: "users", kind: "source", ratePerSec: 40 },
      { id: "search", kind: "scatter-gather", fanOut, slowThresholdMs: 50 },
      { id: "leaf-client", kind: "client", hedgeDelayMs: null, ...extra },
      { id: "shards", kind: "server", workers: 1000, serviceMs: { dist: "lognormal", medianMs: 10, sigma: 0.6918 }, idempotent: true },
    ],
    edges: [{ from: "users", to: "search" }, { from: "search", to: "leaf-client" }, { from: "leaf-client", to: "shards" }],
    faults,
  });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  return r.scenario;
}

function run(s: Scenario) {
  const r = new ScenarioRun(s, { strict: true });
  r.runToEnd();
  return r.report();
}

describe("scatter-gather", () => {
  it("sends fanOut sub-requests per request and answers each request once", () => {
    const rep = run(scenario(20));
    const m = rep.nodes.search;
    expect(m.subRequests).toBe(20 * (m.requests as number));
    expect(rep.requests.arrived).toBe(rep.requests.completed + rep.requests.failed + rep.requests.dropped + rep.requests.inFlight);
    expect(rep.nodes.shards.received).toBeGreaterThanOrEqual(m.subRequests as number);
  });

  it("is slow with probability 1 − (1 − p)^n (within 4 standard errors)", () => {
    const p = theory.lognormalTail(10, 0.6918, 50);
    const rep = run(scenario(100));
    const m = rep.nodes.search;
    const n = m.completed as number;
    const expected = theory.fanOutSlowProbability(p, 100);
    expect(expected).toBeCloseTo(0.634, 2);
    expect(Math.abs((m.slowShare as number) - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / n));
    expect(Math.abs((m.subSlowShare as number) - p)).toBeLessThan(0.002);
  });

  it("a hedge after the p95 cuts the slow share at about 5% extra sub-requests", () => {
    const plain = run(scenario(100)).nodes.search.slowShare as number;
    const rep = run(scenario(100, { hedgeDelayMs: 31 }));
    const hedged = rep.nodes.search.slowShare as number;
    expect(hedged).toBeLessThan(plain / 2);
    const extra = (rep.nodes["leaf-client"].attemptsPerCall as number) - 1;
    expect(Math.abs(extra - theory.lognormalTail(10, 0.6918, 31))).toBeLessThan(0.005);
  });

  it("fails a request when one sub-request fails, and fails open gathers when it crashes", () => {
    const rep = run(scenario(10, {}, [{ atMs: 0, target: "shards", kind: "errors", rate: 0.05 }, { atMs: 5_000, durationMs: 1_000, target: "search", kind: "crash" }]));
    const m = rep.nodes.search;
    const share = (m.failed as number) / ((m.completed as number) + (m.failed as number));
    // 1 − 0.95^10 ≈ 0.40 fail from sub-request errors; a crashed node refuses at its edge instead.
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.45);
    expect(rep.requests.arrived).toBe(rep.requests.completed + rep.requests.failed + rep.requests.dropped + rep.requests.inFlight);
  });
});

describe("theory: chains and fan-out", () => {
  it("normal CDF and chain availability", () => {
    expect(theory.normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(theory.normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(theory.chainAvailability([0.01, 0.01, 0.02, 0.02])).toBeCloseTo(0.99 * 0.99 * 0.98 * 0.98, 12);
    expect(theory.fanOutSlowProbability(0.01, 100)).toBeCloseTo(0.634, 3);
  });
});
