/**
 * Cache: answers repeat requests for the same key from memory.
 *
 * A request whose key is held (a hit) is answered after `hitMs`; a miss is forwarded along the
 * cache's single outgoing edge, and the key is stored when the answer comes back successfully
 * (cache-aside / read-through). `capacity` bounds the keys held and `policy` picks what to evict;
 * `ttlMs` makes entries expire so stale data ages out (null: never). Requests without a key (the
 * source has no `keys`) are always misses. Hit ratio depends on how skewed the keys are: with a Zipf
 * exponent near 1 a cache holding 1% of keys can answer most requests. A crash empties the cache
 * (memory is lost) and fails what was in flight.
 */
import { createSampler } from "../../engine/distributions";
import { cacheSchema, type CacheSpec } from "./cache-schema";
import { defineKind, onlyWhen } from "../../kernel/kind";
import type { NodeKind, Reply, Request, SimNode } from "../../kernel/model";
import { round } from "../shared";
import { createKeyStore } from "./eviction";
import { createModalCache, usesModes } from "./modes";
import { fastPaths } from "../fast-paths";

export { cacheSchema, type CacheSpec } from "./cache-schema";

interface Pending {
  request: Request;
  reply: Reply;
  void: boolean;
}

export const cacheKind: NodeKind<CacheSpec> = {
  kind: "cache",
  create(spec, ctx) {
    if (fastPaths.forceGeneral || usesModes(spec)) return createModalCache(spec, ctx);
    const { sim, faults } = ctx;
    const store = createKeyStore<number>(spec.policy ?? "lru", spec.capacity);
    const ttlMs = spec.ttlMs ?? null;
    const sampleHit = createSampler(spec.hitMs, ctx.random("hit"));
    const pending = new Set<Pending>();
    let hits = 0;
    let misses = 0;
    let evictions = 0;
    let expirations = 0;

    const done = (p: Pending, outcome: "ok" | "error" | "dropped", reason?: string) => {
      if (p.void) return;
      pending.delete(p);
      p.reply(outcome, reason);
    };

    const node: SimNode = {
      id: spec.id,
      kind: "cache",
      receive(request, reply) {
        const p: Pending = { request, reply, void: false };
        pending.add(p);
        const key = request.key;
        let expiresAt = key >= 0 ? store.get(key) : undefined;
        if (expiresAt !== undefined && expiresAt <= sim.now) {
          store.delete(key);
          expiresAt = undefined;
          if (request.counted) expirations++;
        }
        if (expiresAt !== undefined) {
          if (request.counted) hits++;
          const ms = sampleHit();
          request.spans?.push({ node: spec.id, kind: "hit", startMs: sim.now, endMs: sim.now + ms });
          sim.schedule(ms, () => done(p, "ok"));
          return;
        }
        if (request.counted) misses++;
        request.spans?.push({ node: spec.id, kind: "miss", startMs: sim.now, endMs: sim.now });
        ctx.send(ctx.outgoing[0], request, (outcome, reason) => {
          if (p.void) return;
          if (outcome === "ok" && key >= 0) {
            const evicted = store.set(key, ttlMs === null ? Infinity : sim.now + ttlMs);
            if (evicted !== undefined && request.counted) evictions++;
          }
          done(p, outcome, reason);
        });
      },
      load: () => pending.size,
      crash() {
        store.clear();
        const victims = [...pending];
        pending.clear();
        for (const p of victims) {
          p.void = true;
          p.reply("error", "crashed");
        }
      },
      recover() {},
      metrics: () => ({
        hits,
        misses,
        hitRatio: round(hits + misses > 0 ? hits / (hits + misses) : 0),
        evictions,
        expirations,
      }),
      gauges: () => ({ size: store.size, capacity: spec.capacity, hitRatio: hits + misses > 0 ? hits / (hits + misses) : 0, crashed: faults.crashed }),
    };
    return node;
  },
};

export const cacheDefinition = defineKind({
  kind: "cache",
  title: "Cache",
  summary: "Answers known keys from memory; forwards misses and stores the answers.",
  schema: cacheSchema,
  model: cacheKind,
  outgoing: { min: 1, max: 1 },
  acceptsIncoming: true,
  template: { capacity: 1000, policy: "lru", ttlMs: null, hitMs: { dist: "constant", ms: 1 } },
  metrics: {
    hits: { title: "Cache hits", of: "requests" },
    misses: { title: "Cache misses", of: "requests" },
    hitRatio: { title: "Hit ratio", unit: "ratio" },
    evictions: { title: "Evictions", of: "keys" },
    expirations: { title: "Entries expired", of: "keys" },
    // The modal cache (modes.ts): any of writes, stampede cures, warming or invalidation.
    ...onlyWhen("with writes, stampede cures, warming or invalidation", {
      writes: { title: "Writes", of: "requests" },
      coalesced: { title: "Requests coalesced into one fetch", of: "requests" },
      staleServed: { title: "Stale answers served", of: "requests" },
      backendFetches: { title: "Fetches from the backend" },
      refreshes: { title: "Refreshes" },
      staleReads: { title: "Stale reads" },
      maxStaleMs: { title: "Stalest read", unit: "ms" },
      lostWrites: { title: "Writes lost" },
      flushed: { title: "Writes flushed" },
      flushBacklog: { title: "Writes waiting to be flushed" },
      dirty: { title: "Dirty entries (not yet written back)" },
      invalidationsSent: { title: "Invalidations sent" },
      invalidationsLost: { title: "Invalidations lost" },
      invalidated: { title: "Entries invalidated" },
      writeLatencyMs: { title: "Write latency", unit: "ms", keyed: true },
    }),
  },
  gauges: {
    size: { title: "Keys held", role: "busy" },
    capacity: { title: "Capacity", role: "capacity" },
    hitRatio: { title: "Hit ratio", role: "other" },
    ...onlyWhen("with writes, stampede cures, warming or invalidation", { dirty: { title: "Dirty entries", role: "queue" } }),
  },
  records: {
    "cache.stale-read": { meaning: "a read returned a value older than the latest write" },
    "cache.writes-lost": { meaning: "a crash lost writes not yet flushed to the backend (write-back)" },
  },
});
