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
import type { CacheSpec } from "./cache-schema";
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
