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
 * Invariants (checked in tests): busy ≤ workers; waiting ≤ queueCapacity; every received request is
 * answered once, unless lost to a crash-free partition downstream.
 */
import { createSampler } from "../../engine/distributions";
import { TimeWeighted, RunningMean } from "../../engine/stats";
import { distSchema, kebabId } from "../../scenario/common";
import { literal, nullable, number, object, type Infer } from "../../scenario/schema-builder";
import type { EdgeRuntime, NodeKind, Reply, Request, SimNode } from "../../runtime/model";
import { Fifo, round } from "../shared";

export const serverSchema = object(
  {
    id: kebabId(),
    kind: literal("server"),
    workers: number({ integer: true, above: 0, max: 100_000, title: "Workers", unit: "workers", uiMin: 1, uiMax: 64 }),
    serviceMs: distSchema,
    queueCapacity: nullable(number({ integer: true, min: 0, max: 10_000_000, title: "Waiting room", unit: "requests", uiMin: 0, uiMax: 1000 })),
  },
  { optional: ["queueCapacity"], name: "a server node" },
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
}

export const serverKind: NodeKind<ServerSpec> = {
  kind: "server",
  create(spec, ctx) {
    const { sim, faults } = ctx;
    const workers = spec.workers;
    const capacity = spec.queueCapacity ?? Infinity;
    const sampleService = createSampler(spec.serviceMs, ctx.random("service"));
    const errorStream = ctx.random("errors");
    const waiting = new Fifo<Job>();
    const inService: Job[] = [];
    const addInService = (job: Job) => {
      job.slot = inService.length;
      inService.push(job);
    };
    const removeInService = (job: Job) => {
      const last = inService.pop()!;
      if (last !== job) {
        inService[job.slot] = last;
        last.slot = job.slot;
      }
    };
    const queueLength = new TimeWeighted(ctx.warmupMs);
    const busy = new TimeWeighted(ctx.warmupMs);
    const wait = new RunningMean();
    const downstream: readonly EdgeRuntime[] = ctx.outgoing;
    let served = 0;
    let dropped = 0;
    let lost = 0;

    const start = (job: Job) => {
      addInService(job);
      busy.set(sim.now, inService.length);
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
      removeInService(job);
      if (job.request.counted) served++;
      const next = waiting.shift();
      if (next) {
        queueLength.set(sim.now, waiting.length);
        start(next);
      } else {
        busy.set(sim.now, inService.length);
      }
      if (faults.errorRate > 0 && errorStream.next() < faults.errorRate) {
        job.reply("error", "injected-error");
        return;
      }
      if (downstream.length === 0) job.reply("ok");
      else forward(job.request, job.reply, 0);
    };

    // Pipeline: visit each outgoing edge in order after service; the first failure answers.
    const forward = (request: Request, reply: Reply, index: number) => {
      ctx.send(downstream[index], request, (outcome, reason) => {
        if (outcome !== "ok" || index === downstream.length - 1) reply(outcome, reason);
        else forward(request, reply, index + 1);
      });
    };

    const node: SimNode = {
      id: spec.id,
      kind: "server",
      appliesFaults: true,
      receive(request, reply) {
        const job: Job = { request, reply, arrivedMs: sim.now, void: false, slot: -1 };
        if (inService.length < workers) {
          start(job);
        } else if (waiting.length < capacity) {
          waiting.push(job);
          queueLength.set(sim.now, waiting.length);
        } else {
          if (request.counted) dropped++;
          if (ctx.tracing) ctx.emit("request.dropped", "queue full", request.id);
          request.spans?.push({ node: spec.id, kind: "rejected", startMs: sim.now, endMs: sim.now, outcome: "dropped", detail: "queue full" });
          reply("dropped", "queue-full");
        }
      },
      load: () => inService.length + waiting.length,
      crash() {
        const victims = [...inService, ...waiting.drain()];
        inService.length = 0;
        busy.set(sim.now, 0);
        queueLength.set(sim.now, 0);
        for (const job of victims) {
          job.void = true;
          if (job.request.counted) lost++;
          job.request.spans?.push({ node: spec.id, kind: "lost", startMs: sim.now, endMs: sim.now, outcome: "error", detail: "server crashed" });
          job.reply("error", "crashed");
        }
      },
      recover() {},
      metrics(endMs) {
        const measuredMs = endMs - ctx.warmupMs;
        return {
          served,
          dropped,
          lost,
          utilization: round(measuredMs > 0 ? busy.integral(endMs) / (workers * measuredMs) : 0),
          meanQueueLength: round(queueLength.average(endMs)),
          meanWaitMs: round(wait.mean),
        };
      },
      gauges: () => ({ busy: inService.length, workers, queue: waiting.length, capacity: capacity === Infinity ? -1 : capacity, crashed: faults.crashed }),
    };
    return node;
  },
};
