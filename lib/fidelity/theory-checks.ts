/**
 * The fidelity checks: seeded simulation runs compared with queueing theory's closed forms.
 *
 * The same comparisons the unit tests assert (tests/unit/simulations/theory.test.ts) are run here at
 * build time for the fidelity page, so the numbers it shows are measured by the code that ships, not
 * copied by hand.
 */
import { runScenario, theory, validateScenario, type Dist, type RunReport } from "@/simulations";

export interface FidelityRow {
  model: string;
  setting: string;
  metric: string;
  theory: number;
  simulated: number;
  unit: string;
}

function run(ratePerSec: number, workers: number, serviceMs: Dist, queueCapacity: number | null, seed: number): RunReport {
  const checked = validateScenario({
    version: 1,
    title: "fidelity",
    seed,
    stop: { requests: 200_000 },
    warmupMs: 20_000,
    nodes: [
      { id: "users", kind: "source", ratePerSec },
      { id: "api", kind: "server", workers, serviceMs, queueCapacity },
    ],
    edges: [{ from: "users", to: "api" }],
  });
  if (!checked.ok) throw new Error(checked.issues.map((i) => i.message).join("; "));
  return runScenario(checked.scenario);
}

const api = (r: RunReport) => r.nodes.api as Record<string, number>;

/** Runs every comparison (a few seconds of CPU; call at build time only). */
export function computeFidelityRows(): FidelityRow[] {
  const rows: FidelityRow[] = [];
  for (const rho of [0.5, 0.8, 0.9]) {
    const rate = rho * 100;
    const t = theory.mm1(rate, 10);
    const r = run(rate, 1, { dist: "exponential", meanMs: 10 }, null, 4);
    const setting = `λ = ${rate}/s, mean service 10 ms (ρ = ${rho})`;
    rows.push({ model: "M/M/1", setting, metric: "utilisation", theory: t.utilization, simulated: api(r).utilization, unit: "" });
    rows.push({ model: "M/M/1", setting, metric: "mean wait", theory: t.meanWaitMs, simulated: api(r).meanWaitMs, unit: "ms" });
    rows.push({ model: "M/M/1", setting, metric: "mean queue length", theory: t.meanQueueLength, simulated: api(r).meanQueueLength, unit: "" });
    rows.push({ model: "M/M/1", setting, metric: "p95 response", theory: theory.mm1ResponsePercentileMs(rate, 10, 0.95), simulated: r.latencyMs.p95, unit: "ms" });
  }
  {
    const rate = 85;
    const t = theory.mmc(rate, 40, 4);
    const r = run(rate, 4, { dist: "exponential", meanMs: 40 }, null, 8);
    const setting = "4 workers, λ = 85/s, mean service 40 ms (ρ = 0.85)";
    rows.push({ model: "M/M/c (Erlang C)", setting, metric: "mean wait", theory: t.meanWaitMs, simulated: api(r).meanWaitMs, unit: "ms" });
    rows.push({ model: "M/M/c (Erlang C)", setting, metric: "mean queue length", theory: t.meanQueueLength, simulated: api(r).meanQueueLength, unit: "" });
  }
  {
    const t = theory.mg1(70, 10, 0);
    const r = run(70, 1, { dist: "constant", ms: 10 }, null, 12);
    rows.push({ model: "M/D/1 (Pollaczek–Khinchine)", setting: "λ = 70/s, constant service 10 ms", metric: "mean wait", theory: t.meanWaitMs, simulated: api(r).meanWaitMs, unit: "ms" });
  }
  {
    const r = run(90, 1, { dist: "exponential", meanMs: 10 }, 4, 21);
    rows.push({
      model: "M/M/1/K",
      setting: "ρ = 0.9, 4 waiting places (K = 5)",
      metric: "share of arrivals dropped",
      theory: theory.mm1kBlocking(90, 10, 5),
      simulated: r.requests.dropped / r.requests.arrived,
      unit: "",
    });
  }
  return rows;
}
