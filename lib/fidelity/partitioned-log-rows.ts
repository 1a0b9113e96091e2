/**
 * Fidelity rows for the partitioned log (Kafka-like): the guarantees the Apache Kafka 3.7
 * documentation states, checked on runs of the `partitioned-log` kind. Every row is exact (a
 * definition or a guarantee), so it must hold in every replication; rows whose point is that a
 * guarantee breaks count the replications in which it did not break (theory 0).
 */
import { runScenario, validateScenario, type Scenario } from "@/simulations";
import type { RowSpec } from "./rows";

const REPS = 5;

function checked(doc: unknown): Scenario {
  const result = validateScenario(doc);
  if (!result.ok) throw new Error(`fidelity scenario is invalid: ${result.issues.map((i) => i.message).join("; ")}`);
  return result.scenario;
}

/** A 10 s run of one partitioned-log node with `node` fields (defaults: 200 records/s, 6 partitions, 3 consumers). */
const logRun = (node: Record<string, unknown>, durationMs = 10_000) => (seed: number) =>
  checked({ version: 1, title: "Partitioned log", seed, stop: { durationMs }, nodes: [{ id: "log", kind: "partitioned-log", ratePerSec: 200, keys: 24, partitions: 6, consumers: 3, processingMs: 10, ...node }], edges: [] });

const m = (s: Scenario) => runScenario(s).nodes.log as Record<string, number>;
const never = (metric: string) => (s: Scenario) => (m(s)[metric]! > 0 ? 0 : 1);

/** Every partitioned-log row, in page order. */
export function partitionedLogRowSpecs(): RowSpec[] {
  const method = `${REPS} replications × 10 s, 200 records/s over 24 keys`;
  const row = (r: Omit<RowSpec, "family" | "replications" | "method" | "comparison"> & { method?: string }): RowSpec => ({ family: "partitioned-log", replications: REPS, comparison: "equal", method, ...r });
  const grow = { groupGrows: [{ atMs: 4000, to: 4 }], rebalanceMs: 1000 };
  const threeBrokers = { brokers: 3, replicationFactor: 3, acks: "all", minInsyncReplicas: 2, fetchEveryMs: 100 };
  const twoDown = { ...threeBrokers, partitions: 3, brokerCrashes: [{ broker: "b3", atMs: 2000, durationMs: 4000 }, { broker: "b1", atMs: 4000, durationMs: 5000 }, { broker: "b2", atMs: 4000, durationMs: 5000 }] };
  const crash = { partitions: 4, consumers: 2, ratePerSec: 180, keys: 400, processingMs: 12, maxPollRecords: 50, sessionTimeoutMs: 2000, consumerCrashes: [{ consumer: "c1", atMs: 4000, durationMs: 4000 }] };
  return [
    row({ id: "partitioned-log-key-order", setting: "6 partitions, 3 consumers, partition count fixed", compared: "records processed before an older record of the same key", unit: "count", theory: 0, scenario: logRun({}), measure: (s) => m(s).orderViolations! }),
    row({ id: "partitioned-log-key-order-moved", setting: "6 partitions grow to 8 at 4 s (keys move partitions)", compared: "replications in which no key was processed out of order (the break must show)", unit: "count", theory: 0, scenario: logRun({ partitionsGrow: [{ atMs: 4000, to: 8 }] }), measure: never("orderViolations") }),
    row({ id: "partitioned-log-idle-consumers", setting: "8 consumers in one group on 6 partitions", compared: "consumers with no partition: consumers − partitions", unit: "count", theory: 2, scenario: logRun({ consumers: 8 }), measure: (s) => m(s).idleConsumers! }),
    row({ id: "partitioned-log-eager-pause", setting: "6 partitions, a 4th consumer joins at 4 s, eager, 1 s rounds", compared: "partition-seconds paused: every partition for one round, 6 × 1 s", unit: "count", theory: 6, scenario: logRun({ ...grow, rebalance: "eager" }), measure: (s) => m(s).pausedPartitionSeconds! }),
    row({ id: "partitioned-log-cooperative-pause", setting: "6 partitions, a 4th consumer joins at 4 s, cooperative-sticky, 1 s rounds", compared: "partition-seconds paused: only the 1 partition that moves, for two rounds (KIP-429)", unit: "count", theory: 2, scenario: logRun({ ...grow, rebalance: "cooperative-sticky" }), measure: (s) => m(s).pausedPartitionSeconds! }),
    row({ id: "partitioned-log-acks-all", setting: "3 brokers, replication factor 3, acks=all, min.insync.replicas=2, broker b1 down 4–8 s", compared: "acknowledged writes lost", unit: "count", theory: 0, scenario: logRun({ ...threeBrokers, brokerCrashes: [{ broker: "b1", atMs: 4000, durationMs: 4000 }] }), measure: (s) => m(s).lostAcknowledged! }),
    row({ id: "partitioned-log-acks-all-two-down", setting: "as above, b3 down 2–6 s, then b1 and b2 down 4–9 s, unclean election off", compared: "acknowledged writes lost (partitions go offline instead)", unit: "count", theory: 0, scenario: logRun(twoDown), measure: (s) => m(s).lostAcknowledged! }),
    row({ id: "partitioned-log-unclean", setting: "the same crashes, unclean leader election on", compared: "replications in which no acknowledged write was lost (the loss must show)", unit: "count", theory: 0, scenario: logRun({ ...twoDown, uncleanLeaderElection: true }), measure: never("lostAcknowledged") }),
    row({ id: "partitioned-log-commit-after", setting: "4 partitions, 2 consumers near capacity, c1 crashes at 4 s, commit after processing", compared: "records committed but never processed", unit: "count", theory: 0, scenario: logRun(crash), measure: (s) => m(s).skippedByConsumer! }),
    row({ id: "partitioned-log-commit-after-duplicates", setting: "the same crash, commit after processing", compared: "replications in which no record was processed twice (the repeat must show)", unit: "count", theory: 0, scenario: logRun(crash), measure: never("duplicates") }),
    row({ id: "partitioned-log-commit-before", setting: "the same crash, commit before processing", compared: "replications in which no committed record went unprocessed (the loss must show)", unit: "count", theory: 0, scenario: logRun({ ...crash, commit: "before-processing" }), measure: never("skippedByConsumer") }),
  ];
}
