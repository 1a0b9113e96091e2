/**
 * The registry of node kinds: one entry per model, pairing the schema of its fields with the factory
 * that builds it. The scenario schema, the validator, the runtime, the lab's controls and metric
 * names and the generated reference all read this list, so adding a kind here (and its folder under
 * models/) is all it takes to extend the format. Kinds written with `defineKind` (kernel/kind.ts)
 * also declare their metrics, gauges and trace records; the others still use `entry` below.
 */
import type { ObjectSchema, Fields } from "./kernel/schema-builder";
import type { NodeKind } from "./kernel/model";
import type { KindEntry } from "./kernel/kind";
import { sourceDefinition } from "./models/source/source";
import { serverDefinition } from "./models/server/server";
import { loadBalancerDefinition } from "./models/load-balancer/load-balancer";
import { cacheDefinition } from "./models/cache/cache";
import { replicatedDatabaseDefinition } from "./models/database/replicated-database";
import { brokerDefinition } from "./models/broker/broker";
import { consumerDefinition } from "./models/broker/consumer";
import { sagaDefinition } from "./models/saga/saga";
import { outboxDefinition } from "./models/saga/outbox";
import { scatterGatherDefinition } from "./models/fan-out/scatter-gather";
import { clientDefinition } from "./models/resilience/client";
import { circuitBreakerDefinition } from "./models/resilience/circuit-breaker";
import { rateLimiterDefinition } from "./models/rate-limiter/rate-limiter";
import { rateLimitStoreDefinition } from "./models/rate-limiter/store";
import { bulkheadDefinition } from "./models/bulkhead/bulkhead";
import { loadShedderDefinition } from "./models/shedding/load-shedder";
import { autoscaledPoolKind, autoscaledPoolSchema } from "./models/autoscaler/autoscaled-pool";
import { raftDefinition } from "./models/raft/raft";
import { leaseLockDefinition } from "./models/lease-lock/lease-lock";
import { partitionedLogDefinition } from "./models/partitioned-log/partitioned-log";
import { checkReplicatedRegister, replicatedRegisterKind, replicatedRegisterSchema } from "./models/replication/replicated-register";

export type { KindEntry, KindCheckContext } from "./kernel/kind";

const entry = <S>(schema: unknown, model: NodeKind<S>, rest: Omit<KindEntry, "schema" | "model">): KindEntry => ({
  schema: schema as ObjectSchema<Fields, never>,
  model: model as unknown as NodeKind<never>,
  ...rest,
});

export const nodeKinds: Record<string, KindEntry> = {
  source: sourceDefinition,
  server: serverDefinition,
  "load-balancer": loadBalancerDefinition,
  cache: cacheDefinition,
  "replicated-database": replicatedDatabaseDefinition,
  client: clientDefinition,
  "circuit-breaker": circuitBreakerDefinition,
  broker: brokerDefinition,
  consumer: consumerDefinition,
  saga: sagaDefinition,
  outbox: outboxDefinition,
  "scatter-gather": scatterGatherDefinition,
  "rate-limiter": rateLimiterDefinition,
  "rate-limit-store": rateLimitStoreDefinition,
  bulkhead: bulkheadDefinition,
  "load-shedder": loadShedderDefinition,
  "autoscaled-pool": entry(autoscaledPoolSchema, autoscaledPoolKind, { outgoing: { min: 0, max: 16 }, acceptsIncoming: true, summary: "Instances behind one queue, resized by a lagging controller (target tracking, step, HPA)." }),
  "replicated-register": entry(replicatedRegisterSchema, replicatedRegisterKind, { outgoing: { min: 0, max: 0 }, acceptsIncoming: false, isSource: true, check: checkReplicatedRegister as KindEntry["check"], summary: "A protocol: replicas and clients exchanging messages (leader-follower or quorum), with the history checked for linearizability and session guarantees." }),
  raft: raftDefinition,
  "lease-lock": leaseLockDefinition,
  "partitioned-log": partitionedLogDefinition,
};
