import { describe, expect, it } from "vitest";
import { createHashRing, runScenario, type Scenario } from "@/simulations";
import { balancedScenario } from "../../../helpers/scenarios";

const sentTo = (scenario: Scenario) => (runScenario(scenario).nodes.lb as { sentTo: Record<string, number> }).sentTo;

describe("load-balancer strategies", () => {
  it("round robin cycles through targets in order", () => {
    const counts = sentTo({ ...balancedScenario("round-robin", 3, { requests: 3000 }), stop: { requests: 3000 } });
    expect(Object.values(counts)).toEqual([1000, 1000, 1000]);
  });

  it("weighted round robin follows the weights exactly over whole cycles", () => {
    const counts = sentTo(balancedScenario("weighted-round-robin", 3, { requests: 6000, weights: [1, 2, 3] }));
    expect(counts).toEqual({ "api-1": 1000, "api-2": 2000, "api-3": 3000 });
  });

  it("random spreads roughly evenly", () => {
    const counts = Object.values(sentTo(balancedScenario("random", 4, { requests: 40_000 })));
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });

  it("power of two choices keeps backends' queues shorter than random under load", () => {
    const meanQueue = (strategy: string) => {
      const r = runScenario(balancedScenario(strategy, 6, { ratePerSec: 1050, serviceMs: 20, requests: 60_000, seed: 3 }));
      return Object.entries(r.nodes).filter(([id]) => id.startsWith("api")).reduce((sum, [, m]) => sum + (m.meanQueueLength as number), 0);
    };
    expect(meanQueue("power-of-two-choices")).toBeLessThan(meanQueue("random") * 0.5);
  });

  it("least connections beats round robin when one backend is slow", () => {
    const scenario = balancedScenario("least-connections", 3, { ratePerSec: 400, requests: 30_000 });
    const slow = scenario.nodes.find((n) => n.id === "api-3") as Record<string, unknown>;
    slow.serviceMs = { dist: "exponential", meanMs: 60 };
    const lc = runScenario(scenario);
    const rr = runScenario({ ...scenario, nodes: scenario.nodes.map((n) => (n.id === "lb" ? { ...n, strategy: "round-robin" } : n)) });
    expect(lc.latencyMs.p99).toBeLessThan(rr.latencyMs.p99);
    expect((lc.nodes.lb as { sentTo: Record<string, number> }).sentTo["api-3"]).toBeLessThan(10_000);
  });

  it("key hash sends every request with the same key to the same backend", () => {
    const scenario = balancedScenario("key-hash", 4, { requests: 2000, keys: 1 });
    const counts = Object.values(sentTo(scenario));
    expect(counts.filter((c) => c > 0)).toEqual([2000]);
  });

  it("a crashed backend behind a health-checked balancer causes errors only until detection", () => {
    const scenario = balancedScenario("round-robin", 3, { ratePerSec: 300, requests: 30_000 });
    (scenario.nodes.find((n) => n.id === "lb") as Record<string, unknown>).healthCheck = { intervalMs: 1000, unhealthyThreshold: 2 };
    scenario.faults = [{ kind: "crash", atMs: 30_000, target: "api-2", durationMs: null }];
    const r = runScenario(scenario);
    // Errors arrive for about 2 probes (2 s) at a third of 300 req/s: ~200, certainly not thousands.
    expect(r.requests.failed).toBeGreaterThan(100);
    expect(r.requests.failed).toBeLessThan(400);
    expect(r.requests.completed + r.requests.failed).toBe(30_000);
  });
});

describe("consistent hashing", () => {
  it("moves only about 1/n of keys when a target is added", () => {
    const names = Array.from({ length: 9 }, (_, i) => `cache-${i + 1}`);
    const before = createHashRing(names, 150);
    const after = createHashRing([...names, "cache-10"], 150);
    const keys = 100_000;
    let moved = 0;
    for (let k = 0; k < keys; k++) {
      const a = before.lookup(k);
      const b = after.lookup(k);
      if (a !== b) {
        moved++;
        expect(b).toBe(9); // keys only ever move to the new target
      }
    }
    expect(moved / keys).toBeGreaterThan(0.06);
    expect(moved / keys).toBeLessThan(0.14); // ideal 1/10
  });

  it("unlike modulo hashing, which moves most keys", () => {
    let moved = 0;
    for (let k = 0; k < 10_000; k++) if (k % 9 !== k % 10) moved++;
    expect(moved / 10_000).toBeGreaterThan(0.8);
  });

  it("skips unusable targets by walking the ring", () => {
    const ring = createHashRing(["a", "b", "c"], 50);
    for (let k = 0; k < 1000; k++) expect(ring.lookup(k, (t) => t !== 1)).not.toBe(1);
  });
});
