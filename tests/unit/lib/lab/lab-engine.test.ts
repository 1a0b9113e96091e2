import { describe, expect, it } from "vitest";
import { LabEngine, runHeadless } from "@/lib/lab/lab-engine";
import { initialEdits, withFault, withParam, withRecovery } from "@/lib/lab/edit-timeline";
import { preset } from "./fixtures";

const lb = preset("load-balancing/crash-behind-lb");

function fingerprint(engine: LabEngine) {
  const frame = engine.frame();
  return { timeMs: frame.timeMs, gauges: frame.gauges, report: frame.report, events: engine.currentRun.sim.events };
}

describe("LabEngine: rewind and exactness", () => {
  it("seeking back and playing again reproduces the uninterrupted run exactly", () => {
    const edits = withFault(initialEdits(lb), { atMs: 9_000, durationMs: 4_000, target: "api-1", kind: "latency", addMs: 30 }, "f1");
    const straight = new LabEngine();
    straight.load(lb, edits, 11);
    straight.runTo(25_000);
    const expected = fingerprint(straight);

    const wandering = new LabEngine();
    wandering.load(lb, edits, 11);
    wandering.runTo(18_000);
    wandering.seek(4_000); // rewind
    wandering.runTo(12_345);
    wandering.seek(25_000); // forward by simulating on
    expect(fingerprint(wandering)).toEqual(expected);
  });

  it("a different seed gives a different run, the same seed the same", () => {
    const a = new LabEngine();
    a.load(lb, initialEdits(lb), 1, 10_000);
    const b = new LabEngine();
    b.load(lb, initialEdits(lb), 1, 10_000);
    const c = new LabEngine();
    c.load(lb, initialEdits(lb), 2, 10_000);
    expect(fingerprint(a)).toEqual(fingerprint(b));
    expect(fingerprint(c).report).not.toEqual(fingerprint(a).report);
  });

  it("a fault injected at time t is on the timeline and survives a rewind", () => {
    const engine = new LabEngine();
    const base = initialEdits(lb);
    engine.load(lb, base, 7, 6_000);
    const edits = withFault(base, { atMs: engine.timeMs, target: "api-2", kind: "crash" }, "crash-now");
    engine.setEdits(edits, 7);
    engine.runTo(7_000);
    expect(engine.frame().gauges["api-2"].crashed).toBe(true);
    engine.seek(3_000);
    expect(engine.frame().gauges["api-2"].crashed).toBe(false);
    engine.seek(7_000);
    expect(engine.frame().gauges["api-2"].crashed).toBe(true);
    const recovered = withRecovery(edits, "api-2", 7_000);
    engine.setEdits(recovered, 7);
    engine.runTo(8_000);
    expect(engine.frame().gauges["api-2"].crashed).toBe(false);
    expect(recovered.faults.find((f) => f.id === "crash-now")?.durationMs).toBe(1_000);
  });

  it("a parameter edit changes what the run measures", () => {
    const rr = preset("load-balancing/round-robin");
    const low = runHeadless(rr, initialEdits(rr), 7);
    const high = runHeadless(rr, withParam(initialEdits(rr), "users.ratePerSec", 1900), 7);
    expect(high.requests.arrived).toBeGreaterThan(low.requests.arrived * 1.5);
    expect(high.latencyMs.p95).toBeGreaterThan(low.latencyMs.p95);
  });

  it("rejects invalid edits with the field path, keeping the previous run", () => {
    const engine = new LabEngine();
    engine.load(lb, initialEdits(lb), 7, 2_000);
    expect(() => engine.setEdits(withParam(initialEdits(lb), "api-1.workers", -3), 7)).toThrow(/nodes\[2\]\.workers/);
    expect(engine.timeMs).toBe(2_000);
    expect(() => engine.runTo(3_000)).not.toThrow();
  });

  it("frames carry sampled hops on real edges, series samples and edge estimates", () => {
    const engine = new LabEngine();
    engine.load(lb, initialEdits(lb), 7);
    engine.frame();
    engine.runTo(3_000);
    const frame = engine.frame();
    expect(frame.hops.length).toBeGreaterThan(20);
    for (const hop of frame.hops) expect(hop.edge).toBeGreaterThanOrEqual(0);
    expect(frame.samples.length).toBeGreaterThan(5);
    const usersToLb = frame.edgeStats[0].ratePerSec;
    expect(usersToLb).toBeGreaterThan(600);
    expect(usersToLb).toBeLessThan(1400);
  });

  it("fast-forward stops once p95 is steady, well before the cap", () => {
    const engine = new LabEngine();
    const mm1 = preset("queues/mm1-50");
    engine.load(mm1, initialEdits(mm1), 3);
    const run = engine.fastForward();
    let result = run.next();
    let steps = 0;
    while (!result.done) {
      steps++;
      result = run.next();
    }
    expect(steps).toBeGreaterThan(0);
    expect(engine.timeMs).toBeGreaterThan(0);
  });
});
