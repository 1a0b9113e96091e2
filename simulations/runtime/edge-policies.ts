/**
 * Edge policies: call policies (timeouts, deadlines, retries, hedging, circuit breaker, connection
 * pool) declared as fields of an edge, applied by the runtime whenever a request is sent along it.
 *
 * An edge is the caller's side of a dependency, so the policy belongs to the caller: `api -> db`
 * with `timeoutMs: 250` means "api waits at most 250 ms for db". Only edges that declare a policy get
 * one; `ScenarioRun.send()` looks up a single array slot for the others (and nothing at all when no
 * edge in the scenario has a policy), so scenarios that do not use policies pay nothing.
 *
 * Metrics go to the runner's top-level `edges.<edge id>` object (an extension of the report); gauges
 * (breaker state, open connections) to `edgeGauges()`. Jitter draws from the stream
 * `edge/<edge id>/retry`, independent of every node's streams.
 */
import type { RandomStreams } from "../engine/random";
import type { Simulation } from "../engine/simulation";
import { CallPolicy, type Deliver } from "../models/resilience/call-policy";
import { edgePolicyConfig } from "../models/resilience/policy-schema";
import type { EdgeRuntime, NodeGauges, NodeMetrics, Reply, Request, TraceRecord } from "../kernel/model";

export class EdgePolicies {
  /** Policy per edge index, null where the edge declares none. */
  readonly byIndex: (CallPolicy | null)[];
  /** The deliver function handed to each policy (the runtime's raw send along that edge). */
  readonly deliverers: (Deliver | null)[];

  private constructor(
    private readonly edges: readonly EdgeRuntime[],
    byIndex: (CallPolicy | null)[],
    deliverers: (Deliver | null)[],
  ) {
    this.byIndex = byIndex;
    this.deliverers = deliverers;
  }

  /** Builds the policies, or returns null when no edge declares one (the fast path). */
  static create(
    edges: readonly EdgeRuntime[],
    env: { sim: Simulation; warmupMs: number; streams: RandomStreams; onEvent?: (record: TraceRecord) => void },
    rawSend: (edge: EdgeRuntime, request: Request, reply: Reply) => void,
  ): EdgePolicies | null {
    let any = false;
    const byIndex = edges.map((edge) => {
      const config = edgePolicyConfig(edge.spec);
      if (!config) return null;
      any = true;
      const onEvent = env.onEvent;
      return new CallPolicy(config, {
        sim: env.sim,
        warmupMs: env.warmupMs,
        random: env.streams.stream(`edge/${edge.id}/retry`),
        label: edge.from,
        emit: onEvent ? (type, detail, requestId) => onEvent({ atMs: env.sim.now, type, node: edge.from, requestId, detail: detail ? `${edge.id}: ${detail}` : edge.id }) : null,
      });
    });
    if (!any) return null;
    const deliverers = edges.map((edge, i) => (byIndex[i] ? (request: Request, reply: Reply) => rawSend(edge, request, reply) : null));
    return new EdgePolicies(edges, byIndex, deliverers);
  }

  /** Metrics of every edge with a policy, by edge id. */
  metrics(endMs: number): Record<string, NodeMetrics> {
    const out: Record<string, NodeMetrics> = {};
    this.byIndex.forEach((policy, i) => {
      if (policy) out[this.edges[i].id] = policy.metrics(endMs);
    });
    return out;
  }

  /** Live gauges (breaker state, open connections) of every edge with a policy, by edge id. */
  gauges(): Record<string, NodeGauges> {
    const out: Record<string, NodeGauges> = {};
    this.byIndex.forEach((policy, i) => {
      if (policy) out[this.edges[i].id] = policy.gauges();
    });
    return out;
  }
}
