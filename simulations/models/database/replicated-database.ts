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
import type { NodeKind, Reply, Request, SimNode } from "../../kernel/model";
import { defineKind } from "../../kernel/kind";
import { dataWorld } from "../data-world";
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

export const replicatedDatabaseKind: NodeKind<ReplicatedDatabaseSpec> = {
  kind: "replicated-database",
  create(spec, ctx) {
    const { sim } = ctx;
    const world = dataWorld(sim);
    const members = ctx.outgoing;
    const m = members.length;
    const writers = new Set(spec.writers ?? []);
    const writeRatio = spec.writeRatio ?? 0;
    const opRandom = ctx.random("operations");
    const lag: Sampler[] = members.map((e) => createSampler(spec.replicationLagMs ?? { dist: "constant", ms: 0 }, ctx.random(`replication/${e.to}`)));
    const failoverMs = spec.failoverMs ?? 10_000;
    const rywMs = spec.readYourWritesMs ?? 0;
    /** Versions each member has applied, per key. */
    const applied = members.map(() => new Map<number, number>());
    /** Writes each member has applied since the start (the primary counts its own). */
    const appliedCount = new Array<number>(m).fill(0);
    /** Bumped per member when its pending replication is void (promotion, resync). */
    const memberEpoch = new Array<number>(m).fill(0);
    /** (client, key) -> [version, time] of the client's last acknowledged write. */
    const ownWrites = new Map<number, { version: number; atMs: number }>();
    const lagStats = new RunningMean();
    let primary = 0;
    let failingOver = false;
    let cursor = 0;
    let outstanding = 0;
    let reads = 0;
    let writes = 0;
    let staleReads = 0;
    let rywViolations = 0;
    let failovers = 0;
    let lostWrites = 0;
    let failedWrites = 0;
    let readsFromPrimary = 0;
    let maxLagMs = 0;

    const counting = () => sim.now >= ctx.warmupMs;
    const own = (client: number, key: number) => client * 16_777_216 + key;
    const up = (i: number) => !ctx.isDown(members[i].to) && !members[i].partitioned;

    const promote = () => {
      let best = -1;
      for (let i = 0; i < m; i++) if (i !== primary && up(i) && (best < 0 || appliedCount[i] > appliedCount[best])) best = i;
      if (best < 0) {
        // Nobody to promote yet: try again after another detection period.
        sim.schedule(failoverMs || 1000, promote);
        return;
      }
      const old = primary;
      const lost = appliedCount[old] - appliedCount[best];
      if (lost > 0 && counting()) lostWrites += lost;
      // The store of record is now the promoted replica: writes it never saw are gone.
      for (const [key, v] of applied[old]) {
        const kept = applied[best].get(key) ?? 0;
        if (v > kept) world.stored.set(key, kept);
      }
      for (let i = 0; i < m; i++) memberEpoch[i]++;
      applied[old] = new Map(applied[best]);
      appliedCount[old] = appliedCount[best];
      primary = best;
      failingOver = false;
      if (ctx.tracing) ctx.emit("database.failed-over", `${members[old].to} -> ${members[best].to}, ${lost} writes lost`);
    };

    const startFailover = () => {
      if (failingOver) return;
      failingOver = true;
      if (counting()) failovers++;
      if (ctx.tracing) ctx.emit("database.primary-lost", members[primary].to);
      sim.schedule(failoverMs, promote);
    };

    const replicate = (key: number, version: number) => {
      for (let i = 0; i < m; i++) {
        if (i === primary) continue;
        const ms = lag[i]();
        if (counting()) {
          lagStats.record(ms);
          if (ms > maxLagMs) maxLagMs = ms;
        }
        const at = memberEpoch[i];
        const target = applied[i];
        const from = primary;
        const apply = () => {
          // The lag is the time until the primary ships the write: a primary that died first never does.
          if (at !== memberEpoch[i] || ctx.isDown(members[from].to)) return;
          if ((target.get(key) ?? 0) < version) target.set(key, version);
          appliedCount[i]++;
        };
        if (ms > 0) sim.schedule(ms, apply);
        else apply();
      }
    };

    const write = (request: Request, reply: Reply) => {
      if (request.counted) writes++;
      if (failingOver || !up(primary)) {
        if (!failingOver) startFailover();
        if (request.counted) failedWrites++;
        request.spans?.push({ node: spec.id, kind: "rejected", startMs: sim.now, endMs: sim.now, outcome: "error", detail: "failover" });
        sim.schedule(0, () => reply("error", "failover"));
        return;
      }
      const target = primary;
      outstanding++;
      ctx.send(members[target], request, (outcome, reason) => {
        outstanding--;
        if (outcome === "ok" && target === primary && !failingOver) {
          const key = request.key;
          const version = world.versionOf(request);
          const mine = applied[target];
          if ((mine.get(key) ?? 0) < version) mine.set(key, version);
          appliedCount[target]++;
          world.store(key, version);
          world.commit(key, version, sim.now);
          ownWrites.set(own(request.client, key), { version, atMs: sim.now });
          replicate(key, version);
          reply("ok");
          return;
        }
        if (outcome === "ok") {
          // Confirmed by a primary that has since been replaced: the write did not survive.
          if (request.counted) failedWrites++;
          reply("error", "failover");
          return;
        }
        if (reason === "crashed") startFailover();
        if (request.counted) failedWrites++;
        reply(outcome, reason);
      });
    };

    const pickReplica = (): number => {
      for (let k = 0; k < m; k++) {
        const i = cursor;
        cursor = (cursor + 1) % m;
        if (i !== primary && up(i)) return i;
      }
      return primary;
    };

    const read = (request: Request, reply: Reply) => {
      const key = request.key;
      let target = primary;
      if (spec.readFrom !== "primary") {
        const mine = rywMs > 0 && key >= 0 ? ownWrites.get(own(request.client, key)) : undefined;
        if (!mine || sim.now - mine.atMs > rywMs) target = pickReplica();
      }
      if (request.counted) {
        reads++;
        if (target === primary) readsFromPrimary++;
      }
      // Judged against what was acknowledged when the read was sent: a write that completes while the
      // read is in flight may or may not be seen.
      const latest = key >= 0 ? world.latest(key) : 0;
      const mine = key >= 0 ? ownWrites.get(own(request.client, key))?.version ?? 0 : 0;
      outstanding++;
      ctx.send(members[target], request, (outcome, reason) => {
        outstanding--;
        if (outcome === "ok" && key >= 0) {
          const version = applied[target].get(key) ?? 0;
          world.answer(request, version);
          if (request.counted && version < latest) {
            staleReads++;
            if (mine > version) rywViolations++;
            if (ctx.tracing) ctx.emit("database.stale-read", `key ${key} at ${members[target].to}`, request.id);
          }
        }
        reply(outcome, reason);
      });
    };

    const node: SimNode = {
      id: spec.id,
      kind: "replicated-database",
      receive(request, reply) {
        const isWrite = world.isWrite(request, () => writers.has(request.sourceId) || (writeRatio > 0 && opRandom.next() < writeRatio));
        if (isWrite) write(request, reply);
        else read(request, reply);
      },
      load: () => outstanding,
      crash() {},
      recover() {},
      metrics: () => ({
        reads,
        writes,
        staleReads,
        staleReadRatio: round(reads > 0 ? staleReads / reads : 0),
        readYourWritesViolations: rywViolations,
        readsFromPrimary,
        failovers,
        lostWrites,
        failedWrites,
        primary: members[primary].to,
        replicationLagMs: { mean: round(lagStats.mean, 3), max: round(maxLagMs, 3) },
      }),
      gauges: () => ({ primary: members[primary].to, failingOver, members: m }),
    };
    return node;
  },
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
