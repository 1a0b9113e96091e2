/**
 * The fields of a cache node: the v1 fields (capacity, policy, TTL, hit time) and the extensions that
 * switch on the modal cache (writes, stampede cures, warming, invalidation). Its own file so the plain
 * cache and the modal cache both read it without importing each other.
 */
import { distSchema, kebabId } from "../../kernel/schema-common";
import { array, boolean, literal, nullable, number, object, oneOf, type Infer } from "../../kernel/schema-builder";

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
