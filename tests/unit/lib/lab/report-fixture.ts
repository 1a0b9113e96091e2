import type { RunReport } from "@/simulations";

/** A small hand-made runner report for metric and goal tests. */
export function fakeReport(overrides: Partial<RunReport> = {}): RunReport {
  return {
    requests: { arrived: 1000, completed: 950, failed: 20, dropped: 30, inFlight: 0 },
    throughputPerSec: 95,
    latencyMs: { mean: 120, p50: 100, p90: 250, p95: 300, p99: 412, p999: 600, max: 900 },
    nodes: { api: { utilization: 0.82, served: 950 }, db: { utilization: 0.4, hitRatio: 0.9 } } as unknown as RunReport["nodes"],
    simulatedMs: 10_000,
    events: 5000,
    reasons: {},
    seed: 1,
    ...overrides,
  };
}
