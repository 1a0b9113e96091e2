/**
 * Replicated database: one primary takes the writes, read replicas copy them asynchronously.
 *
 * The node is the database's router (think: the driver plus the cluster manager). Its outgoing edges
 * are the members, each an ordinary `server` (workers, service time, queue, faults): the first edge is
 * the primary, the others are read replicas. Writes go to the primary; when the primary confirms, the
 * write is acknowledged and each replica applies it after its own draw from `replicationLagMs`
 * (asynchronous replication: the writer never waits for a replica). Reads go to the replicas in
 * round-robin order (skipping members that are down), or to the primary with `readFrom: "primary"`.
 *
 * Consequences the lab counts:
 * - a read at a replica that has not yet applied the latest acknowledged write of its key is a **stale
 *   read**; if the reader is the client that made that write, it is also a **read-your-writes
 *   violation**. `readYourWritesMs` routes a client's reads of a key it wrote within that window to the
 *   primary, the usual cure.
 * - **failover**: when a write finds the primary down (connection refused), the router spends
 *   `failoverMs` detecting it and promoting the most caught-up replica that is up; writes in that window
 *   fail (`failover`). Acknowledged writes the new primary had not applied yet are gone (`lostWrites`),
 *   and later reads of those keys are stale against what the writers were told. The old primary
 *   rejoins as a replica, resynchronised from the new one.
 *
 * Replicas apply writes for free (no worker time) and a read's answer carries the version the member
 * held when it answered.
 */
import { createSampler, type Sampler } from "../../engine/distributions";
import { RunningMean } from "../../engine/stats";
import { distSchema, kebabId } from "../../kernel/schema-common";
import { array, literal, number, object, oneOf, type Infer } from "../../kernel/schema-builder";
import type { EdgeRuntime, ModelContext, NodeGauges, NodeKind, NodeMetrics, Reply, Request, SimNode } from "../../kernel/model";
import type { RandomStream } from "../../engine/random";
import type { Simulation } from "../../engine/simulation";
import { defineKind } from "../../kernel/kind";
import { dataWorld, type DataWorld } from "../data-world";
import { round } from "../shared";

export const replicatedDatabaseSchema = object(
  {
    id: kebabId(),
    kind: literal("replicated-database"),
    writeRatio: number({ min: 0, max: 1, title: "Share of requests that are writes", uiStep: 0.01 }),
    writers: array(kebabId("Writer source id"), { title: "Sources whose requests are all writes", maxItems: 100 }),
    readFrom: oneOf(["replicas", "primary"] as const, { title: "Reads go to", default: "replicas" }),
    replicationLagMs: distSchema,
    readYourWritesMs: number({ min: 0, max: 1e9, title: "Read own writes from the primary for", unit: "ms", uiMin: 0, uiMax: 10_000, default: 0 }),
    failoverMs: number({ min: 0, max: 1e9, title: "Failover (detect + promote)", unit: "ms", uiMin: 0, uiMax: 60_000, default: 10_000 }),
  },
  { optional: ["writeRatio", "writers", "readFrom", "replicationLagMs", "readYourWritesMs", "failoverMs"], name: "a replicated-database node" },
);
export type ReplicatedDatabaseSpec = Infer<typeof replicatedDatabaseSchema>;

/** The database as a node: a primary and its replicas (the outgoing edges), replication, failover, reads. */
class ReplicatedDatabase implements SimNode {
  readonly kind = "replicated-database";
  readonly id: string;
  private readonly sim: Simulation;
  private readonly world: DataWorld;
  private readonly members: readonly EdgeRuntime[];
  private readonly m: number;
  private readonly writers: Set<string>;
  private readonly writeRatio: number;
  private readonly opRandom: RandomStream;
  private readonly lag: Sampler[];
  private readonly failoverMs: number;
  private readonly rywMs: number;
  /** Versions each member has applied, per key. */
  private readonly applied: Map<number, number>[];
  /** Writes each member has applied since the start (the primary counts its own). */
  private readonly appliedCount: number[];
  /** Bumped per member when its pending replication is void (promotion, resync). */
  private readonly memberEpoch: number[];
  /** (client, key) -> [version, time] of the client's last acknowledged write. */
  private readonly ownWrites = new Map<number, { version: number; atMs: number }>();
  private readonly lagStats = new RunningMean();
  private primary = 0;
  private failingOver = false;
  private cursor = 0;
  private outstanding = 0;
  private reads = 0;
  private writes = 0;
  private staleReads = 0;
  private rywViolations = 0;
  private failovers = 0;
  private lostWrites = 0;
  private failedWrites = 0;
  private readsFromPrimary = 0;
  private maxLagMs = 0;

  constructor(
    private readonly spec: ReplicatedDatabaseSpec,
    private readonly ctx: ModelContext,
  ) {
    this.id = spec.id;
    this.sim = ctx.sim;
    this.world = dataWorld(ctx.sim);
    this.members = ctx.outgoing;
    this.m = this.members.length;
    this.writers = new Set(spec.writers ?? []);
    this.writeRatio = spec.writeRatio ?? 0;
    this.opRandom = ctx.random("operations");
    this.lag = this.members.map((e) => createSampler(spec.replicationLagMs ?? { dist: "constant", ms: 0 }, ctx.random(`replication/${e.to}`)));
    this.failoverMs = spec.failoverMs ?? 10_000;
    this.rywMs = spec.readYourWritesMs ?? 0;
    this.applied = this.members.map(() => new Map<number, number>());
    this.appliedCount = new Array<number>(this.m).fill(0);
    this.memberEpoch = new Array<number>(this.m).fill(0);
  }

  private counting(): boolean {
    return this.sim.now >= this.ctx.warmupMs;
  }

  private up(i: number): boolean {
    return !this.ctx.isDown(this.members[i].to) && !this.members[i].partitioned;
  }

  /** Promotes the most up-to-date live replica; writes it never saw are lost. */
  private readonly promote = (): void => {
    const { m, applied, appliedCount } = this;
    let best = -1;
    for (let i = 0; i < m; i++) if (i !== this.primary && this.up(i) && (best < 0 || appliedCount[i] > appliedCount[best])) best = i;
    if (best < 0) {
      // Nobody to promote yet: try again after another detection period.
      this.sim.schedule(this.failoverMs || 1000, this.promote);
      return;
    }
    const old = this.primary;
    const lost = appliedCount[old] - appliedCount[best];
    if (lost > 0 && this.counting()) this.lostWrites += lost;
    // The store of record is now the promoted replica: writes it never saw are gone.
    for (const [key, v] of applied[old]) {
      const kept = applied[best].get(key) ?? 0;
      if (v > kept) this.world.stored.set(key, kept);
    }
    for (let i = 0; i < m; i++) this.memberEpoch[i]++;
    applied[old] = new Map(applied[best]);
    appliedCount[old] = appliedCount[best];
    this.primary = best;
    this.failingOver = false;
    if (this.ctx.tracing) this.ctx.emit("database.failed-over", `${this.members[old].to} -> ${this.members[best].to}, ${lost} writes lost`);
  };

  private startFailover(): void {
    if (this.failingOver) return;
    this.failingOver = true;
    if (this.counting()) this.failovers++;
    if (this.ctx.tracing) this.ctx.emit("database.primary-lost", this.members[this.primary].to);
    this.sim.schedule(this.failoverMs, this.promote);
  }

  /** Ships a committed write to every replica after its own lag (void if the replica is resynced first). */
  private replicate(key: number, version: number): void {
    for (let i = 0; i < this.m; i++) {
      if (i === this.primary) continue;
      const ms = this.lag[i]();
      if (this.counting()) {
        this.lagStats.record(ms);
        if (ms > this.maxLagMs) this.maxLagMs = ms;
      }
      const at = this.memberEpoch[i];
      const target = this.applied[i];
      const from = this.primary;
      const apply = () => {
        // The lag is the time until the primary ships the write: a primary that died first never does.
        if (at !== this.memberEpoch[i] || this.ctx.isDown(this.members[from].to)) return;
        if ((target.get(key) ?? 0) < version) target.set(key, version);
        this.appliedCount[i]++;
      };
      if (ms > 0) this.sim.schedule(ms, apply);
      else apply();
    }
  }

  private write(request: Request, reply: Reply): void {
    const { sim } = this;
    if (request.counted) this.writes++;
    if (this.failingOver || !this.up(this.primary)) {
      if (!this.failingOver) this.startFailover();
      if (request.counted) this.failedWrites++;
      request.spans?.push({ node: this.spec.id, kind: "rejected", startMs: sim.now, endMs: sim.now, outcome: "error", detail: "failover" });
      sim.schedule(0, () => reply("error", "failover"));
      return;
    }
    const target = this.primary;
    this.outstanding++;
    this.ctx.send(this.members[target], request, (outcome, reason) => {
      this.outstanding--;
      if (outcome === "ok" && target === this.primary && !this.failingOver) {
        this.committed(request, target);
        reply("ok");
        return;
      }
      if (outcome === "ok") {
        // Confirmed by a primary that has since been replaced: the write did not survive.
        if (request.counted) this.failedWrites++;
        reply("error", "failover");
        return;
      }
      if (reason === "crashed") this.startFailover();
      if (request.counted) this.failedWrites++;
      reply(outcome, reason);
    });
  }

  /** A write the current primary confirmed: applied there, recorded as the latest, replicated. */
  private committed(request: Request, target: number): void {
    const { world, sim } = this;
    const key = request.key;
    const version = world.versionOf(request);
    const mine = this.applied[target];
    if ((mine.get(key) ?? 0) < version) mine.set(key, version);
    this.appliedCount[target]++;
    world.store(key, version);
    world.commit(key, version, sim.now);
    this.ownWrites.set(own(request.client, key), { version, atMs: sim.now });
    this.replicate(key, version);
  }

  private pickReplica(): number {
    for (let k = 0; k < this.m; k++) {
      const i = this.cursor;
      this.cursor = (this.cursor + 1) % this.m;
      if (i !== this.primary && this.up(i)) return i;
    }
    return this.primary;
  }

  private read(request: Request, reply: Reply): void {
    const { sim, world } = this;
    const key = request.key;
    let target = this.primary;
    if (this.spec.readFrom !== "primary") {
      const mine = this.rywMs > 0 && key >= 0 ? this.ownWrites.get(own(request.client, key)) : undefined;
      if (!mine || sim.now - mine.atMs > this.rywMs) target = this.pickReplica();
    }
    if (request.counted) {
      this.reads++;
      if (target === this.primary) this.readsFromPrimary++;
    }
    // Judged against what was acknowledged when the read was sent: a write that completes while the
    // read is in flight may or may not be seen.
    const latest = key >= 0 ? world.latest(key) : 0;
    const mine = key >= 0 ? this.ownWrites.get(own(request.client, key))?.version ?? 0 : 0;
    this.outstanding++;
    this.ctx.send(this.members[target], request, (outcome, reason) => {
      this.outstanding--;
      if (outcome === "ok" && key >= 0) {
        const version = this.applied[target].get(key) ?? 0;
        world.answer(request, version);
        if (request.counted && version < latest) {
          this.staleReads++;
          if (mine > version) this.rywViolations++;
          if (this.ctx.tracing) this.ctx.emit("database.stale-read", `key ${key} at ${this.members[target].to}`, request.id);
        }
      }
      reply(outcome, reason);
    });
  }

  receive(request: Request, reply: Reply): void {
    const isWrite = this.world.isWrite(request, () => this.writers.has(request.sourceId) || (this.writeRatio > 0 && this.opRandom.next() < this.writeRatio));
    if (isWrite) this.write(request, reply);
    else this.read(request, reply);
  }

  load(): number {
    return this.outstanding;
  }

  crash(): void {}

  recover(): void {}

  metrics(): NodeMetrics {
    const { reads, staleReads } = this;
    return {
      reads,
      writes: this.writes,
      staleReads,
      staleReadRatio: round(reads > 0 ? staleReads / reads : 0),
      readYourWritesViolations: this.rywViolations,
      readsFromPrimary: this.readsFromPrimary,
      failovers: this.failovers,
      lostWrites: this.lostWrites,
      failedWrites: this.failedWrites,
      primary: this.members[this.primary].to,
      replicationLagMs: { mean: round(this.lagStats.mean, 3), max: round(this.maxLagMs, 3) },
    };
  }

  gauges(): NodeGauges {
    return { primary: this.members[this.primary].to, failingOver: this.failingOver, members: this.m };
  }
}

/** The key of a client's own writes to a key. */
const own = (client: number, key: number) => client * 16_777_216 + key;

export const replicatedDatabaseKind: NodeKind<ReplicatedDatabaseSpec> = {
  kind: "replicated-database",
  create: (spec, ctx) => new ReplicatedDatabase(spec, ctx),
};

export const replicatedDatabaseDefinition = defineKind({
  kind: "replicated-database",
  title: "Replicated database",
  summary: "Routes writes to a primary and reads to asynchronously updated replicas; fails over when the primary dies.",
  schema: replicatedDatabaseSchema,
  model: replicatedDatabaseKind,
  outgoing: { min: 2, max: 64 },
  acceptsIncoming: true,
  template: { writeRatio: 0.1, readFrom: "replicas", replicationLagMs: { dist: "exponential", meanMs: 100 } },
  metrics: {
    reads: { title: "Reads", of: "requests" },
    writes: { title: "Writes", of: "requests" },
    staleReads: { title: "Stale reads", of: "reads" },
    staleReadRatio: { title: "Share of stale reads", unit: "ratio" },
    readYourWritesViolations: { title: "Reads that missed the reader's own write", of: "reads" },
    readsFromPrimary: { title: "Reads served by the primary", of: "reads" },
    failovers: { title: "Failovers" },
    lostWrites: { title: "Writes lost", of: "writes" },
    failedWrites: { title: "Failed writes", of: "writes" },
    primary: { title: "Primary" },
    replicationLagMs: { title: "Replication lag (mean, max)", unit: "ms", keyed: true },
  },
  gauges: {
    primary: { title: "Primary", role: "state" },
    failingOver: { title: "Failing over", role: "flag" },
    members: { title: "Members", role: "capacity" },
  },
  records: {
    "database.primary-lost": { meaning: "the primary crashed: writes fail until a replica is promoted" },
    "database.failed-over": { meaning: "a replica was promoted to primary; writes it had not received are lost" },
    "database.stale-read": { meaning: "a replica answered a read with a value older than the latest write" },
  },
});
