/**
 * The registry of node kinds: one entry per model, pairing the schema of its fields with the factory
 * that builds it. The scenario schema, the validator, the runtime and the lab's controls all read this
 * list, so adding a kind here (and its folder under models/) is all it takes to extend the format.
 */
import type { ObjectSchema, Fields } from "../scenario/schema-builder";
import type { NodeKind } from "../runtime/model";
import { sourceKind, sourceSchema } from "./source/source";
import { serverKind, serverSchema } from "./server/server";
import { loadBalancerKind, loadBalancerSchema } from "./load-balancer/load-balancer";
import { cacheKind, cacheSchema } from "./cache/cache";
import { replicatedDatabaseKind, replicatedDatabaseSchema } from "./database/replicated-database";
import { brokerKind, brokerSchema, checkBroker } from "./broker/broker";
import { consumerKind, consumerSchema } from "./broker/consumer";
import { checkSaga, sagaKind, sagaSchema } from "./saga/saga";
import { outboxKind, outboxSchema } from "./saga/outbox";
import { clientKind, clientSchema } from "./resilience/client";
import { circuitBreakerKind, circuitBreakerNodeSchema } from "./resilience/circuit-breaker";
import { checkRateLimiter, rateLimiterKind, rateLimiterSchema } from "./rate-limiter/rate-limiter";
import { rateLimitStoreKind, rateLimitStoreSchema } from "./rate-limiter/store";
import { bulkheadKind, bulkheadSchema } from "./bulkhead/bulkhead";
import { loadShedderKind, loadShedderSchema } from "./shedding/load-shedder";
import { autoscaledPoolKind, autoscaledPoolSchema } from "./autoscaler/autoscaled-pool";
import { checkReplicatedRegister, replicatedRegisterKind, replicatedRegisterSchema } from "./replication/replicated-register";

export interface KindEntry {
  schema: ObjectSchema<Fields, never>;
  model: NodeKind<never>;
  /** Edge rules checked after parsing: how many outgoing edges the kind needs. */
  outgoing: { min: number; max: number };
  /** Whether other nodes may send to it. */
  acceptsIncoming: boolean;
  /** Short description for docs and the playground palette. */
  summary: string;
  /** Whether the kind creates traffic (a scenario needs at least one such node). */
  isSource?: boolean;
  /**
   * Checks that span the scenario (e.g. a step naming an edge that must exist), run after the
   * structural checks pass. Push one issue per problem, with the field path, so the scenario is
   * refused whole (exit code 2) instead of failing while the run is built.
   */
  check?: (spec: never, context: KindCheckContext) => void;
}

/** What a kind's {@link KindEntry.check} may look at. */
export interface KindCheckContext {
  /** Path of the node, e.g. `nodes[3]`. */
  path: string;
  /** All nodes by id, with their kinds. */
  nodes: ReadonlyMap<string, { kind: string; spec: Record<string, unknown> }>;
  /** Outgoing edges of this node, in order, as "from->to" plus the edge's own id if any. */
  outgoing: readonly { to: string; id?: string }[];
  issues: { path: string; message: string }[];
}

const entry = <S>(schema: unknown, model: NodeKind<S>, rest: Omit<KindEntry, "schema" | "model">): KindEntry => ({
  schema: schema as ObjectSchema<Fields, never>,
  model: model as unknown as NodeKind<never>,
  ...rest,
});

export const nodeKinds: Record<string, KindEntry> = {
  source: entry(sourceSchema, sourceKind, { outgoing: { min: 1, max: 1 }, acceptsIncoming: false, isSource: true, summary: "Open-loop traffic: requests at a rate, whatever happens downstream." }),
  server: entry(serverSchema, serverKind, { outgoing: { min: 0, max: 16 }, acceptsIncoming: true, summary: "Workers and a FIFO waiting room; serves each request for a sampled time." }),
  "load-balancer": entry(loadBalancerSchema, loadBalancerKind, { outgoing: { min: 1, max: 256 }, acceptsIncoming: true, summary: "Sends each request to one target by a strategy." }),
  cache: entry(cacheSchema, cacheKind, { outgoing: { min: 1, max: 1 }, acceptsIncoming: true, summary: "Answers known keys from memory; forwards misses and stores the answers." }),
  "replicated-database": entry(replicatedDatabaseSchema, replicatedDatabaseKind, { outgoing: { min: 2, max: 64 }, acceptsIncoming: true, summary: "Routes writes to a primary and reads to asynchronously updated replicas; fails over when the primary dies." }),
  client: entry(clientSchema, clientKind, { outgoing: { min: 1, max: 1 }, acceptsIncoming: true, summary: "A dependency's client library: timeouts, deadline, retries with backoff and jitter, retry budget, hedging, connection pool." }),
  "circuit-breaker": entry(circuitBreakerNodeSchema, circuitBreakerKind, { outgoing: { min: 1, max: 1 }, acceptsIncoming: true, summary: "Stops calling a failing dependency: closed, open (fail fast), half-open (probe)." }),
  broker: entry(brokerSchema, brokerKind, { outgoing: { min: 0, max: 64 }, acceptsIncoming: true, check: checkBroker as KindEntry["check"], summary: "Message queue or topic: stores messages, leases them to consumers, redelivers, dead-letters." }),
  consumer: entry(consumerSchema, consumerKind, { outgoing: { min: 0, max: 16 }, acceptsIncoming: true, summary: "Takes messages from a broker with a prefetch limit, processes and acknowledges them." }),
  saga: entry(sagaSchema, sagaKind, { outgoing: { min: 1, max: 32 }, acceptsIncoming: true, check: checkSaga as KindEntry["check"], summary: "Runs steps across services in order; on a failure, compensates the done steps in reverse." }),
  outbox: entry(outboxSchema, outboxKind, { outgoing: { min: 1, max: 1 }, acceptsIncoming: true, summary: "Commits a state change and publishes its event through an outbox relay (or a lossy dual write)." }),
  "rate-limiter": entry(rateLimiterSchema, rateLimiterKind, { outgoing: { min: 1, max: 1 }, acceptsIncoming: true, check: checkRateLimiter as KindEntry["check"], summary: "Admits requests up to a rate (token/leaky bucket, windows); refuses the rest with a Retry-After or delays them." }),
  "rate-limit-store": entry(rateLimitStoreSchema, rateLimitStoreKind, { outgoing: { min: 0, max: 0 }, acceptsIncoming: false, summary: "The shared counter behind a fleet of rate limiters: shared, split locally, or synced periodically." }),
  bulkhead: entry(bulkheadSchema, bulkheadKind, { outgoing: { min: 1, max: 1 }, acceptsIncoming: true, summary: "Caps concurrent calls to one dependency (semaphore or thread pool), with an optional fallback." }),
  "load-shedder": entry(loadShedderSchema, loadShedderKind, { outgoing: { min: 1, max: 1 }, acceptsIncoming: true, summary: "Admission control in front of a server: sheds by priority or queueing time (CoDel)." }),
  "autoscaled-pool": entry(autoscaledPoolSchema, autoscaledPoolKind, { outgoing: { min: 0, max: 16 }, acceptsIncoming: true, summary: "Instances behind one queue, resized by a lagging controller (target tracking, step, HPA)." }),
  "replicated-register": entry(replicatedRegisterSchema, replicatedRegisterKind, { outgoing: { min: 0, max: 0 }, acceptsIncoming: false, isSource: true, check: checkReplicatedRegister as KindEntry["check"], summary: "A protocol: replicas and clients exchanging messages (leader-follower or quorum), with the history checked for linearizability and session guarantees." }),
};
