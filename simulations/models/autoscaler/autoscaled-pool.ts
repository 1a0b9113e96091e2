/**
 * Autoscaled server pool: identical instances behind one shared queue (a perfect balancer), with a
 * controller that adds and removes instances to keep a metric near a target.
 *
 * What makes autoscaling hard is lag, and the model has every kind of it: the controller sees the
 * metric averaged over `metricWindowMs` and `metricDelayMs` late, acts only every `evaluateEveryMs`,
 * and a new instance costs money from the decision but serves only after `coldStartMs`.
 *
 * Policies:
 * - `target-tracking` (and `hpa`, Kubernetes' formula): desired = ceil(ready × metric / target),
 *   where `ready` is the number of ready instances the metric was measured on (averaged over the same
 *   delayed window: a stale metric must not be applied to today's fleet), no action while
 *   |metric / target − 1| ≤ `tolerance`. `hpa` also limits growth to max(+100%, +4)
 *   per evaluation. Scale-in takes the highest recommendation of the last `scaleDownStabilizationMs`.
 * - `step`: +1 instance above `scaleOutThreshold`, −1 below `scaleInThreshold`.
 * `cooldownMs` is the least time between two scaling actions. Metrics (`scaleOn`): `utilization`
 * (busy ÷ workers of ready instances), `cpu` (the same × `cpuFraction`, for work that mostly waits on
 * I/O), `backlog` (waiting requests per ready instance against `backlogPerInstance`).
 * Floors: `minInstances`, a `schedule` of `{ atMs, minInstances }`, and the scheduled-peak shorthand
 * (`scheduledMinInstances` from `scheduleAtMs − preScaleLeadMs`; `mode: "predictive"` picks the lead
 * itself as coldStartMs + evaluateEveryMs; `mode: "reactive"` ignores the schedule).
 * Scale-in is graceful: starting instances are cancelled first, then idle ones removed, then busy ones
 * drained (they take no new work and leave when their last request is done).
 *
 * Metrics: instanceHours (every instance from the decision to its removal, cold ones included), cost,
 * meanInstances, peakInstances, finalInstances, scaleEvents, saturatedMs (time in 1 s intervals where
 * ready workers were ≥ 95% busy), plus the server metrics. Gauges `replicas` and `readyReplicas` feed
 * the lab's chart. Trace: `autoscaler.scaled-out`, `autoscaler.scaled-in`, `autoscaler.instance-ready`.
 */
import { createSampler } from "../../engine/distributions";
import { BACKGROUND_PRIORITY } from "../../engine/simulation";
import { RunningMean, TimeWeighted } from "../../engine/stats";
import { distSchema, kebabId } from "../../kernel/schema-common";
import { array, literal, nullable, number, object, oneOf, type Infer } from "../../kernel/schema-builder";
import type { ModelContext, NodeGauges, NodeKind, NodeMetrics, Reply, Request, SimNode } from "../../kernel/model";
import type { RandomStream } from "../../engine/random";
import type { Simulation } from "../../engine/simulation";
import { defineKind } from "../../kernel/kind";
import { Fifo, round } from "../shared";

const msField = (title: string, uiMax: number, fallback: number) => number({ min: 0, max: 1e9, title, unit: "ms", uiMin: 0, uiMax, default: fallback });

export const autoscaledPoolSchema = object(
  {
    id: kebabId(),
    kind: literal("autoscaled-pool"),
    workersPerInstance: number({ integer: true, above: 0, max: 10_000, title: "Workers per instance", unit: "workers", uiMin: 1, uiMax: 32, default: 1 }),
    serviceMs: distSchema,
    queueCapacity: nullable(number({ integer: true, min: 0, max: 10_000_000, title: "Waiting room", unit: "requests", uiMin: 0, uiMax: 10_000 })),
    minInstances: number({ integer: true, min: 0, max: 10_000, title: "Min instances", unit: "instances", uiMin: 0, uiMax: 50, default: 1 }),
    maxInstances: number({ integer: true, above: 0, max: 10_000, title: "Max instances", unit: "instances", uiMin: 1, uiMax: 100, default: 10 }),
    initialInstances: number({ integer: true, min: 0, max: 10_000, title: "Instances at start", unit: "instances", uiMin: 0, uiMax: 50 }),
    coldStartMs: msField("Cold start", 180_000, 0),
    policy: oneOf(["target-tracking", "step", "hpa"] as const, { title: "Scaling policy", default: "target-tracking" }),
    scaleOn: oneOf(["utilization", "cpu", "backlog"] as const, { title: "Scale on", default: "utilization" }),
    targetUtilization: number({ above: 0, max: 1, title: "Target utilisation", uiMin: 0.1, uiMax: 0.95, uiStep: 0.05, default: 0.6 }),
    backlogPerInstance: number({ above: 0, max: 1e9, title: "Target backlog per instance", unit: "requests", uiMin: 1, uiMax: 1000, default: 100 }),
    cpuFraction: number({ min: 0, max: 1, title: "CPU share of service time", uiStep: 0.05, default: 1 }),
    metricWindowMs: number({ above: 0, max: 1e9, title: "Metric window", unit: "ms", uiMin: 1000, uiMax: 300_000, default: 60_000 }),
    metricDelayMs: msField("Metric delay", 180_000, 0),
    evaluateEveryMs: number({ above: 0, max: 1e9, title: "Evaluate every", unit: "ms", uiMin: 1000, uiMax: 120_000, default: 15_000 }),
    tolerance: number({ min: 0, max: 1, title: "Tolerance", uiMin: 0, uiMax: 0.5, uiStep: 0.01, default: 0.1 }),
    scaleDownStabilizationMs: msField("Scale-down stabilisation", 600_000, 0),
    scaleOutThreshold: number({ min: 0, max: 1, title: "Scale out above", uiStep: 0.05, default: 0.7 }),
    scaleInThreshold: number({ min: 0, max: 1, title: "Scale in below", uiStep: 0.05, default: 0.4 }),
    cooldownMs: msField("Cooldown", 600_000, 0),
    mode: oneOf(["reactive", "scheduled", "predictive"] as const, { title: "Mode" }),
    scheduledMinInstances: number({ integer: true, min: 0, max: 10_000, title: "Scheduled min instances", unit: "instances", uiMin: 0, uiMax: 50, default: 0 }),
    scheduleAtMs: msField("Scheduled peak at", 3_600_000, 0),
    preScaleLeadMs: msField("Pre-scale lead", 600_000, 0),
    schedule: array(object({ atMs: number({ min: 0, max: 1e9, unit: "ms" }), minInstances: number({ integer: true, min: 0, max: 10_000 }) }, { name: "a schedule entry" }), { maxItems: 1000, title: "Scheduled floors" }),
    costPerInstanceHour: number({ min: 0, max: 1e6, title: "Cost per instance-hour", default: 1 }),
  },
  {
    optional: [
      "workersPerInstance", "queueCapacity", "minInstances", "maxInstances", "initialInstances", "coldStartMs", "policy", "scaleOn", "targetUtilization",
      "backlogPerInstance", "cpuFraction", "metricWindowMs", "metricDelayMs", "evaluateEveryMs", "tolerance", "scaleDownStabilizationMs", "scaleOutThreshold",
      "scaleInThreshold", "cooldownMs", "mode", "scheduledMinInstances", "scheduleAtMs", "preScaleLeadMs", "schedule", "costPerInstanceHour",
    ],
    name: "an autoscaled-pool node",
  },
);
export type AutoscaledPoolSpec = Infer<typeof autoscaledPoolSchema>;

type InstanceState = "starting" | "ready" | "draining";
interface Instance {
  state: InstanceState;
  busy: number;
}
interface Job {
  request: Request;
  reply: Reply;
  arrivedMs: number;
  void: boolean;
  instance: Instance | null;
}
/** One second of observed load, as the monitoring system would record it. */
interface Sample {
  tMs: number;
  busy: number;
  capacity: number;
  queue: number;
  ready: number;
}

const SAMPLE_MS = 1000;

/** The spec with every default filled in, as the pool and its controller read it. */
interface PoolSettings {
  wpi: number;
  capacity: number;
  minInstances: number;
  maxInstances: number;
  coldStartMs: number;
  policy: "target-tracking" | "step" | "hpa";
  scaleOn: "utilization" | "cpu" | "backlog";
  target: number;
  backlogTarget: number;
  cpuFraction: number;
  windowMs: number;
  delayMs: number;
  everyMs: number;
  tolerance: number;
  stabilizationMs: number;
  outThreshold: number;
  inThreshold: number;
  cooldownMs: number;
  costPerHour: number;
}

function settingsOf(spec: AutoscaledPoolSpec): PoolSettings {
  const minInstances = spec.minInstances ?? 1;
  return {
    wpi: spec.workersPerInstance ?? 1,
    capacity: spec.queueCapacity ?? Infinity,
    minInstances,
    maxInstances: Math.max(spec.maxInstances ?? 10, minInstances),
    coldStartMs: spec.coldStartMs ?? 0,
    policy: spec.policy ?? "target-tracking",
    scaleOn: spec.scaleOn ?? "utilization",
    target: spec.targetUtilization ?? 0.6,
    backlogTarget: spec.backlogPerInstance ?? 100,
    cpuFraction: spec.cpuFraction ?? 1,
    windowMs: spec.metricWindowMs ?? 60_000,
    delayMs: spec.metricDelayMs ?? 0,
    everyMs: spec.evaluateEveryMs ?? 15_000,
    tolerance: spec.tolerance ?? 0.1,
    stabilizationMs: spec.scaleDownStabilizationMs ?? 0,
    outThreshold: spec.scaleOutThreshold ?? 0.7,
    inThreshold: spec.scaleInThreshold ?? 0.4,
    cooldownMs: spec.cooldownMs ?? 0,
    costPerHour: spec.costPerInstanceHour ?? 1,
  };
}

/** Scheduled floors ([atMs, minInstances], sorted): the `schedule` list plus the scheduled-peak shorthand. */
function floorsOf(spec: AutoscaledPoolSpec, s: PoolSettings): { atMs: number; min: number }[] {
  const floors = [...(spec.schedule ?? []).map((f) => ({ atMs: f.atMs, min: f.minInstances }))];
  const scheduled = spec.scheduledMinInstances ?? 0;
  if (scheduled > 0 && spec.mode !== "reactive") {
    const lead = spec.mode === "predictive" ? s.coldStartMs + s.everyMs : (spec.preScaleLeadMs ?? 0);
    floors.push({ atMs: Math.max(0, (spec.scheduleAtMs ?? 0) - lead), min: scheduled });
  }
  return floors.sort((a, b) => a.atMs - b.atMs);
}

/**
 * What the controller wants for a metric seen on `ready` instances while `current` are active: the
 * policy's recommendation before clamping and stabilisation.
 */
function recommend(s: PoolSettings, seen: { metric: number; backlog: number }, ready: number, current: number): number {
  if (s.scaleOn === "backlog") {
    const ratio = seen.backlog / s.backlogTarget;
    if (s.policy === "step") return ratio > 1 ? current + 1 : ratio < s.inThreshold ? current - 1 : current;
    return Math.abs(ratio - 1) > s.tolerance ? Math.ceil(ready * ratio) : current;
  }
  if (s.policy === "step") return seen.metric > s.outThreshold ? current + 1 : seen.metric < s.inThreshold ? current - 1 : current;
  const ratio = seen.metric / s.target;
  return Math.abs(ratio - 1) > s.tolerance ? Math.ceil(ready * ratio - 1e-9) : current;
}

/** The pool as a node: instances, the shared queue, the monitoring samples and the controller. */
class AutoscaledPool implements SimNode {
  readonly kind = "autoscaled-pool";
  readonly appliesFaults = true;
  readonly id: string;
  private readonly sim: Simulation;
  private readonly s: PoolSettings;
  private readonly sampleService: () => number;
  private readonly errorStream: RandomStream;
  private readonly floors: { atMs: number; min: number }[];
  private floor: number;

  private readonly instances: Instance[] = [];
  private readonly queue = new Fifo<Job>();
  private readonly inService = new Set<Job>();
  private readonly busyTW: TimeWeighted;
  private readonly capTW: TimeWeighted;
  private readonly allTW: TimeWeighted;
  private readonly readyTW: TimeWeighted;
  private readonly queueTW: TimeWeighted;
  private readonly wait = new RunningMean();
  // Unwarmed integrals for the controller's samples (the monitoring system does not care about warm-up).
  private readonly mBusy = new TimeWeighted(0);
  private readonly mCap = new TimeWeighted(0);
  private readonly mQueue = new TimeWeighted(0);
  private readonly mReady = new TimeWeighted(0);
  private readonly samples: Sample[] = [];
  private prevTotals = { busy: 0, capacity: 0, queue: 0, ready: 0 };
  private readonly recommendations: { tMs: number; desired: number }[] = [];
  private busy = 0;
  private readyCount = 0;
  private drainingCount = 0;
  private startingCount = 0;
  private served = 0;
  private dropped = 0;
  private lost = 0;
  private scaleEvents = 0;
  private scaleOuts = 0;
  private scaleIns = 0;
  private peakInstances = 0;
  private saturatedMs = 0;
  private lastScaleMs = -Infinity;
  private lastMetric = 0;
  private desiredNow = 0;

  constructor(
    private readonly spec: AutoscaledPoolSpec,
    private readonly ctx: ModelContext,
  ) {
    this.id = spec.id;
    this.sim = ctx.sim;
    this.s = settingsOf(spec);
    this.sampleService = createSampler(spec.serviceMs, ctx.random("service"));
    this.errorStream = ctx.random("errors");
    this.floors = floorsOf(spec, this.s);
    this.floor = this.s.minInstances;
    this.busyTW = new TimeWeighted(ctx.warmupMs);
    this.capTW = new TimeWeighted(ctx.warmupMs);
    this.allTW = new TimeWeighted(ctx.warmupMs);
    this.readyTW = new TimeWeighted(ctx.warmupMs);
    this.queueTW = new TimeWeighted(ctx.warmupMs);
  }

  // --- the pool -----------------------------------------------------------------------------

  private capacityNow(): number {
    return (this.readyCount + this.drainingCount) * this.s.wpi;
  }

  /** Instances that are not draining. */
  private active(): number {
    return this.readyCount + this.startingCount;
  }

  private refreshCounts(): void {
    const now = this.sim.now;
    this.busyTW.set(now, this.busy);
    this.mBusy.set(now, this.busy);
    this.capTW.set(now, this.capacityNow());
    this.mCap.set(now, this.capacityNow());
    this.allTW.set(now, this.instances.length);
    this.readyTW.set(now, this.readyCount);
    this.mReady.set(now, this.readyCount);
    if (this.instances.length > this.peakInstances && now >= this.ctx.warmupMs) this.peakInstances = this.instances.length;
  }

  private refreshQueue(): void {
    this.queueTW.set(this.sim.now, this.queue.length);
    this.mQueue.set(this.sim.now, this.queue.length);
  }

  private freeInstance(): Instance | null {
    let best: Instance | null = null;
    for (const inst of this.instances) if (inst.state === "ready" && inst.busy < this.s.wpi && (!best || inst.busy < best.busy)) best = inst;
    return best;
  }

  private startJob(job: Job, inst: Instance): void {
    inst.busy++;
    this.busy++;
    job.instance = inst;
    this.inService.add(job);
    const waited = this.sim.now - job.arrivedMs;
    if (job.request.counted) this.wait.record(waited);
    const serviceMs = this.sampleService() + this.ctx.faults.addMs;
    const spans = job.request.spans;
    if (spans) {
      if (waited > 0) spans.push({ node: this.spec.id, kind: "queue", startMs: job.arrivedMs, endMs: this.sim.now });
      spans.push({ node: this.spec.id, kind: "service", startMs: this.sim.now, endMs: this.sim.now + serviceMs });
    }
    this.sim.schedule(serviceMs, () => this.finish(job));
  }

  private removeInstance(inst: Instance): void {
    const i = this.instances.indexOf(inst);
    if (i >= 0) this.instances.splice(i, 1);
  }

  private finish(job: Job): void {
    if (job.void) return;
    this.inService.delete(job);
    const inst = job.instance!;
    inst.busy--;
    this.busy--;
    if (job.request.counted) this.served++;
    if (inst.state === "draining" && inst.busy === 0) {
      this.removeInstance(inst);
      this.drainingCount--;
    }
    this.pump();
    this.refreshCounts();
    const { faults } = this.ctx;
    if (faults.errorRate > 0 && this.errorStream.next() < faults.errorRate) {
      job.reply("error", "injected-error");
      return;
    }
    if (this.ctx.outgoing.length === 0) job.reply("ok");
    else this.forward(job.request, job.reply, 0);
  }

  /** Calls every downstream edge in turn; the first failure, or the last answer, is the answer. */
  private forward(request: Request, reply: Reply, index: number): void {
    const downstream = this.ctx.outgoing;
    this.ctx.send(downstream[index], request, (outcome, reason) => {
      if (outcome !== "ok" || index === downstream.length - 1) reply(outcome, reason);
      else this.forward(request, reply, index + 1);
    });
  }

  private pump(): void {
    let changed = false;
    while (this.queue.length > 0) {
      const inst = this.freeInstance();
      if (!inst) break;
      this.startJob(this.queue.shift()!, inst);
      changed = true;
    }
    if (changed) this.refreshQueue();
  }

  // --- the controller ---------------------------------------------------------------------

  private addInstances(n: number): void {
    for (let i = 0; i < n; i++) {
      const inst: Instance = { state: this.s.coldStartMs > 0 ? "starting" : "ready", busy: 0 };
      this.instances.push(inst);
      if (inst.state === "ready") this.readyCount++;
      else {
        this.startingCount++;
        this.sim.schedule(this.s.coldStartMs, () => this.instanceReady(inst), BACKGROUND_PRIORITY);
      }
    }
  }

  private instanceReady(inst: Instance): void {
    if (inst.state !== "starting" || !this.instances.includes(inst)) return;
    inst.state = "ready";
    this.startingCount--;
    this.readyCount++;
    if (this.ctx.tracing) this.ctx.emit("autoscaler.instance-ready", `${this.readyCount} ready`);
    this.pump();
    this.refreshCounts();
  }

  /** Cancels cold starts first (newest first), then removes idle ready instances, then drains the least busy. */
  private removeInstances(n: number): void {
    let left = n;
    const instances = this.instances;
    for (let i = instances.length - 1; i >= 0 && left > 0; i--) {
      if (instances[i].state === "starting") {
        instances.splice(i, 1);
        this.startingCount--;
        left--;
      }
    }
    while (left > 0) {
      let pick: Instance | null = null;
      for (const inst of instances) if (inst.state === "ready" && (!pick || inst.busy < pick.busy)) pick = inst;
      if (!pick) break;
      this.readyCount--;
      if (pick.busy === 0) this.removeInstance(pick);
      else {
        pick.state = "draining";
        this.drainingCount++;
      }
      left--;
    }
  }

  private scaleTo(desired: number, why: string): void {
    const current = this.active();
    if (desired === current) return;
    this.scaleEvents++;
    this.lastScaleMs = this.sim.now;
    if (desired > current) {
      this.scaleOuts++;
      this.addInstances(desired - current);
      if (this.ctx.tracing) this.ctx.emit("autoscaler.scaled-out", `${current} → ${desired} (${why})`);
    } else {
      this.scaleIns++;
      this.removeInstances(current - desired);
      if (this.ctx.tracing) this.ctx.emit("autoscaler.scaled-in", `${current} → ${desired} (${why})`);
    }
    this.desiredNow = desired;
    this.pump();
    this.refreshCounts();
  }

  /** The metric as monitoring shows it now: averaged over the window, `delayMs` late. */
  private observed(): { metric: number; backlog: number; ready: number } | null {
    const to = this.sim.now - this.s.delayMs;
    const from = to - this.s.windowMs;
    let b = 0;
    let c = 0;
    let q = 0;
    let r = 0;
    let n = 0;
    for (const s of this.samples) {
      if (s.tMs > from && s.tMs <= to) {
        b += s.busy;
        c += s.capacity;
        q += s.queue;
        r += s.ready;
        n++;
      }
    }
    if (n === 0) return null;
    // A pool with no ready worker but work waiting is as busy as it can be.
    const util = c > 0 ? b / c : q > 0 ? 1 : 0;
    return { metric: this.s.scaleOn === "cpu" ? util * this.s.cpuFraction : util, backlog: r > 0 ? q / r : q, ready: r / (n * SAMPLE_MS) };
  }

  /** Scale-down stabilisation: never go below the highest recommendation of the recent window. */
  private stabilised(desired: number, current: number): number {
    const recommendations = this.recommendations;
    recommendations.push({ tMs: this.sim.now, desired });
    while (recommendations.length > 0 && recommendations[0].tMs < this.sim.now - this.s.stabilizationMs) recommendations.shift();
    if (desired >= current) return desired;
    let highest = desired;
    for (const r of recommendations) highest = Math.max(highest, r.desired);
    return Math.min(current, highest);
  }

  private readonly evaluate = (): void => {
    const s = this.s;
    this.sim.schedule(s.everyMs, this.evaluate, BACKGROUND_PRIORITY);
    const seen = this.observed();
    if (!seen) return;
    const current = this.active();
    this.lastMetric = s.scaleOn === "backlog" ? seen.backlog : seen.metric;
    // The metric describes the instances it was measured on, not today's: scale from those.
    let desired = recommend(s, seen, Math.max(1, seen.ready), current);
    if (s.policy === "hpa" && desired > current) desired = Math.min(desired, Math.max(2 * current, current + 4));
    desired = this.stabilised(Math.min(s.maxInstances, Math.max(this.floor, desired)), current);
    if (desired === current) return;
    if (this.sim.now - this.lastScaleMs < s.cooldownMs) return;
    this.scaleTo(desired, `${s.scaleOn} ${round(this.lastMetric, 3)}`);
  };

  /** One monitoring sample: the last second's integrals; also counts saturated time. */
  private readonly sample = (): void => {
    this.sim.schedule(SAMPLE_MS, this.sample, BACKGROUND_PRIORITY);
    const now = this.sim.now;
    const s: Sample = { tMs: now, busy: this.mBusy.integral(now), capacity: this.mCap.integral(now), queue: this.mQueue.integral(now), ready: this.mReady.integral(now) };
    const raw = { ...s };
    if (this.samples.length) {
      s.busy -= this.prevTotals.busy;
      s.capacity -= this.prevTotals.capacity;
      s.queue -= this.prevTotals.queue;
      s.ready -= this.prevTotals.ready;
    }
    this.prevTotals = raw;
    this.samples.push(s);
    const keepFrom = now - this.s.delayMs - this.s.windowMs - 2 * SAMPLE_MS;
    while (this.samples.length > 0 && this.samples[0].tMs < keepFrom) this.samples.shift();
    if (now > this.ctx.warmupMs && (s.capacity > 0 ? s.busy / s.capacity >= 0.95 : s.queue > 0)) this.saturatedMs += Math.min(SAMPLE_MS, now - this.ctx.warmupMs);
  };

  // --- the node ---------------------------------------------------------------------------

  start(): void {
    const initial = Math.min(this.s.maxInstances, Math.max(this.s.minInstances, this.spec.initialInstances ?? this.s.minInstances));
    for (let i = 0; i < initial; i++) this.instances.push({ state: "ready", busy: 0 });
    this.readyCount = initial;
    this.desiredNow = initial;
    this.refreshCounts();
    this.sim.schedule(SAMPLE_MS, this.sample, BACKGROUND_PRIORITY);
    this.sim.schedule(this.s.everyMs, this.evaluate, BACKGROUND_PRIORITY);
    for (const f of this.floors) {
      this.sim.scheduleAt(f.atMs, () => {
        this.floor = Math.max(this.s.minInstances, f.min);
        if (this.active() < this.floor) this.scaleTo(this.floor, "schedule");
      }, BACKGROUND_PRIORITY);
    }
  }

  receive(request: Request, reply: Reply): void {
    const job: Job = { request, reply, arrivedMs: this.sim.now, void: false, instance: null };
    const inst = this.queue.length === 0 ? this.freeInstance() : null;
    if (inst) {
      this.startJob(job, inst);
      this.refreshCounts();
    } else if (this.queue.length < this.s.capacity) {
      this.queue.push(job);
      this.refreshQueue();
    } else {
      if (request.counted) this.dropped++;
      if (this.ctx.tracing) this.ctx.emit("request.dropped", "queue full", request.id);
      request.spans?.push({ node: this.spec.id, kind: "rejected", startMs: this.sim.now, endMs: this.sim.now, outcome: "dropped", detail: "queue full" });
      reply("dropped", "queue-full");
    }
  }

  load(): number {
    return this.busy + this.queue.length;
  }

  crash(): void {
    const victims = [...this.inService, ...this.queue.drain()];
    this.inService.clear();
    for (const inst of this.instances) inst.busy = 0;
    this.busy = 0;
    this.refreshCounts();
    this.refreshQueue();
    for (const job of victims) {
      job.void = true;
      if (job.request.counted) this.lost++;
      job.reply("error", "crashed");
    }
  }

  recover(): void {}

  metrics(endMs: number): NodeMetrics {
    const measuredMs = Math.max(0, endMs - this.ctx.warmupMs);
    const instanceHours = this.allTW.integral(endMs) / 3_600_000;
    const capArea = this.capTW.integral(endMs);
    return {
      served: this.served,
      dropped: this.dropped,
      lost: this.lost,
      utilization: round(capArea > 0 ? this.busyTW.integral(endMs) / capArea : 0),
      meanQueueLength: round(this.queueTW.average(endMs)),
      meanWaitMs: round(this.wait.mean),
      finalInstances: this.active(),
      peakInstances: this.peakInstances,
      meanInstances: round(measuredMs > 0 ? this.allTW.integral(endMs) / measuredMs : 0, 3),
      meanReadyInstances: round(this.readyTW.average(endMs), 3),
      scaleEvents: this.scaleEvents,
      scaleOuts: this.scaleOuts,
      scaleIns: this.scaleIns,
      instanceHours: round(instanceHours, 4),
      cost: round(instanceHours * this.s.costPerHour, 4),
      saturatedMs: round(this.saturatedMs, 3),
    };
  }

  gauges(): NodeGauges {
    return {
      replicas: this.instances.length,
      readyReplicas: this.readyCount,
      desiredReplicas: this.desiredNow,
      busy: this.busy,
      workers: this.readyCount * this.s.wpi,
      queue: this.queue.length,
      capacity: this.s.capacity === Infinity ? -1 : this.s.capacity,
      metric: round(this.lastMetric, 4),
      crashed: this.ctx.faults.crashed,
    };
  }
}

export const autoscaledPoolKind: NodeKind<AutoscaledPoolSpec> = {
  kind: "autoscaled-pool",
  create: (spec, ctx) => new AutoscaledPool(spec, ctx),
};

export const autoscaledPoolDefinition = defineKind({
  kind: "autoscaled-pool",
  title: "Autoscaled pool",
  summary: "Instances behind one queue, resized by a lagging controller (target tracking, step, HPA).",
  schema: autoscaledPoolSchema,
  model: autoscaledPoolKind,
  outgoing: { min: 0, max: 16 },
  acceptsIncoming: true,
  template: { serviceMs: { dist: "exponential", meanMs: 100 }, minInstances: 1, maxInstances: 10, initialInstances: 2, coldStartMs: 30_000, policy: "target-tracking", targetUtilization: 0.6 },
  metrics: {
    served: { title: "Requests served", of: "requests" },
    dropped: { title: "Dropped", of: "requests" },
    lost: { title: "Lost", of: "requests" },
    utilization: { title: "Utilization", unit: "ratio" },
    meanQueueLength: { title: "Mean queue length" },
    meanWaitMs: { title: "Mean wait in the queue", unit: "ms" },
    finalInstances: { title: "Instances at the end", of: "instances" },
    peakInstances: { title: "Peak instances", of: "instances" },
    meanInstances: { title: "Mean instances", of: "instances" },
    meanReadyInstances: { title: "Mean ready instances", of: "instances" },
    scaleEvents: { title: "Scaling actions" },
    scaleOuts: { title: "Scale-outs" },
    scaleIns: { title: "Scale-ins" },
    instanceHours: { title: "Instance-hours" },
    cost: { title: "Cost (instance-hours × price)" },
    saturatedMs: { title: "Time at full capacity", unit: "ms" },
  },
  gauges: {
    replicas: { title: "Instances (cold ones included)", role: "other" },
    readyReplicas: { title: "Instances ready", role: "other" },
    desiredReplicas: { title: "Instances wanted", role: "other" },
    busy: { title: "Workers busy", role: "busy" },
    workers: { title: "Workers ready", role: "capacity" },
    queue: { title: "Requests waiting", role: "queue" },
    capacity: { title: "Waiting room (-1: unbounded)", role: "queue-capacity" },
    metric: { title: "Metric the controller last saw", role: "other" },
    crashed: { title: "Crashed", role: "flag" },
  },
  records: {
    "autoscaler.scaled-out": { meaning: "the controller added instances (from → to, and the metric that moved it)" },
    "autoscaler.scaled-in": { meaning: "the controller removed instances (cold starts cancelled first, busy ones drained)" },
    "autoscaler.instance-ready": { meaning: "a new instance finished its cold start and takes work" },
    "request.dropped": { meaning: "a request was refused: the waiting room was full" },
  },
});
