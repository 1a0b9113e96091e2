/**
 * A partitioned log (Kafka-like) as one node: producers writing keyed records, a topic split into
 * partitions whose replicas live on brokers (cluster.ts), and one consumer group reading it
 * (group.ts). A key always maps to the same partition while the partition count holds (hash of the
 * key mod the count), so records of one key are read in the order they were written; adding
 * partitions moves keys, and then a key's newer records can be read before its older ones.
 *
 * Each produced record is one request: it completes when the producer is acknowledged (at once for
 * acks=0 and 1, when the high watermark passes it for acks=all) and fails when the write is refused
 * (offline partition, too few in-sync replicas, a leader change that dropped it). What happens after
 * is counted per record: consumed, processed twice, skipped by a consumer crash, or lost with the log.
 */
import { defineKind } from "../../kernel/kind";
import type { NodeKind, Request, SimNode } from "../../kernel/model";
import { Cluster } from "./cluster";
import { ConsumerGroup } from "./group";
import { checkPartitionedLog, partitionedLogSchema, type PartitionedLogSpec } from "./schema";

/** Partition of a key among `partitions` (a 32-bit mix of the key, then mod, as Kafka's murmur2 partitioner does). */
export function partitionOf(key: number, partitions: number): number {
  let h = Math.imul(key ^ 0x5bd1e995, 0x27d4eb2d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) % partitions;
}

/** Per-record bookkeeping shared by the producer, the cluster and the group. */
interface Records {
  key: number[];
  /** Times each record was processed. */
  processed: number[];
  /** Highest record id processed so far, per key (ids grow with production time). */
  newestByKey: Map<number, number>;
  acknowledged: number[];
  counts: { produced: number; acknowledged: number; refused: number; consumed: number; duplicates: number; orderViolations: number };
}

export const partitionedLogKind: NodeKind<PartitionedLogSpec> = {
  kind: "partitioned-log",
  create(spec, ctx) {
    const { sim, ledger } = ctx;
    const rec: Records = { key: [], processed: [], newestByKey: new Map(), acknowledged: [], counts: { produced: 0, acknowledged: 0, refused: 0, consumed: 0, duplicates: 0, orderViolations: 0 } };
    let partitions = spec.partitions ?? 6;
    const open = new Map<unknown, Request>();
    const cluster = new Cluster(
      { brokers: spec.brokers ?? 3, replicationFactor: spec.replicationFactor ?? 3, acks: spec.acks ?? "all", minInsyncReplicas: spec.minInsyncReplicas ?? 1, uncleanLeaderElection: spec.uncleanLeaderElection ?? false },
      {
        acknowledged(token, recordId) {
          rec.counts.acknowledged++;
          rec.acknowledged.push(recordId);
          settle(token, "ok");
        },
        refused(token, reason) {
          rec.counts.refused++;
          settle(token, "error", reason);
        },
        emit: (type, detail) => ctx.tracing && ctx.emit(type, detail),
      },
      partitions,
    );
    function settle(token: unknown, outcome: "ok" | "error", reason?: string) {
      const r = open.get(token);
      if (!r) return;
      open.delete(token);
      ledger.settle(r, outcome, sim.now, reason);
    }
    const group = new ConsumerGroup(
      { maxPollRecords: spec.maxPollRecords ?? 20, processingMs: spec.processingMs ?? 10, commit: spec.commit ?? "after-processing", rebalance: spec.rebalance ?? "eager", rebalanceMs: spec.rebalanceMs ?? 1000 },
      {
        now: () => sim.now,
        schedule: (ms, action) => sim.schedule(ms, action),
        readable: (p) => cluster.readable(p),
        processed(id) {
          const n = ++rec.processed[id]!;
          if (n > 1) return void rec.counts.duplicates++;
          rec.counts.consumed++;
          const key = rec.key[id]!;
          const newest = rec.newestByKey.get(key) ?? -1;
          if (id < newest) rec.counts.orderViolations++;
          else rec.newestByKey.set(key, id);
        },
        emit: (type, detail) => ctx.tracing && ctx.emit(type, detail),
      },
      partitions,
      spec.consumers ?? 3,
    );
    const arrivals = ctx.random("arrivals");
    const keys = ctx.random("keys");
    const rate = spec.ratePerSec ?? 200;
    const fetchMs = spec.fetchEveryMs ?? 20;
    const lagSamples = { sum: 0, n: 0, max: 0 };

    function produceNext() {
      const key = keys.int(spec.keys ?? 24);
      const r = ctx.newRequest(key, 0);
      if (!r) return;
      ledger.arrive(r);
      const id = rec.key.length;
      rec.key.push(key);
      rec.processed.push(0);
      rec.counts.produced++;
      open.set(id, r);
      cluster.produce(partitionOf(key, partitions), id, id);
      sim.schedule(-Math.log(1 - arrivals.next()) * (1000 / rate), produceNext);
    }
    function fetchRound() {
      cluster.fetch(fetchMs);
      group.pollAll();
      const lag = group.lag();
      lagSamples.sum += lag;
      lagSamples.n++;
      lagSamples.max = Math.max(lagSamples.max, lag);
      sim.schedule(fetchMs, fetchRound);
    }
    function scheduleTimeline() {
      for (const c of spec.brokerCrashes ?? []) {
        const b = Number(c.broker.slice(1)) - 1;
        sim.scheduleAt(c.atMs, () => cluster.crash(b));
        sim.scheduleAt(c.atMs + c.durationMs, () => cluster.recover(b));
      }
      for (const c of spec.consumerCrashes ?? []) {
        sim.scheduleAt(c.atMs, () => group.crash(c.consumer));
        sim.scheduleAt(c.atMs + (spec.sessionTimeoutMs ?? 3000), () => group.leave(c.consumer));
        sim.scheduleAt(c.atMs + c.durationMs, () => group.join(c.consumer));
      }
      for (const g of spec.groupGrows ?? []) sim.scheduleAt(g.atMs, () => {
        for (let i = group.members.size + 1; i <= g.to; i++) group.join(`c${i}`);
      });
      for (const g of spec.partitionsGrow ?? []) sim.scheduleAt(g.atMs, () => {
        if (g.to <= partitions) return;
        partitions = g.to;
        cluster.grow(partitions);
        group.addPartitions(partitions);
      });
    }

    const node: SimNode & { start(): void } = {
      id: spec.id,
      kind: "partitioned-log",
      start() {
        scheduleTimeline();
        sim.schedule(0, produceNext);
        sim.schedule(fetchMs, fetchRound);
      },
      receive(_r, reply) {
        reply("error", "not-accepting");
      },
      load: () => open.size,
      crash() {
        for (let b = 0; b < cluster.down.length; b++) cluster.crash(b);
      },
      recover() {
        for (let b = 0; b < cluster.down.length; b++) cluster.recover(b);
      },
      metrics: () => ({ ...rec.counts, ...outcomes(rec, cluster, group), ...groupMetrics(group, lagSamples) }),
      gauges: () => ({ lag: group.lag(), offlinePartitions: cluster.offlinePartitions(), smallestIsr: cluster.smallestIsr(), idleConsumers: group.idle().length, partitions }),
    };
    return node;
  },
};

/** Records lost after acknowledgement (not in the log the partition now serves) and skipped by the group (committed, never processed). */
function outcomes(rec: Records, cluster: Cluster, group: ConsumerGroup) {
  const inLog = new Set<number>();
  let skipped = 0;
  const inHand = group.inHand();
  cluster.partitions.forEach((_, p) => {
    const log = cluster.authoritativeLog(p);
    for (const id of log) inLog.add(id);
    const upTo = Math.min(group.committed[p] ?? 0, log.length);
    for (let o = 0; o < upTo; o++) if (rec.processed[log[o]!] === 0 && !inHand.has(log[o]!)) skipped++;
  });
  return { lostAcknowledged: rec.acknowledged.filter((id) => !inLog.has(id)).length, skippedByConsumer: skipped, leaderElections: cluster.counts.leaderElections, uncleanElections: cluster.counts.uncleanElections, offlinePartitionSeconds: cluster.counts.offlinePartitionMs / 1000, droppedUnacknowledged: cluster.counts.droppedUnacknowledged };
}

function groupMetrics(group: ConsumerGroup, lag: { sum: number; n: number; max: number }) {
  const c = group.counts;
  return { rebalances: c.rebalances, pausedPartitionSeconds: c.pausedPartitionMs / 1000, movedPartitions: c.movedPartitions, consumerCrashes: c.consumerCrashes, idleConsumers: group.idle().length, lag: group.lag(), meanLag: lag.n > 0 ? lag.sum / lag.n : 0, maxLag: lag.max };
}

export const partitionedLogDefinition = defineKind({
  kind: "partitioned-log",
  title: "Partitioned log (Kafka-like)",
  summary: "A topic of partitions replicated across brokers (ISR, acks, min.insync.replicas, unclean election) read by a consumer group (offsets, commits, eager or cooperative rebalancing).",
  schema: partitionedLogSchema,
  model: partitionedLogKind,
  outgoing: { min: 0, max: 0 },
  acceptsIncoming: false,
  isSource: true,
  check: checkPartitionedLog,
  template: { partitions: 6, consumers: 3, acks: "all", minInsyncReplicas: 2 },
  metrics: {
    produced: { title: "Records produced", of: "records" },
    acknowledged: { title: "Writes acknowledged to the producer", of: "records" },
    refused: { title: "Writes refused", of: "records" },
    lostAcknowledged: { title: "Acknowledged writes lost", of: "records" },
    droppedUnacknowledged: { title: "Writes dropped unseen (acks=0 to an offline partition)", of: "records" },
    consumed: { title: "Consumed (first delivery of each message)", of: "messages" },
    duplicates: { title: "Records processed again", of: "records" },
    skippedByConsumer: { title: "Records committed but never processed", of: "records" },
    orderViolations: { title: "Records processed before an older record of their key", of: "records" },
    leaderElections: { title: "Leader elections" },
    uncleanElections: { title: "Unclean leader elections" },
    offlinePartitionSeconds: { title: "Partition-seconds with no leader" },
    rebalances: { title: "Rebalances" },
    pausedPartitionSeconds: { title: "Partition-seconds paused by rebalances" },
    movedPartitions: { title: "Partitions that changed owner", of: "partitions" },
    consumerCrashes: { title: "Consumer crashes" },
    idleConsumers: { title: "Consumers with no partition (at the end)", of: "consumers" },
    lag: { title: "Consumer lag at the end", of: "records" },
    meanLag: { title: "Mean consumer lag", of: "records" },
    maxLag: { title: "Peak consumer lag", of: "records" },
  },
  gauges: {
    lag: { title: "Consumer lag", role: "queue" },
    offlinePartitions: { title: "Partitions without a leader", role: "other" },
    smallestIsr: { title: "Smallest in-sync replica set", role: "other" },
    idleConsumers: { title: "Idle consumers", role: "other" },
    partitions: { title: "Partitions", role: "capacity" },
  },
  records: {
    "log.leader-elected": { meaning: "a partition got a new leader from its in-sync replicas" },
    "log.unclean-leader-elected": { meaning: "an out-of-sync replica became leader: records only the old leaders held are gone" },
    "log.partition-offline": { meaning: "a partition lost its last live in-sync replica and stopped taking writes" },
    "group.rebalance-started": { meaning: "the consumer group began handing partitions over" },
    "group.rebalance-finished": { meaning: "the consumer group's partitions have owners again" },
  },
});
