/**
 * The registry of node kinds: one entry per model, pairing the schema of its fields with the factory
 * that builds it. The scenario schema, the validator, the runtime, the lab's controls and metric
 * names and the generated reference all read this list, so adding a kind here (and its folder under
 * models/) is all it takes to extend the format. Every kind is written with `defineKind`
 * (kernel/kind.ts), so each also declares its metrics, gauges, trace records and playground template.
 */
import type { DefinedKindEntry } from "./kernel/kind";
import { sourceDefinition } from "./models/source/source";
import { serverDefinition } from "./models/server/server";
import { loadBalancerDefinition } from "./models/load-balancer/load-balancer";
import { cacheDefinition } from "./models/cache/cache";
import { replicatedDatabaseDefinition } from "./models/database/replicated-database";
import { brokerDefinition } from "./models/broker/broker";
import { consumerDefinition } from "./models/broker/consumer";
import { sagaDefinition } from "./models/saga/saga";
import { outboxDefinition } from "./models/saga/outbox";
import { changeCaptureDefinition } from "./models/change-capture/change-capture";
import { scatterGatherDefinition } from "./models/fan-out/scatter-gather";
import { clientDefinition } from "./models/resilience/client";
import { circuitBreakerDefinition } from "./models/resilience/circuit-breaker";
import { rateLimiterDefinition } from "./models/rate-limiter/rate-limiter";
import { rateLimitStoreDefinition } from "./models/rate-limiter/store";
import { bulkheadDefinition } from "./models/bulkhead/bulkhead";
import { loadShedderDefinition } from "./models/shedding/load-shedder";
import { autoscaledPoolDefinition } from "./models/autoscaler/autoscaled-pool";
import { raftDefinition } from "./models/raft/raft";
import { leaseLockDefinition } from "./models/lease-lock/lease-lock";
import { replicatedRegisterDefinition } from "./models/replication/replicated-register";
import { partitionedLogDefinition } from "./models/partitioned-log/partitioned-log";

export type { KindEntry, KindCheckContext } from "./kernel/kind";

export const nodeKinds: Record<string, DefinedKindEntry> = {
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
  "change-capture": changeCaptureDefinition,
  "scatter-gather": scatterGatherDefinition,
  "rate-limiter": rateLimiterDefinition,
  "rate-limit-store": rateLimitStoreDefinition,
  bulkhead: bulkheadDefinition,
  "load-shedder": loadShedderDefinition,
  "autoscaled-pool": autoscaledPoolDefinition,
  "replicated-register": replicatedRegisterDefinition,
  raft: raftDefinition,
  "lease-lock": leaseLockDefinition,
  "partitioned-log": partitionedLogDefinition,
};
