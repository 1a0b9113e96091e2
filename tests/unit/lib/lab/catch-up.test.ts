/**
 * Catch-up in slices (issue 17): a seek, a link opened at time t and an edit late in a run are
 * simulated in bounded slices with progress and cancel, the newest seek wins, and the result is the
 * same run a single straight seek gives. Waits are on state, not on time.
 */
import { describe, expect, it } from "vitest";
import { LabEngine } from "@/lib/lab/lab-engine";
import { createLabWorkerHost } from "@/lib/lab/lab-worker-host";
import { initialEdits, withParam } from "@/lib/lab/edit-timeline";
import type { LabMessage } from "@/lib/lab/protocol";
import { preset } from "./fixtures";

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}
const frames = (messages: LabMessage[]) => messages.filter((m): m is Extract<LabMessage, { type: "frame" }> => m.type === "frame");
const lastFrame = (messages: LabMessage[]) => frames(messages).at(-1)!;

describe("catch-up in slices", () => {
  const scenario = preset("load-balancing/round-robin");

  it("seekInSlices yields between slices and lands on the straight seek's exact state", () => {
    const straight = new LabEngine();
    straight.load(scenario, initialEdits(scenario), scenario.seed);
    straight.seek(20_000);
    const sliced = new LabEngine();
    sliced.load(scenario, initialEdits(scenario), scenario.seed);
    const fractions: number[] = [];
    for (const f of sliced.seekInSlices(20_000, 5_000)) fractions.push(f);
    expect(fractions.length).toBeGreaterThan(5);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.every((f) => f > 0 && f < 1)).toBe(true);
    expect(sliced.timeMs).toBe(20_000);
    expect(sliced.frame().report).toEqual(straight.frame().report);
  });

  it("stopping a catch-up early leaves an exact lab at an earlier time", () => {
    const engine = new LabEngine();
    engine.load(scenario, initialEdits(scenario), scenario.seed);
    const job = engine.seekInSlices(20_000, 5_000);
    job.next();
    job.next();
    job.return();
    const at = engine.timeMs;
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(20_000);
    const straight = new LabEngine();
    straight.load(scenario, initialEdits(scenario), scenario.seed);
    straight.seek(at);
    expect(engine.frame().report).toEqual(straight.frame().report);
  });

  it("the host coalesces a flood of seeks: only the latest target is reached", async () => {
    const messages: LabMessage[] = [];
    const host = createLabWorkerHost((m) => messages.push(m));
    host({ type: "load", scenario, edits: initialEdits(scenario), seed: scenario.seed });
    for (let t = 1_000; t <= 40_000; t += 1_000) host({ type: "seek", timeMs: t });
    host({ type: "seek", timeMs: 12_345 });
    await until(() => lastFrame(messages).timeMs === 12_345);
    // Nothing but the load frame and the last target's frame: 41 seeks ran as one catch-up.
    expect(frames(messages).map((f) => f.timeMs)).toEqual([0, 12_345]);
  });

  it("a link opened at time t catches up with progress, and cancel stops it where it is", async () => {
    const long = { ...scenario, stop: { durationMs: 3_600_000 } };
    const messages: LabMessage[] = [];
    const host = createLabWorkerHost((m) => messages.push(m));
    host({ type: "load", scenario: long, edits: initialEdits(long), seed: long.seed, timeMs: 3_000_000 });
    await until(() => messages.some((m) => m.type === "progress"));
    const progress = messages.find((m) => m.type === "progress");
    expect(progress?.type === "progress" && progress.label).toMatch(/Simulating up to 50 min/);
    host({ type: "cancel" });
    const done = messages.find((m) => m.type === "progress-done");
    expect(done).toMatchObject({ type: "progress-done", cancelled: true });
    const at = lastFrame(messages).timeMs;
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(3_000_000);
  });

  it("an edit late in the run re-simulates to the same time, in slices", async () => {
    const messages: LabMessage[] = [];
    const host = createLabWorkerHost((m) => messages.push(m));
    host({ type: "load", scenario, edits: initialEdits(scenario), seed: scenario.seed, timeMs: 30_000 });
    await until(() => lastFrame(messages).timeMs === 30_000);
    const before = lastFrame(messages).report!.throughputPerSec;
    host({ type: "set-edits", edits: withParam(initialEdits(scenario), "users.ratePerSec", 200), seed: scenario.seed });
    await until(() => lastFrame(messages).timeMs === 30_000 && lastFrame(messages).report!.throughputPerSec !== before);
    expect(lastFrame(messages).report!.throughputPerSec).toBeLessThan(250);
  });

  it("Run to the end of a run that stops after N requests simulates until it stops", async () => {
    const bounded = preset("retries/backoff-jitter");
    const messages: LabMessage[] = [];
    const host = createLabWorkerHost((m) => messages.push(m));
    host({ type: "load", scenario: bounded, edits: initialEdits(bounded), seed: bounded.seed });
    host({ type: "seek", timeMs: Infinity });
    await until(() => lastFrame(messages).done);
    const r = lastFrame(messages).report!.requests;
    expect(r.completed + r.failed + r.dropped).toBeGreaterThanOrEqual(2_000);
  });
});
