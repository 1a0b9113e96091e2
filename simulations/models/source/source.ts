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
