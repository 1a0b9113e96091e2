import { describe, expect, it } from "vitest";
import { ACTIVITIES, codeLines, eventsWithoutKill, finalState, simulate } from "@/lib/workflow/replay";

const killPoints = (n: number) => Array.from({ length: n - 1 }, (_, i) => i + 1);

describe("durable workflow replay", () => {
  it("an uninterrupted run records ten events and runs each activity once", () => {
    const run = simulate();
    expect(run.outcome).toBe("completed");
    expect(run.killed).toBe(false);
    const last = run.steps.at(-1)!;
    expect(last.history.map((e) => e.type)).toEqual([
      "WorkflowExecutionStarted",
      "ActivityTaskScheduled",
      "ActivityTaskCompleted",
      "ActivityTaskScheduled",
      "ActivityTaskCompleted",
      "TimerStarted",
      "TimerFired",
      "ActivityTaskScheduled",
      "ActivityTaskCompleted",
      "WorkflowExecutionCompleted",
    ]);
    expect(last.history.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(last.executions).toEqual({ reserveStock: 1, chargeCard: 1, shipOrder: 1 });
  });

  it("a kill after every event ends in the same final state, each activity run exactly once", () => {
    const reference = finalState(simulate());
    const n = eventsWithoutKill();
    expect(n).toBe(10);
    for (const k of killPoints(n)) {
      const run = simulate({ killAfter: k });
      expect(run.killed, `kill after ${k}`).toBe(true);
      expect(finalState(run), `kill after ${k}`).toBe(reference);
      // Executions never go above one at any step, and worker 2 replays every event it was given.
      for (const s of run.steps) for (const a of ACTIVITIES) expect(s.executions[a]).toBeLessThanOrEqual(1);
      const restart = run.steps.findIndex((s) => s.phase === "restart");
      expect(restart).toBeGreaterThan(0);
      const replayedEnd = run.steps.filter((s) => s.phase === "replay").at(-1)?.replayed ?? [];
      expect(replayedEnd).toEqual(Array.from({ length: k - 1 }, (_, i) => i + 2));
    }
  });

  it("replayed activities are not executed: their count does not move during replay", () => {
    const run = simulate({ killAfter: 9 });
    const atKill = run.steps.find((s) => s.phase === "kill")!.executions;
    expect(atKill).toEqual({ reserveStock: 1, chargeCard: 1, shipOrder: 1 });
    for (const s of run.steps.filter((x) => x.phase === "replay")) expect(s.executions).toEqual(atKill);
    expect(run.steps.filter((s) => s.phase === "replay")).toHaveLength(4);
  });

  it("code that reads the worker's clock is stopped at event 6 whenever the timer is in the history", () => {
    for (const k of killPoints(10)) {
      const run = simulate({ mode: "reads-clock", killAfter: k });
      const nde = run.steps.find((s) => s.phase === "nde");
      if (k >= 6) {
        expect(run.outcome, `kill after ${k}`).toBe("stuck");
        expect(nde?.nde).toEqual({ eventId: 6, recorded: "TimerStarted 10 min", issued: "ScheduleActivity shipOrder" });
        expect(run.steps.at(-1)).toBe(nde);
      } else {
        // The decision was not recorded yet: nothing to contradict, so the run completes, differently.
        expect(nde, `kill after ${k}`).toBeUndefined();
        expect(run.outcome).toBe("completed");
        expect(finalState(run)).not.toBe(finalState(simulate()));
        expect(run.steps.at(-1)!.history.some((e) => e.type === "TimerStarted")).toBe(false);
      }
    }
  });

  it("without a kill the clock-reading code behaves like the deterministic one", () => {
    expect(finalState(simulate({ mode: "reads-clock" }))).toBe(finalState(simulate()));
    expect(codeLines("reads-clock")[0]).toMatch(/workerClock/);
    expect(codeLines("deterministic")[0]).toMatch(/workflow\.now/);
  });

  it("a kill point outside the run means no kill", () => {
    expect(simulate({ killAfter: 0 }).killed).toBe(false);
    expect(simulate({ killAfter: 10 }).killed).toBe(false);
  });
});
