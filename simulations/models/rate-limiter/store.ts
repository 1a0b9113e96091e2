/**
 * Rate-limit store: the shared counter behind a fleet of limiter instances (think: a Redis that
 * several API gateways consult). A gateway cannot see the others' traffic unless it asks; the store's
 * `mode` says how they coordinate, and each mode has a price:
 *
 * - `shared`: every decision is an atomic check-and-take on the store's one bucket per key. Exact, but
 *   each request pays a round trip of `storeMs`.
 * - `local-split`: no coordination; each of the N members enforces rate / N and burst / N on its own.
 *   Exact only if the balancer spreads every client evenly; a client pinned to one gateway (key-hash)
 *   gets a third of its allowance.
 * - `synced`: each member decides locally from the store's state at the last sync plus its own
 *   admissions since; members push their counts every `syncMs`. Between syncs N members can each spend
 *   the same tokens, so the fleet over-admits, more with a longer sync interval; the debt is paid back
 *   after the sync (tokens may go negative).
 *
 * Token-bucket semantics throughout. Members are `rate-limiter` nodes with `"store": "<this id>"`; the
 * store has no edges. Metrics here are summed over its members.
 */
import { BACKGROUND_PRIORITY } from "../../engine/simulation";
import { kebabId } from "../../kernel/schema-common";
import { literal, number, object, oneOf, type Infer } from "../../kernel/schema-builder";
import type { NodeKind, SimNode } from "../../kernel/model";
import { defineKind } from "../../kernel/kind";
import { round } from "../shared";
import { SlidingPeak, TokenBucket } from "./algorithms";

export const rateLimitStoreSchema = object(
  {
    id: kebabId(),
    kind: literal("rate-limit-store"),
    mode: oneOf(["shared", "local-split", "synced"] as const, { title: "Coordination", default: "shared" }),
    ratePerSec: number({ above: 0, max: 1_000_000, title: "Rate per key", unit: "req/s", uiMin: 1, uiMax: 1000, default: 100 }),
    burst: number({ min: 1, max: 1_000_000, title: "Burst", unit: "requests", uiMin: 1, uiMax: 1000, default: 50 }),
    scope: oneOf(["global", "per-client", "per-key", "per-source"] as const, { title: "One bucket per", default: "global" }),
    storeMs: number({ min: 0, max: 10_000, title: "Store round trip", unit: "ms", uiMin: 0, uiMax: 20, default: 1 }),
    syncMs: number({ above: 0, max: 600_000, title: "Sync interval", unit: "ms", uiMin: 10, uiMax: 5000, default: 500 }),
  },
  { optional: ["mode", "ratePerSec", "burst", "scope", "storeMs", "syncMs"], name: "a rate-limit-store node" },
);
export type RateLimitStoreSpec = Infer<typeof rateLimitStoreSchema>;

/** What a member limiter asks of its store. */
export interface RateLimitStore extends SimNode {
  readonly kind: "rate-limit-store";
  readonly mode: "shared" | "local-split" | "synced";
  readonly storeMs: number;
  readonly scope: "global" | "per-client" | "per-key" | "per-source";
  /** Registers a member; returns its index. Called from the members' start(). */
  join(): number;
  /** Decides for `member` at `nowMs`: admitted, or the retry-after in ms. */
  decide(member: number, key: unknown, nowMs: number): true | number;
  /** Members report each admission (for the fleet-wide metrics). */
  counted(admitted: boolean, nowMs: number): void;
}

export const rateLimitStoreKind: NodeKind<RateLimitStoreSpec> = {
  kind: "rate-limit-store",
  create(spec, ctx) {
    const { sim } = ctx;
    const mode = spec.mode ?? "shared";
    const rate = spec.ratePerSec ?? 100;
    const burst = spec.burst ?? 50;
    const syncMs = spec.syncMs ?? 500;
    const shared = new Map<unknown, TokenBucket>();
    const local: Map<unknown, TokenBucket>[] = [];
    const pending: Map<unknown, number>[] = [];
    let members = 0;
    let admitted = 0;
    let rejected = 0;
    let syncs = 0;
    const peak = new SlidingPeak();

    const bucketOf = (map: Map<unknown, TokenBucket>, key: unknown, r: number, b: number) => {
      let bucket = map.get(key);
      if (!bucket) {
        bucket = new TokenBucket(r, b);
        map.set(key, bucket);
      }
      return bucket;
    };

    // The true balance (`shared`) is debited at each admission, so refills are capped on the real
    // count; members only learn it at a sync, when the snapshot is taken and their counts reset.
    const sync = () => {
      syncs++;
      for (const [key, bucket] of shared) {
        bucket.refill(sim.now);
        for (const view of local) {
          const seen = new TokenBucket(rate, burst);
          seen.refill(sim.now);
          seen.tokens = bucket.tokens;
          view.set(key, seen);
        }
      }
      for (const counts of pending) counts.clear();
      sim.schedule(syncMs, sync, BACKGROUND_PRIORITY);
    };

    const node: RateLimitStore & { start(): void } = {
      id: spec.id,
      kind: "rate-limit-store",
      mode,
      storeMs: spec.storeMs ?? 1,
      scope: spec.scope ?? "global",
      start() {
        if (mode === "synced") sim.schedule(syncMs, sync, BACKGROUND_PRIORITY);
      },
      join() {
        local.push(new Map());
        pending.push(new Map());
        return members++;
      },
      decide(member, key, nowMs) {
        if (mode === "shared") {
          const bucket = bucketOf(shared, key, rate, burst);
          return bucket.tryAcquire(nowMs) ? true : bucket.retryAfterMs(nowMs);
        }
        if (mode === "local-split") {
          const n = Math.max(1, members);
          const bucket = bucketOf(local[member], key, rate / n, Math.max(1, burst / n));
          return bucket.tryAcquire(nowMs) ? true : bucket.retryAfterMs(nowMs);
        }
        // synced: each member's view is the true balance at the last sync, refilled since and debited
        // only by its own admissions (the others' are invisible until the next sync).
        const bucket = bucketOf(shared, key, rate, burst);
        const seen = bucketOf(local[member], key, rate, burst);
        if (seen.tryAcquire(nowMs)) {
          pending[member].set(key, (pending[member].get(key) ?? 0) + 1);
          bucket.refill(nowMs);
          bucket.tokens -= 1;
          return true;
        }
        return seen.retryAfterMs(nowMs);
      },
      counted(ok, nowMs) {
        if (ok) {
          admitted++;
          peak.record(nowMs);
        } else rejected++;
      },
      receive(_request, reply) {
        reply("error", "not-accepting");
      },
      load: () => 0,
      crash() {},
      recover() {},
      metrics: () => ({
        members,
        admitted,
        rejected,
        rejectedRatio: round(admitted + rejected > 0 ? rejected / (admitted + rejected) : 0),
        peakAdmittedPerSec: peak.peak,
        syncs,
        keys: mode === "local-split" ? local.reduce((s, m) => s + m.size, 0) : shared.size,
      }),
      gauges: () => ({ mode, members, admitted, rejected }),
    };
    return node;
  },
};

/** The rate-limit store kind, defined once: schema, model, edge rules, metrics, gauges. */
export const rateLimitStoreDefinition = defineKind({
  kind: "rate-limit-store",
  title: "Rate-limit store",
  summary: "The shared counter behind a fleet of rate limiters: shared, split locally, or synced periodically.",
  schema: rateLimitStoreSchema,
  model: rateLimitStoreKind,
  outgoing: { min: 0, max: 0 },
  acceptsIncoming: false,
  metrics: {
    members: { title: "Members", of: "rate limiters" },
    admitted: { title: "Requests admitted", of: "requests" },
    rejected: { title: "Rejected", of: "requests" },
    rejectedRatio: { title: "Share rejected", unit: "ratio" },
    peakAdmittedPerSec: { title: "Peak admitted rate", unit: "per-sec" },
    syncs: { title: "Syncs" },
    keys: { title: "Keys tracked" },
  },
  gauges: {
    mode: { title: "Mode", role: "state" },
    members: { title: "Members", role: "other" },
    admitted: { title: "Admitted so far", role: "other" },
    rejected: { title: "Rejected so far", role: "other" },
  },
});
