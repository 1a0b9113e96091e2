/**
 * A scenario run: the scenario's nodes and edges built into live models on one simulation clock,
 * with the fault timeline scheduled, the request ledger, optional time series and traces, and the
 * report in the shape the headless runner prints (SCENARIO.md).
 *
 * The same object backs the command-line runner (run to the end, print the report), the tests, and
 * the lab (step, run until a time, inject a fault now, read live gauges and the time series).
 */
import { LatencyHistogram } from "../engine/stats";
import { RandomStreams, type RandomStream } from "../engine/random";
import { BACKGROUND_PRIORITY, Simulation } from "../engine/simulation";
import { nodeKinds } from "../registry";
import type { Scenario } from "../scenario/schema";
import { faultKindOf, foldEdgeFaults, foldNodeFaults, type FaultSpec } from "../kernel/faults";
import { RequestLedger } from "../kernel/ledger";
import { EdgePolicies } from "./edge-policies";
import { hasProtocolView, type ProtocolView } from "../checker/protocol-view";
import type { EdgeRuntime, ModelContext, NodeFaults, NodeGauges, NodeMetrics, Outcome, Reply, Request, SimNode, TraceRecord } from "../kernel/model";

export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Record a time-series sample every this many simulated ms (the lab's charts); off when absent. */
  sampleEveryMs?: number;
  /** Fraction 0..1 of requests whose spans are recorded (the trace waterfall). Default 0. */
  traceSampleRate?: number;
  /** How many traced requests to keep (most recent, plus the slowest and the failed). Default 200. */
  traceKeep?: number;
  /** Receives notable events (`node.crashed`, `request.dropped`, ...); costs nothing when absent. */
  onEvent?: (record: TraceRecord) => void;
  /** Throw if any request is settled twice (tests). */
  strict?: boolean;
  /** The run's work budget (defaults: {@link DEFAULT_BUDGET}). */
  budget?: Partial<WorkBudget>;
}

/**
 * Bounded work: however a scenario is built, a run never does more than this. Past `maxEvents` the
 * run ends with {@link RunReport.stopped}; past `maxOpenRequests` requests open at once, new
 * requests are dropped at their first hop with reason `work-budget` (memory stays bounded); a
 * request that hops more than `maxHopsAtInstant` times at one simulated instant is in a zero-time
 * cycle and is dropped with reason `loop`.
 */
export interface WorkBudget {
  maxEvents: number;
  maxOpenRequests: number;
  maxHopsAtInstant: number;
}
export const DEFAULT_BUDGET: WorkBudget = { maxEvents: 200_000_000, maxOpenRequests: 1_000_000, maxHopsAtInstant: 256 };

export interface RunReport {
  requests: { arrived: number; completed: number; failed: number; dropped: number; inFlight: number };
  throughputPerSec: number;
  latencyMs: { mean: number; p50: number; p90: number; p95: number; p99: number; p999: number; max: number };
  nodes: Record<string, NodeMetrics>;
  simulatedMs: number;
  events: number;
  /** Extension: failures and drops by reason. */
  reasons: Record<string, number>;
  /** Extension: the seed the run used. */
  seed: number;
  /** Extension: call-policy metrics of edges that declare policies, by edge id (absent when none do). */
  edges?: Record<string, NodeMetrics>;
  /** Present when the run ended early because it hit its work budget or got stuck at one instant. */
  stopped?: { reason: "work-budget" | "stuck"; message: string };
}

/** One point of the time series the lab charts. Values cover the interval ending at `tMs`. */
export interface Sample {
  tMs: number;
  arrived: number;
  completed: number;
  failed: number;
  dropped: number;
  p50: number;
  p95: number;
  p99: number;
  nodes: Record<string, NodeGauges>;
  /** Extension: gauges of edges with call policies, by edge id. */
  edges?: Record<string, NodeGauges>;
}

/** A request's recorded life, for the trace waterfall. */
export interface RequestTrace {
  id: number;
  sourceId: string;
  startMs: number;
  endMs: number;
  outcome: Outcome;
  reason?: string;
  spans: NonNullable<Request["spans"]>;
}

interface NodeRecord {
  node: SimNode & { start?(): void };
  faults: NodeFaults;
  active: FaultSpec[];
  faultRandom: RandomStream;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export class ScenarioRun {
  readonly sim = new Simulation();
  readonly ledger: RequestLedger;
  readonly seed: number;
  readonly series: Sample[] = [];
  readonly traces: RequestTrace[] = [];
  private readonly streams: RandomStreams;
  private readonly records = new Map<string, NodeRecord>();
  private readonly edges: EdgeRuntime[] = [];
  private readonly edgeByName = new Map<string, EdgeRuntime>();
  /** Active faults per edge (by edge index), in the order they started. */
  private readonly edgeFaults: FaultSpec[][] = [];
  private readonly warmupMs: number;
  private readonly stopRequests: number;
  private readonly stopDurationMs: number;
  private countedCreated = 0;
  private nextRequestId = 1;
  private readonly traceRandom: RandomStream;
  private finished = false;
  private readonly traceRate: number;
  /** Target record per edge index, resolved once so send() does no map lookups. */
  private edgeTargets: NodeRecord[] = [];
  private endMs = 0;
  /** Call policies of edges that declare them; null when none does (send() stays a plain delivery). */
  private readonly edgePolicies: EdgePolicies | null;
  private readonly budget: WorkBudget;
  private stopped: RunReport["stopped"];

  constructor(
    readonly scenario: Scenario,
    private readonly options: RunOptions = {},
  ) {
    this.seed = options.seed ?? scenario.seed;
    this.budget = { ...DEFAULT_BUDGET, ...options.budget };
    this.streams = new RandomStreams(this.seed);
    this.traceRandom = this.streams.stream("runtime/trace-sampling");
    this.traceRate = options.traceSampleRate ?? 0;
    this.ledger = new RequestLedger(options.strict ?? false);
    this.warmupMs = scenario.warmupMs ?? 0;
    this.stopRequests = "requests" in scenario.stop ? scenario.stop.requests : Infinity;
    this.stopDurationMs = "durationMs" in scenario.stop ? scenario.stop.durationMs : Infinity;

    scenario.edges.forEach((e, index) => {
      const edge: EdgeRuntime = { index, from: e.from, to: e.to, id: e.id ?? `${e.from}->${e.to}`, weight: e.weight ?? 1, spec: e, partitioned: false };
      this.edges.push(edge);
      this.edgeFaults.push([]);
      this.edgeByName.set(`${e.from}->${e.to}`, edge);
      if (e.id) this.edgeByName.set(e.id, edge);
    });
    this.edgePolicies = EdgePolicies.create(this.edges, { sim: this.sim, warmupMs: this.warmupMs, streams: this.streams, onEvent: options.onEvent }, (edge, request, reply) => this.deliver(edge, request, reply));

    for (const spec of scenario.nodes) {
      const faults: NodeFaults = { crashed: false, addMs: 0, errorRate: 0 };
      const context = this.contextFor(spec.id, faults);
      const node = nodeKinds[spec.kind].model.create(spec as never, context);
      this.records.set(spec.id, { node, faults, active: [], faultRandom: this.streams.stream(`fault/${spec.id}`) });
    }
    this.edgeTargets = this.edges.map((e) => this.records.get(e.to)!);
    for (const record of this.records.values()) record.node.start?.();

    for (const fault of scenario.faults ?? []) {
      this.sim.scheduleAt(fault.atMs, () => this.applyFault(fault), BACKGROUND_PRIORITY - 1);
    }
    if (this.stopRequests !== Infinity) {
      this.ledger.onSettle = () => {
        if (this.ledger.settled >= this.stopRequests) this.sim.stop();
      };
    }
    if (options.sampleEveryMs) this.startSampling(options.sampleEveryMs);
  }

  private contextFor(nodeId: string, faults: NodeFaults): ModelContext {
    const outgoing = this.edges.filter((e) => e.from === nodeId);
    const onEvent = this.options.onEvent;
    return {
      sim: this.sim,
      nodeId,
      warmupMs: this.warmupMs,
      outgoing,
      faults,
      ledger: this.ledger,
      tracing: onEvent !== undefined,
      random: (purpose) => this.streams.stream(`${nodeId}/${purpose}`),
      send: (edge, request, reply) => this.send(edge, request, reply),
      peer: (id) => this.nodeById(id),
      isDown: (id) => this.records.get(id)?.faults.crashed ?? true,
      emit: (type, detail, requestId) => onEvent?.({ atMs: this.sim.now, type, node: nodeId, detail, requestId }),
      newRequest: (key, client) => this.newRequest(nodeId, key, client),
    };
  }

  private nodeById(id: string): SimNode {
    const record = this.records.get(id);
    if (!record) throw new Error(`runtime: no node "${id}"`);
    return record.node;
  }

  private newRequest(sourceId: string, key: number, client: number): Request | null {
    const counted = this.sim.now >= this.warmupMs;
    if (counted) {
      if (this.countedCreated >= this.stopRequests) return null;
      this.countedCreated++;
    }
    const traced = this.traceRate > 0 && this.traceRandom.next() < this.traceRate;
    const request: Request = { id: this.nextRequestId++, key, client, sourceId, createdAtMs: this.sim.now, counted, spans: traced ? [] : null, priority: 0, hopAtMs: -1, hopsAtInstant: 0 };
    return request;
  }

  /** Sends a request along an edge: through the edge's call policy when it declares one. */
  private send(edge: EdgeRuntime, request: Request, reply: Reply): void {
    const policies = this.edgePolicies;
    if (policies !== null) {
      const policy = policies.byIndex[edge.index];
      if (policy !== null) {
        policy.call(request, reply, policies.deliverers[edge.index]!);
        return;
      }
    }
    this.deliver(edge, request, reply);
  }

  /** Delivers a request along an edge, applying partitions and the target's faults. */
  private deliver(edge: EdgeRuntime, request: Request, reply: Reply): void {
    const now = this.sim.now;
    if (request.hopAtMs !== now) {
      if (request.hopAtMs === -1 && this.ledger.created - this.ledger.settledAll > this.budget.maxOpenRequests) {
        // Work budget: too many requests open at once; new work is turned away, memory stays bounded.
        request.hopAtMs = now;
        this.sim.schedule(0, () => reply("dropped", "work-budget"));
        return;
      }
      request.hopAtMs = now;
      request.hopsAtInstant = 1;
    } else if (++request.hopsAtInstant! > this.budget.maxHopsAtInstant) {
      // A zero-time cycle: the request would circle at this instant forever.
      this.options.onEvent?.({ atMs: now, type: "request.dropped", node: edge.to, requestId: request.id, detail: "loop" });
      this.sim.schedule(0, () => reply("dropped", "loop"));
      return;
    }
    if (edge.partitioned) {
      // The packet never arrives and no answer ever comes: only a caller's timeout can notice.
      request.spans?.push({ node: edge.to, kind: "lost", startMs: this.sim.now, endMs: this.sim.now, detail: `partition ${edge.id}` });
      this.options.onEvent?.({ atMs: this.sim.now, type: "request.lost", node: edge.to, requestId: request.id, detail: `partition ${edge.id}` });
      return;
    }
    const record = this.edgeTargets[edge.index];
    const faults = record.faults;
    const node = record.node;
    if (faults.crashed) {
      // Connection refused: the caller learns at once (answered as its own event, never re-entrantly).
      request.spans?.push({ node: edge.to, kind: "rejected", startMs: this.sim.now, endMs: this.sim.now, outcome: "error", detail: "node down" });
      this.sim.schedule(0, () => reply("error", "crashed"));
      return;
    }
    let answer = reply;
    if (!node.appliesFaults && (faults.addMs > 0 || faults.errorRate > 0)) {
      const addMs = faults.addMs;
      const rate = faults.errorRate;
      const random = record.faultRandom;
      answer = (outcome, reason) => {
        const failed = outcome === "ok" && rate > 0 && random.next() < rate;
        const finalOutcome: Outcome = failed ? "error" : outcome;
        const finalReason = failed ? "injected-error" : reason;
        if (addMs > 0) this.sim.schedule(addMs, () => reply(finalOutcome, finalReason));
        else reply(finalOutcome, finalReason);
      };
    }
    if (request.spans) {
      const spans = request.spans;
      const inner = answer;
      const startMs = this.sim.now;
      answer = (outcome, reason) => {
        spans.push({ node: edge.to, kind: "call", startMs, endMs: this.sim.now, outcome, detail: reason });
        inner(outcome, reason);
      };
    }
    node.receive(request, answer);
  }

  // --- faults -------------------------------------------------------------------------------

  /**
   * Starts a fault now (the timeline calls this at `atMs`; the lab calls it when the learner injects
   * one). What it does is its kind's entry in kernel/faults.ts, folded with the target's other faults.
   */
  applyFault(fault: FaultSpec): void {
    if (faultKindOf(fault).target === "edge") {
      const edge = this.edgeByName.get(fault.target);
      if (!edge) throw new Error(`runtime: no edge "${fault.target}"`);
      this.edgeFaults[edge.index].push(fault);
      this.refreshEdgeFaults(edge);
    } else {
      const record = this.records.get(fault.target);
      if (!record) throw new Error(`runtime: no node "${fault.target}"`);
      record.active.push(fault);
      this.refreshFaults(record);
    }
    if (fault.durationMs) this.sim.schedule(fault.durationMs, () => this.endFault(fault), BACKGROUND_PRIORITY - 1);
  }

  /** Ends a fault started by {@link applyFault} (no effect if it already ended). */
  endFault(fault: FaultSpec): void {
    if (faultKindOf(fault).target === "edge") {
      const edge = this.edgeByName.get(fault.target);
      if (!edge) return;
      const active = this.edgeFaults[edge.index];
      const i = active.indexOf(fault);
      if (i < 0) return;
      active.splice(i, 1);
      this.refreshEdgeFaults(edge);
      return;
    }
    const record = this.records.get(fault.target);
    if (!record) return;
    const i = record.active.indexOf(fault);
    if (i < 0) return;
    record.active.splice(i, 1);
    this.refreshFaults(record);
  }

  /** Ends every fault on a node or edge (the lab's "recover"). */
  clearFaults(target: string): void {
    const edge = this.edgeByName.get(target);
    if (edge) {
      this.edgeFaults[edge.index].length = 0;
      this.refreshEdgeFaults(edge);
    }
    const record = this.records.get(target);
    if (record) {
      record.active.length = 0;
      this.refreshFaults(record);
    }
  }

  private refreshFaults(record: NodeRecord): void {
    const wasCrashed = record.faults.crashed;
    foldNodeFaults(record.faults, record.active);
    const emit = this.options.onEvent;
    if (!wasCrashed && record.faults.crashed) {
      emit?.({ atMs: this.sim.now, type: "node.crashed", node: record.node.id });
      record.node.crash();
    } else if (wasCrashed && !record.faults.crashed) {
      emit?.({ atMs: this.sim.now, type: "node.recovered", node: record.node.id });
      record.node.recover();
    }
  }

  private refreshEdgeFaults(edge: EdgeRuntime): void {
    const was = edge.partitioned;
    foldEdgeFaults(edge, this.edgeFaults[edge.index]);
    if (was !== edge.partitioned) this.options.onEvent?.({ atMs: this.sim.now, type: edge.partitioned ? "edge.partitioned" : "edge.healed", node: edge.from, detail: edge.id });
  }

  // --- running ------------------------------------------------------------------------------

  /** Whether the run has reached its stop condition. */
  get done(): boolean {
    return this.finished;
  }

  /** Processes one event; false when the run is over. */
  step(): boolean {
    if (this.finished) return false;
    if (this.sim.nextTime() > this.stopDurationMs) {
      this.finish(this.stopDurationMs);
      return false;
    }
    if (this.sim.idle && this.stopDurationMs === Infinity) {
      this.finish(this.sim.now);
      return false;
    }
    this.sim.step();
    if (this.ledger.settled >= this.stopRequests) this.finish(this.sim.now);
    return true;
  }

  /** Runs until simulated time `untilMs` or the stop condition, whichever comes first. */
  runUntil(untilMs: number, maxEvents = Infinity): void {
    if (this.finished) return;
    const left = this.budget.maxEvents - this.sim.events;
    this.sim.run(Math.min(untilMs, this.stopDurationMs), Math.min(maxEvents, left), this.stopDurationMs !== Infinity);
    if (this.sim.stuckAtMs >= 0) {
      this.stopped = { reason: "stuck", message: `The run stopped at ${this.sim.stuckAtMs} ms: more than ${this.sim.maxEventsAtInstant.toLocaleString("en-US")} events happened at that one instant (a loop that takes no simulated time).` };
      this.finish(this.sim.now);
    } else if (this.sim.events >= this.budget.maxEvents) {
      this.stopped = { reason: "work-budget", message: `The run stopped at ${round3(this.sim.now)} ms: it reached its work budget of ${this.budget.maxEvents.toLocaleString("en-US")} events.` };
      this.finish(this.sim.now);
    } else if (this.ledger.settled >= this.stopRequests) this.finish(this.sim.now);
    else if (this.sim.now >= this.stopDurationMs) this.finish(this.stopDurationMs);
    else if (this.sim.idle && this.stopDurationMs === Infinity) this.finish(this.sim.now);
  }

  /** Runs to the stop condition. */
  runToEnd(): this {
    while (!this.finished) this.runUntil(Infinity);
    return this;
  }

  private finish(endMs: number): void {
    this.finished = true;
    this.endMs = Math.max(endMs, this.sim.now);
    if (this.sim.now < this.endMs) this.sim.now = this.endMs;
  }

  /** Live gauges of every node, for drawing. */
  gauges(): Record<string, NodeGauges> {
    const out: Record<string, NodeGauges> = {};
    for (const [id, r] of this.records) out[id] = { ...r.node.gauges(), crashed: r.faults.crashed, degraded: r.faults.addMs > 0 || r.faults.errorRate > 0 };
    return out;
  }

  /** The protocol views (message log, history, checker) of nodes built on the kernel, by node id. */
  protocolViews(): Record<string, ProtocolView> {
    const views: Record<string, ProtocolView> = {};
    for (const [id, r] of this.records) if (hasProtocolView(r.node)) views[id] = r.node.protocol();
    return views;
  }

  /** Live gauges of edges with call policies (breaker state, open connections), by edge id. */
  edgeGauges(): Record<string, NodeGauges> {
    return this.edgePolicies ? this.edgePolicies.gauges() : {};
  }

  /** Edges currently partitioned. */
  partitionedEdges(): string[] {
    return this.edges.filter((e) => e.partitioned).map((e) => e.id);
  }

  // --- reporting ----------------------------------------------------------------------------

  /** The report of SCENARIO.md, measured over [warmupMs, end]. Valid mid-run too (up to now). */
  report(): RunReport {
    const endMs = this.finished ? this.endMs : this.sim.now;
    const measuredMs = Math.max(0, endMs - this.warmupMs);
    const l = this.ledger;
    const h = l.latency;
    const nodes: Record<string, NodeMetrics> = {};
    for (const [id, r] of this.records) nodes[id] = r.node.metrics(endMs);
    return {
      requests: { arrived: l.arrived, completed: l.completed, failed: l.failed, dropped: l.dropped, inFlight: l.inFlight },
      throughputPerSec: measuredMs > 0 ? round3((l.completed * 1000) / measuredMs) : 0,
      latencyMs: {
        mean: round3(h.mean),
        p50: round3(h.quantile(0.5)),
        p90: round3(h.quantile(0.9)),
        p95: round3(h.quantile(0.95)),
        p99: round3(h.quantile(0.99)),
        p999: round3(h.quantile(0.999)),
        max: round3(h.count ? h.max : 0),
      },
      nodes,
      simulatedMs: round3(endMs),
      events: this.sim.events,
      reasons: { ...l.reasons },
      seed: this.seed,
      ...(this.edgePolicies ? { edges: this.edgePolicies.metrics(endMs) } : {}),
      ...(this.stopped ? { stopped: this.stopped } : {}),
    };
  }

  // --- time series and traces ------------------------------------------------------------------

  private startSampling(everyMs: number): void {
    const windowHist = new LatencyHistogram();
    let arrived = this.ledger.created;
    let completed = 0;
    let failed = 0;
    let dropped = 0;
    const keep = this.options.traceKeep ?? 200;
    this.ledger.onSettle = (request, outcome, latencyMs, reason) => {
      if (outcome === "ok") {
        completed++;
        windowHist.record(latencyMs);
      } else if (outcome === "error") failed++;
      else dropped++;
      if (request.spans) this.keepTrace(request, outcome, reason, keep);
      if (this.ledger.settled >= this.stopRequests) this.sim.stop();
    };
    const tick = () => {
      this.series.push({
        tMs: this.sim.now,
        arrived: this.ledger.created - arrived,
        completed,
        failed,
        dropped,
        p50: windowHist.quantile(0.5),
        p95: windowHist.quantile(0.95),
        p99: windowHist.quantile(0.99),
        nodes: this.gauges(),
        ...(this.edgePolicies ? { edges: this.edgePolicies.gauges() } : {}),
      });
      arrived = this.ledger.created;
      completed = failed = dropped = 0;
      windowHist.reset();
      this.sim.schedule(everyMs, tick, BACKGROUND_PRIORITY + 1);
    };
    this.sim.schedule(everyMs, tick, BACKGROUND_PRIORITY + 1);
  }

  private keepTrace(request: Request, outcome: Outcome, reason: string | undefined, keep: number): void {
    this.traces.push({ id: request.id, sourceId: request.sourceId, startMs: request.createdAtMs, endMs: this.sim.now, outcome, reason, spans: request.spans! });
    if (this.traces.length > keep * 2) {
      // Keep the most recent half plus the slowest and the failed of the rest.
      const old = this.traces.splice(0, this.traces.length - keep);
      const notable = old.filter((t) => t.outcome !== "ok").slice(-keep / 4);
      const slow = old.filter((t) => t.outcome === "ok").sort((a, b) => b.endMs - b.startMs - (a.endMs - a.startMs)).slice(0, keep / 4);
      this.traces.unshift(...[...notable, ...slow].sort((a, b) => a.id - b.id));
    }
  }
}

/** Convenience: validate-free run of an already validated scenario to its end. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): RunReport {
  return new ScenarioRun(scenario, options).runToEnd().report();
}
