import { describe, expect, it } from "vitest";
import { EXAMPLE_STREAM, randomStream, streamProblems, type StreamEvent } from "@/lib/streaming/events";
import { assignWindows, batchResult, windowKey, type WindowSpec } from "@/lib/streaming/windows";
import { watermarkFor } from "@/lib/streaming/watermarks";
import { lastPanes, paneSums, runPipeline, type PipelineSpec } from "@/lib/streaming/dataflow";

const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);
const WINDOWS: WindowSpec[] = [
  { kind: "tumbling", sizeS: 10 },
  { kind: "sliding", sizeS: 20, everyS: 5 },
  { kind: "session", gapS: 6 },
];
const base = (window: WindowSpec, over: Partial<PipelineSpec> = {}): PipelineSpec => ({
  window,
  watermark: { kind: "perfect" },
  allowedLatenessS: Infinity,
  earlyEveryS: null,
  mode: "discarding",
  sideOutput: false,
  ...over,
});
const batchMap = (spec: WindowSpec, events: readonly StreamEvent[]) => new Map(batchResult(spec, events).map((b) => [windowKey(b), b.sum]));

describe("windows", () => {
  it("tumbling puts an event in one window, sliding in size/every windows that cover it", () => {
    expect(assignWindows({ kind: "tumbling", sizeS: 10 }, 17)).toEqual([{ start: 10, end: 20 }]);
    const sliding = assignWindows({ kind: "sliding", sizeS: 20, everyS: 5 }, 17);
    expect(sliding).toEqual([{ start: 0, end: 20 }, { start: 5, end: 25 }, { start: 10, end: 30 }, { start: 15, end: 35 }]);
    for (const w of sliding) expect(17 >= w.start && 17 < w.end).toBe(true);
  });

  it("batch sessions split exactly where a gap reaches the timeout", () => {
    const ev = (id: string, t: number): StreamEvent => ({ id, eventTime: t, arrival: t, value: 1 });
    const sessions = batchResult({ kind: "session", gapS: 5 }, [ev("a", 0), ev("b", 4), ev("c", 9), ev("d", 20)]);
    // 0→4 is a gap of 4 (< 5: same session), 4→9 is 5 (not under the timeout: new session).
    expect(sessions.map((s) => [s.start, s.end, s.count])).toEqual([[0, 9, 2], [9, 14, 1], [20, 25, 1]]);
  });
});

describe("watermarks", () => {
  it("the perfect watermark is the earliest event time still on its way, and never decreases", () => {
    const W = watermarkFor({ kind: "perfect" }, EXAMPLE_STREAM);
    // At p = 20, e4 (21), e5 (12), … are still coming; the earliest event time among them is 12.
    expect(W(20)).toBe(12);
    let prev = -Infinity;
    for (let p = 0; p <= 70; p++) {
      expect(W(p)).toBeGreaterThanOrEqual(prev);
      prev = W(p);
    }
    expect(W(66)).toBe(Infinity);
  });

  it("the heuristic watermark trails the largest event time seen by the allowance", () => {
    const W = watermarkFor({ kind: "heuristic", allowanceS: 3 }, EXAMPLE_STREAM);
    expect(W(16)).toBe(14 - 3);
    expect(W(4)).toBe(-Infinity);
  });
});

describe("the Dataflow model (Akidau et al. 2015)", () => {
  it("perfect watermark, no early firings: exactly one on-time pane per window, equal to the batch result", () => {
    for (const seed of SEEDS)
      for (const w of WINDOWS) {
        const events = randomStream(seed);
        for (const mode of ["accumulating", "discarding"] as const) {
          const r = runPipeline(base(w, { mode }), events);
          const batch = batchMap(w, events);
          expect(r.panes.every((p) => p.timing === "on-time")).toBe(true);
          expect(r.panes.length).toBe(batch.size);
          for (const p of r.panes) expect(p.value).toBe(batch.get(windowKey(p.window)));
          expect(r.dropped).toEqual([]);
        }
      }
  });

  it("a watermark that runs ahead makes late panes; discarding panes sum to the batch total, the last accumulating pane equals it", () => {
    let latePanes = 0;
    for (const seed of SEEDS)
      for (const w of WINDOWS.filter((x) => x.kind !== "session")) {
        const events = randomStream(seed);
        const heuristic = { watermark: { kind: "heuristic", allowanceS: 2 } as const, earlyEveryS: 7 };
        const batch = batchMap(w, events);
        const discarding = runPipeline(base(w, { ...heuristic, mode: "discarding" }), events);
        latePanes += discarding.panes.filter((p) => p.timing === "late").length;
        expect(paneSums(discarding.panes)).toEqual(batch);
        const accumulating = runPipeline(base(w, { ...heuristic, mode: "accumulating" }), events);
        const last = lastPanes(accumulating.panes);
        expect(new Map([...last].map(([k, p]) => [k, p.value]))).toEqual(batch);
        // Same triggers, same panes: only the values differ between the modes.
        expect(accumulating.panes.map((p) => [p.timing, p.at])).toEqual(discarding.panes.map((p) => [p.timing, p.at]));
      }
    expect(latePanes).toBeGreaterThan(50);
  });

  it("the example stream: a 3 s allowance makes e5, e8 and e11 late", () => {
    const r = runPipeline(base({ kind: "tumbling", sizeS: 10 }, { watermark: { kind: "heuristic", allowanceS: 3 } }), EXAMPLE_STREAM);
    const late = r.panes.filter((p) => p.timing === "late").flatMap((p) => p.newElements).sort();
    expect(late).toEqual(["e11", "e5", "e8"]);
  });

  it("elements later than watermark + allowed lateness are dropped, or sent to the side output; nothing is lost", () => {
    for (const seed of SEEDS)
      for (const lateness of [0, 3, 10]) {
        const w: WindowSpec = { kind: "tumbling", sizeS: 10 };
        const events = randomStream(seed);
        const spec = base(w, { watermark: { kind: "heuristic", allowanceS: 1 }, allowedLatenessS: lateness });
        const r = runPipeline(spec, events);
        const side = runPipeline({ ...spec, sideOutput: true }, events);
        expect(side.sideOutput).toEqual(r.dropped);
        expect(side.dropped).toEqual([]);
        // Each dropped element was beyond its window's end + lateness when it arrived.
        for (const d of r.dropped) expect(d.watermark).toBeGreaterThanOrEqual(d.window.end + lateness);
        // Accounting per window: emitted (discarding) + dropped = batch.
        const emitted = paneSums(r.panes);
        for (const d of r.dropped) emitted.set(windowKey(d.window), (emitted.get(windowKey(d.window)) ?? 0) + d.event.value);
        expect(emitted).toEqual(batchMap(w, events));
      }
    // With zero lateness, something is dropped somewhere in these streams.
    const some = SEEDS.some((s) => runPipeline(base({ kind: "tumbling", sizeS: 10 }, { watermark: { kind: "heuristic", allowanceS: 1 }, allowedLatenessS: 0 }), randomStream(s)).dropped.length > 0);
    expect(some).toBe(true);
  });

  it("sessions merge when a gap is under the timeout: streaming sessions end equal to the batch sessions, whatever the arrival order", () => {
    for (const seed of SEEDS)
      for (const gapS of [2, 4, 8]) {
        const w: WindowSpec = { kind: "session", gapS };
        const events = randomStream(seed, { count: 25, spanS: 80 });
        const batch = batchResult(w, events);
        for (const watermark of [{ kind: "perfect" } as const, { kind: "heuristic", allowanceS: 1 } as const]) {
          const r = runPipeline(base(w, { watermark, mode: "accumulating" }), events);
          expect(r.windows).toEqual(batch.map(({ start, end }) => ({ start, end })));
          const last = lastPanes(r.panes);
          for (const b of batch) expect(last.get(windowKey(b))?.value).toBe(b.sum);
          // Discarding panes of pieces that later merged add up to the merged session's sum.
          const d = runPipeline(base(w, { watermark, mode: "discarding" }), events);
          for (const b of batch) {
            const inside = d.panes.filter((p) => p.window.start >= b.start && p.window.end <= b.end).reduce((s, p) => s + p.value, 0);
            expect(inside).toBe(b.sum);
          }
        }
      }
  });

  it("early panes come before the on-time pane, and only with new elements", () => {
    const r = runPipeline(base({ kind: "tumbling", sizeS: 20 }, { earlyEveryS: 5, mode: "accumulating" }), EXAMPLE_STREAM);
    const byWindow = new Map<string, string[]>();
    for (const p of r.panes) byWindow.set(windowKey(p.window), [...(byWindow.get(windowKey(p.window)) ?? []), p.timing]);
    for (const timings of byWindow.values()) {
      const onTime = timings.indexOf("on-time");
      expect(onTime).toBe(timings.length - 1);
      expect(timings.slice(0, onTime).every((t) => t === "early")).toBe(true);
    }
    expect(r.panes.some((p) => p.timing === "early")).toBe(true);
    expect(r.panes.filter((p) => p.timing === "early").every((p) => p.newElements.length > 0)).toBe(true);
  });

  it("refuses bad input naming the problem", () => {
    expect(() => runPipeline(base({ kind: "tumbling", sizeS: 10 }, { allowedLatenessS: -1 }), EXAMPLE_STREAM)).toThrow(/allowedLatenessS/);
    expect(streamProblems([{ id: "x", eventTime: 5, arrival: 3, value: 1 }])).toEqual(["x: arrival (3 s) cannot come before the event time (5 s)"]);
  });

  it("is deterministic for a seed", () => {
    expect(randomStream(7)).toEqual(randomStream(7));
    expect(randomStream(7)).not.toEqual(randomStream(8));
  });
});
