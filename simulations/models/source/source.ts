/**
 * Source: open-loop traffic.
 *
 * An open-loop source sends requests at its own pace whatever happens downstream, like users on the
 * internet: a slow system does not slow the arrivals, so queues grow. Poisson arrivals (exponential
 * gaps) are the "M" of queueing theory; constant arrivals are evenly spaced. Each request may carry a
 * key drawn from a Zipf distribution (a few hot keys, a long tail) for caches and hash balancing, and
 * a client identity for ip-hash and per-client limits. The source is where a request is born and
 * where its answer lands, so it settles the request in the ledger and end-to-end latency is measured
 * here.
 */
import { createZipfSampler } from "../../engine/distributions";
import { hashInt, hashString } from "../../engine/random";
import { number, object, oneOf, literal, type Infer } from "../../kernel/schema-builder";
import { kebabId } from "../../kernel/schema-common";
import type { NodeKind, Request, SimNode } from "../../kernel/model";
import { defineKind, onlyWhen } from "../../kernel/kind";
import { createTrafficSource, sourceExtensionFields, usesExtensions, type TrafficSpec } from "./traffic";
import { fastPaths } from "../fast-paths";

const sourceFields = object(
  {
    id: kebabId(),
    kind: literal("source"),
    ratePerSec: number({ above: 0, max: 1_000_000, title: "Arrival rate", unit: "req/s", uiMin: 1, uiMax: 2000 }),
    arrival: oneOf(["poisson", "constant"] as const, { title: "Arrival process", default: "poisson" }),
    keys: object(
      {
        count: number({ integer: true, above: 0, max: 10_000_000, title: "Distinct keys", uiMin: 10, uiMax: 100_000 }),
        zipfExponent: number({ min: 0, max: 5, title: "Zipf exponent (skew)", uiMin: 0, uiMax: 2, uiStep: 0.05, default: 0 }),
      },
      { optional: ["zipfExponent"], name: "keys" },
    ),
    clients: number({ integer: true, above: 0, max: 10_000_000, title: "Distinct clients", uiMin: 1, uiMax: 10_000, default: 1000 }),
    // Extensions (model library, ./traffic.ts): closed-loop users, shaped traffic, client retries,
    // throttling, backpressure and criticality. `ratePerSec` may be left out when `users` is given.
    ...sourceExtensionFields,
  },
  { optional: ["ratePerSec", "arrival", "keys", "clients", ...(Object.keys(sourceExtensionFields) as (keyof typeof sourceExtensionFields)[])], name: "a source node" },
);

/** The source schema: the fields above, plus the rule that open-loop traffic needs a rate. */
export const sourceSchema: typeof sourceFields = {
  ...sourceFields,
  parse(value, path, issues) {
    const parsed = sourceFields.parse(value, path, issues);
    if (parsed && parsed.ratePerSec === undefined && parsed.users === undefined) {
      issues.push({ path: path ? `${path}.ratePerSec` : "ratePerSec", message: `${path ? `${path}.ratePerSec` : "ratePerSec"} is required (or "users" for closed-loop traffic)` });
      return undefined;
    }
    return parsed;
  },
};
export type SourceSpec = Infer<typeof sourceSchema>;

export const sourceKind: NodeKind<SourceSpec> = {
  kind: "source",
  create(spec, ctx) {
    if (fastPaths.forceGeneral || usesExtensions(spec) || spec.ratePerSec === undefined) return createTrafficSource(spec as TrafficSpec, ctx);
    const ratePerSec = spec.ratePerSec;
    const gapMeanMs = 1000 / ratePerSec;
    const arrivals = ctx.random("arrivals");
    const nextGap = spec.arrival === "constant" ? () => gapMeanMs : () => -gapMeanMs * Math.log(1 - arrivals.next());
    const keys = spec.keys ? createZipfSampler(spec.keys.count, spec.keys.zipfExponent ?? 0, ctx.random("keys")) : null;
    // Client identities are a hash of the arrival number salted by the source id: as random-looking
    // as a draw, but free, and they consume no random stream.
    const clientSalt = hashString(spec.id);
    const clientCount = spec.clients ?? 1000;
    const edge = ctx.outgoing[0];
    const { sim, ledger } = ctx;
    let sent = 0;
    let stopped = false;

    const arrive = () => {
      const request = ctx.newRequest(keys ? keys() : -1, hashInt(sent ^ clientSalt) % clientCount);
      if (!request) {
        stopped = true;
        return;
      }
      sent++;
      ledger.arrive(request);
      sim.schedule(nextGap(), arrive);
      ctx.send(edge, request, (outcome, reason) => settle(request, outcome, reason));
    };
    const settle = (request: Request, outcome: "ok" | "error" | "dropped", reason?: string) => {
      ledger.settle(request, outcome, sim.now, reason);
    };

    const node: SimNode & { start(): void } = {
      id: spec.id,
      kind: "source",
      start() {
        sim.schedule(spec.arrival === "constant" ? 0 : nextGap(), arrive);
      },
      receive(_request, reply) {
        reply("error", "not-accepting");
      },
      load: () => 0,
      crash() {},
      recover() {},
      metrics: () => ({ sent }),
      gauges: () => ({ ratePerSec, stopped }),
    };
    return node;
  },
};

const SHAPED = "with closed-loop users, a rate profile, bursts, retries, timeouts, throttling, backpressure or criticality";

export const sourceDefinition = defineKind({
  kind: "source",
  title: "Source",
  summary: "Open-loop traffic: requests at a rate, whatever happens downstream.",
  schema: sourceSchema,
  model: sourceKind,
  outgoing: { min: 1, max: 1 },
  acceptsIncoming: false,
  isSource: true,
  template: { ratePerSec: 50, arrival: "poisson" },
  metrics: {
    sent: { title: "Requests sent", of: "requests" },
    // The general traffic model (traffic.ts) settles its own requests, so it counts their fates.
    ...onlyWhen(SHAPED, {
      attempts: { title: "Attempts (first tries + retries)" },
      retries: { title: "Retries" },
      timeouts: { title: "Timeouts" },
      rejected: { title: "Rejected" },
      localDrops: { title: "Requests dropped before sending", of: "requests" },
      gaveUp: { title: "Requests given up on", of: "requests" },
      budgetDenied: { title: "Retries denied by the budget" },
      completed: { title: "Completed", of: "requests" },
      failed: { title: "Failed", of: "requests" },
      dropped: { title: "Dropped", of: "requests" },
      degraded: { title: "Degraded responses" },
      successRatio: { title: "Success ratio", unit: "ratio" },
      p50Ms: { title: "Median (p50) latency", unit: "ms" },
      p99Ms: { title: "p99 latency", unit: "ms" },
      meanMs: { title: "Mean latency", unit: "ms" },
      throughputPerSec: { title: "Throughput", unit: "per-sec" },
    }),
    ...onlyWhen("for open-loop traffic in the general model", { offeredPerSec: { title: "Offered load", unit: "per-sec" } }),
    ...onlyWhen("for closed-loop users", { users: { title: "Users" } }),
    ...onlyWhen("with maxOutstanding (backpressure)", {
      blockedMs: { title: "Time blocked by backpressure", unit: "ms" },
      producerSlowdown: { title: "Producer slowdown (share of intended sends held back)", unit: "ratio" },
    }),
  },
  gauges: {
    ratePerSec: { title: "Arrival rate now (active users when closed-loop)", role: "other" },
    stopped: { title: "Stopped (request cap reached)", role: "flag" },
    ...onlyWhen(SHAPED, {
      outstanding: { title: "Requests awaiting an answer", role: "busy" },
      blocked: { title: "Blocked by backpressure", role: "flag" },
    }),
  },
  records: {
    "request.timed-out": { meaning: "the source stopped waiting for an attempt (its timeout)" },
    "request.retry-scheduled": { meaning: "the source will send the request again after a backoff" },
  },
});
