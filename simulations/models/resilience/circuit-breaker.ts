/**
 * Circuit breaker node: a breaker drawn in the graph, in front of the dependency it protects.
 *
 * It passes each request along its one outgoing edge while closed, refuses at once while open
 * (`error` "circuit-open", or a degraded `ok` answer with `fallback: "ok"`), and lets a few probes
 * through while half-open; see circuit-breaker.machine.ts for the state machine. `enabled: false`
 * turns it into a plain wire (a lab toggle). Put it after a `client` node to have retries outside the
 * breaker (each attempt counts, and refusals are fast); the same breaker is available as the
 * `circuitBreaker` field of an edge.
 *
 * It has no timeout of its own: a call counts as failed when the callee answers with an error or a
 * drop, and as slow when it takes `slowCallDurationMs` or more; set that near the caller's timeout so
 * calls the caller gave up on count against the dependency.
 */
import { kebabId } from "../../kernel/schema-common";
import { boolean, literal, object, type Infer } from "../../kernel/schema-builder";
import type { NodeKind, NodeMetrics, SimNode } from "../../kernel/model";
import { defineKind, onlyWhen } from "../../kernel/kind";
import { CircuitBreaker } from "./circuit-breaker.machine";
import { breakerMetrics } from "./declarations";
import { breakerConfig, breakerFields } from "./policy-schema";

export const circuitBreakerNodeSchema = object(
  { id: kebabId(), kind: literal("circuit-breaker"), enabled: boolean({ title: "Breaker enabled", default: true }), ...breakerFields },
  { optional: ["enabled", ...(Object.keys(breakerFields) as (keyof typeof breakerFields)[])], name: "a circuit-breaker node" },
);
export type CircuitBreakerNodeSpec = Infer<typeof circuitBreakerNodeSchema>;

export const circuitBreakerKind: NodeKind<CircuitBreakerNodeSpec> = {
  kind: "circuit-breaker",
  create(spec, ctx) {
    const { sim } = ctx;
    const { enabled: _enabled, id: _id, kind: _kind, ...fields } = spec;
    const config = breakerConfig(fields);
    const enabled = spec.enabled ?? true;
    const breaker = enabled
      ? new CircuitBreaker(config, {
          sim,
          warmupMs: ctx.warmupMs,
          onTransition: ctx.tracing ? (_from, to) => ctx.emit(to === "open" ? "breaker.opened" : to === "half-open" ? "breaker.half-opened" : "breaker.closed") : undefined,
        })
      : null;
    const edge = ctx.outgoing[0];
    let inFlight = 0;
    let passed = 0;
    let fallbacks = 0;
    const node: SimNode = {
      id: spec.id,
      kind: "circuit-breaker",
      receive(request, reply) {
        if (!breaker) {
          ctx.send(edge, request, reply);
          return;
        }
        const permit = breaker.tryAcquire(request.counted);
        if (permit < 0) {
          request.spans?.push({ node: spec.id, kind: "rejected", startMs: sim.now, endMs: sim.now, outcome: config.fallback === "ok" ? "ok" : "error", detail: "circuit open" });
          if (config.fallback === "ok") {
            if (request.counted) fallbacks++;
            reply("ok", "fallback");
          } else reply("error", "circuit-open");
          return;
        }
        if (request.counted) passed++;
        inFlight++;
        const startMs = sim.now;
        ctx.send(edge, request, (outcome, reason) => {
          inFlight--;
          breaker.onResult(permit, outcome !== "ok", sim.now - startMs);
          reply(outcome, reason);
        });
      },
      load: () => inFlight,
      crash() {},
      recover() {},
      metrics(endMs): NodeMetrics {
        if (!breaker) return { enabled: 0, breakerState: "disabled", opens: 0, callsNotPermitted: 0, passed: 0 };
        return { enabled: 1, passed, fallbacks, ...breaker.metrics(endMs) };
      },
      gauges: () => ({ breakerState: breaker ? breaker.state : "disabled", inFlight, failureRate: breaker ? breaker.failureRate : 0 }),
    };
    return node;
  },
};

export const circuitBreakerDefinition = defineKind({
  kind: "circuit-breaker",
  title: "Circuit breaker",
  summary: "Stops calling a failing dependency: closed, open (fail fast), half-open (probe).",
  schema: circuitBreakerNodeSchema,
  model: circuitBreakerKind,
  outgoing: { min: 1, max: 1 },
  acceptsIncoming: true,
  metrics: {
    enabled: { title: "Breaker enabled (1 = on)" },
    passed: { title: "Calls let through", of: "calls" },
    breakerState: breakerMetrics.breakerState,
    opens: breakerMetrics.opens,
    callsNotPermitted: breakerMetrics.callsNotPermitted,
    ...onlyWhen("when enabled", {
      fallbacks: { title: "Fallback answers served" },
      halfOpens: breakerMetrics.halfOpens,
      closes: breakerMetrics.closes,
      stateChanges: breakerMetrics.stateChanges,
      timeInStateMs: breakerMetrics.timeInStateMs,
    }),
  },
  gauges: {
    breakerState: { title: "Breaker state", role: "state" },
    inFlight: { title: "Calls in flight", role: "busy" },
    failureRate: { title: "Failure rate in the window", role: "other" },
  },
  records: {
    "breaker.opened": { meaning: "the breaker opened: calls now fail fast" },
    "breaker.half-opened": { meaning: "the breaker went half-open: a few probes may pass" },
    "breaker.closed": { meaning: "the breaker closed again: calls pass" },
  },
});
