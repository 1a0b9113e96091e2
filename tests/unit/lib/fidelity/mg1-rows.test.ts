// The M/G/1 rows check the simulator's service variability, not just its mean: with the same
// lognormal service, Pollaczek–Khinchine with the true c² lies inside the interval, and the M/M/1
// answer (c² = 1, what a model that ignored the distribution would give) is flagged.
import { describe, expect, it } from "vitest";
import { evaluateRow, type RowSpec } from "@/lib/fidelity/rows";
import { runScenario, theory, validateScenario, type Scenario } from "@/simulations";

const scenario = (seed: number): Scenario => {
  const result = validateScenario({
    version: 1,
    title: "M/G/1, lognormal service",
    seed,
    stop: { requests: 60_000 },
    warmupMs: 20_000,
    nodes: [
      { id: "users", kind: "source", ratePerSec: 70 },
      { id: "api", kind: "server", workers: 1, serviceMs: { dist: "lognormal", medianMs: 10 / Math.exp(0.5), sigma: 1 } },
    ],
    edges: [{ from: "users", to: "api" }],
  });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
  return result.scenario;
};

const spec = (scv: number): RowSpec => ({
  id: "mg1-test",
  family: "mg1",
  compared: "mean wait in queue",
  setting: "test",
  unit: "ms",
  comparison: "interval",
  theory: theory.mg1(70, 10, scv).meanWaitMs,
  replications: 8,
  method: "test",
  scenario,
  measure: (s) => (runScenario(s).nodes.api as Record<string, number>).meanWaitMs,
});

describe("M/G/1 fidelity", () => {
  it("agrees with Pollaczek–Khinchine at the true c² and flags the exponential answer", () => {
    expect(evaluateRow(spec(Math.E - 1)).verdict).toBe("agrees");
    const wrong = evaluateRow(spec(1));
    expect(wrong.verdict).toBe("flagged");
    expect(wrong.estimate).toBeGreaterThan(wrong.theory * 1.2);
  });
}, 300_000);
