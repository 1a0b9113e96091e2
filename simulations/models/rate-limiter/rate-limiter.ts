/**
 * Rate limiter: a gate in front of a service that admits at most a given rate of requests and answers
 * the rest at once with "slow down" (HTTP 429), so that excess traffic costs the service nothing.
 *
 * Admitted requests go on along the limiter's one outgoing edge and the answer is relayed back.
 * Refused requests are answered `dropped` with reason `rate-limited` after `rejectMs`, carrying a
 * `retryAfterMs` computed from the algorithm's state (the time until this request would be admitted,
 * rounded up to `retryAfterRoundingMs`, as HTTP's `Retry-After` header carries whole seconds). With
 * `onLimit: "delay"` a limited request waits instead, up to `maxDelayMs`, and is refused only if it
 * would wait longer (a throttle that smooths, like Guava's RateLimiter or nginx `limit_req` with
 * `burst` and no `nodelay`). The `leaky-bucket-queue` algorithm is the leaky bucket as a queue:
 * requests wait in a bounded queue (`queueCapacity`) and leave at exactly `ratePerSec`.
 *
 * `scope` picks what is limited: the whole stream (`global`), each client identity, each request key,
 * or each source node. `store` makes this node one member of a fleet sharing a `rate-limit-store`
 * (distributed limiting); hierarchical limits are limiters in a chain (put the narrow, per-user
 * limiter first, so a request it refuses never spends a token of the global one).
 *
 * Metrics: admitted, rejected, delayed, rejectedRatio, peakAdmittedPerSec (most admissions in any
 * sliding 1 s interval, counted when the request leaves the limiter), meanWaitMs/maxWaitMs (delayed
 * and queued requests), retryAfterMs statistics, storedEntries (peak numbers held over all keys).
 */
import { LatencyHistogram, RunningMean } from "../../engine/stats";
import { kebabId } from "../../kernel/schema-common";
import { literal, number, object, oneOf, type Infer } from "../../kernel/schema-builder";
import type { NodeKind, Reply, Request, SimNode } from "../../kernel/model";
import { Fifo, round } from "../shared";
import { createLimiterState, LeakyMeter, SlidingPeak, TokenBucket, type LimiterAlgorithm, type LimiterState } from "./algorithms";
import type { RateLimitStore } from "./store";
import { defineKind, type KindCheckContext } from "../../kernel/kind";

export const rateLimiterSchema = object(
  {
    id: kebabId(),
    kind: literal("rate-limiter"),
    algorithm: oneOf(["token-bucket", "leaky-bucket-meter", "leaky-bucket-queue", "fixed-window", "sliding-log", "sliding-counter"] as const, {
      title: "Algorithm",
      default: "token-bucket",
    }),
    ratePerSec: number({ above: 0, max: 1_000_000, title: "Rate", unit: "req/s", uiMin: 1, uiMax: 1000, default: 100, description: "Token refill or leak rate (bucket algorithms)." }),
    burst: number({ min: 1, max: 1_000_000, title: "Burst", unit: "requests", uiMin: 1, uiMax: 1000, default: 50, description: "Bucket capacity (token bucket, leaky meter)." }),
    limit: number({ integer: true, above: 0, max: 10_000_000, title: "Limit per window", unit: "requests", uiMin: 1, uiMax: 1000, default: 100 }),
    windowMs: number({ above: 0, max: 86_400_000, title: "Window", unit: "ms", uiMin: 100, uiMax: 60_000, default: 1000 }),
    queueCapacity: number({ integer: true, min: 0, max: 10_000_000, title: "Queue (leaky queue)", unit: "requests", uiMin: 0, uiMax: 1000, default: 50 }),
    scope: oneOf(["global", "per-client", "per-key", "per-source"] as const, { title: "One limit per", default: "global" }),
    onLimit: oneOf(["reject", "delay"] as const, { title: "When limited", default: "reject" }),
    maxDelayMs: number({ min: 0, max: 600_000, title: "Longest delay", unit: "ms", uiMin: 0, uiMax: 10_000, default: 1000 }),
    rejectMs: number({ min: 0, max: 60_000, title: "Time to refuse", unit: "ms", uiMin: 0, uiMax: 50, default: 0 }),
    retryAfterRoundingMs: number({ min: 0, max: 3_600_000, title: "Retry-After granularity", unit: "ms", uiMin: 0, uiMax: 5000, default: 1000, description: "Retry-After is rounded up to a multiple of this (HTTP sends whole seconds); 0 sends the exact value." }),
    store: kebabId("Shared store (distributed limiting)"),
  },
  { optional: ["algorithm", "ratePerSec", "burst", "limit", "windowMs", "queueCapacity", "scope", "onLimit", "maxDelayMs", "rejectMs", "retryAfterRoundingMs", "store"], name: "a rate-limiter node" },
);
export type RateLimiterSpec = Infer<typeof rateLimiterSchema>;

/** A request refused by a limiter carries the wait it was told to respect (a `Retry-After`). */
export type LimitedRequest = Request & { retryAfterMs?: number };

/** The Retry-After a refused request carried, if any. */
export function retryAfterOf(request: Request): number | undefined {
  return (request as LimitedRequest).retryAfterMs;
}

interface KeyState {
  state: LimiterState;
  /** Leaky queue: departure times of the requests waiting in it. */
  departures: Fifo<number> | null;
}

/** Cross-node rule: `store`, when given, names a rate-limit-store node (checked before a run is built). */
export function checkRateLimiter(spec: RateLimiterSpec, context: KindCheckContext): void {
  if (spec.store === undefined) return;
  const path = `${context.path}.store`;
  const target = context.nodes.get(spec.store);
  if (!target) context.issues.push({ path, message: `${path} "${spec.store}" names no node; it must be the id of a rate-limit-store node` });
  else if (target.kind !== "rate-limit-store") context.issues.push({ path, message: `${path} "${spec.store}" is a ${target.kind}, not a rate-limit-store` });
}

export const rateLimiterKind: NodeKind<RateLimiterSpec> = {
  kind: "rate-limiter",
  create(spec, ctx) {
    const { sim } = ctx;
    const algorithm: LimiterAlgorithm = spec.algorithm ?? "token-bucket";
    const params = { ratePerSec: spec.ratePerSec ?? 100, burst: spec.burst ?? 50, limit: spec.limit ?? 100, windowMs: spec.windowMs ?? 1000 };
    const scope = spec.scope ?? "global";
    const delayMode = (spec.onLimit ?? "reject") === "delay";
    const maxDelayMs = spec.maxDelayMs ?? 1000;
    const queueCapacity = spec.queueCapacity ?? 50;
    const rejectMs = spec.rejectMs ?? 0;
    const rounding = spec.retryAfterRoundingMs ?? 1000;
    const edge = ctx.outgoing[0];
    const states = new Map<unknown, KeyState>();
    let store: RateLimitStore | null = null;
    let member = -1;

    let admitted = 0;
    let rejected = 0;
    let delayed = 0;
    let waitingNow = 0;
    let entries = 0;
    let peakEntries = 0;
    const peak = new SlidingPeak();
    const wait = new RunningMean();
    let maxWaitMs = 0;
    const retryAfter = new LatencyHistogram();

    const keyOf = (request: Request): unknown =>
      scope === "global" ? 0 : scope === "per-client" ? request.client : scope === "per-key" ? request.key : request.sourceId;

    const stateOf = (key: unknown): KeyState => {
      let s = states.get(key);
      if (!s) {
        s = { state: createLimiterState(algorithm, params), departures: algorithm === "leaky-bucket-queue" ? new Fifo<number>() : null };
        states.set(key, s);
        entries += s.state.entries();
        if (entries > peakEntries) peakEntries = entries;
      }
      return s;
    };

    const track = (s: KeyState, before: number) => {
      entries += s.state.entries() + (s.departures ? s.departures.length : 0) - before;
      if (entries > peakEntries) peakEntries = entries;
    };

    const forward = (request: Request, reply: Reply, arrivedMs: number) => {
      const waited = sim.now - arrivedMs;
      if (request.counted) {
        admitted++;
        if (sim.now >= ctx.warmupMs) peak.record(sim.now);
        if (waited > 0 || delayMode || algorithm === "leaky-bucket-queue") wait.record(waited);
        if (waited > maxWaitMs) maxWaitMs = waited;
      }
      if (waited > 0) request.spans?.push({ node: spec.id, kind: "queue", startMs: arrivedMs, endMs: sim.now, detail: "rate limited: delayed" });
      ctx.send(edge, request, reply);
    };

    const reject = (request: Request, reply: Reply, retryAfterMs: number) => {
      const header = rounding > 0 ? Math.max(rounding, Math.ceil(retryAfterMs / rounding - 1e-9) * rounding) : retryAfterMs;
      (request as LimitedRequest).retryAfterMs = header;
      if (request.counted) {
        rejected++;
        retryAfter.record(header);
      }
      if (ctx.tracing) ctx.emit("request.rate-limited", `retry after ${Math.round(header)} ms`, request.id);
      request.spans?.push({ node: spec.id, kind: "rejected", startMs: sim.now, endMs: sim.now + rejectMs, outcome: "dropped", detail: "rate limited" });
      if (rejectMs > 0) sim.schedule(rejectMs, () => reply("dropped", "rate-limited"));
      else reply("dropped", "rate-limited");
    };

    const delayFor = (request: Request, reply: Reply, arrivedMs: number, waitMs: number) => {
      if (request.counted) delayed++;
      waitingNow++;
      sim.schedule(waitMs, () => {
        waitingNow--;
        forward(request, reply, arrivedMs);
      });
    };

    /** Window algorithms in delay mode: try again when the window would admit, until the deadline. */
    const retryLater = (request: Request, reply: Reply, arrivedMs: number, s: KeyState) => {
      const before = s.state.entries();
      const ok = s.state.tryAcquire(sim.now);
      track(s, before);
      if (ok) {
        forward(request, reply, arrivedMs);
        return;
      }
      const waitMs = Math.max(1e-3, s.state.retryAfterMs(sim.now));
      if (sim.now + waitMs - arrivedMs > maxDelayMs) {
        reject(request, reply, waitMs);
        return;
      }
      if (sim.now === arrivedMs && request.counted) delayed++;
      waitingNow++;
      sim.schedule(waitMs, () => {
        waitingNow--;
        retryLater(request, reply, arrivedMs, s);
      });
    };

    const decideLocal = (request: Request, reply: Reply) => {
      const s = stateOf(keyOf(request));
      const now = sim.now;
      const before = s.state.entries() + (s.departures ? s.departures.length : 0);
      if (s.departures) {
        // Leaky bucket as a queue: a place in the queue, then departure at the metered pace.
        const d = s.departures;
        while (d.length > 0 && d.peek()! <= now) d.shift();
        const meter = s.state as LeakyMeter;
        if (d.length >= queueCapacity && meter.peekReserve(now) > 0) {
          track(s, before);
          reject(request, reply, d.peek()! - now);
          return;
        }
        const waitMs = meter.reserve(now);
        if (waitMs > 0) {
          d.push(now + waitMs);
          track(s, before);
          delayFor(request, reply, now, waitMs);
        } else {
          track(s, before);
          forward(request, reply, now);
        }
        return;
      }
      if (delayMode) {
        if (s.state instanceof TokenBucket || s.state instanceof LeakyMeter) {
          const waitMs = s.state.peekReserve(now);
          if (waitMs > maxDelayMs) {
            track(s, before);
            reject(request, reply, waitMs - maxDelayMs);
            return;
          }
          s.state.reserve(now);
          track(s, before);
          if (waitMs > 0) delayFor(request, reply, now, waitMs);
          else forward(request, reply, now);
          return;
        }
        retryLater(request, reply, now, s);
        return;
      }
      const ok = s.state.tryAcquire(now);
      track(s, before);
      if (ok) forward(request, reply, now);
      else reject(request, reply, s.state.retryAfterMs(now));
    };

    const decideWithStore = (request: Request, reply: Reply, arrivedMs: number) => {
      const st = store!;
      const key = st.scope === "global" ? 0 : st.scope === "per-client" ? request.client : st.scope === "per-key" ? request.key : request.sourceId;
      const verdict = st.decide(member, key, sim.now);
      if (request.counted) st.counted(verdict === true, sim.now);
      if (verdict === true) forward(request, reply, arrivedMs);
      else reject(request, reply, verdict);
    };

    const node: SimNode & { start(): void } = {
      id: spec.id,
      kind: "rate-limiter",
      start() {
        if (spec.store === undefined) return;
        const peer = ctx.peer(spec.store);
        if (peer.kind !== "rate-limit-store") throw new Error(`rate-limiter "${spec.id}": store "${spec.store}" is a ${peer.kind}, not a rate-limit-store`);
        store = peer as RateLimitStore;
        member = store.join();
      },
      receive(request, reply) {
        if (store) {
          if (store.mode === "shared" && store.storeMs > 0) {
            const arrivedMs = sim.now;
            request.spans?.push({ node: spec.id, kind: "call", startMs: sim.now, endMs: sim.now + store.storeMs, detail: "rate-limit store" });
            sim.schedule(store.storeMs, () => decideWithStore(request, reply, arrivedMs));
          } else decideWithStore(request, reply, sim.now);
          return;
        }
        decideLocal(request, reply);
      },
      load: () => waitingNow,
      crash() {},
      recover() {},
      metrics: () => ({
        admitted,
        rejected,
        delayed,
        rejectedRatio: round(admitted + rejected > 0 ? rejected / (admitted + rejected) : 0),
        peakAdmittedPerSec: peak.peak,
        meanWaitMs: round(wait.mean),
        maxWaitMs: round(maxWaitMs),
        retryAfterMs: { mean: round(retryAfter.mean, 3), p50: round(retryAfter.quantile(0.5), 3), p99: round(retryAfter.quantile(0.99), 3), max: round(retryAfter.count ? retryAfter.max : 0, 3) },
        storedEntries: peakEntries,
        keys: states.size,
      }),
      gauges: () => ({ algorithm, admitted, rejected, waiting: waitingNow }),
    };
    return node;
  },
};

export const rateLimiterDefinition = defineKind({
  kind: "rate-limiter",
  title: "Rate limiter",
  summary: "Admits requests up to a rate (token/leaky bucket, windows); refuses the rest with a Retry-After or delays them.",
  schema: rateLimiterSchema,
  model: rateLimiterKind,
  outgoing: { min: 1, max: 1 },
  acceptsIncoming: true,
  check: checkRateLimiter,
  template: { algorithm: "token-bucket", ratePerSec: 100, burst: 50 },
  metrics: {
    admitted: { title: "Requests admitted", of: "requests" },
    rejected: { title: "Rejected", of: "requests" },
    delayed: { title: "Requests delayed", of: "requests" },
    rejectedRatio: { title: "Share rejected", unit: "ratio" },
    peakAdmittedPerSec: { title: "Peak admitted rate", unit: "per-sec" },
    meanWaitMs: { title: "Mean wait in the queue", unit: "ms" },
    maxWaitMs: { title: "Longest wait", unit: "ms" },
    retryAfterMs: { title: "Retry-After sent (mean, p50, p99, max)", unit: "ms", keyed: true },
    storedEntries: { title: "Entries stored" },
    keys: { title: "Keys tracked" },
  },
  gauges: {
    algorithm: { title: "Algorithm", role: "state" },
    admitted: { title: "Admitted so far", role: "other" },
    rejected: { title: "Rejected so far", role: "other" },
    waiting: { title: "Requests delayed, waiting", role: "queue" },
  },
  records: {
    "request.rate-limited": { meaning: "a request was refused by the limiter, with a Retry-After" },
  },
});
