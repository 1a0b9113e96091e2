/**
 * One consumer group reading a partitioned log. Each member polls up to `maxPollRecords` from one of
 * its partitions (taking turns), processes them one at a time, and commits the offset it has reached,
 * either before processing the batch (a crash mid-batch skips the rest: lost) or after (a crash
 * mid-batch processes the done part again: duplicated). The committed offset is where the next owner
 * of the partition starts.
 *
 * Membership changes (a member gone for a session timeout, a member joining, partitions added) start a
 * rebalance. Eager: every partition is revoked for one round, then the range assignor hands them out
 * again. Cooperative-sticky (KIP-429): the sticky assignor computes the new owners, only the
 * partitions that change owner are revoked, and they are handed over after a second round; the rest
 * keep being read. Paused partition-time is counted either way.
 */
import { idleMembers, movedPartitions, rangeAssign, stickyAssign, type Assignment } from "./assignors";

export interface GroupOptions {
  maxPollRecords: number;
  processingMs: number;
  commit: "after-processing" | "before-processing";
  rebalance: "eager" | "cooperative-sticky";
  rebalanceMs: number;
}

/** What the group needs from its surroundings: the clock, the log, and where processed records go. */
export interface GroupHost {
  now(): number;
  schedule(delayMs: number, action: () => void): void;
  readable(p: number): { log: readonly number[]; hw: number };
  processed(recordId: number): void;
  emit(type: string, detail: string): void;
}

interface Member {
  name: string;
  alive: boolean;
  /** Bumped on a crash, so events of the abandoned batch do nothing. */
  generation: number;
  busy: boolean;
  turn: number;
  /** Records of the batch in hand not yet processed. */
  inHand: number[];
}

export interface GroupCounts {
  rebalances: number;
  pausedPartitionMs: number;
  movedPartitions: number;
  consumerCrashes: number;
  polls: number;
}

/** The group: members, assignment, offsets and rebalances (see the module comment). */
export class ConsumerGroup {
  readonly members = new Map<string, Member>();
  assignment: Assignment = [];
  committed: number[] = [];
  position: number[] = [];
  paused: boolean[] = [];
  readonly counts: GroupCounts = { rebalances: 0, pausedPartitionMs: 0, movedPartitions: 0, consumerCrashes: 0, polls: 0 };
  private rebalancing = false;
  private rebalanceQueued = false;

  constructor(
    private readonly options: GroupOptions,
    private readonly host: GroupHost,
    partitions: number,
    consumers: number,
  ) {
    for (let i = 1; i <= consumers; i++) this.members.set(`c${i}`, { name: `c${i}`, alive: true, generation: 0, busy: false, turn: 0, inHand: [] });
    this.resize(partitions);
    this.assignment = rangeAssign(partitions, this.liveNames());
  }

  /** Partitions the topic now has (added ones start at offset 0, unowned until a rebalance). */
  resize(partitions: number): void {
    for (let p = this.assignment.length; p < partitions; p++) {
      this.assignment.push(null);
      this.committed.push(0);
      this.position.push(0);
      this.paused.push(false);
    }
  }

  /** Partitions were added: grow and rebalance. */
  addPartitions(partitions: number): void {
    this.resize(partitions);
    this.requestRebalance();
  }

  /** A member joins (a new one, or one back from a crash). */
  join(name: string): void {
    const m = this.members.get(name) ?? { name, alive: false, generation: 0, busy: false, turn: 0, inHand: [] };
    this.members.set(name, m);
    if (m.alive) return;
    m.alive = true;
    m.busy = false;
    this.requestRebalance();
  }

  /** A member dies mid-whatever; the group notices at `sessionTimeoutMs` (the caller schedules {@link leave}). */
  crash(name: string): void {
    const m = this.members.get(name);
    if (!m || !m.alive) return;
    m.alive = false;
    m.busy = false;
    m.inHand = [];
    m.generation++;
    this.counts.consumerCrashes++;
  }

  /** The session of a crashed member expired: rebalance without it (if it has not come back). */
  leave(name: string): void {
    const m = this.members.get(name);
    if (m && !m.alive && this.assignment.includes(name)) this.requestRebalance();
  }

  /** Every idle live member polls (called on each fetch round). */
  pollAll(): void {
    for (const m of this.members.values()) if (m.alive && !m.busy) this.poll(m);
  }

  /** Records live members have polled and not yet processed (not skipped: the run just ended first). */
  inHand(): Set<number> {
    return new Set([...this.members.values()].flatMap((m) => m.inHand));
  }

  /** Members that own no partition. */
  idle(): string[] {
    return idleMembers(this.assignment, this.liveNames());
  }

  /** Records readable but not yet committed, summed over partitions. */
  lag(): number {
    let lag = 0;
    for (let p = 0; p < this.committed.length; p++) lag += Math.max(0, this.host.readable(p).hw - this.committed[p]!);
    return lag;
  }

  private liveNames(): string[] {
    return [...this.members.values()].filter((m) => m.alive).map((m) => m.name);
  }

  private poll(m: Member): void {
    const mine = this.assignment.flatMap((o, p) => (o === m.name && !this.paused[p] ? [p] : []));
    for (let k = 0; k < mine.length; k++) {
      const p = mine[(m.turn + k) % mine.length]!;
      const { log, hw } = this.host.readable(p);
      const from = Math.min(this.position[p]!, hw);
      if (from >= hw) continue;
      m.turn = (m.turn + k + 1) % mine.length;
      const batch = log.slice(from, Math.min(hw, from + this.options.maxPollRecords));
      const end = from + batch.length;
      this.position[p] = end;
      this.counts.polls++;
      if (this.options.commit === "before-processing") this.committed[p] = Math.max(this.committed[p]!, end);
      m.busy = true;
      m.inHand = [...batch];
      this.processBatch(m, p, batch, end, 0);
      return;
    }
  }

  private processBatch(m: Member, p: number, batch: readonly number[], end: number, i: number): void {
    const generation = m.generation;
    this.host.schedule(this.options.processingMs, () => {
      if (m.generation !== generation) return;
      this.host.processed(batch[i]!);
      m.inHand.shift();
      if (i + 1 < batch.length) return this.processBatch(m, p, batch, end, i + 1);
      // A member that lost the partition mid-batch in a rebalance does not commit over its new owner.
      if (this.options.commit === "after-processing" && (this.assignment[p] === m.name || this.assignment[p] === null)) this.committed[p] = Math.max(this.committed[p]!, end);
      m.busy = false;
      this.poll(m);
    });
  }

  private requestRebalance(): void {
    if (this.rebalancing) {
      this.rebalanceQueued = true;
      return;
    }
    this.rebalancing = true;
    this.counts.rebalances++;
    const members = this.liveNames();
    const { rebalanceMs } = this.options;
    if (this.options.rebalance === "eager") {
      const count = this.assignment.length;
      this.paused.fill(true);
      this.host.emit("group.rebalance-started", `eager: all ${count} partitions revoked`);
      this.host.schedule(rebalanceMs, () => {
        const next = rangeAssign(this.assignment.length, this.liveNames().filter((n) => members.includes(n)));
        this.counts.movedPartitions += movedPartitions(this.assignment, next).length;
        this.counts.pausedPartitionMs += count * rebalanceMs;
        this.handOver(next, Array.from({ length: next.length }, (_, p) => p));
      });
      return;
    }
    const next = stickyAssign(this.assignment.length, members, this.assignment);
    const moved = movedPartitions(this.assignment, next);
    for (const p of moved) {
      this.paused[p] = true;
      this.assignment[p] = null;
    }
    this.host.emit("group.rebalance-started", `cooperative: ${moved.length} of ${next.length} partitions move`);
    this.host.schedule(2 * rebalanceMs, () => {
      this.counts.movedPartitions += moved.length;
      this.counts.pausedPartitionMs += moved.length * 2 * rebalanceMs;
      this.handOver(next, moved);
    });
  }

  /** The new owners of `changed` start at the committed offsets; the rebalance ends. */
  private handOver(next: Assignment, changed: number[]): void {
    for (const p of changed) {
      this.assignment[p] = next[p] ?? null;
      this.position[p] = this.committed[p]!;
      this.paused[p] = false;
    }
    for (let p = 0; p < next.length; p++) if (next[p] !== undefined && !changed.includes(p)) this.assignment[p] = next[p]!;
    this.rebalancing = false;
    this.host.emit("group.rebalance-finished", `${this.idle().length} idle member(s)`);
    if (this.rebalanceQueued) {
      this.rebalanceQueued = false;
      this.requestRebalance();
    }
    this.pollAll();
  }
}
