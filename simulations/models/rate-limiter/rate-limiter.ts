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
import type { EdgeRuntime, ModelContext, NodeGauges, NodeKind, NodeMetrics, Reply, Request, SimNode } from "../../kernel/model";
import type { Simulation } from "../../engine/simulation";
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

/** The key a request is limited under, for a scope. */
function limitKey(scope: RateLimiterSpec["scope"] | RateLimitStore["scope"], request: Request): unknown {
  return scope === "global" ? 0 : scope === "per-client" ? request.client : scope === "per-key" ? request.key : request.sourceId;
}

/** The Retry-After a refusal carries: the wait rounded up to the header's granularity (0: exact). */
function retryAfterHeader(roundingMs: number, waitMs: number): number {
  return roundingMs > 0 ? Math.max(roundingMs, Math.ceil(waitMs / roundingMs - 1e-9) * roundingMs) : waitMs;
}

/** The limiter as a node: one algorithm state per key (or a seat in a shared store), and its counts. */
class RateLimiter implements SimNode {
  readonly kind = "rate-limiter";
  readonly id: string;
  private readonly sim: Simulation;
  private readonly algorithm: LimiterAlgorithm;
  private readonly params: { ratePerSec: number; burst: number; limit: number; windowMs: number };
  private readonly scope: NonNullable<RateLimiterSpec["scope"]>;
  private readonly delayMode: boolean;
  private readonly maxDelayMs: number;
  private readonly queueCapacity: number;
  private readonly rejectMs: number;
  private readonly rounding: number;
  private readonly edge: EdgeRuntime;
  private readonly states = new Map<unknown, KeyState>();
  private store: RateLimitStore | null = null;
  private member = -1;
  private admitted = 0;
  private rejected = 0;
  private delayed = 0;
  private waitingNow = 0;
  private entries = 0;
  private peakEntries = 0;
  private readonly peak = new SlidingPeak();
  private readonly wait = new RunningMean();
  private maxWaitMs = 0;
  private readonly retryAfter = new LatencyHistogram();

  constructor(
    private readonly spec: RateLimiterSpec,
    private readonly ctx: ModelContext,
  ) {
    this.id = spec.id;
    this.sim = ctx.sim;
    this.algorithm = spec.algorithm ?? "token-bucket";
    this.params = { ratePerSec: spec.ratePerSec ?? 100, burst: spec.burst ?? 50, limit: spec.limit ?? 100, windowMs: spec.windowMs ?? 1000 };
    this.scope = spec.scope ?? "global";
    this.delayMode = (spec.onLimit ?? "reject") === "delay";
    this.maxDelayMs = spec.maxDelayMs ?? 1000;
    this.queueCapacity = spec.queueCapacity ?? 50;
    this.rejectMs = spec.rejectMs ?? 0;
    this.rounding = spec.retryAfterRoundingMs ?? 1000;
    this.edge = ctx.outgoing[0];
  }

  private stateOf(key: unknown): KeyState {
    let s = this.states.get(key);
    if (!s) {
      s = { state: createLimiterState(this.algorithm, this.params), departures: this.algorithm === "leaky-bucket-queue" ? new Fifo<number>() : null };
      this.states.set(key, s);
      this.entries += s.state.entries();
      if (this.entries > this.peakEntries) this.peakEntries = this.entries;
    }
    return s;
  }

  /** Keeps the count of stored entries (and its peak) after a decision changed a key's state. */
  private track(s: KeyState, before: number): void {
    this.entries += s.state.entries() + (s.departures ? s.departures.length : 0) - before;
    if (this.entries > this.peakEntries) this.peakEntries = this.entries;
  }

  private forward(request: Request, reply: Reply, arrivedMs: number): void {
    const { sim } = this;
    const waited = sim.now - arrivedMs;
    if (request.counted) {
      this.admitted++;
      if (sim.now >= this.ctx.warmupMs) this.peak.record(sim.now);
      if (waited > 0 || this.delayMode || this.algorithm === "leaky-bucket-queue") this.wait.record(waited);
      if (waited > this.maxWaitMs) this.maxWaitMs = waited;
    }
    if (waited > 0) request.spans?.push({ node: this.spec.id, kind: "queue", startMs: arrivedMs, endMs: sim.now, detail: "rate limited: delayed" });
    this.ctx.send(this.edge, request, reply);
  }

  private reject(request: Request, reply: Reply, retryAfterMs: number): void {
    const { sim, rejectMs } = this;
    const header = retryAfterHeader(this.rounding, retryAfterMs);
    (request as LimitedRequest).retryAfterMs = header;
    if (request.counted) {
      this.rejected++;
      this.retryAfter.record(header);
    }
    if (this.ctx.tracing) this.ctx.emit("request.rate-limited", `retry after ${Math.round(header)} ms`, request.id);
    request.spans?.push({ node: this.spec.id, kind: "rejected", startMs: sim.now, endMs: sim.now + rejectMs, outcome: "dropped", detail: "rate limited" });
    if (rejectMs > 0) sim.schedule(rejectMs, () => reply("dropped", "rate-limited"));
    else reply("dropped", "rate-limited");
  }

  private delayFor(request: Request, reply: Reply, arrivedMs: number, waitMs: number): void {
    if (request.counted) this.delayed++;
    this.waitingNow++;
    this.sim.schedule(waitMs, () => {
      this.waitingNow--;
      this.forward(request, reply, arrivedMs);
    });
  }

  /** Window algorithms in delay mode: try again when the window would admit, until the deadline. */
  private retryLater(request: Request, reply: Reply, arrivedMs: number, s: KeyState): void {
    const { sim } = this;
    const before = s.state.entries();
    const ok = s.state.tryAcquire(sim.now);
    this.track(s, before);
    if (ok) {
      this.forward(request, reply, arrivedMs);
      return;
    }
    const waitMs = Math.max(1e-3, s.state.retryAfterMs(sim.now));
    if (sim.now + waitMs - arrivedMs > this.maxDelayMs) {
      this.reject(request, reply, waitMs);
      return;
    }
    if (sim.now === arrivedMs && request.counted) this.delayed++;
    this.waitingNow++;
    sim.schedule(waitMs, () => {
      this.waitingNow--;
      this.retryLater(request, reply, arrivedMs, s);
    });
  }

  /** Leaky bucket as a queue: a place in the queue, then departure at the metered pace. */
  private enqueueMetered(request: Request, reply: Reply, s: KeyState, before: number): void {
    const now = this.sim.now;
    const d = s.departures!;
    while (d.length > 0 && d.peek()! <= now) d.shift();
    const meter = s.state as LeakyMeter;
    if (d.length >= this.queueCapacity && meter.peekReserve(now) > 0) {
      this.track(s, before);
      this.reject(request, reply, d.peek()! - now);
      return;
    }
    const waitMs = meter.reserve(now);
    if (waitMs > 0) {
      d.push(now + waitMs);
      this.track(s, before);
      this.delayFor(request, reply, now, waitMs);
    } else {
      this.track(s, before);
      this.forward(request, reply, now);
    }
  }

  /** Delay mode: bucket algorithms reserve the wait at once; window algorithms try again later. */
  private delayOrReject(request: Request, reply: Reply, s: KeyState, before: number): void {
    const now = this.sim.now;
    if (s.state instanceof TokenBucket || s.state instanceof LeakyMeter) {
      const waitMs = s.state.peekReserve(now);
      if (waitMs > this.maxDelayMs) {
        this.track(s, before);
        this.reject(request, reply, waitMs - this.maxDelayMs);
        return;
      }
      s.state.reserve(now);
      this.track(s, before);
      if (waitMs > 0) this.delayFor(request, reply, now, waitMs);
      else this.forward(request, reply, now);
      return;
    }
    this.retryLater(request, reply, now, s);
  }

  private decideLocal(request: Request, reply: Reply): void {
    const s = this.stateOf(limitKey(this.scope, request));
    const now = this.sim.now;
    const before = s.state.entries() + (s.departures ? s.departures.length : 0);
    if (s.departures) return this.enqueueMetered(request, reply, s, before);
    if (this.delayMode) return this.delayOrReject(request, reply, s, before);
    const ok = s.state.tryAcquire(now);
    this.track(s, before);
    if (ok) this.forward(request, reply, now);
    else this.reject(request, reply, s.state.retryAfterMs(now));
  }

  private decideWithStore(request: Request, reply: Reply, arrivedMs: number): void {
    const st = this.store!;
    const verdict = st.decide(this.member, limitKey(st.scope, request), this.sim.now);
    if (request.counted) st.counted(verdict === true, this.sim.now);
    if (verdict === true) this.forward(request, reply, arrivedMs);
    else this.reject(request, reply, verdict);
  }

  start(): void {
    const { spec } = this;
    if (spec.store === undefined) return;
    const peer = this.ctx.peer(spec.store);
    if (peer.kind !== "rate-limit-store") throw new Error(`rate-limiter "${spec.id}": store "${spec.store}" is a ${peer.kind}, not a rate-limit-store`);
    this.store = peer as RateLimitStore;
    this.member = this.store.join();
  }

  receive(request: Request, reply: Reply): void {
    const { store, sim } = this;
    if (!store) return this.decideLocal(request, reply);
    if (store.mode === "shared" && store.storeMs > 0) {
      const arrivedMs = sim.now;
      request.spans?.push({ node: this.spec.id, kind: "call", startMs: sim.now, endMs: sim.now + store.storeMs, detail: "rate-limit store" });
      sim.schedule(store.storeMs, () => this.decideWithStore(request, reply, arrivedMs));
    } else this.decideWithStore(request, reply, sim.now);
  }

  load(): number {
    return this.waitingNow;
  }

  crash(): void {}

  recover(): void {}

  metrics(): NodeMetrics {
    const { admitted, rejected, retryAfter } = this;
    return {
      admitted,
      rejected,
      delayed: this.delayed,
      rejectedRatio: round(admitted + rejected > 0 ? rejected / (admitted + rejected) : 0),
      peakAdmittedPerSec: this.peak.peak,
      meanWaitMs: round(this.wait.mean),
      maxWaitMs: round(this.maxWaitMs),
      retryAfterMs: { mean: round(retryAfter.mean, 3), p50: round(retryAfter.quantile(0.5), 3), p99: round(retryAfter.quantile(0.99), 3), max: round(retryAfter.count ? retryAfter.max : 0, 3) },
      storedEntries: this.peakEntries,
      keys: this.states.size,
    };
  }

  gauges(): NodeGauges {
    return { algorithm: this.algorithm, admitted: this.admitted, rejected: this.rejected, waiting: this.waitingNow };
  }
}

export const rateLimiterKind: NodeKind<RateLimiterSpec> = {
  kind: "rate-limiter",
  create: (spec, ctx) => new RateLimiter(spec, ctx),
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
