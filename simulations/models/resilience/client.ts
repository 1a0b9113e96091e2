/**
 * Client: the client library of one dependency (an HTTP or gRPC client, a database driver) drawn as
 * a small node between the caller and the callee, so a lab can show and tune its settings: per-try
 * timeout, overall deadline and its propagation, retries with backoff, jitter and a budget, hedging,
 * a connection pool. It takes no time and has no workers of its own: it lives inside the caller's
 * process, and the caller's worker (a server with `calls`) waits while it retries.
 *
 * It has exactly one outgoing edge. Several clients in a chain model retries at several layers; a
 * `circuit-breaker` node right after a client puts the breaker inside the retries, so each attempt
 * counts in the breaker's window (the usual order). Behaviour and metrics: see call-policy.ts.
 */
import { kebabId } from "../../kernel/schema-common";
import { literal, object, type Infer } from "../../kernel/schema-builder";
import type { NodeKind, SimNode } from "../../kernel/model";
import { defineKind } from "../../kernel/kind";
import { CallPolicy, type Deliver } from "./call-policy";
import { callPolicyGauges, callPolicyMetrics, callPolicyRecords } from "./declarations";
import { clientPolicyConfig, clientPolicyFields, clientPolicyKeys } from "./policy-schema";

export const clientSchema = object(
  { id: kebabId(), kind: literal("client"), ...clientPolicyFields },
  { optional: clientPolicyKeys, name: "a client node" },
);
export type ClientSpec = Infer<typeof clientSchema>;

export const clientKind: NodeKind<ClientSpec> = {
  kind: "client",
  create(spec, ctx) {
    const policy = new CallPolicy(clientPolicyConfig(spec), {
      sim: ctx.sim,
      warmupMs: ctx.warmupMs,
      random: ctx.random("retry"),
      label: spec.id,
      emit: ctx.tracing ? (type, detail, requestId) => ctx.emit(type, detail, requestId) : null,
    });
    const edge = ctx.outgoing[0];
    const deliver: Deliver = (request, reply) => ctx.send(edge, request, reply);
    let inFlight = 0;
    const node: SimNode = {
      id: spec.id,
      kind: "client",
      receive(request, reply) {
        inFlight++;
        policy.call(request, (outcome, reason) => {
          inFlight--;
          reply(outcome, reason);
        }, deliver);
      },
      load: () => inFlight,
      crash() {},
      recover() {},
      metrics: (endMs) => policy.metrics(endMs),
      gauges: () => ({ inFlight, ...policy.gauges() }),
    };
    return node;
  },
};

export const clientDefinition = defineKind({
  kind: "client",
  title: "Client",
  summary: "A dependency's client library: timeouts, deadline, retries with backoff and jitter, retry budget, hedging, connection pool.",
  schema: clientSchema,
  model: clientKind,
  outgoing: { min: 1, max: 1 },
  acceptsIncoming: true,
  template: { timeoutMs: 1000, maxAttempts: 3, backoffBaseMs: 100, jitter: "full" },
  metrics: callPolicyMetrics,
  gauges: { inFlight: { title: "Calls in flight", role: "busy" }, ...callPolicyGauges },
  records: callPolicyRecords,
});
