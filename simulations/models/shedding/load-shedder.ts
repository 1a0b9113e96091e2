/**
 * Load shedder: admission control in front of one server. When more work arrives than the server can
 * finish, something gives; without a plan it is latency (a queue that only grows). The shedder decides
 * which work to refuse, refuses it early and cheaply (answered `dropped`, reason `shed`), and serves
 * the rest well.
 *
 * It owns the waiting line: at most `maxInFlight` requests are inside the server at once (by default
 * the server's worker count, so the server's own queue stays empty); the rest wait here, where their
 * queueing time is known exactly. Policies:
 * - `none`: admit everything (a plain queue, bounded by `queueCapacity`).
 * - `priority`: refuse an arrival while the current queueing delay (the age of the oldest waiting
 *   request) exceeds its class's limit: `criticalMaxWaitMs` for critical requests,
 *   `sheddableMaxWaitMs` for sheddable ones (sheddable-plus: halfway). A full queue pushes out the
 *   newest request of the least critical class before refusing a more critical arrival.
 * - `queue-time`: CoDel as Facebook applied it ("Fail at Scale"): if the queue has not been empty in
 *   the last `intervalMs`, a request may wait at most `targetMs`, otherwise at most `intervalMs`; a
 *   request over its limit is shed when it reaches the head of the line (`expired`).
 * - `priority-queue-time`: both.
 * `maxInFlight` alone with `queueCapacity` 0 is concurrency-based admission (a concurrency limit).
 */
import { RunningMean, TimeWeighted } from "../../engine/stats";
import { kebabId } from "../../kernel/schema-common";
import { literal, nullable, number, object, oneOf, type Infer } from "../../kernel/schema-builder";
import type { NodeKind, Reply, Request, SimNode } from "../../kernel/model";
import { defineKind } from "../../kernel/kind";
import { Fifo, round } from "../shared";
import { PRIORITY_NAMES } from "./priority";

export const loadShedderSchema = object(
  {
    id: kebabId(),
    kind: literal("load-shedder"),
    policy: oneOf(["none", "priority", "queue-time", "priority-queue-time"] as const, { title: "Shedding policy", default: "none" }),
    maxInFlight: nullable(number({ integer: true, above: 0, max: 1_000_000, title: "Max in flight", unit: "requests", uiMin: 1, uiMax: 200 })),
    queueCapacity: nullable(number({ integer: true, min: 0, max: 10_000_000, title: "Waiting room", unit: "requests", uiMin: 0, uiMax: 2000 })),
    sheddableMaxWaitMs: number({ min: 0, max: 600_000, title: "Sheddable: max queueing delay", unit: "ms", uiMin: 0, uiMax: 1000, default: 50 }),
    criticalMaxWaitMs: number({ min: 0, max: 600_000, title: "Critical: max queueing delay", unit: "ms", uiMin: 0, uiMax: 5000, default: 500 }),
    targetMs: number({ min: 0, max: 600_000, title: "CoDel target", unit: "ms", uiMin: 1, uiMax: 200, default: 5 }),
    intervalMs: number({ above: 0, max: 600_000, title: "CoDel interval", unit: "ms", uiMin: 10, uiMax: 1000, default: 100 }),
  },
  { optional: ["policy", "maxInFlight", "queueCapacity", "sheddableMaxWaitMs", "criticalMaxWaitMs", "targetMs", "intervalMs"], name: "a load-shedder node" },
);
export type LoadShedderSpec = Infer<typeof loadShedderSchema>;

interface Waiting {
  request: Request;
  reply: Reply;
  arrivedMs: number;
  /** Pushed out of the queue after it was enqueued. */
  gone: boolean;
}

export const loadShedderKind: NodeKind<LoadShedderSpec> = {
  kind: "load-shedder",
  create(spec, ctx) {
    const { sim } = ctx;
    const policy = spec.policy ?? "none";
    const byPriority = policy === "priority" || policy === "priority-queue-time";
    const codel = policy === "queue-time" || policy === "priority-queue-time";
    const capacity = spec.queueCapacity ?? Infinity;
    const critical = spec.criticalMaxWaitMs ?? 500;
    const sheddable = spec.sheddableMaxWaitMs ?? 50;
    const limits = [critical, (critical + sheddable) / 2, sheddable];
    const targetMs = spec.targetMs ?? 5;
    const intervalMs = spec.intervalMs ?? 100;
    const edge = ctx.outgoing[0];
    let maxInFlight = spec.maxInFlight ?? Infinity;
    const queue = new Fifo<Waiting>();
    let waiting = 0;
    const perRank = [0, 0, 0];
    let inFlight = 0;
    let lastEmptyMs = 0;
    let admitted = 0;
    let shed = 0;
    let expired = 0;
    let pushedOut = 0;
    const shedByClass = [0, 0, 0];
    const queueLength = new TimeWeighted(ctx.warmupMs);
    const wait = new RunningMean();

    const rankOf = (r: Request) => Math.min(2, Math.max(0, r.priority | 0));

    const refuse = (request: Request, reply: Reply, reason: string) => {
      if (request.counted) {
        shed++;
        shedByClass[rankOf(request)]++;
      }
      if (ctx.tracing) ctx.emit("request.shed", reason, request.id);
      request.spans?.push({ node: spec.id, kind: "rejected", startMs: sim.now, endMs: sim.now, outcome: "dropped", detail: reason });
      reply("dropped", "shed");
    };

    const dispatch = () => {
      while (inFlight < maxInFlight && waiting > 0) {
        const w = queue.shift()!;
        if (w.gone) continue;
        waiting--;
        perRank[rankOf(w.request)]--;
        queueLength.set(sim.now, waiting);
        if (waiting === 0) lastEmptyMs = sim.now;
        const waited = sim.now - w.arrivedMs;
        if (codel) {
          const limit = sim.now - lastEmptyMs > intervalMs ? targetMs : intervalMs;
          if (waited > limit) {
            if (w.request.counted) expired++;
            refuse(w.request, w.reply, "queue time over limit");
            continue;
          }
        }
        send(w.request, w.reply, w.arrivedMs);
      }
    };

    const send = (request: Request, reply: Reply, arrivedMs: number) => {
      inFlight++;
      if (request.counted) {
        admitted++;
        wait.record(sim.now - arrivedMs);
      }
      if (sim.now > arrivedMs) request.spans?.push({ node: spec.id, kind: "queue", startMs: arrivedMs, endMs: sim.now, detail: "admission queue" });
      ctx.send(edge, request, (outcome, reason) => {
        inFlight--;
        dispatch();
        reply(outcome, reason);
      });
    };

    const node: SimNode & { start(): void } = {
      id: spec.id,
      kind: "load-shedder",
      start() {
        if (spec.maxInFlight == null) {
          const workers = ctx.peer(edge.to).gauges().workers;
          maxInFlight = typeof workers === "number" && workers > 0 ? workers : Infinity;
        }
      },
      receive(request, reply) {
        const now = sim.now;
        if (waiting === 0 && inFlight < maxInFlight) {
          lastEmptyMs = now;
          send(request, reply, now);
          return;
        }
        const rank = rankOf(request);
        if (byPriority && waiting > 0) {
          let head = queue.peek();
          while (head && head.gone) {
            queue.shift();
            head = queue.peek();
          }
          const delay = head ? now - head.arrivedMs : 0;
          if (delay > limits[rank]) {
            refuse(request, reply, `${PRIORITY_NAMES[rank]}: queueing delay ${Math.round(delay)} ms`);
            return;
          }
        }
        if (waiting >= capacity) {
          // Push out the newest request of a less critical class, if there is one.
          let victim: Waiting | null = null;
          if (byPriority && perRank[2] + perRank[1] > 0 && rank < 2) {
            for (const w of queue) if (!w.gone && rankOf(w.request) > rank && (!victim || rankOf(w.request) >= rankOf(victim.request))) victim = w;
          }
          if (!victim) {
            refuse(request, reply, "queue full");
            return;
          }
          victim.gone = true;
          waiting--;
          perRank[rankOf(victim.request)]--;
          if (victim.request.counted) pushedOut++;
          refuse(victim.request, victim.reply, "pushed out by a more critical request");
        }
        queue.push({ request, reply, arrivedMs: now, gone: false });
        waiting++;
        perRank[rank]++;
        queueLength.set(now, waiting);
      },
      load: () => waiting + inFlight,
      crash() {
        for (const w of queue.drain()) if (!w.gone) w.reply("error", "crashed");
        waiting = 0;
        perRank.fill(0);
        queueLength.set(sim.now, 0);
      },
      recover() {},
      metrics(endMs) {
        return {
          admitted,
          shed,
          expired,
          pushedOut,
          shedByClass: { critical: shedByClass[0], "sheddable-plus": shedByClass[1], sheddable: shedByClass[2] },
          meanQueueLength: round(queueLength.average(endMs)),
          meanWaitMs: round(wait.mean),
        };
      },
      gauges: () => ({ policy, queue: waiting, inFlight, maxInFlight: maxInFlight === Infinity ? -1 : maxInFlight }),
    };
    return node;
  },
};

/** The load-shedder kind, defined once: schema, model, edge rules, metrics, gauges, records. */
export const loadShedderDefinition = defineKind({
  kind: "load-shedder",
  title: "Load shedder",
  summary: "Admission control in front of a server: sheds by priority or queueing time (CoDel).",
  schema: loadShedderSchema,
  model: loadShedderKind,
  outgoing: { min: 1, max: 1 },
  acceptsIncoming: true,
  metrics: {
    admitted: { title: "Requests admitted", of: "requests" },
    shed: { title: "Requests shed", of: "requests" },
    expired: { title: "Requests expired while waiting", of: "requests" },
    pushedOut: { title: "Requests pushed out of the queue", of: "requests" },
    shedByClass: { title: "Shed by class", keyed: true },
    meanQueueLength: { title: "Mean queue length", of: "requests" },
    meanWaitMs: { title: "Mean wait in the queue", unit: "ms" },
  },
  gauges: {
    policy: { title: "Policy", role: "state" },
    queue: { title: "Waiting", role: "queue" },
    inFlight: { title: "Inside the server", role: "busy" },
    maxInFlight: { title: "Most inside the server (-1: unlimited)", role: "capacity" },
  },
  records: {
    "request.shed": { meaning: "a request was shed (by priority, queueing time, or pushed out of a full queue)" },
  },
});
