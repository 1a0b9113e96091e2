/**
 * Model library: load-balancer extensions (sticky sessions, zones, canary, long-lived connections,
 * membership changes with consistent hashing).
 */
import { describe, expect, it } from "vitest";
import { runScenario, ScenarioRun, validateScenario, type Scenario } from "@/simulations";

const exponential = (meanMs: number) => ({ dist: "exponential", meanMs });

function valid(doc: unknown): Scenario {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(v.issues.map((i) => i.message).join("\n"));
  return v.scenario;
}

type M = Record<string, number> & { sentTo: Record<string, number> };

function lbDoc(lb: Record<string, unknown>, opts: { targets?: string[]; rate?: number; clients?: number; keys?: number; faults?: unknown[]; workers?: number; sources?: Record<string, unknown>[] } = {}) {
  const targets = opts.targets ?? ["api-1", "api-2", "api-3", "api-4"];
  const sources = opts.sources ?? [{ id: "users", kind: "source", ratePerSec: opts.rate ?? 200, clients: opts.clients ?? 100, ...(opts.keys ? { keys: { count: opts.keys, zipfExponent: 0 } } : {}) }];
  return valid({
    version: 1,
    title: "lb",
    seed: 4,
    stop: { durationMs: 30_000 },
    nodes: [...sources, { id: "lb", kind: "load-balancer", strategy: "round-robin", ...lb }, ...targets.map((id) => ({ id, kind: "server", workers: opts.workers ?? 4, serviceMs: exponential(10) }))],
    edges: [...sources.map((s) => ({ from: s.id, to: "lb" })), ...targets.map((to) => ({ from: "lb", to }))],
    faults: opts.faults ?? [],
  });
}

const sentTo = (run: ScenarioRun) => ({ ...(run.report().nodes.lb as M).sentTo });
const nonzero = (m: Record<string, number>) => Object.keys(m).filter((k) => m[k] > 0);

describe("load-balancer extensions", () => {
  it("sticky sessions keep a client on one target until it fails", () => {
    const run = new ScenarioRun(lbDoc({ affinity: "cookie", healthCheck: { intervalMs: 500 } }, { clients: 1 }), { strict: true });
    run.runUntil(10_000);
    const before = sentTo(run);
    const pinned = nonzero(before);
    expect(pinned).toHaveLength(1);
    run.applyFault({ kind: "crash", atMs: run.sim.now, target: pinned[0] });
    run.runUntil(12_000);
    const during = sentTo(run);
    run.runToEnd();
    const after = sentTo(run);
    // After the failure the session moves once, to one other target, and stays there.
    const moved = Object.keys(after).filter((k) => k !== pinned[0] && after[k] > 0);
    expect(moved).toHaveLength(1);
    expect(after[moved[0]] - (during[moved[0]] ?? 0)).toBeGreaterThan(1000);
    expect(after[pinned[0]] - during[pinned[0]]).toBe(0);
    expect((run.report().nodes.lb as M).sessionsLost).toBe(1);
  });

  it("without affinity the same client is spread over every target", () => {
    const r = runScenario(lbDoc({}, { clients: 1 }));
    expect(nonzero((r.nodes.lb as M).sentTo)).toHaveLength(4);
  });

  const zoneDoc = (rate: number, zoneMode: string) =>
    lbDoc(
      { strategy: "least-connections", zones: [{ zone: "a", nodes: ["users-a", "a-1", "a-2"] }, { zone: "b", nodes: ["users-b", "b-1", "b-2", "b-3"] }], zoneMode, crossZoneMs: 2 },
      {
        targets: ["a-1", "a-2", "b-1", "b-2", "b-3"],
        workers: 2,
        sources: [
          { id: "users-a", kind: "source", ratePerSec: rate },
          { id: "users-b", kind: "source", ratePerSec: rate },
        ],
      },
    );

  it("zone-aware routing stays local under light load and spills when the local zone saturates", () => {
    const light = runScenario(zoneDoc(20, "zone-aware")).nodes.lb as M;
    expect(light.crossZoneRatio).toBe(0);
    const heavy = runScenario(zoneDoc(350, "zone-aware")).nodes.lb as M;
    expect(heavy.crossZoneRatio).toBeGreaterThan(0.01);
    const cross = runScenario(zoneDoc(20, "cross-zone")).nodes.lb as M;
    expect(cross.crossZoneRatio).toBeGreaterThan(0.3);
    const local = runScenario(zoneDoc(350, "local")).nodes.lb as M;
    expect(local.crossZoneRatio).toBe(0);
  });

  it("a failing canary is rolled back at the first step; without the rule it reaches its full weight", () => {
    const canary = (autoRollback: boolean) =>
      lbDoc(
        { strategy: "least-connections", canary: { targets: ["api-4"], weight: 0.05, steps: [{ atMs: 10_000, weight: 0.25 }, { atMs: 20_000, weight: 1 }], autoRollback, minRequests: 50 } },
        { rate: 500, workers: 16, faults: [{ atMs: 0, target: "api-4", kind: "errors", rate: 0.2 }] },
      );
    const on = runScenario(canary(true));
    const off = runScenario(canary(false));
    expect((on.nodes.lb as M).rolledBack).toBe(1);
    expect((on.nodes.lb as M).canaryWeight).toBe(0);
    expect((off.nodes.lb as M).canaryWeight).toBe(1);
    expect(off.requests.failed).toBeGreaterThan(10 * on.requests.failed);
  });

  it("a sixth target on a consistent-hash ring moves about 1/6 of the keys; modulo hashing moves most", () => {
    const targets = ["c-1", "c-2", "c-3", "c-4", "c-5", "c-6"];
    const ratio = (strategy: string) =>
      (runScenario(lbDoc({ strategy, changes: [{ atMs: 15_000, target: "c-6", action: "add" }] }, { targets, keys: 5000, rate: 1000 })).nodes.lb as M).keysRemappedRatio;
    const ring = ratio("consistent-hash");
    expect(ring).toBeGreaterThan(0.1);
    expect(ring).toBeLessThan(0.25);
    expect(ratio("key-hash")).toBeGreaterThan(0.75);
  });

  it("connection-level balancing leaves targets added later idle; request-level uses them", () => {
    const doc = (level: string) => lbDoc({ strategy: "random", level, changes: [{ atMs: 10_000, target: "api-4", action: "add" }] }, { clients: 6, rate: 100 });
    const conn = (runScenario(doc("connection")).nodes.lb as M).sentTo;
    const req = (runScenario(doc("request")).nodes.lb as M).sentTo;
    expect(conn["api-4"]).toBe(0);
    expect(req["api-4"]).toBeGreaterThan(500);
  });
});
