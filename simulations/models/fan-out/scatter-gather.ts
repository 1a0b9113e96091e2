/**
 * Scatter-gather (fan-out / fan-in): one request becomes many sub-requests, and the answer waits for
 * all of them.
 *
 * A search front end asks every index shard, a product page asks every service that owns a piece of
 * it, a dashboard asks every region. The caller's answer is only as fast as the slowest sub-request,
 * so a tail that is rare for one backend becomes common for the whole request: with `fanOut` = n
 * independent sub-requests each slower than a threshold with probability p, the gathered answer is
 * slower than it with probability 1 − (1 − p)^n (Dean & Barroso, "The Tail at Scale", CACM 56(2),
 * 2013: a 1% slow rate at 100 backends makes about 63% of requests slow).
 *
 * This node sends `fanOut` copies of each request along its single outgoing edge at once (each copy
 * is its own sub-request with its own idempotency key, so a `client` on the edge can time out, retry
 * or hedge each one) and answers ok when all copies succeeded, or fails as soon as one fails (the
 * rest are ignored; their callees keep working). Gathering takes no time. `slowThresholdMs` is the
 * line that counts as "slow": the node reports the measured share of slow sub-requests (p), of slow
 * gathered answers, and what the formula predicts from the measured p, so the two can be compared.
 */
import { LatencyHistogram } from "../../engine/stats";
import { kebabId } from "../../kernel/schema-common";
import { literal, number, object, type Infer } from "../../kernel/schema-builder";
import type { NodeKind, Outcome, Reason, Reply, Request, SimNode } from "../../kernel/model";
import { defineKind } from "../../kernel/kind";
import { round } from "../shared";

export const scatterGatherSchema = object(
  {
    id: kebabId(),
    kind: literal("scatter-gather"),
    fanOut: number({ integer: true, min: 1, max: 1000, title: "Sub-requests per request (fan-out)", uiMin: 1, uiMax: 200, default: 10 }),
    slowThresholdMs: number({ above: 0, max: 1e8, title: "Slower than this counts as slow", unit: "ms", uiMin: 1, uiMax: 1000, default: 100 }),
  },
  { optional: ["fanOut", "slowThresholdMs"], name: "a scatter-gather node" },
);
export type ScatterGatherSpec = Infer<typeof scatterGatherSchema>;

/** One request being gathered. */
interface Gather {
  request: Request;
  reply: Reply;
  startMs: number;
  waiting: number;
  done: boolean;
}

export const scatterGatherKind: NodeKind<ScatterGatherSpec> = {
  kind: "scatter-gather",
  create(spec, ctx) {
    const { sim } = ctx;
    const edge = ctx.outgoing[0];
    const fanOut = spec.fanOut ?? 10;
    const threshold = spec.slowThresholdMs ?? 100;
    const open = new Set<Gather>();
    const gatherTimes = new LatencyHistogram();
    const subTimes = new LatencyHistogram();
    let requests = 0;
    let subRequests = 0;
    let completed = 0;
    let failed = 0;
    let slow = 0;
    let subSlow = 0;
    let outstanding = 0;
    // Sub-request idempotency keys: negative, so they never collide with request ids.
    let nextSubKey = -1;

    const finish = (g: Gather, outcome: Outcome, reason?: Reason) => {
      g.done = true;
      open.delete(g);
      if (g.request.counted) {
        if (outcome === "ok") {
          completed++;
          const ms = sim.now - g.startMs;
          gatherTimes.record(ms);
          if (ms > threshold) slow++;
        } else failed++;
      }
      g.reply(outcome, reason);
    };

    const node: SimNode = {
      id: spec.id,
      kind: "scatter-gather",
      receive(request, reply) {
        const g: Gather = { request, reply, startMs: sim.now, waiting: fanOut, done: false };
        open.add(g);
        if (request.counted) {
          requests++;
          subRequests += fanOut;
        }
        for (let i = 0; i < fanOut; i++) {
          const sub: Request = {
            id: request.id,
            key: request.key,
            client: request.client,
            sourceId: request.sourceId,
            createdAtMs: request.createdAtMs,
            counted: request.counted,
            spans: i === 0 ? request.spans : null,
            priority: request.priority,
            deadlineAtMs: request.deadlineAtMs,
            attempt: request.attempt,
            idempotencyKey: nextSubKey--,
            hopAtMs: -1,
            hopsAtInstant: 0,
          };
          outstanding++;
          const sentMs = sim.now;
          ctx.send(edge, sub, (outcome, reason) => {
            outstanding--;
            if (outcome === "ok" && request.counted) {
              const ms = sim.now - sentMs;
              subTimes.record(ms);
              if (ms > threshold) subSlow++;
            }
            if (g.done) return;
            if (outcome !== "ok") finish(g, outcome, reason);
            else if (--g.waiting === 0) finish(g, "ok");
          });
        }
      },
      load: () => open.size,
      crash() {
        for (const g of [...open]) finish(g, "error", "crashed");
      },
      recover() {},
      metrics() {
        const p = subTimes.count > 0 ? subSlow / subTimes.count : 0;
        return {
          requests,
          subRequests,
          completed,
          failed,
          slowShare: round(completed > 0 ? slow / completed : 0),
          subSlowShare: round(p),
          predictedSlowShare: round(1 - Math.pow(1 - p, fanOut)),
          gatherP50Ms: round(gatherTimes.quantile(0.5), 3),
          gatherP99Ms: round(gatherTimes.quantile(0.99), 3),
          subP50Ms: round(subTimes.quantile(0.5), 3),
          subP95Ms: round(subTimes.quantile(0.95), 3),
          subP99Ms: round(subTimes.quantile(0.99), 3),
        };
      },
      gauges: () => ({ gathering: open.size, outstanding, fanOut }),
    };
    return node;
  },
};

/** The scatter-gather kind, defined once: schema, model, edge rules, metrics, gauges. */
export const scatterGatherDefinition = defineKind({
  kind: "scatter-gather",
  title: "Scatter-gather",
  summary: "Fans each request out to n sub-requests along its edge and answers when all have answered (fan-out / fan-in).",
  schema: scatterGatherSchema,
  model: scatterGatherKind,
  outgoing: { min: 1, max: 1 },
  acceptsIncoming: true,
  metrics: {
    requests: { title: "Requests" },
    subRequests: { title: "Sub-requests sent" },
    completed: { title: "Completed", of: "requests" },
    failed: { title: "Failed", of: "requests" },
    slowShare: { title: "Share of gathered requests slower than the threshold", unit: "ratio" },
    subSlowShare: { title: "Share of sub-requests slower than the threshold", unit: "ratio" },
    predictedSlowShare: { title: "Predicted slow share, 1 − (1 − p)^n", unit: "ratio" },
    gatherP50Ms: { title: "Gathered answer p50", unit: "ms" },
    gatherP99Ms: { title: "Gathered answer p99", unit: "ms" },
    subP50Ms: { title: "Sub-request p50", unit: "ms" },
    subP95Ms: { title: "Sub-request p95", unit: "ms" },
    subP99Ms: { title: "Sub-request p99", unit: "ms" },
  },
  gauges: {
    gathering: { title: "Requests waiting for their sub-requests", role: "busy" },
    outstanding: { title: "Sub-requests outstanding", role: "queue" },
    fanOut: { title: "Fan-out", role: "other" },
  },
});
