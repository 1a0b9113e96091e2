/**
 * The lab's simulation engine: everything the worker does, without the worker.
 *
 * It owns one {@link ScenarioRun} built from (preset, edits, seed) and turns it into frames. It has
 * no timers and no messaging, so unit tests drive it directly and check that rewinding reproduces
 * state exactly; `lab.worker.ts` wraps it with a clock and `postMessage`.
 *
 * Exactness: the live run is always "the edited scenario simulated from 0 to now". Any edit or a seek
 * backwards rebuilds the run and re-simulates to the target time with the same seed, so the state
 * after a rewind and replay is the state of an uninterrupted run.
 */
import { ScenarioRun, validateScenario, type RequestTrace, type RunReport, type Scenario, type TraceRecord } from "@/simulations";
import { applyEdits, type LabEdits } from "./edit-timeline";
import type { EdgeStat, Frame, Hop, TraceSummary } from "./protocol";
import { createSteadyStateDetector } from "./steady-state";
import { isStoryRecord, MAX_TRANSITIONS, steadyStateLimitMs } from "./timeline";
import { createEdgeIndex, traceToHops, type EdgeIndex } from "./trace-hops";
import { createProtocolFeed } from "@/lib/spacetime/feed";

/** Sampled requests per simulated second we aim for (particles, traces, edge estimates). */
const TRACED_PER_SEC = 80;
const EDGE_WINDOW_MS = 2000;
const MAX_HOPS_PER_FRAME = 240;
const MAX_NARRATION_PER_FRAME = 12;
const KEEP_TRACES = 400;

/** Thrown when the edited scenario is invalid; `issues` name the field paths. */
export class ScenarioInvalidError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(issues.map((i) => i.message).join("\n"));
  }
}

/** Total arrival rate of the scenario's sources, req/s (0 when unknown). */
export function totalSourceRate(scenario: Scenario): number {
  return scenario.nodes.reduce((sum, n) => sum + (n.kind === "source" && typeof n.ratePerSec === "number" ? n.ratePerSec : 0), 0);
}

/** The scenario's simulated end (Infinity for request-count stops). */
export function stopTimeMs(scenario: Scenario): number {
  return "durationMs" in scenario.stop ? scenario.stop.durationMs : Infinity;
}

/** Series resolution: about 300 samples over the run, never finer than 100 ms. */
export function sampleIntervalMs(scenario: Scenario): number {
  const end = stopTimeMs(scenario);
  if (!Number.isFinite(end)) return 250;
  return Math.max(100, Math.round(end / 300 / 50) * 50);
}

/** Builds a run of the edited scenario, validated. */
export function buildRun(preset: Scenario, edits: LabEdits, seed: number, live?: { onEvent?: (r: TraceRecord) => void }): ScenarioRun {
  const result = validateScenario(applyEdits(preset, edits));
  if (!result.ok) throw new ScenarioInvalidError(result.issues);
  // The live lab shows the run from its first request (warm-up transient included); reports that
  // must match the runner (Predict, Challenge) come from runHeadless, which keeps the warm-up.
  const scenario: Scenario = { ...result.scenario, warmupMs: 0 };
  const rate = totalSourceRate(scenario);
  return new ScenarioRun(scenario, {
    seed,
    sampleEveryMs: sampleIntervalMs(scenario),
    traceSampleRate: rate > 0 ? Math.min(1, TRACED_PER_SEC / rate) : 0.05,
    traceKeep: KEEP_TRACES,
    onEvent: live?.onEvent,
  });
}

/** Runs the edited scenario headless to its end (Predict, Challenge, sweeps). */
export function runHeadless(preset: Scenario, edits: LabEdits, seed: number): RunReport {
  const result = validateScenario(applyEdits(preset, edits));
  if (!result.ok) throw new ScenarioInvalidError(result.issues);
  return new ScenarioRun(result.scenario, { seed }).runToEnd().report();
}

export class LabEngine {
  generation = 0;
  private preset!: Scenario;
  private edits!: LabEdits;
  private seed = 0;
  private run!: ScenarioRun;
  private edgeIndex!: EdgeIndex;
  private traceRate = 0;
  private sentSamples = 0;
  private resetPending = true;
  private catchingUp = false;
  private narration: TraceRecord[] = [];
  private hops: Hop[] = [];
  private edgeWindow: { endMs: number; failed: boolean }[][] = [];
  private recentTraces = new Map<number, RequestTrace>();
  private notable: TraceSummary[] = [];
  private readonly protocolFeed = createProtocolFeed();

  /** Loads a preset with edits and a seed, simulated up to `timeMs`. Throws ScenarioInvalidError. */
  load(preset: Scenario, edits: LabEdits, seed: number, timeMs = 0): void {
    this.preset = preset;
    this.edits = edits;
    this.seed = seed;
    this.rebuild(timeMs);
  }

  /** Replaces the edits (and seed) and re-simulates to the current time. */
  setEdits(edits: LabEdits, seed: number): void {
    const previous = { edits: this.edits, seed: this.seed };
    this.edits = edits;
    this.seed = seed;
    try {
      this.rebuild(this.timeMs);
    } catch (error) {
      this.edits = previous.edits;
      this.seed = previous.seed;
      throw error;
    }
  }

  get timeMs(): number {
    return this.run ? this.run.sim.now : 0;
  }

  get endMs(): number {
    return stopTimeMs(this.run.scenario);
  }

  get done(): boolean {
    return this.run.done;
  }

  get currentRun(): ScenarioRun {
    return this.run;
  }

  private rebuild(timeMs: number): void {
    const run = buildRun(this.preset, this.edits, this.seed, { onEvent: (r) => this.onEvent(r) });
    this.run = run;
    this.generation++;
    this.edgeIndex = createEdgeIndex(run.scenario);
    this.traceRate = totalSourceRate(run.scenario) > 0 ? Math.min(1, TRACED_PER_SEC / totalSourceRate(run.scenario)) : 0.05;
    this.sentSamples = 0;
    this.resetPending = true;
    this.narration = [];
    this.hops = [];
    this.edgeWindow = run.scenario.edges.map(() => []);
    this.recentTraces.clear();
    this.notable = [];
    this.protocolFeed.reset();
    // Also at 0 when a fault starts then: a crash injected while paused at the start shows at once.
    if (timeMs > 0 || (run.scenario.faults ?? []).some((f) => f.atMs <= timeMs)) {
      this.catchingUp = true;
      this.runTo(timeMs);
      this.catchingUp = false;
      // What happened during the catch-up is history, not news: keep only the last few records.
      this.narration = this.narration.slice(-3);
      this.hops = [];
    }
  }

  private onEvent(record: TraceRecord): void {
    // Per-request noise (drops, losses) is summarised by the charts; narrate it only in bursts.
    this.narration.push(record);
    if (this.narration.length > 2000) this.narration.splice(0, 1000);
  }

  /** Runs to `untilMs` (or at most `maxEvents` events); true when it got there. */
  runTo(untilMs: number, maxEvents = Infinity): boolean {
    const before = this.run.sim.events;
    this.run.runUntil(untilMs, maxEvents);
    this.collectTraces();
    return this.run.done || this.run.sim.now >= untilMs || this.run.sim.events - before < maxEvents;
  }

  /** Processes exactly one simulation event ("step"). */
  stepOne(): void {
    this.run.step();
    this.collectTraces();
  }

  /** Moves to `timeMs`: forwards by simulating on, backwards by re-simulating from 0. */
  seek(timeMs: number): void {
    const target = Math.max(0, Math.min(timeMs, this.endMs));
    if (target >= this.timeMs && !this.run.done) this.runTo(target);
    else this.rebuild(target);
  }

  /**
   * The same move as {@link seek}, in slices of at most `sliceEvents` events: yields the fraction
   * done after each slice, so the worker can report progress, take a cancel or a newer seek between
   * slices. At every yield the lab is exact (the edited scenario simulated from 0 to its current
   * time), so stopping early leaves a consistent lab at an earlier time.
   */
  *seekInSlices(timeMs: number, sliceEvents = 50_000): Generator<number, void> {
    const target = Math.max(0, Math.min(timeMs, this.endMs));
    // Backwards (or past the end) is a re-simulation from 0: its events are history, not news.
    // Forwards is the run going on, narrated as in play (like seek()).
    const rewinding = target < this.timeMs || this.run.done;
    if (rewinding) this.rebuild(0);
    const start = this.timeMs;
    const span = Math.max(1, target - start);
    // A run that stops after N requests has no end time: progress counts settled requests instead.
    const stopRequests = "requests" in this.run.scenario.stop ? this.run.scenario.stop.requests : 0;
    const fraction = () => {
      if (Number.isFinite(target)) return Math.min(1, (this.timeMs - start) / span);
      const r = this.run.report().requests;
      return stopRequests > 0 ? Math.min(1, (r.completed + r.failed + r.dropped) / stopRequests) : 0;
    };
    const saved = this.catchingUp;
    this.catchingUp = rewinding;
    try {
      while (!this.run.done && this.timeMs < target) {
        this.runTo(target, sliceEvents);
        if (!this.run.done && this.timeMs < target) yield fraction();
      }
    } finally {
      this.catchingUp = saved;
      if (rewinding) {
        // What happened during the re-simulation is history, not news: keep only the last few records.
        this.narration = this.narration.slice(-3);
        this.hops = [];
      }
    }
  }

  /** Replaces the edits (and seed) and rebuilds at time 0 (the caller catches up, in slices). Throws ScenarioInvalidError. */
  setEditsAtStart(edits: LabEdits, seed: number): void {
    const previous = { edits: this.edits, seed: this.seed };
    this.edits = edits;
    this.seed = seed;
    try {
      this.rebuild(0);
    } catch (error) {
      this.edits = previous.edits;
      this.seed = previous.seed;
      throw error;
    }
  }

  private collectTraces(): void {
    const traces = this.run.traces;
    if (traces.length === 0) return;
    const fresh = traces.splice(0, traces.length);
    for (const trace of fresh) {
      this.recentTraces.set(trace.id, trace);
      const hops = traceToHops(trace, this.edgeIndex);
      for (const hop of hops) {
        this.edgeWindow[hop.edge]?.push({ endMs: hop.endMs, failed: hop.outcome !== "ok" });
        if (!this.catchingUp) this.hops.push(hop);
      }
      this.noteTrace(trace);
    }
    if (this.recentTraces.size > KEEP_TRACES) {
      const keep = new Set(this.notable.map((t) => t.id));
      for (const id of this.recentTraces.keys()) {
        if (this.recentTraces.size <= KEEP_TRACES / 2) break;
        if (!keep.has(id)) this.recentTraces.delete(id);
      }
    }
    if (this.hops.length > MAX_HOPS_PER_FRAME * 4) this.hops.splice(0, this.hops.length - MAX_HOPS_PER_FRAME * 4);
  }

  private noteTrace(trace: RequestTrace): void {
    const summary: TraceSummary = { id: trace.id, startMs: trace.startMs, latencyMs: trace.endMs - trace.startMs, outcome: trace.outcome, reason: trace.reason };
    const failed = this.notable.filter((t) => t.outcome !== "ok");
    const slow = this.notable.filter((t) => t.outcome === "ok");
    if (trace.outcome !== "ok") {
      failed.push(summary);
      if (failed.length > 10) failed.shift();
    } else {
      slow.push(summary);
      slow.sort((a, b) => b.latencyMs - a.latencyMs);
      slow.length = Math.min(slow.length, 10);
    }
    this.notable = [...slow, ...failed];
  }

  /** The trace of a sampled request still in memory. */
  trace(requestId: number): RequestTrace | null {
    return this.recentTraces.get(requestId) ?? null;
  }

  private edgeStats(): EdgeStat[] {
    const now = this.run.sim.now;
    const windowMs = Math.min(EDGE_WINDOW_MS, Math.max(1, now));
    return this.edgeWindow.map((entries) => {
      while (entries.length && entries[0].endMs < now - EDGE_WINDOW_MS) entries.shift();
      const failed = entries.reduce((n, e) => n + (e.failed ? 1 : 0), 0);
      const rate = this.traceRate > 0 ? entries.length / this.traceRate / (windowMs / 1000) : 0;
      return { ratePerSec: Math.round(rate), failShare: entries.length ? failed / entries.length : 0 };
    });
  }

  private drainNarration(): TraceRecord[] {
    const records = this.narration;
    this.narration = [];
    if (records.length <= MAX_NARRATION_PER_FRAME) return records;
    // Summarise bursts: one record per (type, node) with a count.
    const groups = new Map<string, { record: TraceRecord; count: number }>();
    for (const r of records) {
      const key = `${r.type}|${r.node ?? ""}`;
      const group = groups.get(key);
      if (group) group.count++;
      else groups.set(key, { record: r, count: 1 });
    }
    return [...groups.values()]
      .slice(0, MAX_NARRATION_PER_FRAME)
      .map(({ record, count }) => (count > 1 ? { ...record, detail: `${record.detail ? record.detail + ", " : ""}${count} times` } : record));
  }

  /** The frame describing everything new since the previous frame. */
  frame(lagging = false): Frame {
    const run = this.run;
    const reset = this.resetPending;
    this.resetPending = false;
    const samples = run.series.slice(reset ? 0 : this.sentSamples);
    this.sentSamples = run.series.length;
    const hops = this.hops.length > MAX_HOPS_PER_FRAME ? this.hops.slice(-MAX_HOPS_PER_FRAME) : this.hops;
    this.hops = [];
    const protocol = this.protocolFeed.frame(run.protocolViews());
    return {
      type: "frame",
      generation: this.generation,
      timeMs: run.sim.now,
      endMs: this.endMs,
      done: run.done,
      reset,
      gauges: run.gauges(),
      samples,
      hops,
      edgeStats: this.edgeStats(),
      partitioned: run.partitionedEdges(),
      narration: this.drainNarration(),
      report: run.report(),
      traces: this.notable,
      lagging,
      ...(protocol.length ? { protocol } : {}),
    };
  }

  /**
   * Simulates on until the cumulative p95 stops moving (or `capMs`, or the end), in chunks so the
   * caller can report progress and cancel between them. Yields the fraction done.
   *
   * It never runs past a scheduled fault (lib/lab/timeline.ts, `steadyStateLimitMs`): when one
   * starts ahead, it stops where that fault starts, even if the latency settled earlier, so the
   * learner lands at the moment the lesson begins instead of after (or long before) it.
   */
  *fastForward(capMs = Infinity): Generator<number, FastForwardResult> {
    const start = this.timeMs;
    const faultLimit = steadyStateLimitMs(this.edits.faults, start);
    const cap = Math.min(capMs, this.endMs, start + 600_000, faultLimit ?? Infinity);
    const span = Math.max(1, cap - start);
    const detector = createSteadyStateDetector();
    const checkpointMs = Math.max(1000, Math.min(10_000, span / 40));
    const warmupMs = this.run.scenario.warmupMs ?? 0;
    const saved = this.catchingUp;
    this.catchingUp = true;
    let steadyAtMs: number | undefined;
    try {
      while (!this.run.done && this.timeMs < cap) {
        this.runTo(Math.min(cap, this.timeMs + checkpointMs));
        const steady = steadyAtMs === undefined && this.timeMs > warmupMs + 2 * checkpointMs && detector.push(this.run.report().latencyMs.p95);
        if (steady) {
          steadyAtMs = this.timeMs;
          // With a fault ahead, keep going to where it starts.
          if (faultLimit === undefined) return { steadyAtMs, stop: "steady" };
        }
        yield Math.min(1, (this.timeMs - start) / span);
      }
      const stop = faultLimit !== undefined && this.timeMs >= faultLimit ? "fault" : this.run.done ? "end" : "cap";
      return { steadyAtMs, stop, stoppedAtMs: this.timeMs };
    } finally {
      this.catchingUp = saved;
      this.narration = this.narration.slice(-3);
    }
  }
}

/** How a fast-forward ended: steady, at a scheduled fault's start, at the run's end, or at the cap. */
export interface FastForwardResult {
  steadyAtMs?: number;
  stop: "steady" | "fault" | "end" | "cap";
  stoppedAtMs?: number;
}

/**
 * The run's story transitions (breaker opened, failover, scale-out...) from 0 to its end, simulated
 * on the side in slices (yields between them) so the scrubber can mark what lies ahead. The run is
 * deterministic for (preset, edits, seed), so these are exactly the transitions the live lab will
 * reach. Request-count stops are previewed up to `capMs` of simulated time.
 */
export function* previewTransitions(preset: Scenario, edits: LabEdits, seed: number, capMs = 600_000, eventsPerSlice = 20_000): Generator<void, TraceRecord[]> {
  const records: TraceRecord[] = [];
  const result = validateScenario(applyEdits(preset, edits));
  if (!result.ok) return records;
  const scenario: Scenario = { ...result.scenario, warmupMs: 0 };
  const run = new ScenarioRun(scenario, {
    seed,
    onEvent: (record) => {
      if (records.length < MAX_TRANSITIONS && isStoryRecord(record)) records.push(record);
    },
  });
  const until = Math.min(capMs, stopTimeMs(scenario));
  while (!run.done && run.sim.now < until) {
    const before = run.sim.events;
    run.runUntil(until, eventsPerSlice);
    if (run.sim.events === before) break;
    yield;
  }
  return records;
}
