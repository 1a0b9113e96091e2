/**
 * The document of a partitioned log (a Kafka-like topic): how producers write (keys, acks), how the
 * brokers keep copies (replication factor, in-sync replicas, min.insync.replicas, unclean leader
 * election), how one consumer group reads (consumers, batch size, when offsets are committed, how the
 * group rebalances), and the timeline of broker and consumer crashes, a group growing and partitions
 * being added.
 */
import { array, boolean, literal, number, object, oneOf, string, type Infer } from "../../kernel/schema-builder";
import { kebabId } from "../../kernel/schema-common";

const brokerCrash = object(
  {
    broker: string({ title: "Broker (b1, b2, ...)", pattern: /^b[0-9]+$/, patternName: "a broker name such as \"b1\"" }),
    atMs: number({ min: 0, title: "Crashes at", unit: "ms" }),
    durationMs: number({ above: 0, title: "Down for", unit: "ms" }),
  },
  { name: "a broker crash" },
);

const consumerCrash = object(
  {
    consumer: string({ title: "Consumer (c1, c2, ...)", pattern: /^c[0-9]+$/, patternName: "a consumer name such as \"c1\"" }),
    atMs: number({ min: 0, title: "Crashes at", unit: "ms" }),
    durationMs: number({ above: 0, title: "Restarts after", unit: "ms" }),
  },
  { name: "a consumer crash" },
);

const growth = object(
  {
    atMs: number({ min: 0, title: "At", unit: "ms" }),
    to: number({ integer: true, min: 1, max: 64, title: "New count" }),
  },
  { name: "a change of count at a time" },
);

export const partitionedLogSchema = object(
  {
    id: kebabId(),
    kind: literal("partitioned-log"),
    ratePerSec: number({ above: 0, max: 5000, title: "Records produced", unit: "per s", default: 200, uiMin: 10, uiMax: 1000 }),
    keys: number({ integer: true, min: 1, max: 10_000, title: "Distinct record keys", default: 24, uiMin: 1, uiMax: 200 }),
    partitions: number({ integer: true, min: 1, max: 64, title: "Partitions", default: 6, uiMin: 1, uiMax: 24 }),
    brokers: number({ integer: true, min: 1, max: 9, title: "Brokers", default: 3, uiMin: 1, uiMax: 9 }),
    replicationFactor: number({ integer: true, min: 1, max: 9, title: "Replication factor", default: 3, uiMin: 1, uiMax: 5 }),
    acks: oneOf(["0", "1", "all"] as const, { title: "Producer acks", default: "all" }),
    minInsyncReplicas: number({ integer: true, min: 1, max: 9, title: "min.insync.replicas", default: 1, uiMin: 1, uiMax: 5 }),
    uncleanLeaderElection: boolean({ title: "Unclean leader election allowed", default: false }),
    fetchEveryMs: number({ above: 0, max: 10_000, title: "Followers fetch every", unit: "ms", default: 20, uiMin: 1, uiMax: 500 }),
    consumers: number({ integer: true, min: 1, max: 64, title: "Consumers in the group", default: 3, uiMin: 1, uiMax: 16 }),
    processingMs: number({ min: 0, max: 10_000, title: "Processing per record", unit: "ms", default: 10, uiMin: 0, uiMax: 100 }),
    maxPollRecords: number({ integer: true, min: 1, max: 10_000, title: "Records per poll (max.poll.records)", default: 20, uiMin: 1, uiMax: 500 }),
    commit: oneOf(["after-processing", "before-processing"] as const, { title: "Offsets committed", default: "after-processing" }),
    rebalance: oneOf(["eager", "cooperative-sticky"] as const, { title: "Rebalance protocol", default: "eager" }),
    rebalanceMs: number({ above: 0, max: 60_000, title: "One rebalance round takes", unit: "ms", default: 1000, uiMin: 100, uiMax: 10_000 }),
    sessionTimeoutMs: number({ above: 0, max: 600_000, title: "Session timeout", unit: "ms", default: 3000, uiMin: 500, uiMax: 45_000 }),
    brokerCrashes: array(brokerCrash, { title: "Broker crashes", maxItems: 64 }),
    consumerCrashes: array(consumerCrash, { title: "Consumer crashes", maxItems: 64 }),
    groupGrows: array(growth, { title: "Consumers join (group grows to)", maxItems: 16 }),
    partitionsGrow: array(growth, { title: "Partitions added (topic grows to)", maxItems: 16 }),
  },
  {
    optional: ["ratePerSec", "keys", "partitions", "brokers", "replicationFactor", "acks", "minInsyncReplicas", "uncleanLeaderElection", "fetchEveryMs", "consumers", "processingMs", "maxPollRecords", "commit", "rebalance", "rebalanceMs", "sessionTimeoutMs", "brokerCrashes", "consumerCrashes", "groupGrows", "partitionsGrow"],
    name: "a partitioned-log node",
  },
);
export type PartitionedLogSpec = Infer<typeof partitionedLogSchema>;

/** Cross-field checks: replicas fit on the brokers, crashes name brokers and consumers that exist, the topic only grows. */
export function checkPartitionedLog(spec: PartitionedLogSpec, context: { path: string; issues: { path: string; message: string }[] }): void {
  const p = context.path;
  const brokers = spec.brokers ?? 3;
  const rf = spec.replicationFactor ?? 3;
  if (rf > brokers) context.issues.push({ path: `${p}.replicationFactor`, message: `${p}.replicationFactor is ${rf}, but there are only ${brokers} brokers to hold the copies` });
  if ((spec.minInsyncReplicas ?? 1) > rf) context.issues.push({ path: `${p}.minInsyncReplicas`, message: `${p}.minInsyncReplicas is ${spec.minInsyncReplicas}, above the replication factor ${rf}: acks=all could never succeed` });
  (spec.brokerCrashes ?? []).forEach((c, i) => {
    const n = Number(c.broker.slice(1));
    if (n < 1 || n > brokers) context.issues.push({ path: `${p}.brokerCrashes[${i}].broker`, message: `${p}.brokerCrashes[${i}].broker names no broker "${c.broker}" (brokers b1..b${brokers})` });
  });
  const most = Math.max(spec.consumers ?? 3, ...(spec.groupGrows ?? []).map((g) => g.to));
  (spec.consumerCrashes ?? []).forEach((c, i) => {
    const n = Number(c.consumer.slice(1));
    if (n < 1 || n > most) context.issues.push({ path: `${p}.consumerCrashes[${i}].consumer`, message: `${p}.consumerCrashes[${i}].consumer names no consumer "${c.consumer}" (consumers c1..c${most})` });
  });
  let partitions = spec.partitions ?? 6;
  [...(spec.partitionsGrow ?? [])].sort((a, b) => a.atMs - b.atMs).forEach((g, i) => {
    if (g.to <= partitions) context.issues.push({ path: `${p}.partitionsGrow[${i}].to`, message: `${p}.partitionsGrow[${i}].to is ${g.to}: a topic can only gain partitions (it has ${partitions} by then)` });
    partitions = Math.max(partitions, g.to);
  });
}
