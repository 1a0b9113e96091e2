/**
 * Server: a pool of identical workers in front of a FIFO waiting room (the c and K of M/M/c/K).
 *
 * Up to `workers` requests are served at once; later arrivals wait in order. `queueCapacity` counts
 * waiting places only: when they are all taken an arrival is dropped at once (a 503 in real life),
 * `0` means no waiting room and absent/null means unbounded. Service time is drawn per request from
 * `serviceMs`. A server with no outgoing edges answers after its service time; with outgoing edges it
 * passes the request on after service and frees the worker (a pipeline stage: tandem queues), then
 * relays the downstream answer back. A latency fault adds to every service time (the worker is held
 * longer, as with a slow disk or a GC pause); a crash loses waiting and in-service work.
 *
 * The workers and the waiting room are a kernel {@link Resource} (busy ≤ workers, waiting ≤
 * queueCapacity, time-weighted busy and queue); every received request is answered once, unless lost
 * to a crash-free partition downstream.
 *
 * Extensions (model library, see calls.ts and ../resilience/): `calls` makes the server call its
 * dependencies after its own service while holding the worker; `idempotent` / `dedupeWindowMs` say
 * how it treats repeated attempts of one operation. A request whose propagated deadline has passed
 * or whose caller cancelled it is skipped when it would start service (`expired`), and work finished
 * for a caller that already gave up is counted as `wasted`.
 */
import { createSampler } from "../../engine/distributions";
import { RunningMean } from "../../engine/stats";
import { Resource, WarmCounter } from "../../kernel/resource";
import { distSchema, kebabId } from "../../kernel/schema-common";
import { boolean, literal, nullable, number, object, type Infer } from "../../kernel/schema-builder";
import { isExpired, isOrphaned, type EdgeRuntime, type ModelContext, type NodeKind, type Reply, type Request, type SimNode } from "../../kernel/model";
import { defineKind } from "../../kernel/kind";
import { round } from "../shared";
import { callsSchema, createCallRunner } from "./calls";
import { ExecutionRecord } from "../resilience/idempotency";

export const serverSchema = object(
  {
    id: kebabId(),
    kind: literal("server"),
    workers: number({ integer: true, above: 0, max: 100_000, title: "Workers", unit: "workers", uiMin: 1, uiMax: 64 }),
    serviceMs: distSchema,
    queueCapacity: nullable(number({ integer: true, min: 0, max: 10_000_000, title: "Waiting room", unit: "requests", uiMin: 0, uiMax: 1000 })),
    // Extensions (model library): service calls and idempotency.
    calls: callsSchema,
    idempotent: boolean({ title: "Idempotent operation", description: "Default false. Repeats cause no duplicate side effect." }),
    dedupeWindowMs: nullable(number({ above: 0, max: 1e9, title: "Dedupe window", unit: "ms", description: "Remember completed idempotency keys this long and answer repeats without executing them" })),
  },
  { optional: ["queueCapacity", "calls", "idempotent", "dedupeWindowMs"], name: "a server node" },
);
export type ServerSpec = Infer<typeof serverSchema>;

interface Job {
  request: Request;
  reply: Reply;
  arrivedMs: number;
  /** Set when a crash voids the job, so its completion event does nothing. */
  void: boolean;
  /** Position in the in-service list (swap-remove keeps removal O(1)). */
  slot: number;
  /** When service started (for wasted-work accounting). */
  startedMs: number;
}

/** Pipeline: visits each outgoing edge in order after service; the first failure answers. */
function forwardAlong(ctx: ModelContext, edges: readonly EdgeRuntime[], request: Request, reply: Reply, index: number): void {
  ctx.send(edges[index], request, (outcome, reason) => {
    if (outcome !== "ok" || index === edges.length - 1) reply(outcome, reason);
    else forwardAlong(ctx, edges, request, reply, index + 1);
  });
}

export const serverKind: NodeKind<ServerSpec> = {
  kind: "server",
  create(spec, ctx) {
    const { sim, faults } = ctx;
    const workers = spec.workers;
    const capacity = spec.queueCapacity ?? Infinity;
    const sampleService = createSampler(spec.serviceMs, ctx.random("service"));
    const errorStream = ctx.random("errors");
    const pool = new Resource<Job>(workers, capacity, ctx.warmupMs);
    const wait = new RunningMean();
    const downstream: readonly EdgeRuntime[] = ctx.outgoing;
    // Counts of requests that arrived after warm-up.
    const served = new WarmCounter();
    const dropped = new WarmCounter();
    const lost = new WarmCounter();
    const received = new WarmCounter();
    const expired = new WarmCounter();
    const deduplicated = new WarmCounter();
    let wasted = 0;
    let wastedWorkMs = 0;
    const runCalls = spec.calls ? createCallRunner(spec.calls, ctx) : null;
    const record = new ExecutionRecord(spec);

    /** Skips work nobody waits for any more (propagated deadline passed, or cancelled). */
    const skipExpired = (job: Job): boolean => {
      const request = job.request;
      if (request.attempt === undefined && request.deadlineAtMs === undefined) return false;
      if (!isExpired(request, sim.now)) return false;
      expired.add(request);
      request.spans?.push({ node: spec.id, kind: "rejected", startMs: job.arrivedMs, endMs: sim.now, outcome: "error", detail: "deadline passed" });
      if (ctx.tracing) ctx.emit("request.expired", undefined, request.id);
      job.reply("error", "deadline-exceeded");
      return true;
    };

    /** Starts the next waiting job that is still wanted, if any. */
    const startNext = () => {
      // Re-checks the free worker each time: a skipped job's answer may have re-entered receive().
      while (pool.hasFreeWorker) {
        const next = pool.takeNext(sim.now);
        if (!next) break;
        if (skipExpired(next)) continue;
        start(next);
        return;
      }
      pool.settle(sim.now);
    };

    /** Frees the job's worker and gives it to the next waiting job. */
    const release = (job: Job) => {
      pool.finish(job);
      startNext();
    };

    const start = (job: Job) => {
      job.startedMs = sim.now;
      pool.start(sim.now, job);
      const waitedMs = sim.now - job.arrivedMs;
      if (job.request.counted) wait.record(waitedMs);
      const spans = job.request.spans;
      const serviceMs = sampleService() + faults.addMs;
      if (spans) {
        if (waitedMs > 0) spans.push({ node: spec.id, kind: "queue", startMs: job.arrivedMs, endMs: sim.now });
        spans.push({ node: spec.id, kind: "service", startMs: sim.now, endMs: sim.now + serviceMs });
      }
      sim.schedule(serviceMs, () => finish(job));
    };

    const finish = (job: Job) => {
      if (job.void) return;
      const request = job.request;
      served.add(request);
      if (request.attempt !== undefined && request.counted && isOrphaned(request)) {
        wasted++;
        wastedWorkMs += sim.now - job.startedMs;
      }
      if (runCalls === null) release(job);
      if (faults.errorRate > 0 && errorStream.next() < faults.errorRate) {
        if (runCalls !== null) release(job);
        job.reply("error", "injected-error");
        return;
      }
      if (request.idempotencyKey !== undefined) record.noteExecution(request.idempotencyKey, request.counted, sim.now);
      if (runCalls !== null) {
        // Hold the worker while the dependencies answer.
        const callStartMs = sim.now;
        runCalls(request, () => job.void, (outcome, reason) => {
          request.spans?.push({ node: spec.id, kind: "waiting", startMs: callStartMs, endMs: sim.now, outcome, detail: "worker held during calls" });
          release(job);
          job.reply(outcome, reason);
        });
        return;
      }
      if (downstream.length === 0) job.reply("ok");
      else forwardAlong(ctx, downstream, request, job.reply, 0);
    };

    const node: SimNode = {
      id: spec.id,
      kind: "server",
      appliesFaults: true,
      receive(request, reply) {
        received.add(request);
        if (record.isKnownRepeat(request.idempotencyKey, sim.now)) {
          // A repeat of an operation already done: answer from the record, do not execute again.
          deduplicated.add(request);
          request.spans?.push({ node: spec.id, kind: "hit", startMs: sim.now, endMs: sim.now, outcome: "ok", detail: "deduplicated" });
          reply("ok", "deduplicated");
          return;
        }
        const job: Job = { request, reply, arrivedMs: sim.now, void: false, slot: -1, startedMs: 0 };
        if (pool.hasFreeWorker) {
          if (skipExpired(job)) return;
          start(job);
        } else if (pool.hasRoom) {
          pool.enqueue(sim.now, job);
        } else {
          dropped.add(request);
          if (ctx.tracing) ctx.emit("request.dropped", "queue full", request.id);
          request.spans?.push({ node: spec.id, kind: "rejected", startMs: sim.now, endMs: sim.now, outcome: "dropped", detail: "queue full" });
          reply("dropped", "queue-full");
        }
      },
      load: () => pool.busy + pool.waiting,
      crash() {
        const victims = pool.clear(sim.now);
        for (const job of victims) {
          job.void = true;
          lost.add(job.request);
          job.request.spans?.push({ node: spec.id, kind: "lost", startMs: sim.now, endMs: sim.now, outcome: "error", detail: "server crashed" });
          job.reply("error", "crashed");
        }
      },
      recover() {},
      metrics(endMs) {
        return {
          served: served.value,
          dropped: dropped.value,
          lost: lost.value,
          utilization: round(pool.utilization(endMs, ctx.warmupMs)),
          meanQueueLength: round(pool.meanQueueLength(endMs)),
          meanWaitMs: round(wait.mean),
          received: received.value,
          amplification: round(ctx.ledger.arrived > 0 ? received.value / ctx.ledger.arrived : 0, 4),
          wasted,
          wastedWorkMs: round(wastedWorkMs, 3),
          expired: expired.value,
          duplicateSideEffects: record.duplicateSideEffects,
          deduplicated: deduplicated.value,
        };
      },
      gauges: () => ({ busy: pool.busy, workers, queue: pool.waiting, capacity: capacity === Infinity ? -1 : capacity, crashed: faults.crashed }),
    };
    return node;
  },
};

/** The server kind, defined once: schema, model, edge rules, metrics, gauges, records. */
export const serverDefinition = defineKind({
  kind: "server",
  title: "Server",
  summary: "Workers and a FIFO waiting room; serves each request for a sampled time.",
  schema: serverSchema,
  model: serverKind,
  outgoing: { min: 0, max: 16 },
  acceptsIncoming: true,
  template: { workers: 2, serviceMs: { dist: "exponential", meanMs: 20 }, queueCapacity: 50 },
  metrics: {
    served: { title: "Requests served", of: "requests" },
    dropped: { title: "Dropped", of: "requests" },
    lost: { title: "Lost", of: "requests" },
    utilization: { title: "Utilization", unit: "ratio" },
    meanQueueLength: { title: "Mean queue length", of: "requests" },
    meanWaitMs: { title: "Mean wait in the queue", unit: "ms" },
    received: { title: "Calls received", of: "calls" },
    amplification: { title: "Work amplification" },
    wasted: { title: "Requests finished after the caller left", of: "requests" },
    wastedWorkMs: { title: "Wasted work", unit: "ms" },
    expired: { title: "Requests expired while waiting", of: "requests" },
    duplicateSideEffects: { title: "Side effects applied twice" },
    deduplicated: { title: "Duplicates recognised" },
  },
  gauges: {
    busy: { title: "Busy workers", role: "busy" },
    workers: { title: "Workers", role: "capacity" },
    queue: { title: "Waiting", role: "queue" },
    capacity: { title: "Waiting room (-1: unbounded)", role: "queue-capacity" },
    crashed: { title: "Crashed", role: "flag" },
  },
  records: {
    "request.dropped": { meaning: "an arrival found the waiting room full and was refused" },
    "request.expired": { meaning: "a request's deadline passed (or its caller cancelled) before service started" },
  },
});
