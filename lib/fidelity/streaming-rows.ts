/**
 * Fidelity rows for event time, windows and watermarks: the Dataflow model's guarantees (Akidau et
 * al., VLDB 2015), checked on the pure engine behind the chapter widget (lib/streaming). Each
 * replication is another seeded random stream (30 events over 60 s, exponential delays, one in ten a
 * 20 s straggler); every row counts violations, so the reference is exactly 0.
 */
import { randomStream, type StreamEvent } from "@/lib/streaming/events";
import { batchResult, windowKey, type WindowSpec } from "@/lib/streaming/windows";
import { lastPanes, paneSums, runPipeline, type PipelineSpec } from "@/lib/streaming/dataflow";
import { checkpointSteps, expectedOutput, type SinkMode } from "@/lib/streaming/barriers";
import type { RowSpec } from "./rows";

const STREAMS = 50;
const widget = { href: "/learn/stream-processing#watermarks-late-data", label: "Try it in the watermark widget" };
const method = `${STREAMS} seeded streams × tumbling (10 s), sliding (20 s every 5 s) and session (6 s gap) windows`;
const windows: WindowSpec[] = [{ kind: "tumbling", sizeS: 10 }, { kind: "sliding", sizeS: 20, everyS: 5 }, { kind: "session", gapS: 6 }];
const spec = (window: WindowSpec, over: Partial<PipelineSpec>): PipelineSpec => ({ window, watermark: { kind: "perfect" }, allowedLatenessS: Infinity, earlyEveryS: null, mode: "discarding", sideOutput: false, ...over });
const batch = (w: WindowSpec, events: readonly StreamEvent[]) => new Map(batchResult(w, events).map((b) => [windowKey(b), b.sum]));
const ahead = { watermark: { kind: "heuristic", allowanceS: 2 } as const, earlyEveryS: 7 };

/** Windows whose sum differs between a per-window map and the batch (missing windows count too). */
function mismatches(got: Map<string, number>, want: Map<string, number>): number {
  let bad = 0;
  for (const k of new Set([...got.keys(), ...want.keys()])) if (got.get(k) !== want.get(k)) bad++;
  return bad;
}

/** Totals the sink shows beyond the crash-free output after an aligned checkpoint, a crash and a restore. */
function extraOutputs(mode: SinkMode): number {
  const shown = checkpointSteps(mode).at(-1)!.visible;
  const want = expectedOutput();
  return shown.length - want.length + want.filter((v) => !shown.includes(v)).length;
}

/** Every streaming row, in page order. */
export function streamingRowSpecs(): RowSpec[] {
  return [
    {
      id: "streaming-perfect-on-time",
      family: "streaming",
      compared: "windows whose panes are not exactly one on-time pane equal to the batch sum",
      setting: "perfect watermark, no early firings, unlimited lateness",
      unit: "count",
      comparison: "equal",
      theory: 0,
      replications: STREAMS,
      method,
      sample: (seed) => {
        const events = randomStream(seed);
        let bad = 0;
        for (const w of windows) {
          const r = runPipeline(spec(w, {}), events);
          const want = batch(w, events);
          const perWindow = new Map<string, number>();
          for (const p of r.panes) perWindow.set(windowKey(p.window), (perWindow.get(windowKey(p.window)) ?? 0) + 1);
          bad += [...want.keys()].filter((k) => perWindow.get(k) !== 1).length + r.panes.filter((p) => p.timing !== "on-time").length;
          bad += mismatches(paneSums(r.panes), want);
        }
        return bad;
      },
      widget,
    },
    {
      id: "streaming-discarding-sum",
      family: "streaming",
      compared: "windows whose discarding panes (early, on-time, late) do not add up to the batch sum",
      setting: "heuristic watermark 2 s behind the largest event time seen (runs ahead of stragglers), early firings every 7 s",
      unit: "count",
      comparison: "equal",
      theory: 0,
      replications: STREAMS,
      method: `${STREAMS} seeded streams × tumbling and sliding windows, with late panes in most of them`,
      sample: (seed) => {
        const events = randomStream(seed);
        return windows.slice(0, 2).reduce((bad, w) => bad + mismatches(paneSums(runPipeline(spec(w, ahead), events).panes), batch(w, events)), 0);
      },
      widget,
    },
    {
      id: "streaming-accumulating-last",
      family: "streaming",
      compared: "windows whose last accumulating pane differs from the batch sum",
      setting: "the same watermark and triggers, accumulating mode",
      unit: "count",
      comparison: "equal",
      theory: 0,
      replications: STREAMS,
      method,
      sample: (seed) => {
        const events = randomStream(seed);
        return windows.reduce((bad, w) => {
          // Sessions: panes of pieces that merged later keep their old window; the merged window's last pane is the answer.
          const last = lastPanes(runPipeline(spec(w, { ...ahead, mode: "accumulating" }), events).panes);
          return bad + [...batch(w, events)].filter(([k, sum]) => last.get(k)?.value !== sum).length;
        }, 0);
      },
      widget,
    },
    {
      id: "streaming-lateness-drop",
      family: "streaming",
      compared: "elements misrouted: dropped while within watermark + allowed lateness, or missing from both panes and side output",
      setting: "heuristic watermark 1 s behind, allowed lateness 0, 3 and 10 s, with and without a side output",
      unit: "count",
      comparison: "equal",
      theory: 0,
      replications: STREAMS,
      method: `${STREAMS} seeded streams × tumbling 10 s windows; per window, emitted + dropped = batch`,
      sample: (seed) => {
        const events = randomStream(seed);
        const w: WindowSpec = { kind: "tumbling", sizeS: 10 };
        let bad = 0;
        for (const lateness of [0, 3, 10]) {
          const s = spec(w, { watermark: { kind: "heuristic", allowanceS: 1 }, allowedLatenessS: lateness });
          const r = runPipeline(s, events);
          const side = runPipeline({ ...s, sideOutput: true }, events);
          bad += r.dropped.filter((d) => d.watermark < d.window.end + lateness).length;
          bad += Math.abs(side.sideOutput.length - r.dropped.length);
          const emitted = paneSums(r.panes);
          for (const d of r.dropped) emitted.set(windowKey(d.window), (emitted.get(windowKey(d.window)) ?? 0) + d.event.value);
          bad += mismatches(emitted, batch(w, events));
        }
        return bad;
      },
      widget,
    },
    {
      id: "streaming-session-merge",
      family: "streaming",
      compared: "sessions that differ from the batch sessions (split exactly where a gap reaches the timeout)",
      setting: "session windows with 2, 4 and 8 s gaps, events out of order, heuristic watermark 1 s behind",
      unit: "count",
      comparison: "equal",
      theory: 0,
      replications: STREAMS,
      method: `${STREAMS} seeded streams of 25 events over 80 s; final windows and last accumulating panes compared`,
      sample: (seed) => {
        const events = randomStream(seed, { count: 25, spanS: 80 });
        let bad = 0;
        for (const gapS of [2, 4, 8]) {
          const w: WindowSpec = { kind: "session", gapS };
          const r = runPipeline(spec(w, { watermark: { kind: "heuristic", allowanceS: 1 }, mode: "accumulating" }), events);
          const want = batchResult(w, events);
          bad += Math.abs(r.windows.length - want.length);
          const last = lastPanes(r.panes);
          bad += want.filter((b) => last.get(windowKey(b))?.value !== b.sum).length;
        }
        return bad;
      },
      widget,
    },
    {
      id: "streaming-checkpoint-plain-sink",
      family: "streaming",
      compared: "totals shown twice after a crash and restore, plain sink (= outputs written after the checkpoint)",
      setting: "two sources → running sum → sink; aligned checkpoint, crash after two more records, restore",
      unit: "count",
      comparison: "equal",
      theory: 2,
      replications: 1,
      method: "the scripted run of the checkpoint view, computed step by step",
      sample: () => extraOutputs("plain"),
      widget: { href: "/learn/stream-processing#stream-checkpointing", label: "Step through it in the checkpoint view" },
    },
    {
      id: "streaming-checkpoint-transactional-sink",
      family: "streaming",
      compared: "totals shown twice or missing after a crash and restore, transactional sink",
      setting: "the same run; the sink commits when a checkpoint completes",
      unit: "count",
      comparison: "equal",
      theory: 0,
      replications: 1,
      method: "the scripted run of the checkpoint view, computed step by step",
      sample: () => extraOutputs("transactional"),
      widget: { href: "/learn/stream-processing#stream-checkpointing", label: "Step through it in the checkpoint view" },
    },
  ];
}
