/**
 * The state of one lab instance, as a zustand vanilla store (React-free: components read it through
 * context with `useStore`). A page holds several labs, so there is no global store: each lab creates
 * its own with {@link createLabStore}. The store holds what the UI draws; the simulation lives in the
 * worker, and `lib/lab/lab-controller.ts` turns worker frames into store updates.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import type { NodeGauges, RequestTrace, RunReport, Sample, Scenario, TraceRecord } from "@/simulations";
import type { LabEdits } from "@/lib/lab/edit-timeline";
import { initialEdits } from "@/lib/lab/edit-timeline";
import type { EdgeStat, Frame, TraceSummary } from "@/lib/lab/protocol";
import { narrate, type NarrationItem } from "@/lib/lab/narration";

export type Selection = { type: "node"; id: string } | { type: "edge"; id: string; index: number };
export type MotionPreference = "system" | "reduced" | "full";

export interface LabView {
  /** Charts shown as tables instead of drawings. */
  tables: boolean;
  /** The side panel tab. */
  panel: "controls" | "faults" | "trace";
}

export interface LabState {
  scenarioId: string;
  title: string;
  preset: Scenario;
  expose: readonly string[];
  edits: LabEdits;
  seed: number;
  status: "loading" | "ready" | "error";
  /** A problem the learner should see (invalid value, worker failure). */
  error: string | null;
  playing: boolean;
  speed: number;
  generation: number;
  timeMs: number;
  endMs: number;
  done: boolean;
  lagging: boolean;
  gauges: Record<string, NodeGauges>;
  series: Sample[];
  edgeStats: EdgeStat[];
  partitioned: string[];
  report: RunReport | null;
  narration: NarrationItem[];
  traces: TraceSummary[];
  openTrace: RequestTrace | null;
  selection: Selection | null;
  motion: MotionPreference;
  progress: { label: string; fraction: number } | null;
  view: LabView;
  /**
   * The run's story transitions from 0 to its end (lib/lab/timeline.ts), previewed by the worker
   * for the current edits and seed; null until the preview arrives.
   */
  transitions: TraceRecord[] | null;
  /** Playback is paused on a transition so its state can be seen. */
  hold: { atMs: number; label: string } | null;
  /** A one-line note on what the last time jump did ("Stopped where outage of recs starts"). */
  notice: string | null;
  /** Report metrics pinned onto the lab as live numbers (Break-it Watch chips, challenge goals). */
  pinned: PinnedMetric[];
  /** The chart the lab leads with (`<Lab keyChart>`); inferred from the scenario's kinds when null. */
  keyChart: string | null;
}

/** A metric pinned onto the lab: its report path and, for a checked goal, how the check went. */
export interface PinnedMetric {
  path: string;
  /** A challenge goal's verdict on the checked run; drawn as a highlight. */
  verdict?: "failed" | "passed";
  /** A line under the number ("Goal: at most 100 · checked run: 137"). */
  note?: string;
}

export interface LabStoreInit {
  scenarioId: string;
  preset: Scenario;
  title?: string;
  expose?: readonly string[];
  seed?: number;
  edits?: LabEdits;
  /** The chart to lead with ("breaker", "queues", "hit-ratio", "replicas", "latency", "throughput"). */
  keyChart?: string;
}

const MAX_NARRATION = 60;
/** Cap on kept samples; older halves are thinned so long runs stay cheap to chart. */
const MAX_SAMPLES = 1200;

function thin(series: Sample[]): Sample[] {
  if (series.length <= MAX_SAMPLES) return series;
  const keepTail = MAX_SAMPLES / 2;
  const head = series.slice(0, series.length - keepTail).filter((_, i) => i % 2 === 0);
  return [...head, ...series.slice(-keepTail)];
}

/** The lab state a preset starts with. */
export function initialLabState(init: LabStoreInit): LabState {
  return {
    scenarioId: init.scenarioId,
    title: init.title ?? init.preset.title ?? init.scenarioId,
    preset: init.preset,
    expose: init.expose ?? [],
    edits: init.edits ?? initialEdits(init.preset),
    seed: init.seed ?? init.preset.seed,
    status: "loading",
    error: null,
    playing: false,
    speed: 1,
    generation: 0,
    timeMs: 0,
    endMs: "durationMs" in init.preset.stop ? init.preset.stop.durationMs : Infinity,
    done: false,
    lagging: false,
    gauges: {},
    series: [],
    edgeStats: [],
    partitioned: [],
    report: null,
    narration: [],
    traces: [],
    openTrace: null,
    selection: null,
    motion: "system",
    progress: null,
    view: { tables: false, panel: "controls" },
    transitions: null,
    hold: null,
    notice: null,
    pinned: [],
    keyChart: init.keyChart ?? null,
  };
}

/** Merges a worker frame into the state (pure; exported for tests). */
export function reduceFrame(state: LabState, frame: Frame): Partial<LabState> {
  if (frame.generation < state.generation) return {};
  const series = frame.reset ? frame.samples : frame.samples.length ? thin([...state.series, ...frame.samples]) : state.series;
  const narrationItems = frame.narration.map(narrate);
  const narration = frame.reset && frame.timeMs < state.timeMs ? narrationItems : narrationItems.length ? [...state.narration, ...narrationItems].slice(-MAX_NARRATION) : state.narration;
  const hold = state.hold && frame.timeMs <= state.hold.atMs + 1 && !frame.reset ? state.hold : null;
  return {
    hold,
    status: "ready",
    generation: frame.generation,
    timeMs: frame.timeMs,
    endMs: frame.endMs,
    done: frame.done,
    playing: frame.done ? false : state.playing,
    lagging: frame.lagging,
    gauges: frame.gauges,
    series,
    edgeStats: frame.edgeStats,
    partitioned: frame.partitioned,
    report: frame.report,
    narration,
    traces: frame.traces,
  };
}

export type LabStore = StoreApi<LabState>;

/** Creates the store of one lab instance. */
export function createLabStore(init: LabStoreInit): LabStore {
  return createStore<LabState>()(() => initialLabState(init));
}
