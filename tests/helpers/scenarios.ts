/** Builders for small scenarios used across the simulation tests. */
import type { Scenario } from "@/simulations";

export function mmcScenario(opts: { ratePerSec: number; serviceMs: number; workers: number; requests?: number; seed?: number; queueCapacity?: number | null; warmupMs?: number; service?: Scenario["nodes"][number]["serviceMs"] }): Scenario {
  return {
    version: 1,
    title: "M/M/c",
    seed: opts.seed ?? 1,
    stop: { requests: opts.requests ?? 200_000 },
    warmupMs: opts.warmupMs ?? 20_000,
    nodes: [
      { id: "users", kind: "source", ratePerSec: opts.ratePerSec, arrival: "poisson" },
      {
        id: "api",
        kind: "server",
        workers: opts.workers,
        serviceMs: opts.service ?? { dist: "exponential", meanMs: opts.serviceMs },
        ...(opts.queueCapacity !== undefined ? { queueCapacity: opts.queueCapacity } : {}),
      },
    ],
    edges: [{ from: "users", to: "api" }],
  };
}

/** Users -> load balancer -> n servers. */
export function balancedScenario(strategy: string, n: number, opts: { ratePerSec?: number; serviceMs?: number; requests?: number; seed?: number; weights?: number[]; keys?: number } = {}): Scenario {
  const servers = Array.from({ length: n }, (_, i) => ({ id: `api-${i + 1}`, kind: "server", workers: 4, serviceMs: { dist: "exponential", meanMs: opts.serviceMs ?? 20 } }));
  return {
    version: 1,
    title: `LB ${strategy}`,
    seed: opts.seed ?? 7,
    stop: { requests: opts.requests ?? 20_000 },
    nodes: [
      { id: "users", kind: "source", ratePerSec: opts.ratePerSec ?? 200, ...(opts.keys ? { keys: { count: opts.keys, zipfExponent: 0 } } : {}) },
      { id: "lb", kind: "load-balancer", strategy },
      ...servers,
    ],
    edges: [{ from: "users", to: "lb" }, ...servers.map((s, i) => ({ from: "lb", to: s.id, ...(opts.weights ? { weight: opts.weights[i] } : {}) }))],
  };
}
