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
import type { NodeKind, Reply, Request, SimNode } from "../../kernel/model";
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

export const autoscaledPoolKind: NodeKind<AutoscaledPoolSpec> = {
  kind: "autoscaled-pool",
  create(spec, ctx) {
    const { sim, faults } = ctx;
    const wpi = spec.workersPerInstance ?? 1;
    const capacity = spec.queueCapacity ?? Infinity;
    const minInstances = spec.minInstances ?? 1;
    const maxInstances = Math.max(spec.maxInstances ?? 10, minInstances);
    const coldStartMs = spec.coldStartMs ?? 0;
    const policy = spec.policy ?? "target-tracking";
    const scaleOn = spec.scaleOn ?? "utilization";
    const target = spec.targetUtilization ?? 0.6;
    const backlogTarget = spec.backlogPerInstance ?? 100;
    const cpuFraction = spec.cpuFraction ?? 1;
    const windowMs = spec.metricWindowMs ?? 60_000;
    const delayMs = spec.metricDelayMs ?? 0;
    const everyMs = spec.evaluateEveryMs ?? 15_000;
    const tolerance = spec.tolerance ?? 0.1;
    const stabilizationMs = spec.scaleDownStabilizationMs ?? 0;
    const outThreshold = spec.scaleOutThreshold ?? 0.7;
    const inThreshold = spec.scaleInThreshold ?? 0.4;
    const cooldownMs = spec.cooldownMs ?? 0;
    const costPerHour = spec.costPerInstanceHour ?? 1;
    const sampleService = createSampler(spec.serviceMs, ctx.random("service"));
    const errorStream = ctx.random("errors");
    const downstream = ctx.outgoing;

    // Scheduled floors: [atMs, minInstances], sorted.
    const floors: { atMs: number; min: number }[] = [...(spec.schedule ?? []).map((s) => ({ atMs: s.atMs, min: s.minInstances }))];
    const scheduled = spec.scheduledMinInstances ?? 0;
    if (scheduled > 0 && spec.mode !== "reactive") {
      const lead = spec.mode === "predictive" ? coldStartMs + everyMs : (spec.preScaleLeadMs ?? 0);
      floors.push({ atMs: Math.max(0, (spec.scheduleAtMs ?? 0) - lead), min: scheduled });
    }
    floors.sort((a, b) => a.atMs - b.atMs);
    let floor = minInstances;

    const instances: Instance[] = [];
    const queue = new Fifo<Job>();
    const inService = new Set<Job>();
    const busyTW = new TimeWeighted(ctx.warmupMs);
    const capTW = new TimeWeighted(ctx.warmupMs);
    const allTW = new TimeWeighted(ctx.warmupMs);
    const readyTW = new TimeWeighted(ctx.warmupMs);
    const queueTW = new TimeWeighted(ctx.warmupMs);
    const wait = new RunningMean();
    // Unwarmed integrals for the controller's samples (the monitoring system does not care about warm-up).
    const mBusy = new TimeWeighted(0);
    const mCap = new TimeWeighted(0);
    const mQueue = new TimeWeighted(0);
    const mReady = new TimeWeighted(0);
    const samples: Sample[] = [];
    const recommendations: { tMs: number; desired: number }[] = [];
    let busy = 0;
    let readyCount = 0;
    let drainingCount = 0;
    let startingCount = 0;
    let served = 0;
    let dropped = 0;
    let lost = 0;
    let scaleEvents = 0;
    let scaleOuts = 0;
    let scaleIns = 0;
    let peakInstances = 0;
    let saturatedMs = 0;
    let lastScaleMs = -Infinity;
    let lastMetric = 0;
    let desiredNow = 0;

    const capacityNow = () => (readyCount + drainingCount) * wpi;
    const active = () => readyCount + startingCount; // not draining
    const refreshCounts = () => {
      const now = sim.now;
      busyTW.set(now, busy);
      mBusy.set(now, busy);
      capTW.set(now, capacityNow());
      mCap.set(now, capacityNow());
      allTW.set(now, instances.length);
      readyTW.set(now, readyCount);
      mReady.set(now, readyCount);
      if (instances.length > peakInstances && now >= ctx.warmupMs) peakInstances = instances.length;
    };
    const refreshQueue = () => {
      queueTW.set(sim.now, queue.length);
      mQueue.set(sim.now, queue.length);
    };

    const freeInstance = (): Instance | null => {
      let best: Instance | null = null;
      for (const inst of instances) if (inst.state === "ready" && inst.busy < wpi && (!best || inst.busy < best.busy)) best = inst;
      return best;
    };

    const start = (job: Job, inst: Instance) => {
      inst.busy++;
      busy++;
      job.instance = inst;
      inService.add(job);
      const waited = sim.now - job.arrivedMs;
      if (job.request.counted) wait.record(waited);
      const serviceMs = sampleService() + faults.addMs;
      const spans = job.request.spans;
      if (spans) {
        if (waited > 0) spans.push({ node: spec.id, kind: "queue", startMs: job.arrivedMs, endMs: sim.now });
        spans.push({ node: spec.id, kind: "service", startMs: sim.now, endMs: sim.now + serviceMs });
      }
      sim.schedule(serviceMs, () => finish(job));
    };

    const removeInstance = (inst: Instance) => {
      const i = instances.indexOf(inst);
      if (i >= 0) instances.splice(i, 1);
    };

    const finish = (job: Job) => {
      if (job.void) return;
      inService.delete(job);
      const inst = job.instance!;
      inst.busy--;
      busy--;
      if (job.request.counted) served++;
      if (inst.state === "draining" && inst.busy === 0) {
        removeInstance(inst);
        drainingCount--;
      }
      pump();
      refreshCounts();
      if (faults.errorRate > 0 && errorStream.next() < faults.errorRate) {
        job.reply("error", "injected-error");
        return;
      }
      if (downstream.length === 0) job.reply("ok");
      else forward(job.request, job.reply, 0);
    };

    const forward = (request: Request, reply: Reply, index: number) => {
      ctx.send(downstream[index], request, (outcome, reason) => {
        if (outcome !== "ok" || index === downstream.length - 1) reply(outcome, reason);
        else forward(request, reply, index + 1);
      });
    };

    const pump = () => {
      let changed = false;
      while (queue.length > 0) {
        const inst = freeInstance();
        if (!inst) break;
        start(queue.shift()!, inst);
        changed = true;
      }
      if (changed) refreshQueue();
    };

    // --- the controller ---------------------------------------------------------------------

    const addInstances = (n: number) => {
      for (let i = 0; i < n; i++) {
        const inst: Instance = { state: coldStartMs > 0 ? "starting" : "ready", busy: 0 };
        instances.push(inst);
        if (inst.state === "ready") readyCount++;
        else {
          startingCount++;
          sim.schedule(coldStartMs, () => {
            if (inst.state !== "starting" || !instances.includes(inst)) return;
            inst.state = "ready";
            startingCount--;
            readyCount++;
            if (ctx.tracing) ctx.emit("autoscaler.instance-ready", `${readyCount} ready`);
            pump();
            refreshCounts();
          }, BACKGROUND_PRIORITY);
        }
      }
    };

    const removeInstances = (n: number) => {
      let left = n;
      // Cancel cold starts first (newest first), then idle ready instances, then drain the least busy.
      for (let i = instances.length - 1; i >= 0 && left > 0; i--) {
        if (instances[i].state === "starting") {
          instances.splice(i, 1);
          startingCount--;
          left--;
        }
      }
      while (left > 0) {
        let pick: Instance | null = null;
        for (const inst of instances) if (inst.state === "ready" && (!pick || inst.busy < pick.busy)) pick = inst;
        if (!pick) break;
        readyCount--;
        if (pick.busy === 0) removeInstance(pick);
        else {
          pick.state = "draining";
          drainingCount++;
        }
        left--;
      }
    };

    const scaleTo = (desired: number, why: string) => {
      const current = active();
      if (desired === current) return;
      scaleEvents++;
      lastScaleMs = sim.now;
      if (desired > current) {
        scaleOuts++;
        addInstances(desired - current);
        if (ctx.tracing) ctx.emit("autoscaler.scaled-out", `${current} → ${desired} (${why})`);
      } else {
        scaleIns++;
        removeInstances(current - desired);
        if (ctx.tracing) ctx.emit("autoscaler.scaled-in", `${current} → ${desired} (${why})`);
      }
      desiredNow = desired;
      pump();
      refreshCounts();
    };

    const clamp = (n: number) => Math.min(maxInstances, Math.max(floor, n));

    const observed = (): { metric: number; backlog: number; ready: number } | null => {
      const to = sim.now - delayMs;
      const from = to - windowMs;
      let b = 0;
      let c = 0;
      let q = 0;
      let r = 0;
      let n = 0;
      for (const s of samples) {
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
      return { metric: scaleOn === "cpu" ? util * cpuFraction : util, backlog: r > 0 ? q / r : q, ready: r / (n * SAMPLE_MS) };
    };

    const evaluate = () => {
      sim.schedule(everyMs, evaluate, BACKGROUND_PRIORITY);
      const seen = observed();
      if (!seen) return;
      const current = active();
      // The metric describes the instances it was measured on, not today's: scale from those.
      const ready = Math.max(1, seen.ready);
      let desired = current;
      if (scaleOn === "backlog") {
        lastMetric = seen.backlog;
        const ratio = seen.backlog / backlogTarget;
        if (policy === "step") desired = ratio > 1 ? current + 1 : ratio < inThreshold ? current - 1 : current;
        else desired = Math.abs(ratio - 1) > tolerance ? Math.ceil(ready * ratio) : current;
      } else {
        lastMetric = seen.metric;
        if (policy === "step") desired = seen.metric > outThreshold ? current + 1 : seen.metric < inThreshold ? current - 1 : current;
        else {
          const ratio = seen.metric / target;
          desired = Math.abs(ratio - 1) > tolerance ? Math.ceil(ready * ratio - 1e-9) : current;
        }
      }
      if (policy === "hpa" && desired > current) desired = Math.min(desired, Math.max(2 * current, current + 4));
      desired = clamp(desired);
      // Scale-down stabilisation: never go below the highest recent recommendation.
      recommendations.push({ tMs: sim.now, desired });
      while (recommendations.length > 0 && recommendations[0].tMs < sim.now - stabilizationMs) recommendations.shift();
      if (desired < current) {
        let highest = desired;
        for (const r of recommendations) highest = Math.max(highest, r.desired);
        desired = Math.min(current, highest);
      }
      if (desired === current) return;
      if (sim.now - lastScaleMs < cooldownMs) return;
      scaleTo(desired, `${scaleOn} ${round(lastMetric, 3)}`);
    };

    const sample = () => {
      sim.schedule(SAMPLE_MS, sample, BACKGROUND_PRIORITY);
      const now = sim.now;
      const s: Sample = { tMs: now, busy: mBusy.integral(now), capacity: mCap.integral(now), queue: mQueue.integral(now), ready: mReady.integral(now) };
      const prev = samples.length ? samples[samples.length - 1] : null;
      const raw = { ...s };
      if (prev) {
        s.busy -= prevTotals.busy;
        s.capacity -= prevTotals.capacity;
        s.queue -= prevTotals.queue;
        s.ready -= prevTotals.ready;
      }
      prevTotals = raw;
      samples.push(s);
      const keepFrom = now - delayMs - windowMs - 2 * SAMPLE_MS;
      while (samples.length > 0 && samples[0].tMs < keepFrom) samples.shift();
      if (now > ctx.warmupMs && (s.capacity > 0 ? s.busy / s.capacity >= 0.95 : s.queue > 0)) saturatedMs += Math.min(SAMPLE_MS, now - ctx.warmupMs);
    };
    let prevTotals = { busy: 0, capacity: 0, queue: 0, ready: 0 };

    const node: SimNode & { start(): void } = {
      id: spec.id,
      kind: "autoscaled-pool",
      appliesFaults: true,
      start() {
        const initial = Math.min(maxInstances, Math.max(minInstances, spec.initialInstances ?? minInstances));
        for (let i = 0; i < initial; i++) instances.push({ state: "ready", busy: 0 });
        readyCount = initial;
        desiredNow = initial;
        refreshCounts();
        sim.schedule(SAMPLE_MS, sample, BACKGROUND_PRIORITY);
        sim.schedule(everyMs, evaluate, BACKGROUND_PRIORITY);
        for (const f of floors) {
          sim.scheduleAt(f.atMs, () => {
            floor = Math.max(minInstances, f.min);
            if (active() < floor) scaleTo(floor, "schedule");
          }, BACKGROUND_PRIORITY);
        }
      },
      receive(request, reply) {
        const job: Job = { request, reply, arrivedMs: sim.now, void: false, instance: null };
        const inst = queue.length === 0 ? freeInstance() : null;
        if (inst) {
          start(job, inst);
          refreshCounts();
        } else if (queue.length < capacity) {
          queue.push(job);
          refreshQueue();
        } else {
          if (request.counted) dropped++;
          if (ctx.tracing) ctx.emit("request.dropped", "queue full", request.id);
          request.spans?.push({ node: spec.id, kind: "rejected", startMs: sim.now, endMs: sim.now, outcome: "dropped", detail: "queue full" });
          reply("dropped", "queue-full");
        }
      },
      load: () => busy + queue.length,
      crash() {
        const victims = [...inService, ...queue.drain()];
        inService.clear();
        for (const inst of instances) inst.busy = 0;
        busy = 0;
        refreshCounts();
        refreshQueue();
        for (const job of victims) {
          job.void = true;
          if (job.request.counted) lost++;
          job.reply("error", "crashed");
        }
      },
      recover() {},
      metrics(endMs) {
        const measuredMs = Math.max(0, endMs - ctx.warmupMs);
        const instanceHours = allTW.integral(endMs) / 3_600_000;
        const capArea = capTW.integral(endMs);
        return {
          served,
          dropped,
          lost,
          utilization: round(capArea > 0 ? busyTW.integral(endMs) / capArea : 0),
          meanQueueLength: round(queueTW.average(endMs)),
          meanWaitMs: round(wait.mean),
          finalInstances: active(),
          peakInstances,
          meanInstances: round(measuredMs > 0 ? allTW.integral(endMs) / measuredMs : 0, 3),
          meanReadyInstances: round(readyTW.average(endMs), 3),
          scaleEvents,
          scaleOuts,
          scaleIns,
          instanceHours: round(instanceHours, 4),
          cost: round(instanceHours * costPerHour, 4),
          saturatedMs: round(saturatedMs, 3),
        };
      },
      gauges: () => ({
        replicas: instances.length,
        readyReplicas: readyCount,
        desiredReplicas: desiredNow,
        busy,
        workers: readyCount * wpi,
        queue: queue.length,
        capacity: capacity === Infinity ? -1 : capacity,
        metric: round(lastMetric, 4),
        crashed: faults.crashed,
      }),
    };
    return node;
  },
};
