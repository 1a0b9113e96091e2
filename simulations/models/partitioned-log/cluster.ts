/**
 * The brokers of a partitioned log and the copies they keep. Each partition has `replicationFactor`
 * replicas on different brokers; one is the leader, which appends every record; followers fetch from
 * it every `fetchEveryMs`. The in-sync replica set (ISR) is the leader plus the followers that have
 * caught up; the high watermark, the end of the prefix every ISR member holds, is what consumers may
 * read and what `acks=all` waits for. With fewer in-sync replicas than `min.insync.replicas`, an
 * `acks=all` write is refused rather than acknowledged with too few copies.
 *
 * A crashed broker leaves every ISR it was in (the last member stays, as Kafka keeps it); a partition
 * whose leader died elects the first live ISR member. When none is alive the partition is offline
 * until one returns, unless unclean leader election is on: then any live replica leads, and whatever
 * the old ISR held beyond its log, acknowledged records included, is gone (replicas that come back
 * truncate to the new leader). Replicas keep their logs on disk across a crash.
 */

/** One copy of a partition: the record ids it holds, in offset order. */
interface Replica {
  broker: number;
  log: number[];
  /** The leader epoch this copy last reconciled with (a newer epoch means: truncate to the common prefix). */
  epoch: number;
}

/** A produce waiting for the high watermark to pass its offset (acks=all). */
interface PendingWrite {
  offset: number;
  recordId: number;
  token: unknown;
}

interface PartitionState {
  replicas: Replica[];
  leader: Replica | null;
  isr: Set<Replica>;
  epoch: number;
  hw: number;
  pending: PendingWrite[];
}

export interface ClusterOptions {
  brokers: number;
  replicationFactor: number;
  acks: "0" | "1" | "all";
  minInsyncReplicas: number;
  uncleanLeaderElection: boolean;
}

/** What the cluster tells the producer side: a write acknowledged, or refused with a reason. */
export interface ClusterHooks {
  acknowledged(token: unknown, recordId: number): void;
  refused(token: unknown, reason: string): void;
  emit(type: string, detail: string): void;
}

/** Counters the kind reports. */
export interface ClusterCounts {
  leaderElections: number;
  uncleanElections: number;
  offlinePartitionMs: number;
  droppedUnacknowledged: number;
}

/** Brokers, partitions, replicas, the ISR and elections (see the module comment). */
export class Cluster {
  readonly partitions: PartitionState[] = [];
  readonly down: boolean[];
  readonly counts: ClusterCounts = { leaderElections: 0, uncleanElections: 0, offlinePartitionMs: 0, droppedUnacknowledged: 0 };

  constructor(
    private readonly options: ClusterOptions,
    private readonly hooks: ClusterHooks,
    partitions: number,
  ) {
    this.down = Array.from({ length: options.brokers }, () => false);
    this.grow(partitions);
  }

  /** Adds partitions up to `count` (replicas spread round the brokers, all in sync, empty). */
  grow(count: number): void {
    for (let p = this.partitions.length; p < count; p++) {
      const replicas = Array.from({ length: this.options.replicationFactor }, (_, i): Replica => ({ broker: (p + i) % this.options.brokers, log: [], epoch: 0 }));
      const live = replicas.filter((r) => !this.down[r.broker]);
      this.partitions.push({ replicas, leader: live[0] ?? null, isr: new Set(live.length > 0 ? live : replicas.slice(0, 1)), epoch: 0, hw: 0, pending: [] });
    }
  }

  /** The records a consumer may read: the leader's log below the high watermark. */
  readable(p: number): { log: readonly number[]; hw: number } {
    const part = this.partitions[p]!;
    return { log: part.leader?.log ?? [], hw: part.leader ? part.hw : 0 };
  }

  /** Appends a record to partition `p`; the hooks answer now (acks 0/1, refusals) or after replication (all). */
  produce(p: number, recordId: number, token: unknown): void {
    const part = this.partitions[p]!;
    const { acks, minInsyncReplicas } = this.options;
    if (!part.leader) {
      if (acks === "0") {
        this.counts.droppedUnacknowledged++;
        return this.hooks.acknowledged(token, recordId);
      }
      return this.hooks.refused(token, "offline-partition");
    }
    if (acks === "all" && part.isr.size < minInsyncReplicas) return this.hooks.refused(token, "not-enough-replicas");
    part.leader.log.push(recordId);
    if (part.isr.size === 1) part.hw = part.leader.log.length;
    if (acks === "all" && part.hw < part.leader.log.length) part.pending.push({ offset: part.leader.log.length - 1, recordId, token });
    else this.hooks.acknowledged(token, recordId);
  }

  /** One fetch round: live followers copy from their leader, rejoin the ISR when caught up; the high watermark moves. */
  fetch(elapsedMs: number): void {
    for (const part of this.partitions) {
      const leader = part.leader;
      if (!leader) {
        this.counts.offlinePartitionMs += elapsedMs;
        continue;
      }
      for (const r of part.replicas) {
        if (r === leader || this.down[r.broker]) continue;
        if (r.epoch !== part.epoch) truncateToCommonPrefix(r, leader.log, part.epoch);
        for (let i = r.log.length; i < leader.log.length; i++) r.log.push(leader.log[i]!);
        if (!part.isr.has(r)) part.isr.add(r);
      }
      this.advance(part);
    }
  }

  /** A broker stops: it leaves the ISRs it was in, and partitions it led elect a new leader. */
  crash(broker: number): void {
    if (this.down[broker]) return;
    this.down[broker] = true;
    this.partitions.forEach((part, p) => {
      for (const r of part.replicas) if (r.broker === broker && part.isr.has(r) && part.isr.size > 1) part.isr.delete(r);
      if (part.leader && part.leader.broker === broker) this.elect(p);
      else this.enforceMinIsr(part);
    });
  }

  /** A broker returns with its logs; offline partitions it can lead get a leader again. */
  recover(broker: number): void {
    if (!this.down[broker]) return;
    this.down[broker] = false;
    this.partitions.forEach((part, p) => {
      if (!part.leader) this.elect(p);
    });
  }

  /** The log the partition will serve from now on: its leader's, or (offline) the last in-sync replica's. */
  authoritativeLog(p: number): readonly number[] {
    const part = this.partitions[p]!;
    return (part.leader ?? [...part.isr][0] ?? part.replicas[0]!).log;
  }

  /** In-sync replicas of the smallest ISR (a gauge). */
  smallestIsr(): number {
    return Math.min(...this.partitions.map((part) => (part.leader ? part.isr.size : 0)));
  }

  offlinePartitions(): number {
    return this.partitions.filter((part) => !part.leader).length;
  }

  private elect(p: number): void {
    const part = this.partitions[p]!;
    const clean = part.replicas.find((r) => part.isr.has(r) && !this.down[r.broker]);
    const unclean = this.options.uncleanLeaderElection ? part.replicas.find((r) => !this.down[r.broker]) : undefined;
    const next = clean ?? unclean ?? null;
    const old = part.leader;
    part.leader = next;
    if (!next) {
      if (old) this.hooks.emit("log.partition-offline", `partition ${p}: no in-sync replica is alive`);
      return;
    }
    part.epoch++;
    next.epoch = part.epoch;
    this.counts.leaderElections++;
    if (!clean) {
      this.counts.uncleanElections++;
      part.isr = new Set([next]);
      this.hooks.emit("log.unclean-leader-elected", `partition ${p}: b${next.broker + 1} leads with ${next.log.length} records, out of sync`);
    } else this.hooks.emit("log.leader-elected", `partition ${p}: b${next.broker + 1} leads`);
    part.hw = Math.min(part.hw, next.log.length);
    // Writes the new leader does not hold will never be acknowledged: the producer hears "not leader".
    part.pending = part.pending.filter((w) => {
      if (next.log[w.offset] === w.recordId) return true;
      this.hooks.refused(w.token, "not-leader");
      return false;
    });
    this.enforceMinIsr(part);
    this.advance(part);
  }

  private enforceMinIsr(part: PartitionState): void {
    if (this.options.acks !== "all" || part.isr.size >= this.options.minInsyncReplicas) return;
    for (const w of part.pending) this.hooks.refused(w.token, "not-enough-replicas-after-append");
    part.pending = [];
  }

  private advance(part: PartitionState): void {
    if (!part.leader) return;
    let hw = part.leader.log.length;
    for (const r of part.isr) hw = Math.min(hw, r.log.length);
    part.hw = Math.max(part.hw, hw);
    while (part.pending.length > 0 && part.pending[0]!.offset < part.hw) {
      const w = part.pending.shift()!;
      this.hooks.acknowledged(w.token, w.recordId);
    }
  }
}

/** A replica that missed a leader change drops whatever it holds past the prefix it shares with the leader. */
function truncateToCommonPrefix(replica: Replica, leaderLog: readonly number[], epoch: number): void {
  let common = 0;
  const n = Math.min(replica.log.length, leaderLog.length);
  while (common < n && replica.log[common] === leaderLog[common]) common++;
  replica.log.length = common;
  replica.epoch = epoch;
}
