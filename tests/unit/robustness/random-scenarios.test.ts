/**
 * The random-scenario invariant run (issue 17): presets with their settings redrawn from the kind
 * registry (tests/robustness/random-scenarios.ts), each run three ways. For every scenario:
 * - conservation: arrived = completed + failed + dropped + in flight, at the end and at every chunk;
 * - determinism: the same scenario and seed give the same report;
 * - chunked = straight: advancing in frame-sized slices (as the lab does) gives the report of one
 *   straight run, for every preset (variant 0 is the preset itself, shortened);
 * - bounded: no run throws; a run that hits its work budget says so in `report.stopped`.
 * CI runs 2 variants of every preset over 1 simulated second (about 240 scenarios);
 * `npm run robustness` (scale 4) runs 8 per preset (over 1,000) over 4 s. Figures are printed.
 */
import { describe, expect, it } from "vitest";
import { ScenarioRun, runScenario, type RunReport, type Scenario } from "@/simulations";
import { listPresetIds, loadPreset } from "@/lib/lab/presets";
import { randomScenarios } from "../../robustness/random-scenarios";

const scale = Number(process.env.ROBUSTNESS_SCALE ?? 1);
const PER_PRESET = Math.round(2 * scale);
const HORIZON_MS = 1_000 * scale;
/** Work budget per run, so one pathological redraw cannot dominate the suite. */
const BUDGET = { maxEvents: 400_000 };

function conservationGap(r: RunReport): number {
  const q = r.requests;
  return q.arrived - (q.completed + q.failed + q.dropped + q.inFlight);
}

/** Runs in slices of `sliceMs` simulated time, checking conservation at every slice. */
function chunked(scenario: Scenario, sliceMs: number, problems: string[], name: string): RunReport {
  const run = new ScenarioRun(scenario, { budget: BUDGET });
  let t = 0;
  let slices = 0;
  while (!run.done) {
    t += sliceMs;
    run.runUntil(t);
    if (++slices % 8 === 0) {
      const gap = conservationGap(run.report());
      if (gap !== 0) problems.push(`${name}: conservation off by ${gap} at ${t} ms`);
    }
  }
  return run.report();
}

describe("random scenarios from the kind registry", () => {
  it(`hold conservation, determinism and chunked = straight over ${PER_PRESET} variants of every preset`, () => {
    const presets = new Map(listPresetIds().map((id) => [id, loadPreset(id)!] as const));
    const { scenarios, refused } = randomScenarios(presets, PER_PRESET, HORIZON_MS);
    expect(scenarios.length).toBeGreaterThanOrEqual(scale >= 4 ? 1_000 : 1);
    const problems: string[] = [];
    const tally = { scenarios: scenarios.length, refusedRedraws: refused, kinds: new Set<string>(), stopped: 0, crashes: 0, violations: 0, events: 0 };
    for (const [index, { name, scenario, changes }] of scenarios.entries()) {
      for (const n of scenario.nodes) tally.kinds.add(n.kind);
      try {
        const straight = runScenario(scenario, { budget: BUDGET });
        tally.events += straight.events;
        if (straight.stopped) tally.stopped++;
        const gap = conservationGap(straight);
        if (gap !== 0) problems.push(`${name}: arrived − settled − in flight = ${gap} (${changes.join(", ")})`);
        const again = runScenario(scenario, { budget: BUDGET });
        if (JSON.stringify(again) !== JSON.stringify(straight)) problems.push(`${name}: two runs with the same seed differ (${changes.join(", ")})`);
        // A frame at normal speed advances about 16.7 ms; vary it so slice edges fall everywhere.
        const slice = [16.7, 50, 333][index % 3];
        const inSlices = chunked(scenario, name.endsWith("#0") ? 16.7 : slice, problems, name);
        if (!straight.stopped && JSON.stringify(inSlices) !== JSON.stringify(straight)) problems.push(`${name}: the run in slices differs from the straight run (${changes.join(", ")})`);
      } catch (error) {
        tally.crashes++;
        problems.push(`${name}: threw ${(error as Error).message} (${changes.join(", ")})`);
      }
    }
    tally.violations = problems.length;
    console.log(`random scenarios: ${JSON.stringify({ ...tally, kinds: tally.kinds.size })}`);
    expect(problems.slice(0, 20)).toEqual([]);
  }, 900_000);
});
