/**
 * The change-capture kind against its definitions:
 * - dual write loses committed events (commit, then publish) or invents uncommitted ones (publish,
 *   then commit) under crashes between the two writes, at the crash rate;
 * - the outbox and CDC lose none and invent none under the same crashes, and may duplicate;
 * - once drained, an idempotent consumer's copy equals the database; without dedupe it does not;
 * - with the aggregate id as message key no aggregate's changes arrive out of order; without a key they do;
 * - a CDC connector that stops makes the slot retain about rate × outage × log per change;
 * - books: committed = consumed + pending + lost, and the runtime ledger balances.
 */
import { describe, expect, it } from "vitest";
import { ScenarioRun, validateScenario, type Scenario } from "@/simulations";

function scenario(node: Record<string, unknown>, opts: { seed?: number; rate?: number; stopProducingMs?: number; durationMs?: number } = {}): Scenario {
  const doc = {
    version: 1,
    title: "change capture test",
    seed: opts.seed ?? 7,
    stop: { durationMs: opts.durationMs ?? 20_000 },
    nodes: [
      { id: "orders", kind: "source", ratePerSec: opts.rate ?? 200, profile: [{ atMs: opts.stopProducingMs ?? 12_000, ratePerSec: 0 }] },
      { id: "svc", kind: "change-capture", relayIntervalMs: 50, ...node },
    ],
    edges: [{ from: "orders", to: "svc" }],
  };
  const result = validateScenario(doc);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
  return result.scenario;
}

function run(node: Record<string, unknown>, opts: Parameters<typeof scenario>[1] = {}) {
  const report = new ScenarioRun(scenario(node, opts), { strict: true }).runToEnd().report();
  const m = report.nodes.svc as Record<string, number>;
  return { report, m };
}

describe("change-capture: dual write", () => {
  it("commit then publish loses committed events at the crash rate, invents none", () => {
    const { m } = run({ mode: "dual-write", gapCrashRate: 0.02 });
    expect(m.lostEvents).toBeGreaterThan(0);
    expect(m.inventedEvents).toBe(0);
    // About 2% of about 2,400 commits: a binomial count, well inside ±50%.
    expect(m.lostEvents / m.committed).toBeGreaterThan(0.01);
    expect(m.lostEvents / m.committed).toBeLessThan(0.03);
    expect(m.mismatchedAggregates).toBeGreaterThan(0);
  });

  it("publish then commit invents events for transactions that crash or roll back, and loses none", () => {
    const { m, report } = run({ mode: "dual-write", publishFirst: true, gapCrashRate: 0.01, abortRate: 0.02 });
    expect(m.inventedEvents).toBeGreaterThan(0);
    expect(m.lostEvents).toBe(0);
    expect(m.inventedEvents).toBe(m.aborted);
    expect(m.committed).toBe(m.consumed + m.pending + m.lostEvents);
    expect(m.pending).toBe(0);
    expect(report.requests.failed).toBe(m.aborted);
    expect(m.mismatchedAggregates).toBeGreaterThan(0);
  });

  it("a crash fault in the gap loses the events caught there", () => {
    const s = scenario({ mode: "dual-write", publishMs: { dist: "constant", ms: 50 } });
    const withFault = validateScenario({ ...s, faults: [{ kind: "crash", target: "svc", atMs: 5_000, durationMs: 500 }] });
    if (!withFault.ok) throw new Error("invalid");
    const m = new ScenarioRun(withFault.scenario, { strict: true }).runToEnd().report().nodes.svc as Record<string, number>;
    expect(m.lostEvents).toBeGreaterThan(0);
  });
});

describe("change-capture: outbox and CDC", () => {
  for (const mode of ["outbox", "cdc"] as const) {
    it(`${mode}: relay crashes lose nothing, duplicate some, and the books balance`, () => {
      const { m, report } = run({ mode, gapCrashRate: 0.005, restartMs: 300 });
      expect(m.gapCrashes).toBeGreaterThan(0);
      expect(m.lostEvents).toBe(0);
      expect(m.inventedEvents).toBe(0);
      expect(m.duplicatesPublished).toBeGreaterThan(0);
      expect(m.committed).toBe(m.consumed + m.pending + m.lostEvents);
      expect(m.pending).toBe(0);
      const r = report.requests;
      expect(r.arrived).toBe(r.completed + r.failed + r.dropped + r.inFlight);
      // Without dedupe the duplicates are applied twice: the copy drifts from the database.
      expect(m.duplicatesApplied).toBe(m.duplicatesPublished);
      expect(m.mismatchedAggregates).toBeGreaterThan(0);
    });

    it(`${mode}: an idempotent consumer ends with exactly the database's state`, () => {
      const { m } = run({ mode, gapCrashRate: 0.005, restartMs: 300, dedupe: true });
      expect(m.duplicatesSkipped).toBeGreaterThan(0);
      expect(m.duplicatesApplied).toBe(0);
      expect(m.mismatchedAggregates).toBe(0);
    });
  }

  it("keyed by aggregate, no change overtakes an earlier one; unkeyed, many do", () => {
    const keyed = run({ mode: "cdc", partitions: 8, consumeMs: { dist: "exponential", meanMs: 20 } }).m;
    const unkeyed = run({ mode: "cdc", partitions: 8, messageKey: "none", consumeMs: { dist: "exponential", meanMs: 20 } }).m;
    expect(keyed.outOfOrder).toBe(0);
    expect(unkeyed.outOfOrder).toBeGreaterThan(10);
  });

  it("a stopped connector makes the slot retain about rate × outage × log per change, and releases it after", () => {
    const { m } = run({ mode: "cdc", relayIntervalMs: 10, walKbPerChange: 2, relayOutages: [{ atMs: 2_000, durationMs: 5_000 }] }, { rate: 100 });
    // 100 changes/s × 5 s × 2 KB = 1,000 KB; Poisson arrivals keep it within a few standard deviations (±45 KB).
    expect(m.peakRetainedWalKb).toBeGreaterThan(850);
    expect(m.peakRetainedWalKb).toBeLessThan(1_150);
    expect(m.retainedWalKb).toBeLessThan(50);
    expect(m.lostEvents).toBe(0);
    const outbox = run({ mode: "outbox", walKbPerChange: 2, relayOutages: [{ atMs: 2_000, durationMs: 5_000 }] }, { rate: 100 }).m;
    expect(outbox.peakRetainedWalKb).toBe(0);
  });

  it("refuses a bad mode, naming the field", () => {
    const result = validateScenario({ ...scenario({}), nodes: [{ id: "orders", kind: "source", ratePerSec: 1 }, { id: "svc", kind: "change-capture", mode: "two-phase" }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.message).join("\n")).toMatch(/mode/);
  });

  it("is deterministic for a seed", () => {
    const a = run({ mode: "outbox", gapCrashRate: 0.005 }).m;
    const b = run({ mode: "outbox", gapCrashRate: 0.005 }).m;
    expect(a).toEqual(b);
  });
});
