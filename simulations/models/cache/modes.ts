/**
 * Cache modes beyond the v1 read path: writes, stampede cures, warming and invalidation.
 *
 * Used only when a cache spec sets one of the fields below (the v1 cache in cache.ts is untouched, so
 * v1 results stay identical and the plain read path pays nothing).
 *
 * - **Reads and writes.** A request is a write when it comes from one of `writers` (source ids) or,
 *   failing that, with probability `writeRatio` (decided once, by the first cache or database that sees
 *   it, so a chain of caches agrees). A write carries a new version of its key (data-world.ts).
 * - **`writeMode`** says what a write does:
 *   `around` (default): the write goes to the store; on success the cached copy is invalidated (see
 *   `invalidation`). `through`: the write goes to the store, then the cache stores the new value; the
 *   caller waits for both (write latency = store + `hitMs`), reads after it are fresh. `behind`
 *   (write-back): the cache stores the value, marks it dirty and acknowledges after `hitMs`; dirty
 *   entries are flushed to the store every `flushIntervalMs`, at most `flushBatchSize` per flush. A
 *   crash loses the dirty entries: `lostWrites`.
 * - **`invalidation`** (what a write does to copies): `delete` (default) deletes the local copy when the
 *   store confirms; `events` delivers invalidation messages after `invalidationDelayMs`, losing a share
 *   `invalidationLossRate`; `ttl` does nothing (copies age out). Caches named in `invalidates` receive
 *   messages too (multi-tier coherence: an L2 telling its L1s), unless the mode is `ttl`.
 * - **Stampede cures.** `coalesce` (single flight): concurrent misses of one key share one backend
 *   fetch. `earlyRefresh` (XFetch, beta): a hit may refresh its key in the background before it expires,
 *   more likely the closer the expiry and the slower the last fetch. `staleWhileRevalidateMs`: an entry
 *   that expired less than this long ago is still served (`staleServed`) while one background refresh
 *   runs. `ttlJitter` spreads expiries: each TTL is multiplied by a uniform factor in 1 ± ttlJitter.
 * - **Warming.** `warm: { keys }` holds the `keys` most popular keys (ranks 0..keys-1) at start; after a
 *   crash it reloads them from the store at `ratePerSec` (when `onRecover`, default true).
 *
 * A read answered with a version older than the latest acknowledged write of its key is a **stale
 * read** (`staleReads`, and `maxStaleMs`: the longest time since the newest missed write). A miss
 * stores the version its answer carried: the version in the store when the answer arrived, or the one
 * a cache or replica further down answered with.
 */
import { createSampler } from "../../engine/distributions";
import { LatencyHistogram, TimeWeighted } from "../../engine/stats";
import { BACKGROUND_PRIORITY } from "../../engine/simulation";
import type { ModelContext, Outcome, Reply, Request, SimNode } from "../../kernel/model";
import { dataWorld } from "../data-world";
import { round } from "../shared";
import { createKeyStore } from "./eviction";
import type { CacheSpec } from "./cache-schema";

interface Entry {
  expiresAt: number;
  version: number;
  dirty: boolean;
  /** Duration of the fetch that filled it (XFetch's delta). */
  fetchMs: number;
}

interface Pending {
  request: Request;
  reply: Reply;
  void: boolean;
  startMs: number;
  write: boolean;
}

const normaliseMode = (m: string | undefined): "around" | "through" | "behind" =>
  m === "through" || m === "write-through" ? "through" : m === "behind" || m === "write-back" || m === "write-behind" ? "behind" : "around";

/**
 * XFetch (Vattani, Chierichetti and Lowenstein, "Optimal Probabilistic Cache Stampede Prevention",
 * VLDB 2015): a read at `nowMs` of an entry that expires at `expiresAtMs` and took `fetchMs` to fetch
 * refreshes it early when now − fetch × beta × ln(u) ≥ expiry, for a uniform draw u in (0, 1]
 * (here 1 − `uniform`, so a draw of 0 is safe). The chance per read is exp(−gap / (fetch × beta)),
 * where gap is the time left before expiry: small far from expiry, rising to 1 at it.
 */
export function xfetchRefreshesEarly(nowMs: number, expiresAtMs: number, fetchMs: number, beta: number, uniform: number): boolean {
  return nowMs - fetchMs * beta * Math.log(1 - uniform) >= expiresAtMs;
}

/** Whether a spec uses any field beyond v1 (then the modal cache is built). */
export function usesModes(spec: CacheSpec): boolean {
  return (
    spec.writeRatio !== undefined ||
    spec.writers !== undefined ||
    spec.writeMode !== undefined ||
    spec.invalidation !== undefined ||
    spec.invalidates !== undefined ||
    spec.ttlJitter !== undefined ||
    spec.coalesce !== undefined ||
    spec.earlyRefresh !== undefined ||
    spec.staleWhileRevalidateMs !== undefined ||
    spec.warm !== undefined ||
    spec.flushIntervalMs !== undefined ||
    spec.flushBatchSize !== undefined
  );
}

export function createModalCache(spec: CacheSpec, ctx: ModelContext): SimNode & { start(): void } {
  const { sim, faults } = ctx;
  const world = dataWorld(sim);
  const store = createKeyStore<Entry>(spec.policy ?? "lru", spec.capacity);
  const ttlMs = spec.ttlMs ?? null;
  const sampleHit = createSampler(spec.hitMs, ctx.random("hit"));
  const mode = normaliseMode(spec.writeMode);
  const invalidation = spec.invalidation ?? "delete";
  const writeRatio = spec.writeRatio ?? 0;
  const writers = new Set(spec.writers ?? []);
  const opRandom = ctx.random("operations");
  const jitter = spec.ttlJitter ?? 0;
  const jitterRandom = ctx.random("ttl-jitter");
  const beta = spec.earlyRefresh ?? 0;
  const refreshRandom = ctx.random("early-refresh");
  const swrMs = spec.staleWhileRevalidateMs ?? 0;
  const coalesce = spec.coalesce ?? false;
  const lossRate = spec.invalidationLossRate ?? 0;
  const lossRandom = ctx.random("invalidation-loss");
  const delayMs = spec.invalidationDelayMs ?? 0;
  const flushIntervalMs = spec.flushIntervalMs ?? 100;
  const flushBatch = spec.flushBatchSize ?? Infinity;
  const edge = ctx.outgoing[0];
  // When the next hop keeps its own versions (another cache, a replicated database) it records what the
  // store holds; in front of a plain server this cache is the one that knows a write reached the store.
  const storeIsPlain = () => {
    const kind = ctx.peer(edge.to).kind;
    return kind !== "cache" && kind !== "replicated-database";
  };
  let plainStore: boolean | undefined;

  const pending = new Set<Pending>();
  const inflight = new Map<number, Pending[]>();
  const refreshing = new Set<number>();
  const dirty = new Map<number, Entry>();
  const backlog = new TimeWeighted(ctx.warmupMs);
  const writeLatency = new LatencyHistogram();
  let epoch = 0;
  let internalSeq = 0;
  let hits = 0;
  let misses = 0;
  let evictions = 0;
  let expirations = 0;
  let writes = 0;
  let coalesced = 0;
  let staleServed = 0;
  let backendFetches = 0;
  let refreshes = 0;
  let staleReads = 0;
  let maxStaleMs = 0;
  let lostWrites = 0;
  let flushed = 0;
  let invalidationsSent = 0;
  let invalidationsLost = 0;
  let invalidated = 0;

  const counting = () => sim.now >= ctx.warmupMs;
  const ttlFor = () => {
    if (ttlMs === null) return Infinity;
    return jitter > 0 ? ttlMs * (1 + jitter * (2 * jitterRandom.next() - 1)) : ttlMs;
  };
  const internal = (key: number, write: boolean): Request => {
    const r: Request = { id: -(++internalSeq), key, client: -1, sourceId: spec.id, createdAtMs: sim.now, counted: counting(), spans: null, priority: 0 };
    world.setOp(r, write);
    return r;
  };
  const markStored = (key: number, version: number) => {
    if (plainStore === undefined) plainStore = storeIsPlain();
    if (plainStore) world.store(key, version);
  };

  const put = (key: number, entry: Entry) => {
    const evicted = store.set(key, entry);
    if (evicted === undefined) return;
    if (counting()) evictions++;
    const lost = dirty.get(evicted);
    if (lost) {
      // Write-back on eviction: a dirty entry must reach the store before it leaves memory.
      dirty.delete(evicted);
      backlog.set(sim.now, dirty.size);
      flushOne(evicted, lost);
    }
  };

  /** Stores a fetched version unless the cache already holds a newer one (a write raced the read). */
  const fill = (key: number, version: number, fetchMs: number) => {
    const existing = store.get(key);
    if (existing && existing.version > version) return;
    put(key, { expiresAt: sim.now + ttlFor(), version, dirty: false, fetchMs });
  };

  const done = (p: Pending, outcome: Outcome, reason?: string) => {
    if (p.void) return;
    pending.delete(p);
    if (p.write && p.request.counted && outcome === "ok") writeLatency.record(sim.now - p.startMs);
    p.reply(outcome, reason);
  };

  const refresh = (key: number) => {
    if (refreshing.has(key)) return;
    refreshing.add(key);
    if (counting()) {
      backendFetches++;
      refreshes++;
    }
    const r = internal(key, false);
    const startMs = sim.now;
    const at = epoch;
    ctx.send(edge, r, (outcome) => {
      if (at !== epoch) return;
      refreshing.delete(key);
      if (outcome === "ok") fill(key, world.answered(r), sim.now - startMs);
    });
  };

  const fetch = (key: number, p: Pending) => {
    if (p.request.counted) backendFetches++;
    const waiters = [p];
    if (coalesce && key >= 0) inflight.set(key, waiters);
    const startMs = sim.now;
    const at = epoch;
    ctx.send(edge, p.request, (outcome, reason) => {
      if (at !== epoch) return;
      if (coalesce && key >= 0) inflight.delete(key);
      let version = 0;
      if (outcome === "ok" && key >= 0) {
        version = world.answered(p.request);
        fill(key, version, sim.now - startMs);
      }
      for (const w of waiters) {
        if (outcome === "ok" && w !== p) world.answer(w.request, version);
        else if (outcome === "ok") world.answer(p.request, version);
        done(w, outcome, reason);
      }
    });
  };

  const serveHit = (p: Pending, key: number, entry: Entry) => {
    const request = p.request;
    if (request.counted) {
      hits++;
      if (entry.version < world.latest(key)) {
        staleReads++;
        const ms = world.staleForMs(key, sim.now);
        if (ms > maxStaleMs) maxStaleMs = ms;
        if (ctx.tracing) ctx.emit("cache.stale-read", `key ${key}`, request.id);
      }
    }
    world.answer(request, entry.version);
    const ms = sampleHit();
    request.spans?.push({ node: spec.id, kind: "hit", startMs: sim.now, endMs: sim.now + ms });
    sim.schedule(ms, () => done(p, "ok"));
  };

  const read = (p: Pending) => {
    const request = p.request;
    const key = request.key;
    const entry = key >= 0 ? store.get(key) : undefined;
    if (entry) {
      if (sim.now < entry.expiresAt) {
        if (beta > 0 && entry.expiresAt !== Infinity && !refreshing.has(key) && xfetchRefreshesEarly(sim.now, entry.expiresAt, entry.fetchMs, beta, refreshRandom.next())) {
          refresh(key);
        }
        serveHit(p, key, entry);
        return;
      }
      if (sim.now < entry.expiresAt + swrMs || entry.dirty) {
        // Expired but within the stale-while-revalidate window (or dirty: never drop unflushed data).
        if (request.counted) staleServed++;
        if (!entry.dirty) refresh(key);
        serveHit(p, key, entry);
        return;
      }
      store.delete(key);
      if (request.counted) expirations++;
    }
    if (request.counted) misses++;
    request.spans?.push({ node: spec.id, kind: "miss", startMs: sim.now, endMs: sim.now });
    const shared = coalesce && key >= 0 ? inflight.get(key) : undefined;
    if (shared) {
      if (request.counted) coalesced++;
      shared.push(p);
      return;
    }
    fetch(key, p);
  };

  const publish = (key: number, version: number, includeSelf: boolean) => {
    const targets = includeSelf ? [spec.id, ...(spec.invalidates ?? [])] : spec.invalidates ?? [];
    for (const id of targets) {
      if (counting()) invalidationsSent++;
      if (lossRate > 0 && lossRandom.next() < lossRate) {
        if (counting()) invalidationsLost++;
        continue;
      }
      const deliver = () => world.caches.get(id)?.invalidate(key, version);
      if (delayMs > 0) sim.schedule(delayMs, deliver);
      else deliver();
    }
  };

  const afterWrite = (key: number, version: number) => {
    world.commit(key, version, sim.now);
    if (mode === "around") {
      if (invalidation === "delete") {
        const e = store.get(key);
        if (e && e.version < version && !e.dirty) store.delete(key);
        publish(key, version, false);
      } else if (invalidation === "events") publish(key, version, true);
    } else if (invalidation !== "ttl") publish(key, version, false);
  };

  const flushOne = (key: number, entry: Entry) => {
    const version = entry.version;
    const r = internal(key, true);
    world.setWriteVersion(r, version);
    if (counting()) flushed++;
    const at = epoch;
    ctx.send(edge, r, (outcome) => {
      if (outcome === "ok") {
        markStored(key, version);
        return;
      }
      // Failed flush: the value is dirty again if the cache still holds that version.
      if (at !== epoch) return;
      const e = store.get(key);
      if (e && e.version === version && !e.dirty) {
        e.dirty = true;
        dirty.set(key, e);
        backlog.set(sim.now, dirty.size);
      }
    });
  };

  const flush = () => {
    let n = 0;
    for (const [key, entry] of dirty) {
      if (n++ >= flushBatch) break;
      dirty.delete(key);
      entry.dirty = false;
      flushOne(key, entry);
    }
    backlog.set(sim.now, dirty.size);
    sim.schedule(flushIntervalMs, flush, BACKGROUND_PRIORITY);
  };

  const write = (p: Pending) => {
    const request = p.request;
    const key = request.key;
    const version = world.versionOf(request);
    if (request.counted) writes++;
    request.spans?.push({ node: spec.id, kind: "write", startMs: sim.now, endMs: sim.now, detail: mode });
    if (mode === "behind") {
      const entry: Entry = { expiresAt: sim.now + ttlFor(), version, dirty: true, fetchMs: 0 };
      dirty.delete(key);
      put(key, entry);
      dirty.set(key, entry);
      backlog.set(sim.now, dirty.size);
      afterWrite(key, version);
      sim.schedule(sampleHit(), () => done(p, "ok"));
      return;
    }
    const at = epoch;
    ctx.send(edge, request, (outcome, reason) => {
      if (at !== epoch) return done(p, outcome, reason);
      if (outcome !== "ok") {
        // The store may or may not have it: drop the copy rather than risk serving a wrong value.
        store.delete(key);
        return done(p, outcome, reason);
      }
      markStored(key, version);
      afterWrite(key, version);
      if (mode === "through") {
        fill(key, version, 0);
        sim.schedule(sampleHit(), () => done(p, "ok"));
      } else done(p, "ok");
    });
  };

  const warm = () => {
    const n = Math.min(spec.warm?.keys ?? 0, spec.capacity);
    for (let k = n - 1; k >= 0; k--) put(k, { expiresAt: sim.now + ttlFor(), version: world.stored.get(k) ?? 0, dirty: false, fetchMs: 0 });
  };
  const rewarm = () => {
    const n = Math.min(spec.warm?.keys ?? 0, spec.capacity);
    const gapMs = 1000 / (spec.warm?.ratePerSec ?? 2000);
    for (let k = 0; k < n; k++) sim.schedule(k * gapMs, () => !faults.crashed && !store.get(k) && refresh(k));
  };

  world.caches.set(spec.id, {
    invalidate(key, version) {
      const e = store.get(key);
      if (e && e.version < version && !e.dirty) {
        store.delete(key);
        if (counting()) invalidated++;
      }
    },
  });

  const pct = (h: LatencyHistogram) => ({ mean: round(h.mean, 3), p50: round(h.quantile(0.5), 3), p99: round(h.quantile(0.99), 3), max: round(h.count ? h.max : 0, 3) });

  return {
    id: spec.id,
    kind: "cache",
    start() {
      if (spec.warm) warm();
      if (mode === "behind") sim.schedule(flushIntervalMs, flush, BACKGROUND_PRIORITY);
    },
    receive(request, reply) {
      const p: Pending = { request, reply, void: false, startMs: sim.now, write: false };
      pending.add(p);
      p.write = world.isWrite(request, () => writers.has(request.sourceId) || (writeRatio > 0 && opRandom.next() < writeRatio));
      if (p.write) write(p);
      else read(p);
    },
    load: () => pending.size,
    crash() {
      epoch++;
      if (sim.now >= ctx.warmupMs) lostWrites += dirty.size;
      if (ctx.tracing && dirty.size > 0) ctx.emit("cache.writes-lost", `${dirty.size} dirty entries`);
      dirty.clear();
      backlog.set(sim.now, 0);
      store.clear();
      inflight.clear();
      refreshing.clear();
      const victims = [...pending];
      pending.clear();
      for (const p of victims) {
        p.void = true;
        p.reply("error", "crashed");
      }
    },
    recover() {
      if (spec.warm && spec.warm.onRecover !== false) rewarm();
    },
    metrics: (endMs) => ({
      hits,
      misses,
      hitRatio: round(hits + misses > 0 ? hits / (hits + misses) : 0),
      evictions,
      expirations,
      writes,
      coalesced,
      staleServed,
      backendFetches,
      refreshes,
      staleReads,
      maxStaleMs: round(maxStaleMs, 3),
      lostWrites,
      flushed,
      flushBacklog: round(backlog.average(endMs)),
      dirty: dirty.size,
      invalidationsSent,
      invalidationsLost,
      invalidated,
      writeLatencyMs: pct(writeLatency),
    }),
    gauges: () => ({ size: store.size, capacity: spec.capacity, hitRatio: hits + misses > 0 ? hits / (hits + misses) : 0, dirty: dirty.size, crashed: faults.crashed }),
  };
}
