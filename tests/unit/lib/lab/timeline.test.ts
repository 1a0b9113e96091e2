import { describe, expect, it } from "vitest";
import type { FaultSpec, TraceRecord } from "@/simulations";
import { initialEdits } from "@/lib/lab/edit-timeline";
import { buildRun, LabEngine, previewTransitions } from "@/lib/lab/lab-engine";
import { createLabWorkerHost } from "@/lib/lab/lab-worker-host";
import type { LabMessage } from "@/lib/lab/protocol";
import { describeEvent, isStoryRecord, faultEvents, MIN_VISIBLE_MS, nextEvent, steadyStateLimitMs, timelineEvents, transitionEvents, transitionHoldMs } from "@/lib/lab/timeline";
import { preset } from "./fixtures";

const outage: FaultSpec = { atMs: 30_000, durationMs: 40_000, target: "recs", kind: "errors", rate: 1 };
const rec = (atMs: number, type: string, node = "recs-breaker"): TraceRecord => ({ atMs, type, node });

function drain<T, R>(gen: Generator<T, R>): R {
  for (;;) {
    const step = gen.next();
    if (step.done) return step.value;
  }
}

describe("timeline markers", () => {
  it("marks every scheduled fault's start and end, named in words", () => {
    const events = faultEvents([outage, { atMs: 5_000, target: "api-2", kind: "crash" }]);
    expect(events.map((e) => [e.atMs, e.kind, e.label])).toEqual([
      [30_000, "fault-start", "outage of recs"],
      [70_000, "fault-end", "recs recovers"],
      [5_000, "fault-start", "api-2 crashes"],
    ]);
    expect(describeEvent(events[0])).toBe("outage of recs at 30.0 s");
  });

  it("keeps state transitions and drops per-request noise, in time order with faults first at a tie", () => {
    const records = [rec(30_000, "breaker.opened"), rec(30_010, "request.dropped", "shop"), rec(35_000, "breaker.half-opened"), rec(35_040, "breaker.opened"), rec(31_000, "database.failed-over", "db")];
    expect(transitionEvents(records).map((e) => e.type)).toEqual(["breaker.opened", "breaker.half-opened", "breaker.opened", "database.failed-over"]);
    const all = timelineEvents([outage], records, 120_000);
    expect(all.map((e) => `${e.atMs} ${e.kind}`)).toEqual(["30000 fault-start", "30000 transition", "31000 transition", "35000 transition", "35040 transition", "70000 fault-end"]);
    expect(all[3].state).toBe("half-open");
  });

  it("next event is strictly after now, so asking again moves on", () => {
    const all = timelineEvents([outage], [rec(30_000, "breaker.opened")], 120_000);
    expect(nextEvent(all, 0)?.label).toBe("outage of recs");
    expect(nextEvent(all, 30_000)?.label).toBe("recs recovers");
    expect(nextEvent(all, 70_000)).toBeNull();
  });
});

describe("the steady-state rule", () => {
  it("limits fast-forward to the next scheduled fault's start, and only to one that lies ahead", () => {
    expect(steadyStateLimitMs([outage], 0)).toBe(30_000);
    expect(steadyStateLimitMs([outage, { ...outage, atMs: 10_000 }], 0)).toBe(10_000);
    expect(steadyStateLimitMs([outage], 30_000)).toBeUndefined();
    expect(steadyStateLimitMs([], 0)).toBeUndefined();
  });

  it("in the circuit-breaker lab, Steady state stops where the outage starts, not before it", () => {
    const scenario = preset("circuit-breaker/recs-outage");
    const engine = new LabEngine();
    engine.load(scenario, initialEdits(scenario), scenario.seed);
    const result = drain(engine.fastForward());
    expect(result.stop).toBe("fault");
    expect(engine.timeMs).toBe(30_000);
    // Without the fault the same lab settles well before 30 s (what it used to stop at).
    const quiet = new LabEngine();
    quiet.load(scenario, { params: {}, faults: [] }, scenario.seed);
    const settled = drain(quiet.fastForward());
    expect(settled.stop).toBe("steady");
    expect(quiet.timeMs).toBeLessThan(30_000);
  });
});

describe("transition preview and holds", () => {
  it("previews exactly the transitions the live run reaches (same seed, same edits)", () => {
    const scenario = preset("circuit-breaker/recs-outage");
    const edits = initialEdits(scenario);
    const previewed = drain(previewTransitions(scenario, edits, scenario.seed));
    expect(previewed.length).toBeGreaterThan(3);
    expect(previewed[0].type).toBe("breaker.opened");
    expect(previewed[0].atMs).toBeGreaterThanOrEqual(30_000);
    expect(previewed.some((r) => r.type === "breaker.half-opened")).toBe(true);
    // The live lab's run (traces and samples on) reaches the same transitions at the same times.
    const live: TraceRecord[] = [];
    buildRun(scenario, edits, scenario.seed, { onEvent: (r) => isStoryRecord(r) && live.push(r) }).runToEnd();
    expect(live).toEqual(previewed);
    // Slicing differently changes nothing.
    expect(drain(previewTransitions(scenario, edits, scenario.seed, Infinity, 997))).toEqual(previewed);
  });

  it("holds a state that would flash by at this speed long enough to be seen, and never above 10×", () => {
    const events = transitionEvents([rec(35_000, "breaker.half-opened"), rec(35_040, "breaker.closed"), rec(36_000, "breaker.opened")]);
    expect(transitionHoldMs(events, 0, 1)).toBe(MIN_VISIBLE_MS - 40);
    expect(transitionHoldMs(events, 1, 1)).toBe(0); // closed for 960 ms at 1×: visible already
    expect(transitionHoldMs(events, 1, 5)).toBe(MIN_VISIBLE_MS - 192);
    expect(transitionHoldMs(events, 0, 25)).toBe(0);
  });

  it("the worker host posts the run's transitions and pauses playback on a half-open", async () => {
    const scenario = preset("circuit-breaker/recs-outage");
    const messages: LabMessage[] = [];
    const host = createLabWorkerHost((m) => messages.push(m));
    host({ type: "load", scenario, edits: initialEdits(scenario), seed: scenario.seed, timeMs: 34_000 });
    await until(() => messages.some((m) => m.type === "timeline"));
    const timeline = messages.find((m) => m.type === "timeline");
    expect(timeline?.type === "timeline" && timeline.records.length).toBeGreaterThan(3);
    host({ type: "play", speed: 1 });
    await until(() => messages.some((m) => m.type === "hold"));
    host({ type: "pause" });
    const hold = messages.find((m) => m.type === "hold");
    expect(hold?.type === "hold" && hold.label).toMatch(/half-open|closed|opened/);
  });
});

/** Waits for a condition on state, polling the event loop (no wall-clock assumptions). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}
