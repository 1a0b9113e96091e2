/**
 * Model library: cache modes (writes, stampede cures, write-back loss) and the replicated database
 * (stale reads, read-your-writes, failover), checked against their definitions, plus conservation on
 * random scenarios that use the new fields and the v1 cache's results unchanged.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario, ScenarioRun, validateScenario, type Scenario } from "@/simulations";

const constant = (ms: number) => ({ dist: "constant", ms });
const exponential = (meanMs: number) => ({ dist: "exponential", meanMs });

function valid(doc: unknown): Scenario {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(v.issues.map((i) => i.message).join("\n"));
  return v.scenario;
}

function cacheDoc(cache: Record<string, unknown>, opts: { rate?: number; keys?: number; zipf?: number; db?: Record<string, unknown>; durationMs?: number; seed?: number; faults?: unknown[]; warmupMs?: number } = {}) {
  return valid({
    version: 1,
    title: "cache modes",
    seed: opts.seed ?? 3,
    stop: { durationMs: opts.durationMs ?? 20_000 },
    warmupMs: opts.warmupMs ?? 0,
    nodes: [
      { id: "users", kind: "source", ratePerSec: opts.rate ?? 500, keys: { count: opts.keys ?? 1000, zipfExponent: opts.zipf ?? 0.9 } },
      { id: "cache", kind: "cache", capacity: 10_000, hitMs: constant(1), ...cache },
      { id: "db", kind: "server", workers: 64, serviceMs: exponential(10), ...(opts.db ?? {}) },
    ],
    edges: [
      { from: "users", to: "cache" },
      { from: "cache", to: "db" },
    ],
    faults: opts.faults ?? [],
  });
}

type CacheMetrics = Record<string, number>;

describe("cache modes", () => {
  it("coalescing sends exactly one backend fetch per key per expiry", () => {
    // 10 keys, a 1 s TTL, a 200 ms rebuild: without coalescing every request in the rebuild window
    // misses and queries; with it each expiry of each key costs one query.
    const keys = 10;
    const base = { ttlMs: 1000 };
    const s = (coalesce: boolean) => cacheDoc({ ...base, coalesce }, { rate: 1000, keys, zipf: 0, db: { serviceMs: constant(200) }, durationMs: 10_000 });
    const on = runScenario(s(true));
    const off = runScenario(s(false));
    const c = on.nodes.cache as CacheMetrics;
    // Each key: a fetch, then 1.2 s of life (200 ms fetch + 1 s TTL) per cycle: at most 10 s / 1.2 s + 1 cycles.
    expect(c.backendFetches).toBeLessThanOrEqual(keys * Math.ceil(10_000 / 1200 + 1));
    expect(c.backendFetches).toBeGreaterThanOrEqual(keys * Math.floor(10_000 / 1200));
    expect((on.nodes.db as CacheMetrics).served).toBe(c.backendFetches);
    expect(c.coalesced).toBe(c.misses - c.backendFetches);
    expect((off.nodes.cache as CacheMetrics).backendFetches).toBeGreaterThan(10 * c.backendFetches);
  });

  it("stale-while-revalidate serves the old value while one refresh runs", () => {
    const r = runScenario(cacheDoc({ ttlMs: 1000, staleWhileRevalidateMs: 5000 }, { rate: 1000, keys: 10, zipf: 0, db: { serviceMs: constant(200) }, durationMs: 10_000, warmupMs: 1000 }));
    const c = r.nodes.cache as CacheMetrics;
    expect(c.staleServed).toBeGreaterThan(0);
    // Only the cold start misses (the first 200 ms of fetches); afterwards every expiry is served stale.
    expect(c.misses).toBe(0);
    expect(c.refreshes).toBeGreaterThan(50);
    expect(r.latencyMs.p99).toBeLessThan(5);
  });

  it("write-back loses exactly the dirty entries on crash", () => {
    const s = cacheDoc({ writeRatio: 0.5, writeMode: "behind", flushIntervalMs: 1000 });
    const run = new ScenarioRun(s, { strict: true });
    run.runUntil(5_500);
    const dirty = run.gauges().cache.dirty as number;
    expect(dirty).toBeGreaterThan(50);
    run.applyFault({ kind: "crash", atMs: run.sim.now, target: "cache", durationMs: 100 });
    run.runToEnd();
    const c = run.report().nodes.cache as CacheMetrics;
    expect(c.lostWrites).toBe(dirty);
    // Writes the cache acknowledged but lost show up later as stale reads of those keys.
    expect(c.staleReads).toBeGreaterThan(0);
  });

  it("write-back with no crash loses nothing and is never stale", () => {
    const c = runScenario(cacheDoc({ writeRatio: 0.5, writeMode: "behind", flushIntervalMs: 100, ttlMs: 2000 })).nodes.cache as CacheMetrics;
    expect(c.lostWrites).toBe(0);
    expect(c.staleReads).toBe(0);
    expect(c.flushed).toBeGreaterThan(0);
  });

  it("write-through never serves a stale read with a single cache", () => {
    for (const seed of [1, 2, 3]) {
      const r = runScenario(cacheDoc({ writeRatio: 0.3, writeMode: "through", ttlMs: 3000, capacity: 200 }, { seed }));
      const c = r.nodes.cache as CacheMetrics;
      expect(c.writes).toBeGreaterThan(1000);
      expect(c.staleReads).toBe(0);
    }
  });

  it("lost invalidation events leave stale reads; none are lost, none are stale", () => {
    const s = (loss: number) => cacheDoc({ ttlMs: 60_000, writeRatio: 0.05, invalidation: "events", invalidationDelayMs: 0, invalidationLossRate: loss });
    expect((runScenario(s(0)).nodes.cache as CacheMetrics).staleReads).toBe(0);
    const lossy = runScenario(s(0.2)).nodes.cache as CacheMetrics;
    expect(lossy.staleReads).toBeGreaterThan(0);
    expect(lossy.maxStaleMs).toBeGreaterThan(0);
  });

  it("warm: preloaded keys hit from the first request", () => {
    const cold = runScenario(cacheDoc({ warm: { keys: 0 } }, { durationMs: 2000 })).nodes.cache as CacheMetrics;
    const warm = runScenario(cacheDoc({ warm: { keys: 1000 } }, { durationMs: 2000 })).nodes.cache as CacheMetrics;
    expect(warm.misses).toBe(0);
    expect(cold.misses).toBeGreaterThan(100);
  });

  it("an L1 in front of an L2 works by chaining cache nodes", () => {
    const doc = valid({
      version: 1,
      title: "l1-l2",
      seed: 1,
      stop: { durationMs: 20_000 },
      nodes: [
        { id: "users", kind: "source", ratePerSec: 500, keys: { count: 5000, zipfExponent: 1 } },
        { id: "l1", kind: "cache", capacity: 50, hitMs: constant(0.1), writeRatio: 0.05 },
        { id: "l2", kind: "cache", capacity: 2000, hitMs: constant(1), invalidates: ["l1"] },
        { id: "db", kind: "server", workers: 32, serviceMs: exponential(10) },
      ],
      edges: [
        { from: "users", to: "l1" },
        { from: "l1", to: "l2" },
        { from: "l2", to: "db" },
      ],
    });
    const r = new ScenarioRun(doc, { strict: true }).runToEnd().report();
    const l1 = r.nodes.l1 as CacheMetrics;
    const l2 = r.nodes.l2 as CacheMetrics;
    expect(l2.hits + l2.misses).toBe(l1.misses);
    expect(l2.writes).toBe(l1.writes);
    expect(l1.staleReads).toBe(0);
    expect(l2.staleReads).toBe(0);
  });

  it("v1 cache results are unchanged (caching/cache-aside against the report saved before the extensions)", () => {
    const root = path.resolve(__dirname, "../../../..");
    const saved = JSON.parse(readFileSync(path.join(__dirname, "../fixtures/cache-aside-v1.json"), "utf8"));
    const r = runScenario(valid(JSON.parse(readFileSync(path.join(root, "content/scenarios/caching/cache-aside.json"), "utf8"))));
    expect(r.requests).toEqual(saved.requests);
    expect(r.latencyMs).toEqual(saved.latencyMs);
    expect(r.throughputPerSec).toBe(saved.throughputPerSec);
    expect(r.nodes.cache).toEqual(saved.nodes.cache);
    for (const [k, v] of Object.entries(saved.nodes.db)) expect((r.nodes.db as CacheMetrics)[k]).toBe(v);
  });
});

function dbDoc(db: Record<string, unknown>, opts: { clients?: number; keys?: number; faults?: unknown[]; durationMs?: number } = {}) {
  return valid({
    version: 1,
    title: "replicas",
    seed: 9,
    stop: { durationMs: opts.durationMs ?? 20_000 },
    nodes: [
      { id: "users", kind: "source", ratePerSec: 400, keys: { count: opts.keys ?? 50, zipfExponent: 0.8 }, clients: opts.clients ?? 20 },
      { id: "db", kind: "replicated-database", writeRatio: 0.2, ...db },
      { id: "primary", kind: "server", workers: 16, serviceMs: exponential(5) },
      { id: "replica-1", kind: "server", workers: 16, serviceMs: exponential(5) },
      { id: "replica-2", kind: "server", workers: 16, serviceMs: exponential(5) },
    ],
    edges: [
      { from: "users", to: "db" },
      { from: "db", to: "primary" },
      { from: "db", to: "replica-1" },
      { from: "db", to: "replica-2" },
    ],
    faults: opts.faults ?? [],
  });
}

describe("replicated database", () => {
  it("stale reads appear with replication lag and vanish with lag 0", () => {
    const lagged = runScenario(dbDoc({ replicationLagMs: exponential(200) })).nodes.db as CacheMetrics;
    const none = runScenario(dbDoc({ replicationLagMs: constant(0) })).nodes.db as CacheMetrics;
    expect(lagged.staleReads).toBeGreaterThan(50);
    expect(none.staleReads).toBe(0);
    expect(none.readYourWritesViolations).toBe(0);
  });

  it("read-your-writes violations happen only when reads go to lagging replicas", () => {
    const lag = { replicationLagMs: exponential(300) };
    const replicas = runScenario(dbDoc(lag)).nodes.db as CacheMetrics;
    const primary = runScenario(dbDoc({ ...lag, readFrom: "primary" })).nodes.db as CacheMetrics;
    const sticky = runScenario(dbDoc({ ...lag, readYourWritesMs: 5000 })).nodes.db as CacheMetrics;
    expect(replicas.readYourWritesViolations).toBeGreaterThan(0);
    expect(replicas.readYourWritesViolations).toBeLessThanOrEqual(replicas.staleReads);
    expect(primary.readYourWritesViolations).toBe(0);
    expect(primary.staleReads).toBe(0);
    expect(sticky.readYourWritesViolations).toBe(0);
    expect(sticky.staleReads).toBeGreaterThan(0); // other clients' writes are still seen late
  });

  it("fails over when the primary crashes: writes fail during failover, unreplicated writes are lost", () => {
    const run = new ScenarioRun(dbDoc({ replicationLagMs: constant(1000), failoverMs: 2000 }, { faults: [{ atMs: 10_000, target: "primary", kind: "crash" }] }), { strict: true });
    run.runToEnd();
    const r = run.report();
    const db = r.nodes.db as CacheMetrics & { primary: string };
    expect(db.failovers).toBe(1);
    expect(db.primary).not.toBe("primary");
    // About one second of writes (80/s) were acknowledged but not yet at the promoted replica.
    expect(db.lostWrites).toBeGreaterThan(40);
    expect(db.lostWrites).toBeLessThan(130);
    expect(r.reasons.failover).toBeGreaterThan(100);
    expect(r.requests.arrived).toBe(r.requests.completed + r.requests.failed + r.requests.dropped + r.requests.inFlight);
  });
});

describe("conservation with the model-library fields", () => {
  it("every request is answered at most once and arrived = completed + failed + dropped + in flight", () => {
    let x = 12345;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T,>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
    for (let trial = 0; trial < 12; trial++) {
      const cache = {
        ttlMs: pick([null, 500, 3000]),
        writeRatio: pick([0, 0.1, 0.5]),
        writeMode: pick(["around", "through", "behind"]),
        coalesce: pick([true, false]),
        staleWhileRevalidateMs: pick([0, 1000]),
        earlyRefresh: pick([0, 1]),
        ttlJitter: pick([0, 0.2]),
        invalidation: pick(["delete", "events", "ttl"]),
        invalidationLossRate: pick([0, 0.1]),
        invalidationDelayMs: pick([0, 5]),
        flushIntervalMs: pick([50, 500]),
        capacity: pick([20, 200]),
      };
      const doc = valid({
        version: 1,
        title: "random",
        seed: trial,
        stop: { durationMs: 8000 },
        warmupMs: pick([0, 1000]),
        nodes: [
          { id: "users", kind: "source", ratePerSec: pick([200, 800]), keys: { count: 300, zipfExponent: 0.9 }, clients: 50 },
          {
            id: "lb",
            kind: "load-balancer",
            strategy: pick(["round-robin", "least-connections", "consistent-hash", "key-hash"]),
            affinity: pick(["none", "cookie"]),
            sessionMs: pick([null, 2000]),
            changes: [{ atMs: 3000, target: "c2", action: pick(["add", "remove"]) }],
          },
          { id: "c1", kind: "cache", hitMs: constant(1), ...cache },
          { id: "c2", kind: "cache", hitMs: constant(1), ...cache, invalidates: ["c1"] },
          { id: "db", kind: "replicated-database", replicationLagMs: exponential(pick([1, 100])), readYourWritesMs: pick([0, 1000]), failoverMs: 500 },
          { id: "p", kind: "server", workers: 8, serviceMs: exponential(5), queueCapacity: pick([null, 5]) },
          { id: "r1", kind: "server", workers: 8, serviceMs: exponential(5), queueCapacity: 20 },
        ],
        edges: [
          { from: "users", to: "lb" },
          { from: "lb", to: "c1" },
          { from: "lb", to: "c2" },
          { from: "c1", to: "db" },
          { from: "c2", to: "db" },
          { from: "db", to: "p" },
          { from: "db", to: "r1" },
        ],
        faults: [
          { atMs: 2000, durationMs: 500, target: pick(["c1", "c2", "p", "r1"]), kind: "crash" },
          { atMs: 5000, durationMs: 1000, target: "r1", kind: "errors", rate: 0.3 },
        ],
      });
      const r = new ScenarioRun(doc, { strict: true }).runToEnd().report();
      const q = r.requests;
      expect(q.arrived).toBe(q.completed + q.failed + q.dropped + q.inFlight);
      expect(q.inFlight).toBeLessThan(200);
      expect(q.completed).toBeGreaterThan(0);
    }
  });
});
