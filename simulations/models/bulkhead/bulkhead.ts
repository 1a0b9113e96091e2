/**
 * Bulkhead: a watertight compartment around one dependency. It caps how much of the caller's capacity
 * calls to that dependency can hold, so that when the dependency slows down it fills its own
 * compartment and no more (Little's law: busy = call rate × call duration, and a 50× slower dependency
 * wants 50× the workers).
 *
 * A zero-time node between a caller and one callee (one outgoing edge). Two kinds, as in Resilience4j:
 * - `semaphore`: `maxConcurrent` permits; the call runs on the caller's own worker if a permit is free,
 *   otherwise it waits up to `maxWaitMs` for one (0 = refuse at once). Cheap, but cannot walk away
 *   from a hung call: pair it with a timeout.
 * - `pool`: the call is handed to one of `maxConcurrent` pool threads with a FIFO queue of
 *   `queueCapacity`; the caller waits at most `timeoutMs` (its worker is freed then, answered
 *   `bulkhead-timeout`), while the pool thread stays busy until the call really ends. Calls still
 *   queued when their caller gives up are cancelled, never started.
 * A refused or timed-out call fails (`dropped` with reason `bulkhead-full`, or `error`
 * `bulkhead-timeout`), or with `fallback: "default"` is answered successfully but degraded after
 * `fallbackMs` (the product page without its recommendations row). `partitionBy` splits the
 * compartment per source or per priority class (each class gets its own `maxConcurrent`).
 *
 * Invariant: in use ≤ maxConcurrent in every compartment; each call is answered exactly once.
 */
import { RunningMean, TimeWeighted } from "../../engine/stats";
import { kebabId } from "../../kernel/schema-common";
import { literal, nullable, number, object, oneOf, type Infer } from "../../kernel/schema-builder";
import type { NodeKind, Reply, Request, SimNode } from "../../kernel/model";
import { defineKind } from "../../kernel/kind";
import { Fifo, round } from "../shared";
import { DEGRADED } from "../shedding/priority";

export const bulkheadSchema = object(
  {
    id: kebabId(),
    kind: literal("bulkhead"),
    mode: oneOf(["semaphore", "pool"] as const, { title: "Bulkhead kind", default: "semaphore" }),
    maxConcurrent: nullable(number({ integer: true, above: 0, max: 1_000_000, title: "Max concurrent calls", unit: "calls", uiMin: 1, uiMax: 100 })),
    maxWaitMs: number({ min: 0, max: 600_000, title: "Max wait for a permit", unit: "ms", uiMin: 0, uiMax: 2000, default: 0 }),
    queueCapacity: number({ integer: true, min: 0, max: 10_000_000, title: "Pool queue", unit: "calls", uiMin: 0, uiMax: 500, default: 50 }),
    timeoutMs: nullable(number({ above: 0, max: 600_000, title: "Caller timeout (pool)", unit: "ms", uiMin: 10, uiMax: 5000 })),
    fallback: oneOf(["none", "default"] as const, { title: "Fallback", default: "none" }),
    fallbackMs: number({ min: 0, max: 60_000, title: "Fallback time", unit: "ms", uiMin: 0, uiMax: 100, default: 1 }),
    partitionBy: oneOf(["none", "source", "priority"] as const, { title: "One compartment per", default: "none" }),
  },
  { optional: ["mode", "maxConcurrent", "maxWaitMs", "queueCapacity", "timeoutMs", "fallback", "fallbackMs", "partitionBy"], name: "a bulkhead node" },
);
export type BulkheadSpec = Infer<typeof bulkheadSchema>;

interface Call {
  request: Request;
  reply: Reply;
  arrivedMs: number;
  /** The caller has its answer (or gave up): nothing more is sent back. */
  answered: boolean;
  /** Still waiting for a permit or a thread. */
  waiting: boolean;
}

interface Compartment {
  inUse: number;
  queue: Fifo<Call>;
  queued: number;
}

export const bulkheadKind: NodeKind<BulkheadSpec> = {
  kind: "bulkhead",
  create(spec, ctx) {
    const { sim } = ctx;
    const pool = (spec.mode ?? "semaphore") === "pool";
    const max = spec.maxConcurrent ?? Infinity;
    const maxWaitMs = spec.maxWaitMs ?? 0;
    const queueCapacity = pool ? (spec.queueCapacity ?? 50) : Infinity;
    const timeoutMs = pool ? (spec.timeoutMs ?? null) : null;
    const fallback = (spec.fallback ?? "none") === "default";
    const fallbackMs = spec.fallbackMs ?? 1;
    const partitionBy = spec.partitionBy ?? "none";
    const edge = ctx.outgoing[0];
    const compartments = new Map<unknown, Compartment>();
    const inUseAll = new TimeWeighted(ctx.warmupMs);
    let admitted = 0;
    let rejected = 0;
    let timeouts = 0;
    let fallbacks = 0;
    let cancelled = 0;
    let maxInUse = 0;
    let totalInUse = 0;
    let totalWaiting = 0;
    const wait = new RunningMean();

    const compartmentOf = (request: Request): Compartment => {
      const key = partitionBy === "none" ? 0 : partitionBy === "source" ? request.sourceId : request.priority;
      let c = compartments.get(key);
      if (!c) {
        c = { inUse: 0, queue: new Fifo<Call>(), queued: 0 };
        compartments.set(key, c);
      }
      return c;
    };

    const refuse = (call: Call, outcome: "dropped" | "error", reason: string) => {
      call.answered = true;
      const r = call.request;
      if (fallback) {
        if (r.counted) fallbacks++;
        r.spans?.push({ node: spec.id, kind: "fallback", startMs: sim.now, endMs: sim.now + fallbackMs, detail: reason });
        if (fallbackMs > 0) sim.schedule(fallbackMs, () => call.reply("ok", DEGRADED));
        else call.reply("ok", DEGRADED);
        return;
      }
      r.spans?.push({ node: spec.id, kind: "rejected", startMs: sim.now, endMs: sim.now, outcome, detail: reason });
      call.reply(outcome, reason);
    };

    const run = (c: Compartment, call: Call) => {
      call.waiting = false;
      c.inUse++;
      totalInUse++;
      inUseAll.set(sim.now, totalInUse);
      if (c.inUse > maxInUse) maxInUse = c.inUse;
      const r = call.request;
      if (r.counted) {
        admitted++;
        wait.record(sim.now - call.arrivedMs);
      }
      if (sim.now > call.arrivedMs) r.spans?.push({ node: spec.id, kind: "queue", startMs: call.arrivedMs, endMs: sim.now, detail: "bulkhead" });
      ctx.send(edge, r, (outcome, reason) => {
        c.inUse--;
        totalInUse--;
        inUseAll.set(sim.now, totalInUse);
        next(c);
        if (!call.answered) {
          call.answered = true;
          call.reply(outcome, reason);
        }
      });
    };

    const next = (c: Compartment) => {
      while (c.inUse < max && c.queue.length > 0) {
        const call = c.queue.shift()!;
        c.queued--;
        totalWaiting--;
        if (!call.waiting) continue; // gave up while queued: cancelled, never started
        run(c, call);
      }
    };

    const node: SimNode = {
      id: spec.id,
      kind: "bulkhead",
      receive(request, reply) {
        const c = compartmentOf(request);
        const call: Call = { request, reply, arrivedMs: sim.now, answered: false, waiting: true };
        if (timeoutMs !== null) {
          sim.schedule(timeoutMs, () => {
            if (call.answered) return;
            if (request.counted) timeouts++;
            if (call.waiting) {
              call.waiting = false;
              if (request.counted) cancelled++;
            }
            if (ctx.tracing) ctx.emit("bulkhead.timed-out", undefined, request.id);
            refuse(call, "error", "bulkhead-timeout");
          });
        }
        if (c.inUse < max && c.queue.length === 0) {
          run(c, call);
          return;
        }
        const mayWait = pool ? c.queued < queueCapacity : maxWaitMs > 0;
        if (!mayWait) {
          if (request.counted) rejected++;
          if (ctx.tracing) ctx.emit("bulkhead.rejected", undefined, request.id);
          call.waiting = false;
          refuse(call, "dropped", "bulkhead-full");
          return;
        }
        c.queue.push(call);
        c.queued++;
        totalWaiting++;
        if (!pool) {
          sim.schedule(maxWaitMs, () => {
            if (!call.waiting) return;
            call.waiting = false;
            if (request.counted) rejected++;
            if (ctx.tracing) ctx.emit("bulkhead.rejected", "no permit in time", request.id);
            refuse(call, "dropped", "bulkhead-full");
          });
        }
      },
      load: () => totalInUse + totalWaiting,
      crash() {
        for (const c of compartments.values()) {
          for (const call of c.queue.drain()) {
            if (!call.waiting || call.answered) continue;
            call.waiting = false;
            call.answered = true;
            call.reply("error", "crashed");
          }
          totalWaiting -= c.queued;
          c.queued = 0;
        }
      },
      recover() {},
      metrics(endMs) {
        return {
          admitted,
          rejected,
          timeouts,
          fallbacks,
          cancelled,
          maxInUse,
          meanInUse: round(inUseAll.average(endMs)),
          meanWaitMs: round(wait.mean),
        };
      },
      gauges: () => ({ inUse: totalInUse, waiting: totalWaiting, maxConcurrent: max === Infinity ? -1 : max }),
    };
    return node;
  },
};

/** The bulkhead kind, defined once: schema, model, edge rules, metrics, gauges, records. */
export const bulkheadDefinition = defineKind({
  kind: "bulkhead",
  title: "Bulkhead",
  summary: "Caps concurrent calls to one dependency (semaphore or thread pool), with an optional fallback.",
  schema: bulkheadSchema,
  model: bulkheadKind,
  outgoing: { min: 1, max: 1 },
  acceptsIncoming: true,
  metrics: {
    admitted: { title: "Requests admitted", of: "requests" },
    rejected: { title: "Rejected", of: "requests" },
    timeouts: { title: "Timeouts" },
    fallbacks: { title: "Fallback answers served" },
    cancelled: { title: "Calls cancelled", of: "calls" },
    maxInUse: { title: "Most slots in use" },
    meanInUse: { title: "Mean slots in use" },
    meanWaitMs: { title: "Mean wait in the queue", unit: "ms" },
  },
  gauges: {
    inUse: { title: "Slots in use", role: "busy" },
    waiting: { title: "Waiting", role: "queue" },
    maxConcurrent: { title: "Slots (-1: unlimited)", role: "capacity" },
  },
  records: {
    "bulkhead.rejected": { meaning: "a call found the compartment full (or got no permit in time) and was refused" },
    "bulkhead.timed-out": { meaning: "the caller stopped waiting for a pooled call; the thread stays busy until it ends" },
  },
});
