/**
 * Invariants that hold for every scenario: conservation of requests, determinism, and independence
 * of random streams, checked on randomly generated scenarios as well as fixed ones.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ScenarioRun, createStream, loadBalancerStrategies, runScenario, validateScenario, type Scenario } from "@/simulations";
import { balancedScenario, mmcScenario } from "../../helpers/scenarios";

/** A random but valid scenario: users -> (lb -> servers | cache -> server | server), with faults. */
function randomScenario(seed: number): Scenario {
  const r = createStream(seed, "scenario-generator");
  const pick = <T,>(xs: readonly T[]) => xs[r.int(xs.length)];
  const n = 1 + r.int(4);
  const dists = [
    { dist: "exponential", meanMs: 5 + r.next() * 50 },
    { dist: "lognormal", medianMs: 5 + r.next() * 30, sigma: r.next() },
    { dist: "constant", ms: 1 + r.next() * 20 },
    { dist: "uniform", minMs: 1, maxMs: 40 },
  ];
  const servers = Array.from({ length: n }, (_, i) => ({
    id: `s-${i}`,
    kind: "server",
    workers: 1 + r.int(6),
    serviceMs: pick(dists),
    queueCapacity: pick([null, 0, 5, 50]),
  }));
  const front = pick(["lb", "cache", "direct"] as const);
  const nodes: Scenario["nodes"] = [{ id: "users", kind: "source", ratePerSec: 50 + r.int(400), arrival: pick(["poisson", "constant"]), keys: { count: 500, zipfExponent: r.next() * 1.2 } }];
  const edges: Scenario["edges"] = [];
  if (front === "lb") {
    nodes.push({ id: "lb", kind: "load-balancer", strategy: pick(loadBalancerStrategies), ...(r.next() < 0.5 ? { healthCheck: { intervalMs: 500 } } : {}) });
    edges.push({ from: "users", to: "lb" }, ...servers.map((s) => ({ from: "lb", to: s.id, weight: 1 + r.int(3) })));
    nodes.push(...servers);
  } else if (front === "cache") {
    nodes.push({ id: "cache", kind: "cache", capacity: 50 + r.int(200), policy: pick(["lru", "lfu", "fifo"]), ttlMs: pick([null, 2000]), hitMs: { dist: "constant", ms: 1 } }, servers[0]);
    edges.push({ from: "users", to: "cache" }, { from: "cache", to: servers[0].id });
  } else {
    nodes.push(servers[0]);
    edges.push({ from: "users", to: servers[0].id });
  }
  const targets = nodes.filter((x) => x.kind !== "source").map((x) => x.id);
  const faults: NonNullable<Scenario["faults"]> = [];
  for (let i = 0; i < r.int(4); i++) {
    const kind = pick(["crash", "latency", "errors", "partition"] as const);
    const atMs = r.int(15_000);
    const durationMs = pick([null, 1000 + r.int(5000)]);
    if (kind === "partition") faults.push({ kind, atMs, durationMs, target: `${edges[edges.length - 1].from}->${edges[edges.length - 1].to}` });
    else if (kind === "latency") faults.push({ kind, atMs, durationMs, target: pick(targets), addMs: 1 + r.int(200) });
    else if (kind === "errors") faults.push({ kind, atMs, durationMs, target: pick(targets), rate: r.next() });
    else faults.push({ kind, atMs, durationMs, target: pick(targets) });
  }
  const scenario = { version: 1, title: `random ${seed}`, seed, stop: pick([{ durationMs: 20_000 }, { requests: 3000 }]), warmupMs: pick([0, 1000]), nodes, edges, faults };
  const result = validateScenario(scenario);
  if (!result.ok) throw new Error(`generator made an invalid scenario: ${result.issues.map((i) => i.message).join("; ")}`);
  return result.scenario;
}

describe("conservation: arrived = completed + failed + dropped + in flight", () => {
  it("holds on 150 random scenarios with faults, and no request is settled twice", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const run = new ScenarioRun(randomScenario(seed), { strict: true }).runToEnd();
        const { requests: q } = run.report();
        expect(q.inFlight).toBeGreaterThanOrEqual(0);
        expect(q.arrived).toBe(q.completed + q.failed + q.dropped + q.inFlight);
      }),
      { numRuns: 150 },
    );
  });

  it("leaves nothing in flight when a run stops by request count without partitions", () => {
    const r = runScenario(balancedScenario("least-connections", 3, { requests: 5000 }));
    expect(r.requests.arrived).toBe(5000);
    expect(r.requests.inFlight).toBe(0);
    expect(r.requests.completed).toBe(5000);
  });
});

describe("determinism", () => {
  it("gives identical reports for the same scenario and seed", () => {
    for (const seed of [1, 99, 12345]) {
      const s = randomScenario(seed);
      expect(runScenario(s)).toEqual(runScenario(s));
    }
  });

  it("changes results with another seed", () => {
    const s = mmcScenario({ ratePerSec: 80, serviceMs: 10, workers: 1, requests: 5000 });
    expect(runScenario(s, { seed: 1 }).latencyMs).not.toEqual(runScenario(s, { seed: 2 }).latencyMs);
  });

  it("gives the same state whether run in one go or event by event", () => {
    const s = randomScenario(77);
    const a = new ScenarioRun(s).runToEnd().report();
    const stepwise = new ScenarioRun(s);
    while (stepwise.step()) {
      /* one event at a time */
    }
    expect(stepwise.report()).toEqual(a);
  });
});

describe("independent random streams", () => {
  it("keep api-1's arrivals and service times when only api-2's service time changes", () => {
    const base = { ...balancedScenario("round-robin", 2), stop: { durationMs: 30_000 } };
    const changed = structuredClone(base);
    (changed.nodes.find((n) => n.id === "api-2") as Record<string, unknown>).serviceMs = { dist: "exponential", meanMs: 35 };
    const a = runScenario(base);
    const b = runScenario(changed);
    // Round robin routes identically, arrivals are identical, and api-1's service draws are its own:
    // api-1's statistics must not move at all.
    expect(b.nodes["api-1"]).toEqual(a.nodes["api-1"]);
    expect(b.nodes["api-2"]).not.toEqual(a.nodes["api-2"]);
  });
});

describe("fast paths", () => {
  it("a plain v1 source reports only v1 metrics (it takes the open-loop fast path, not the extension path)", () => {
    const r = runScenario(mmcScenario({ ratePerSec: 50, serviceMs: 10, workers: 1, requests: 1000 }));
    expect(Object.keys(r.nodes.users)).toEqual(["sent"]);
  });
});
