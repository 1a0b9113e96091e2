/**
 * Issue 17, F3: a broker whose push target refuses at once (a full bounded broker, a rate limiter, a
 * busy bulkhead) must not redeliver in a loop inside one event or one instant. Every broker preset is
 * run with a refusing target added to each broker, and the probe's two reproducing scenarios too:
 * each must finish within a small event budget, with requests conserved and none settled twice.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ScenarioRun, validateScenario, type Scenario } from "@/simulations";

const root = path.resolve(import.meta.dirname, "../../..");
const presetsDir = path.join(root, "content/scenarios");

function brokerPresets(): { id: string; scenario: Scenario }[] {
  const out: { id: string; scenario: Scenario }[] = [];
  for (const group of readdirSync(presetsDir)) {
    for (const file of readdirSync(path.join(presetsDir, group))) {
      if (!file.endsWith(".json")) continue;
      const scenario = JSON.parse(readFileSync(path.join(presetsDir, group, file), "utf8")) as Scenario;
      if (scenario.nodes.some((n) => n.kind === "broker")) out.push({ id: `${group}/${file.slice(0, -5)}`, scenario });
    }
  }
  return out;
}

/** The preset with a full, rejecting broker added as one more push target of every broker. */
function withRefusingTarget(s: Scenario): Scenario {
  const copy = structuredClone(s);
  copy.nodes.push({ id: "refuser", kind: "broker", maxDepth: 1, overflow: "reject" });
  for (const n of s.nodes) {
    if (n.kind !== "broker" || n.id === "refuser") continue;
    if (copy.edges.filter((e) => e.from === n.id).length >= 64) continue;
    copy.edges.push({ from: n.id, to: "refuser" });
  }
  copy.stop = { durationMs: Math.min("durationMs" in s.stop ? s.stop.durationMs : 20_000, 20_000) };
  if ((copy.warmupMs ?? 0) >= 20_000) copy.warmupMs = 0;
  return copy;
}

function runBounded(scenario: Scenario) {
  const checked = validateScenario(scenario);
  if (!checked.ok) throw new Error(checked.issues.map((i) => i.message).join("; "));
  const run = new ScenarioRun(checked.scenario, { strict: true });
  let t = 0;
  while (!run.done && run.sim.events < 5_000_000) run.runUntil((t += 1000), 100_000);
  return { run, report: run.report() };
}

describe("a broker with a push target that refuses at once", () => {
  const presets = brokerPresets();
  it("covers the broker presets", () => expect(presets.length).toBeGreaterThan(5));
  for (const { id, scenario } of presets) {
    it(`${id}: finishes and conserves requests with a refusing target added`, () => {
      const { run, report } = runBounded(withRefusingTarget(scenario));
      expect(run.done).toBe(true);
      const q = report.requests;
      expect(q.arrived).toBe(q.completed + q.failed + q.dropped + q.inFlight);
    });
  }
  for (const file of ["broker-chain-loop.json", "broker-redelivery-loop.json"]) {
    it(`security case ${file} finishes with requests delivered`, () => {
      const scenario = JSON.parse(readFileSync(path.join(root, "tests/fixtures/security-cases", file), "utf8")) as Scenario;
      const { run, report } = runBounded(scenario);
      expect(run.done).toBe(true);
      expect(report.events).toBeLessThan(100_000);
      expect(report.requests.completed).toBeGreaterThan(0);
    });
  }
});
