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
import { distSchema, kebabId } from "../../scenario/common";
import { array, boolean, literal, nullable, number, object, oneOf, type Infer } from "../../scenario/schema-builder";
import type { NodeKind, Reply, Request, SimNode } from "../../runtime/model";
import { round } from "../shared";
import { createKeyStore } from "./eviction";
import { createModalCache, usesModes } from "./modes";
import { fastPaths } from "../fast-paths";

export const cacheSchema = object(
  {
    id: kebabId(),
    kind: literal("cache"),
    capacity: number({ integer: true, above: 0, max: 10_000_000, title: "Capacity", unit: "keys", uiMin: 10, uiMax: 100_000 }),
    policy: oneOf(["lru", "lfu", "fifo"] as const, { title: "Eviction policy", default: "lru" }),
    ttlMs: nullable(number({ above: 0, title: "Time to live", unit: "ms", uiMin: 100, uiMax: 600_000 })),
    hitMs: distSchema,
    // Extensions (models/cache/modes.ts): writes, stampede cures, warming, invalidation.
    writeRatio: number({ min: 0, max: 1, title: "Share of requests that are writes", uiStep: 0.01 }),
    writers: array(kebabId("Writer source id"), { title: "Sources whose requests are all writes", maxItems: 100 }),
    writeMode: oneOf(["around", "through", "behind", "write-around", "write-through", "write-back"] as const, { title: "Write mode (default around)" }),
    flushIntervalMs: number({ above: 0, max: 1e7, title: "Write-back flush interval", unit: "ms", uiMin: 10, uiMax: 10_000 }),
    flushBatchSize: number({ integer: true, above: 0, max: 1e7, title: "Most entries per flush", uiMin: 1, uiMax: 10_000 }),
    invalidation: oneOf(["delete", "events", "ttl"] as const, { title: "What a write does to cached copies" }),
    invalidates: array(kebabId("Cache id"), { title: "Caches sent invalidation messages", maxItems: 100 }),
    invalidationDelayMs: number({ min: 0, max: 1e7, title: "Invalidation delay", unit: "ms", uiMin: 0, uiMax: 5000 }),
    invalidationLossRate: number({ min: 0, max: 1, title: "Invalidation messages lost", uiStep: 0.001 }),
    ttlJitter: number({ min: 0, max: 1, title: "TTL jitter (± ratio)", uiStep: 0.05 }),
    coalesce: boolean({ title: "Coalesce concurrent misses (single flight)" }),
    earlyRefresh: number({ min: 0, max: 100, title: "Early refresh beta (XFetch; 0 = off)", uiMin: 0, uiMax: 5, uiStep: 0.1 }),
    staleWhileRevalidateMs: number({ min: 0, max: 1e9, title: "Serve stale while revalidating", unit: "ms", uiMin: 0, uiMax: 60_000 }),
    warm: object(
      {
        keys: number({ integer: true, min: 0, max: 10_000_000, title: "Keys preloaded (most popular first)", uiMin: 0, uiMax: 10_000 }),
        onRecover: boolean({ title: "Reload after a crash" }),
        ratePerSec: number({ above: 0, max: 1e7, title: "Reload rate", unit: "req/s", uiMin: 10, uiMax: 10_000 }),
      },
      { optional: ["onRecover", "ratePerSec"], name: "warm" },
    ),
  },
  {
    optional: [
      "policy", "ttlMs", "writeRatio", "writers", "writeMode", "flushIntervalMs", "flushBatchSize", "invalidation", "invalidates",
      "invalidationDelayMs", "invalidationLossRate", "ttlJitter", "coalesce", "earlyRefresh", "staleWhileRevalidateMs", "warm",
    ],
    name: "a cache node",
  },
);
export type CacheSpec = Infer<typeof cacheSchema>;

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
