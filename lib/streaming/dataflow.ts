/**
 * The Dataflow model's "when" and "how" (Akidau et al., VLDB 2015): events are assigned to event-time
 * windows as they arrive in processing time; triggers decide when a window's result (a pane) is
 * emitted, and the accumulation mode decides what a later pane of the same window contains.
 *
 * - Early panes: every `earlyEveryS` of processing time, for a window with new elements whose
 *   watermark has not passed yet (a speculative, partial answer).
 * - On-time pane: once, when the watermark passes the window's end (the answer the watermark
 *   believes complete; emitted even when empty, as Apache Beam's default on-time behaviour does).
 * - Late panes: one per late element, an element arriving after its window's on-time pane.
 * - Allowed lateness: a window's state is kept until the watermark passes end + lateness; an element
 *   for a window gone by then is dropped, or routed to a side output (Flink's late-data side output).
 * - Accumulating panes carry the window's whole sum so far (each replaces the previous one);
 *   discarding panes carry only what arrived since the previous pane (downstream adds them up).
 *
 * With a perfect watermark and no early firings each window gets exactly one on-time pane that
 * equals the batch result; with a heuristic watermark that runs ahead, late panes repair it. Session
 * windows merge when a new element's proto-session overlaps existing ones, merging their state.
 * Retractions (the paper's third mode) are not modelled.
 */
import type { StreamEvent } from "./events";
import { assignWindows, overlaps, windowKey, type EventWindow, type WindowSpec } from "./windows";
import { watermarkFor, type WatermarkSpec } from "./watermarks";

export type PaneTiming = "early" | "on-time" | "late";
export type AccumulationMode = "accumulating" | "discarding";

export interface PipelineSpec {
  window: WindowSpec;
  watermark: WatermarkSpec;
  /** Event-time allowance after a window's end during which late elements still update it, s (0 = none; Infinity = keep forever). */
  allowedLatenessS: number;
  /** Early firings every this many seconds of processing time; null = none. */
  earlyEveryS: number | null;
  /** Fire a late pane for each late element (default true). */
  lateFirings?: boolean;
  mode: AccumulationMode;
  /** Elements too late for any window go to a side output instead of being dropped silently. */
  sideOutput: boolean;
}

export interface Pane {
  window: EventWindow;
  timing: PaneTiming;
  /** Processing time at which it was emitted, s. */
  at: number;
  /** The watermark at that moment. */
  watermark: number;
  /** Accumulating: the window's sum so far; discarding: the sum since the previous pane. */
  value: number;
  /** Elements the pane covers (same rule as `value`). */
  count: number;
  /** 0, 1, 2 … within its window (after session merges: within the merged window). */
  index: number;
  /** Ids of elements that arrived since the previous pane of this window. */
  newElements: string[];
}

export interface DroppedElement {
  event: StreamEvent;
  /** The window it was too late for (an event in several sliding windows can miss some and not others). */
  window: EventWindow;
  /** The watermark when it arrived. */
  watermark: number;
}

export interface PipelineResult {
  panes: Pane[];
  /** Elements later than watermark + allowed lateness, when `sideOutput` is false. */
  dropped: DroppedElement[];
  /** The same elements, when `sideOutput` is true. */
  sideOutput: DroppedElement[];
  /** Windows at the end of input (sessions after every merge), ordered by start. */
  windows: EventWindow[];
  /** The watermark after each processing-time instant the run visited, for drawing. */
  watermarkSteps: { at: number; watermark: number }[];
}

interface WindowState {
  window: EventWindow;
  total: number;
  totalCount: number;
  pending: number;
  pendingCount: number;
  pendingIds: string[];
  onTimeFired: boolean;
  panes: number;
  expired: boolean;
}

/** Checks a pipeline spec; one message per problem naming the field (empty when fine). */
export function pipelineProblems(spec: PipelineSpec): string[] {
  const problems: string[] = [];
  if (!(spec.allowedLatenessS >= 0)) problems.push(`allowedLatenessS must be ≥ 0 (got ${spec.allowedLatenessS})`);
  if (spec.earlyEveryS !== null && !(Number.isFinite(spec.earlyEveryS) && spec.earlyEveryS > 0)) problems.push(`earlyEveryS must be a number > 0 or null (got ${spec.earlyEveryS})`);
  if (spec.watermark.kind === "heuristic" && !(Number.isFinite(spec.watermark.allowanceS) && spec.watermark.allowanceS >= 0)) problems.push(`watermark.allowanceS must be a number ≥ 0 (got ${spec.watermark.allowanceS})`);
  return problems;
}

/** Runs the stream through the pipeline in processing-time order. Pure and deterministic. */
export function runPipeline(spec: PipelineSpec, events: readonly StreamEvent[]): PipelineResult {
  const problems = pipelineProblems(spec);
  if (problems.length) throw new Error(`invalid pipeline: ${problems.join("; ")}`);
  const lateFirings = spec.lateFirings ?? true;
  const W = watermarkFor(spec.watermark, events);
  const byArrival = [...events].sort((a, b) => a.arrival - b.arrival || a.eventTime - b.eventTime || a.id.localeCompare(b.id));
  const lastArrival = byArrival.length ? byArrival[byArrival.length - 1].arrival : 0;

  // The processing-time instants: every arrival, and every early-firing tick up to the last arrival.
  const instants = new Set(byArrival.map((e) => e.arrival));
  if (spec.earlyEveryS !== null) for (let t = spec.earlyEveryS; t <= lastArrival; t += spec.earlyEveryS) instants.add(t);
  const ticks = spec.earlyEveryS;
  const isTick = (p: number) => ticks !== null && p > 0 && Math.abs(p / ticks - Math.round(p / ticks)) < 1e-9;

  const live = new Map<string, WindowState>();
  const finished: WindowState[] = [];
  const panes: Pane[] = [];
  const dropped: DroppedElement[] = [];
  const side: DroppedElement[] = [];
  const steps: { at: number; watermark: number }[] = [];
  let watermark = -Infinity;

  const emit = (s: WindowState, timing: PaneTiming, at: number) => {
    const accumulating = spec.mode === "accumulating";
    panes.push({
      window: { ...s.window },
      timing,
      at,
      watermark,
      value: accumulating ? s.total : s.pending,
      count: accumulating ? s.totalCount : s.pendingCount,
      index: s.panes++,
      newElements: s.pendingIds,
    });
    s.pending = 0;
    s.pendingCount = 0;
    s.pendingIds = [];
  };
  const expiredAt = (w: EventWindow, wm: number) => wm >= w.end + spec.allowedLatenessS;

  const ingest = (e: StreamEvent, at: number) => {
    for (const proto of assignWindows(spec.window, e.eventTime)) {
      if (expiredAt(proto, watermark)) {
        (spec.sideOutput ? side : dropped).push({ event: e, window: proto, watermark });
        continue;
      }
      let state: WindowState;
      if (spec.window.kind === "session") {
        const merged = [...live.values()].filter((s) => overlaps(s.window, proto));
        const window = merged.reduce((w, s) => ({ start: Math.min(w.start, s.window.start), end: Math.max(w.end, s.window.end) }), proto);
        state = { window, total: 0, totalCount: 0, pending: 0, pendingCount: 0, pendingIds: [], onTimeFired: watermark >= window.end, panes: 0, expired: false };
        for (const s of merged.sort((a, b) => a.window.start - b.window.start)) {
          live.delete(windowKey(s.window));
          state.total += s.total;
          state.totalCount += s.totalCount;
          state.pending += s.pending;
          state.pendingCount += s.pendingCount;
          state.pendingIds.push(...s.pendingIds);
          state.panes += s.panes;
        }
        live.set(windowKey(window), state);
      } else {
        const k = windowKey(proto);
        state = live.get(k) ?? { window: proto, total: 0, totalCount: 0, pending: 0, pendingCount: 0, pendingIds: [], onTimeFired: false, panes: 0, expired: false };
        live.set(k, state);
      }
      state.total += e.value;
      state.totalCount++;
      state.pending += e.value;
      state.pendingCount++;
      state.pendingIds.push(e.id);
      if (state.onTimeFired && lateFirings) emit(state, "late", at);
    }
  };

  let next = 0;
  for (const p of [...instants].sort((a, b) => a - b)) {
    // 1. What arrives now is judged against the watermark as it stood before it.
    while (next < byArrival.length && byArrival[next].arrival === p) ingest(byArrival[next++], p);
    // 2. The watermark advances (never backwards).
    watermark = Math.max(watermark, W(p));
    steps.push({ at: p, watermark });
    // 3. Triggers, in window order.
    for (const s of [...live.values()].sort((a, b) => a.window.end - b.window.end || a.window.start - b.window.start)) {
      if (!s.onTimeFired && watermark >= s.window.end) {
        emit(s, "on-time", p);
        s.onTimeFired = true;
      } else if (!s.onTimeFired && isTick(p) && s.pendingCount > 0) emit(s, "early", p);
      // 4. Garbage collection: past end + allowed lateness the window's state is gone.
      if (s.onTimeFired && expiredAt(s.window, watermark)) {
        s.expired = true;
        live.delete(windowKey(s.window));
        finished.push(s);
      }
    }
  }
  const windows = [...finished, ...live.values()].map((s) => s.window).sort((a, b) => a.start - b.start || a.end - b.end);
  return { panes, dropped, sideOutput: side, windows, watermarkSteps: steps };
}

/** The last pane of each window (by window key), in emission order. */
export function lastPanes(panes: readonly Pane[]): Map<string, Pane> {
  const out = new Map<string, Pane>();
  for (const p of panes) out.set(windowKey(p.window), p);
  return out;
}

/** Sum of pane values per window key (meaningful for discarding panes). */
export function paneSums(panes: readonly Pane[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of panes) out.set(windowKey(p.window), (out.get(windowKey(p.window)) ?? 0) + p.value);
  return out;
}
