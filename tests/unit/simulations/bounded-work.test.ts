/**
 * Issue 17, F2/F8: bounded work. The cost estimate refuses absurd runs with a message naming the
 * estimate and the limit; a zero-time cycle drops its requests as `loop` instead of spinning; the
 * work budget ends a run with a named message; a run that goes idle ends at its last event however
 * it is chunked; Zipf keys come from an O(1)-memory sampler with the exact Zipf distribution.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COST_LIMITS, ScenarioRun, createStream, createZipfSampler, validateScenario, type Scenario } from "@/simulations";

const cases = path.resolve(import.meta.dirname, "../../fixtures/security-cases");
const load = (file: string) => JSON.parse(readFileSync(path.join(cases, file), "utf8")) as Scenario;
const valid = (s: unknown): Scenario => {
  const r = validateScenario(s);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  return r.scenario;
};

describe("cost estimate at validation", () => {
  for (const file of ["queue-bomb.json", "warmup-forever.json", "long-run.json"]) {
    it(`refuses ${file}, naming the estimate and the limit`, () => {
      const r = validateScenario(load(file));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0].message).toContain(`at most ${COST_LIMITS.requests.toLocaleString("en-US")}`);
    });
  }
  it("refuses consistent-hash rings of millions of points", () => {
    const nodes: Scenario["nodes"] = [{ id: "users", kind: "source", ratePerSec: 10, keys: { count: 1000 } }, { id: "front", kind: "load-balancer", strategy: "round-robin" }];
    const edges: Scenario["edges"] = [{ from: "users", to: "front" }];
    for (let b = 0; b < 4; b++) {
      nodes.push({ id: `lb-${b}`, kind: "load-balancer", strategy: "consistent-hash", virtualNodes: 10_000 });
      edges.push({ from: "front", to: `lb-${b}` });
      for (let t = 0; t < 100; t++) edges.push({ from: `lb-${b}`, to: `t-${t}` });
    }
    for (let t = 0; t < 100; t++) nodes.push({ id: `t-${t}`, kind: "server", workers: 1, serviceMs: { dist: "constant", ms: 1 } });
    const r = validateScenario({ version: 1, title: "rings", seed: 1, stop: { durationMs: 1000 }, nodes, edges });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.message).join()).toMatch(/4,000,000 points.*at most 2,000,000/);
  });
});

describe("zero-time loops and the work budget", () => {
  for (const file of ["cycle-zero.json", "cycle-lb-zero.json"]) {
    it(`${file}: requests circling at one instant are dropped as "loop"`, () => {
      const report = new ScenarioRun(valid(load(file)), { strict: true }).runToEnd().report();
      expect(report.requests.dropped).toBeGreaterThan(0);
      expect(report.reasons.loop).toBe(report.requests.dropped);
      expect(report.events).toBeLessThan(1_000_000);
    });
  }
  it("ends a run at its event budget with a named message", () => {
    const s = valid({ version: 1, title: "t", seed: 1, stop: { durationMs: 1e6 }, nodes: [{ id: "u", kind: "source", ratePerSec: 1000 }, { id: "a", kind: "server", workers: 1, serviceMs: { dist: "constant", ms: 0.5 } }], edges: [{ from: "u", to: "a" }] });
    const report = new ScenarioRun(s, { budget: { maxEvents: 10_000 } }).runToEnd().report();
    expect(report.events).toBe(10_000);
    expect(report.stopped?.reason).toBe("work-budget");
    expect(report.stopped?.message).toContain("10,000 events");
  });
  it("turns new requests away past the open-request budget", () => {
    const s = valid({ version: 1, title: "t", seed: 1, stop: { durationMs: 2000 }, nodes: [{ id: "u", kind: "source", ratePerSec: 1000 }, { id: "a", kind: "server", workers: 1, serviceMs: { dist: "constant", ms: 1e6 } }], edges: [{ from: "u", to: "a" }] });
    const report = new ScenarioRun(s, { strict: true, budget: { maxOpenRequests: 100 } }).runToEnd().report();
    expect(report.requests.inFlight).toBeLessThanOrEqual(101);
    expect(report.reasons["work-budget"]).toBeGreaterThan(1500);
  });
});

describe("one result however the run is chunked", () => {
  it("chunked-end-time.json ends at its last event in every chunking", () => {
    const s = valid(load("chunked-end-time.json"));
    const straight = JSON.stringify(new ScenarioRun(s).runToEnd().report());
    for (const step of [16, 33, 1000]) {
      const run = new ScenarioRun(s);
      for (let t = step; !run.done; t += step) run.runUntil(t);
      expect(JSON.stringify(run.report())).toBe(straight);
    }
  });
});

describe("Zipf sampler (rejection-inversion)", () => {
  for (const [n, q] of [[10, 1], [50, 0.8], [20, 1.5], [5, 2.5]] as const) {
    it(`matches the exact pmf for n = ${n}, exponent ${q} (chi-square)`, () => {
      const draw = createZipfSampler(n, q, createStream(7, `zipf-${n}-${q}`));
      const samples = 200_000;
      const counts = new Array<number>(n).fill(0);
      for (let i = 0; i < samples; i++) counts[draw()]++;
      let norm = 0;
      for (let k = 1; k <= n; k++) norm += 1 / k ** q;
      let chi = 0;
      for (let k = 1; k <= n; k++) {
        const expected = (samples / k ** q) / norm;
        chi += (counts[k - 1] - expected) ** 2 / expected;
      }
      // 99.9th percentile of chi-square with n - 1 degrees of freedom is below 2n + 20 for these n.
      expect(chi).toBeLessThan(2 * n + 20);
    });
  }
  it("draws from 10^7 keys without a table, deterministically", () => {
    const a = createZipfSampler(10_000_000, 1.1, createStream(1, "k"));
    const b = createZipfSampler(10_000_000, 1.1, createStream(1, "k"));
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x >= 0 && x < 10_000_000).toBe(true);
    }
  });
});
