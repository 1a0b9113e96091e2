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
import type { RandomStream } from "../../engine/random";
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
  return new ModalCache(spec, ctx).toNode();
}

const pct = (h: LatencyHistogram) => ({ mean: round(h.mean, 3), p50: round(h.quantile(0.5), 3), p99: round(h.quantile(0.99), 3), max: round(h.count ? h.max : 0, 3) });

/** One modal cache's entries, pending requests and counters; `toNode` exposes it to the runtime. */
class ModalCache {
  private readonly sim: ModelContext["sim"];
  private readonly faults: ModelContext["faults"];
  private readonly world: ReturnType<typeof dataWorld>;
  private readonly store: ReturnType<typeof createKeyStore<Entry>>;
  private readonly ttlMs: number | null;
  private readonly sampleHit: () => number;
  private readonly mode: "around" | "through" | "behind";
  private readonly invalidation: NonNullable<CacheSpec["invalidation"]>;
  private readonly writeRatio: number;
  private readonly writers: Set<string>;
  private readonly opRandom: RandomStream;
  private readonly jitter: number;
  private readonly jitterRandom: RandomStream;
  private readonly beta: number;
  private readonly refreshRandom: RandomStream;
  private readonly swrMs: number;
  private readonly coalesce: boolean;
  private readonly lossRate: number;
  private readonly lossRandom: RandomStream;
  private readonly delayMs: number;
  private readonly flushIntervalMs: number;
  private readonly flushBatch: number;
  private readonly edge: ModelContext["outgoing"][number];
  private plainStore: boolean | undefined;

  private readonly pending = new Set<Pending>();
  private readonly inflight = new Map<number, Pending[]>();
  private readonly refreshing = new Set<number>();
  private readonly dirty = new Map<number, Entry>();
  private readonly backlog: TimeWeighted;
  private readonly writeLatency = new LatencyHistogram();
  private epoch = 0;
  private internalSeq = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;
  private expirations = 0;
  private writes = 0;
  private coalesced = 0;
  private staleServed = 0;
  private backendFetches = 0;
  private refreshes = 0;
  private staleReads = 0;
  private maxStaleMs = 0;
  private lostWrites = 0;
  private flushed = 0;
  private invalidationsSent = 0;
  private invalidationsLost = 0;
  private invalidated = 0;

  constructor(
    private readonly spec: CacheSpec,
    private readonly ctx: ModelContext,
  ) {
    this.sim = ctx.sim;
    this.faults = ctx.faults;
    this.world = dataWorld(this.sim);
    this.store = createKeyStore<Entry>(spec.policy ?? "lru", spec.capacity);
    this.ttlMs = spec.ttlMs ?? null;
    // Streams are created in this order; keep it.
    this.sampleHit = createSampler(spec.hitMs, ctx.random("hit"));
    this.mode = normaliseMode(spec.writeMode);
    this.invalidation = spec.invalidation ?? "delete";
    this.writeRatio = spec.writeRatio ?? 0;
    this.writers = new Set(spec.writers ?? []);
    this.opRandom = ctx.random("operations");
    this.jitter = spec.ttlJitter ?? 0;
    this.jitterRandom = ctx.random("ttl-jitter");
    this.beta = spec.earlyRefresh ?? 0;
    this.refreshRandom = ctx.random("early-refresh");
    this.swrMs = spec.staleWhileRevalidateMs ?? 0;
    this.coalesce = spec.coalesce ?? false;
    this.lossRate = spec.invalidationLossRate ?? 0;
    this.lossRandom = ctx.random("invalidation-loss");
    this.delayMs = spec.invalidationDelayMs ?? 0;
    this.flushIntervalMs = spec.flushIntervalMs ?? 100;
    this.flushBatch = spec.flushBatchSize ?? Infinity;
    this.edge = ctx.outgoing[0];
    this.backlog = new TimeWeighted(ctx.warmupMs);

    this.world.caches.set(spec.id, {
      invalidate: (key, version) => {
        const e = this.store.get(key);
        if (e && e.version < version && !e.dirty) {
          this.store.delete(key);
          if (this.counting()) this.invalidated++;
        }
      },
    });
  }

  private counting(): boolean {
    return this.sim.now >= this.ctx.warmupMs;
  }

  // When the next hop keeps its own versions (another cache, a replicated database) it records what the
  // store holds; in front of a plain server this cache is the one that knows a write reached the store.
  private storeIsPlain(): boolean {
    const kind = this.ctx.peer(this.edge.to).kind;
    return kind !== "cache" && kind !== "replicated-database";
  }

  private ttlFor(): number {
    const { ttlMs, jitter } = this;
    if (ttlMs === null) return Infinity;
    return jitter > 0 ? ttlMs * (1 + jitter * (2 * this.jitterRandom.next() - 1)) : ttlMs;
  }

  private internal(key: number, write: boolean): Request {
    const r: Request = { id: -(++this.internalSeq), key, client: -1, sourceId: this.spec.id, createdAtMs: this.sim.now, counted: this.counting(), spans: null, priority: 0 };
    this.world.setOp(r, write);
    return r;
  }

  private markStored(key: number, version: number): void {
    if (this.plainStore === undefined) this.plainStore = this.storeIsPlain();
    if (this.plainStore) this.world.store(key, version);
  }

  private put(key: number, entry: Entry): void {
    const { dirty } = this;
    const evicted = this.store.set(key, entry);
    if (evicted === undefined) return;
    if (this.counting()) this.evictions++;
    const lost = dirty.get(evicted);
    if (lost) {
      // Write-back on eviction: a dirty entry must reach the store before it leaves memory.
      dirty.delete(evicted);
      this.backlog.set(this.sim.now, dirty.size);
      this.flushOne(evicted, lost);
    }
  }

  /** Stores a fetched version unless the cache already holds a newer one (a write raced the read). */
  private fill(key: number, version: number, fetchMs: number): void {
    const existing = this.store.get(key);
    if (existing && existing.version > version) return;
    this.put(key, { expiresAt: this.sim.now + this.ttlFor(), version, dirty: false, fetchMs });
  }

  private done(p: Pending, outcome: Outcome, reason?: string): void {
    if (p.void) return;
    this.pending.delete(p);
    if (p.write && p.request.counted && outcome === "ok") this.writeLatency.record(this.sim.now - p.startMs);
    p.reply(outcome, reason);
  }

  private refresh(key: number): void {
    const { sim, world } = this;
    if (this.refreshing.has(key)) return;
    this.refreshing.add(key);
    if (this.counting()) {
      this.backendFetches++;
      this.refreshes++;
    }
    const r = this.internal(key, false);
    const startMs = sim.now;
    const at = this.epoch;
    this.ctx.send(this.edge, r, (outcome) => {
      if (at !== this.epoch) return;
      this.refreshing.delete(key);
      if (outcome === "ok") this.fill(key, world.answered(r), sim.now - startMs);
    });
  }

  private fetch(key: number, p: Pending): void {
    const { sim, world, coalesce } = this;
    if (p.request.counted) this.backendFetches++;
    const waiters = [p];
    if (coalesce && key >= 0) this.inflight.set(key, waiters);
    const startMs = sim.now;
    const at = this.epoch;
    this.ctx.send(this.edge, p.request, (outcome, reason) => {
      if (at !== this.epoch) return;
      if (coalesce && key >= 0) this.inflight.delete(key);
      let version = 0;
      if (outcome === "ok" && key >= 0) {
        version = world.answered(p.request);
        this.fill(key, version, sim.now - startMs);
      }
      for (const w of waiters) {
        if (outcome === "ok" && w !== p) world.answer(w.request, version);
        else if (outcome === "ok") world.answer(p.request, version);
        this.done(w, outcome, reason);
      }
    });
  }

  private serveHit(p: Pending, key: number, entry: Entry): void {
    const { sim, world, ctx } = this;
    const request = p.request;
    if (request.counted) {
      this.hits++;
      if (entry.version < world.latest(key)) {
        this.staleReads++;
        const ms = world.staleForMs(key, sim.now);
        if (ms > this.maxStaleMs) this.maxStaleMs = ms;
        if (ctx.tracing) ctx.emit("cache.stale-read", `key ${key}`, request.id);
      }
    }
    world.answer(request, entry.version);
    const ms = this.sampleHit();
    request.spans?.push({ node: this.spec.id, kind: "hit", startMs: sim.now, endMs: sim.now + ms });
    sim.schedule(ms, () => this.done(p, "ok"));
  }

  private read(p: Pending): void {
    const { sim, beta } = this;
    const request = p.request;
    const key = request.key;
    const entry = key >= 0 ? this.store.get(key) : undefined;
    if (entry) {
      if (sim.now < entry.expiresAt) {
        if (beta > 0 && entry.expiresAt !== Infinity && !this.refreshing.has(key) && xfetchRefreshesEarly(sim.now, entry.expiresAt, entry.fetchMs, beta, this.refreshRandom.next())) {
          this.refresh(key);
        }
        this.serveHit(p, key, entry);
        return;
      }
      if (sim.now < entry.expiresAt + this.swrMs || entry.dirty) {
        // Expired but within the stale-while-revalidate window (or dirty: never drop unflushed data).
        if (request.counted) this.staleServed++;
        if (!entry.dirty) this.refresh(key);
        this.serveHit(p, key, entry);
        return;
      }
      this.store.delete(key);
      if (request.counted) this.expirations++;
    }
    if (request.counted) this.misses++;
    request.spans?.push({ node: this.spec.id, kind: "miss", startMs: sim.now, endMs: sim.now });
    const shared = this.coalesce && key >= 0 ? this.inflight.get(key) : undefined;
    if (shared) {
      if (request.counted) this.coalesced++;
      shared.push(p);
      return;
    }
    this.fetch(key, p);
  }

  private publish(key: number, version: number, includeSelf: boolean): void {
    const { spec, world } = this;
    const targets = includeSelf ? [spec.id, ...(spec.invalidates ?? [])] : spec.invalidates ?? [];
    for (const id of targets) {
      if (this.counting()) this.invalidationsSent++;
      if (this.lossRate > 0 && this.lossRandom.next() < this.lossRate) {
        if (this.counting()) this.invalidationsLost++;
        continue;
      }
      const deliver = () => world.caches.get(id)?.invalidate(key, version);
      if (this.delayMs > 0) this.sim.schedule(this.delayMs, deliver);
      else deliver();
    }
  }

  private afterWrite(key: number, version: number): void {
    const { invalidation } = this;
    this.world.commit(key, version, this.sim.now);
    if (this.mode === "around") {
      if (invalidation === "delete") {
        const e = this.store.get(key);
        if (e && e.version < version && !e.dirty) this.store.delete(key);
        this.publish(key, version, false);
      } else if (invalidation === "events") this.publish(key, version, true);
    } else if (invalidation !== "ttl") this.publish(key, version, false);
  }

  private flushOne(key: number, entry: Entry): void {
    const version = entry.version;
    const r = this.internal(key, true);
    this.world.setWriteVersion(r, version);
    if (this.counting()) this.flushed++;
    const at = this.epoch;
    this.ctx.send(this.edge, r, (outcome) => {
      if (outcome === "ok") {
        this.markStored(key, version);
        return;
      }
      // Failed flush: the value is dirty again if the cache still holds that version.
      if (at !== this.epoch) return;
      const e = this.store.get(key);
      if (e && e.version === version && !e.dirty) {
        e.dirty = true;
        this.dirty.set(key, e);
        this.backlog.set(this.sim.now, this.dirty.size);
      }
    });
  }

  private flush(): void {
    let n = 0;
    for (const [key, entry] of this.dirty) {
      if (n++ >= this.flushBatch) break;
      this.dirty.delete(key);
      entry.dirty = false;
      this.flushOne(key, entry);
    }
    this.backlog.set(this.sim.now, this.dirty.size);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    this.sim.schedule(this.flushIntervalMs, () => this.flush(), BACKGROUND_PRIORITY);
  }

  private write(p: Pending): void {
    const { sim, mode, dirty } = this;
    const request = p.request;
    const key = request.key;
    const version = this.world.versionOf(request);
    if (request.counted) this.writes++;
    request.spans?.push({ node: this.spec.id, kind: "write", startMs: sim.now, endMs: sim.now, detail: mode });
    if (mode === "behind") {
      const entry: Entry = { expiresAt: sim.now + this.ttlFor(), version, dirty: true, fetchMs: 0 };
      dirty.delete(key);
      this.put(key, entry);
      dirty.set(key, entry);
      this.backlog.set(sim.now, dirty.size);
      this.afterWrite(key, version);
      sim.schedule(this.sampleHit(), () => this.done(p, "ok"));
      return;
    }
    const at = this.epoch;
    this.ctx.send(this.edge, request, (outcome, reason) => {
      if (at !== this.epoch) return this.done(p, outcome, reason);
      if (outcome !== "ok") {
        // The store may or may not have it: drop the copy rather than risk serving a wrong value.
        this.store.delete(key);
        return this.done(p, outcome, reason);
      }
      this.markStored(key, version);
      this.afterWrite(key, version);
      if (mode === "through") {
        this.fill(key, version, 0);
        sim.schedule(this.sampleHit(), () => this.done(p, "ok"));
      } else this.done(p, "ok");
    });
  }

  private warm(): void {
    const { spec, sim } = this;
    const n = Math.min(spec.warm?.keys ?? 0, spec.capacity);
    for (let k = n - 1; k >= 0; k--) this.put(k, { expiresAt: sim.now + this.ttlFor(), version: this.world.stored.get(k) ?? 0, dirty: false, fetchMs: 0 });
  }

  private rewarm(): void {
    const { spec } = this;
    const n = Math.min(spec.warm?.keys ?? 0, spec.capacity);
    const gapMs = 1000 / (spec.warm?.ratePerSec ?? 2000);
    for (let k = 0; k < n; k++) this.sim.schedule(k * gapMs, () => !this.faults.crashed && !this.store.get(k) && this.refresh(k));
  }

  private receive(request: Request, reply: Reply): void {
    const p: Pending = { request, reply, void: false, startMs: this.sim.now, write: false };
    this.pending.add(p);
    p.write = this.world.isWrite(request, () => this.writers.has(request.sourceId) || (this.writeRatio > 0 && this.opRandom.next() < this.writeRatio));
    if (p.write) this.write(p);
    else this.read(p);
  }

  private crash(): void {
    const { sim, ctx, dirty } = this;
    this.epoch++;
    if (sim.now >= ctx.warmupMs) this.lostWrites += dirty.size;
    if (ctx.tracing && dirty.size > 0) ctx.emit("cache.writes-lost", `${dirty.size} dirty entries`);
    dirty.clear();
    this.backlog.set(sim.now, 0);
    this.store.clear();
    this.inflight.clear();
    this.refreshing.clear();
    const victims = [...this.pending];
    this.pending.clear();
    for (const p of victims) {
      p.void = true;
      p.reply("error", "crashed");
    }
  }

  private metrics(endMs: number) {
    const { hits, misses } = this;
    return {
      hits,
      misses,
      hitRatio: round(hits + misses > 0 ? hits / (hits + misses) : 0),
      evictions: this.evictions,
      expirations: this.expirations,
      writes: this.writes,
      coalesced: this.coalesced,
      staleServed: this.staleServed,
      backendFetches: this.backendFetches,
      refreshes: this.refreshes,
      staleReads: this.staleReads,
      maxStaleMs: round(this.maxStaleMs, 3),
      lostWrites: this.lostWrites,
      flushed: this.flushed,
      flushBacklog: round(this.backlog.average(endMs)),
      dirty: this.dirty.size,
      invalidationsSent: this.invalidationsSent,
      invalidationsLost: this.invalidationsLost,
      invalidated: this.invalidated,
      writeLatencyMs: pct(this.writeLatency),
    };
  }

  toNode(): SimNode & { start(): void } {
    const { spec } = this;
    return {
      id: spec.id,
      kind: "cache",
      start: () => {
        if (spec.warm) this.warm();
        if (this.mode === "behind") this.scheduleFlush();
      },
      receive: (request, reply) => this.receive(request, reply),
      load: () => this.pending.size,
      crash: () => this.crash(),
      recover: () => {
        if (spec.warm && spec.warm.onRecover !== false) this.rewarm();
      },
      metrics: (endMs) => this.metrics(endMs),
      gauges: () => ({ size: this.store.size, capacity: spec.capacity, hitRatio: this.hits + this.misses > 0 ? this.hits / (this.hits + this.misses) : 0, dirty: this.dirty.size, crashed: this.faults.crashed }),
    };
  }
}
