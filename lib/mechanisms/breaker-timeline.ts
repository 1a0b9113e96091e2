/**
 * Model behind the breaker timeline view: a real run of a preset, with the breaker's state
 * transitions (`breaker.opened`, `breaker.half-opened`, `breaker.closed` events) turned into coloured
 * bands, and the run's per-second time series (failed and completed requests) beside them.
 */
import { ScenarioRun, type Scenario } from "@/simulations";

export type BandState = "closed" | "open" | "half-open";

/** One stretch of time in one state, ms. */
export interface BreakerBand {
  state: BandState;
  fromMs: number;
  toMs: number;
}

/** One second of the run. */
export interface BreakerSecond {
  tMs: number;
  completed: number;
  failed: number;
  /** The state at the end of this second. */
  state: BandState;
}

export interface BreakerTimeline {
  breaker: string;
  endMs: number;
  bands: BreakerBand[];
  seconds: BreakerSecond[];
  /** Fault windows of the scenario that target anything, for shading ("recs fails from 30 s to 70 s"). */
  faults: { target: string; kind: string; fromMs: number; toMs: number }[];
  transitions: number;
}

const stateOf = (type: string): BandState | null => (type === "breaker.opened" ? "open" : type === "breaker.half-opened" ? "half-open" : type === "breaker.closed" ? "closed" : null);

/**
 * Runs `scenario` (it must stop on a duration) and returns the state bands of the breaker node or edge
 * `breaker`. Throws, naming the breaker, when the run records no state for it at all.
 */
export function breakerTimeline(scenario: Scenario, breaker: string, sampleEveryMs = 1000): BreakerTimeline {
  const transitions: { atMs: number; state: BandState }[] = [];
  const run = new ScenarioRun(scenario, {
    sampleEveryMs,
    onEvent: (e) => {
      const state = stateOf(e.type);
      if (state && e.node === breaker) transitions.push({ atMs: e.atMs, state });
    },
  }).runToEnd();
  const endMs = run.report().simulatedMs;
  const hasBreaker = scenario.nodes.some((n) => n.id === breaker && n.kind === "circuit-breaker");
  if (!hasBreaker && transitions.length === 0) throw new Error(`breaker timeline: scenario "${scenario.title ?? ""}" has no circuit-breaker node "${breaker}"`);
  const bands: BreakerBand[] = [];
  let state: BandState = "closed";
  let from = 0;
  for (const t of transitions) {
    if (t.atMs > from) bands.push({ state, fromMs: Math.round(from), toMs: Math.round(t.atMs) });
    state = t.state;
    from = t.atMs;
  }
  const runEnd = Math.max(endMs, from);
  bands.push({ state, fromMs: Math.round(from), toMs: Math.round(runEnd) });
  const stateAt = (ms: number): BandState => {
    let s: BandState = "closed";
    for (const t of transitions) if (t.atMs <= ms) s = t.state;
    return s;
  };
  const seconds = run.series.map((s) => ({ tMs: s.tMs, completed: s.completed, failed: s.failed, state: stateAt(s.tMs) }));
  const faults = (scenario.faults ?? []).map((f) => ({ target: f.target, kind: f.kind, fromMs: f.atMs, toMs: f.atMs + (f.durationMs ?? runEnd - f.atMs) }));
  return { breaker, endMs: runEnd, bands, seconds, faults, transitions: transitions.length };
}
