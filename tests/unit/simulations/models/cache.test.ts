import { describe, expect, it } from "vitest";
import { runScenario, type Scenario } from "@/simulations";

function cacheScenario(policy: string, opts: { capacity?: number; zipf?: number; ttlMs?: number | null; keys?: number } = {}): Scenario {
  return {
    version: 1,
    title: "cache",
    seed: 5,
    stop: { requests: 50_000 },
    warmupMs: 5000,
    nodes: [
      { id: "users", kind: "source", ratePerSec: 500, keys: { count: opts.keys ?? 10_000, zipfExponent: opts.zipf ?? 1 } },
      { id: "cache", kind: "cache", capacity: opts.capacity ?? 500, policy, ttlMs: opts.ttlMs ?? null, hitMs: { dist: "constant", ms: 1 } },
      { id: "db", kind: "server", workers: 50, serviceMs: { dist: "exponential", meanMs: 20 } },
    ],
    edges: [
      { from: "users", to: "cache" },
      { from: "cache", to: "db" },
    ],
  };
}

const hitRatio = (s: Scenario) => (runScenario(s).nodes.cache as { hitRatio: number }).hitRatio;

describe("cache", () => {
  it("hits every repeat when it holds the whole key space", () => {
    const r = runScenario(cacheScenario("lru", { capacity: 100, keys: 100 }));
    const c = r.nodes.cache as { hits: number; misses: number };
    expect(c.misses).toBeLessThanOrEqual(100);
    expect(c.hits + c.misses).toBe(50_000);
  });

  it("a 5% cache under Zipf(1) keys answers about half of the requests (LFU ≈ ideal)", () => {
    // With Zipf(1) over 10,000 keys the top 500 keys carry H(500)/H(10000) ≈ 6.79/9.79 ≈ 69% of requests.
    const lfu = hitRatio(cacheScenario("lfu"));
    const lru = hitRatio(cacheScenario("lru"));
    const fifo = hitRatio(cacheScenario("fifo"));
    expect(lfu).toBeGreaterThan(0.6);
    expect(lfu).toBeLessThan(0.7);
    expect(lru).toBeGreaterThan(0.45);
    expect(lfu).toBeGreaterThan(lru);
    expect(lru).toBeGreaterThan(fifo - 0.02);
  });

  it("uniform keys give a hit ratio near capacity / keys", () => {
    expect(hitRatio(cacheScenario("lru", { zipf: 0 }))).toBeCloseTo(0.05, 1);
  });

  it("a short TTL lowers the hit ratio", () => {
    expect(hitRatio(cacheScenario("lru", { ttlMs: 200 }))).toBeLessThan(hitRatio(cacheScenario("lru")) - 0.1);
  });

  it("sends only misses to the database", () => {
    const r = runScenario(cacheScenario("lru"));
    const c = r.nodes.cache as { misses: number };
    expect((r.nodes.db as { served: number }).served).toBe(c.misses);
  });
});
