/**
 * The messages between the lab's main thread and its simulation worker.
 *
 * Commands go in; frames come out. A frame is compact: the simulated time, every node's gauges, the
 * time-series samples recorded since the previous frame, a SAMPLE of request hops for the particle
 * overlay, per-edge traffic estimates (the reduced-motion view), and narration records. Everything
 * is structured-clone friendly (plain objects and arrays).
 */
import type { NodeGauges, RequestTrace, RunReport, Sample, Scenario, TraceRecord } from "@/simulations";
import type { LabEdits } from "./edit-timeline";
import type { ProtocolFrame } from "@/lib/spacetime/types";

/** How one sampled hop ended, as drawn on the graph. */
export type HopOutcome = "ok" | "error" | "dropped" | "retry" | "rejected";

/** One sampled request movement along an edge, in simulated ms. */
export interface Hop {
  /** Index into scenario.edges. */
  edge: number;
  startMs: number;
  endMs: number;
  outcome: HopOutcome;
  /** The request it belongs to (click a particle to open its trace). */
  requestId: number;
}

/** Estimated traffic on an edge over the recent window. */
export interface EdgeStat {
  ratePerSec: number;
  /** Share 0..1 of that traffic that did not succeed. */
  failShare: number;
}

/** A summary of a traced request for the "slow or failed requests" list. */
export interface TraceSummary {
  id: number;
  startMs: number;
  latencyMs: number;
  outcome: RequestTrace["outcome"];
  reason?: string;
}

export interface Frame {
  type: "frame";
  /** Increments on every rebuild; frames of an older generation are ignored. */
  generation: number;
  timeMs: number;
  endMs: number;
  done: boolean;
  /** True when `samples` replaces the series (after a seek or an edit) instead of extending it. */
  reset: boolean;
  gauges: Record<string, NodeGauges>;
  samples: Sample[];
  hops: Hop[];
  edgeStats: EdgeStat[];
  partitioned: string[];
  narration: TraceRecord[];
  report: RunReport;
  /** Notable traced requests so far (slowest and failed first). */
  traces: TraceSummary[];
  /** True while playback cannot keep up with the requested speed. */
  lagging: boolean;
  /** Protocol nodes' message logs and checker verdicts (the space-time view); absent when none. */
  protocol?: ProtocolFrame[];
}

export type LabCommand =
  | { type: "load"; scenario: Scenario; edits: LabEdits; seed: number; timeMs?: number }
  | { type: "play"; speed: number }
  | { type: "pause" }
  | { type: "set-speed"; speed: number }
  | { type: "step" }
  | { type: "seek"; timeMs: number }
  | { type: "set-edits"; edits: LabEdits; seed: number }
  | { type: "fast-forward"; capMs?: number }
  | { type: "cancel" }
  | { type: "trace"; id: number; requestId: number }
  | { type: "headless"; id: number; scenario: Scenario; edits: LabEdits; seed: number }
  | { type: "sweep"; id: number; scenario: Scenario; edits: LabEdits; seed: number; path: string; values: (number | string)[] };

export type LabMessage =
  | Frame
  | { type: "progress"; label: string; fraction: number }
  | { type: "progress-done"; cancelled: boolean; steadyAtMs?: number; stop?: "steady" | "fault" | "end" | "cap"; stoppedAtMs?: number }
  /** The run's story transitions from 0 to the end, for the edits and seed `key` names (timelineKey). */
  | { type: "timeline"; key: string; records: TraceRecord[] }
  /** Playback paused on a transition for `ms` real milliseconds so its state can be seen. */
  | { type: "hold"; atMs: number; ms: number; label: string }
  | { type: "error"; message: string }
  | { type: "trace-result"; id: number; trace: RequestTrace | null }
  | { type: "headless-result"; id: number; report?: RunReport; error?: string }
  | { type: "sweep-result"; id: number; points: { value: number | string; report?: RunReport; error?: string }[] };
