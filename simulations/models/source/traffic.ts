/**
 * Client behaviour beyond open-loop Poisson traffic: the source extensions.
 *
 * - Closed-loop users (`users`, `thinkMs`): each of N users sends a request, waits for the answer
 *   (retries included), thinks, and sends the next. A slow system slows the users down, so arrivals
 *   adapt to capacity; the interactive response-time law R = N / X − Z links users N, throughput X,
 *   response time R and think time Z.
 * - Traffic shapes (`profile` steps and ramps, `spikes`, `bursts`, `offsetMs`, `peakRatePerSec`).
 * - Client-side retries (`maxAttempts`, `backoff`, `baseMs`, `capMs`, `jitter`, `honorRetryAfter`,
 *   `retryBudget`) with a per-attempt `timeoutMs`: the ingredients of retry storms, and of the
 *   thundering herd when a recovering dependency meets clients that all retry after the same delay.
 * - Adaptive client throttling (`throttle: "adaptive"`, Google SRE book): a client that sees its
 *   requests refused starts refusing them itself, locally, with probability
 *   max(0, (requests − K × accepts) / (requests + 1)) over a trailing window.
 * - Backpressure (`maxOutstanding`): an open-loop producer that may have at most this many unanswered
 *   requests blocks instead of piling on; `blockedMs` and `producerSlowdown` measure the slowdown.
 * - Criticality labels (`priority`, `priorities`) for load shedding.
 *
 * A request keeps its identity across retries (one logical operation, settled once, latency measured
 * from the first attempt); late answers to attempts the client gave up on are ignored.
 */
import { createSampler, createZipfSampler, type Dist } from "../../engine/distributions";
import { hashInt, hashString, type RandomStream } from "../../engine/random";
import { LatencyHistogram, WindowCounter } from "../../engine/stats";
import { backoffDelayMs, retryPolicyFromSource, RetryBudget } from "../../kernel/retry-policy";
import { distSchema } from "../../kernel/schema-common";
import { array, boolean, nullable, number, object, oneOf } from "../../kernel/schema-builder";
import type { ModelContext, Outcome, Request, SimNode } from "../../kernel/model";
import { round } from "../shared";
import { retryAfterOf } from "../rate-limiter/rate-limiter";
import { DEGRADED, PRIORITY_NAMES, priorityRank, type PriorityName } from "../shedding/priority";
import { createRateCurve, type ProfileStep, type Spike } from "./rate-curve";

const ms = (title: string, uiMax = 10_000, extra: Record<string, unknown> = {}) => number({ min: 0, max: 1e9, title, unit: "ms", uiMin: 0, uiMax, ...extra });

/** The optional source fields of the model library; absent, the source is the v1 open-loop source. */
export const sourceExtensionFields = {
  users: number({ integer: true, above: 0, max: 1_000_000, title: "Users (closed loop)", unit: "users", uiMin: 1, uiMax: 2000 }),
  thinkMs: distSchema,
  profile: array(
    object({ atMs: ms("At"), ratePerSec: number({ min: 0, max: 1_000_000, title: "Rate", unit: "req/s" }), rampMs: ms("Ramp") }, { optional: ["rampMs"], name: "a profile step" }),
    { maxItems: 1000, title: "Rate steps and ramps" },
  ),
  spikes: array(
    object(
      { atMs: ms("At"), durationMs: number({ above: 0, max: 1e9, title: "Lasts", unit: "ms" }), ratePerSec: number({ min: 0, max: 1_000_000, title: "Rate", unit: "req/s" }), repeatEveryMs: number({ above: 0, max: 1e9, title: "Repeat every", unit: "ms" }) },
      { optional: ["repeatEveryMs"], name: "a spike" },
    ),
    { maxItems: 1000, title: "Spikes" },
  ),
  offsetMs: ms("Shift the profile and spikes", 5000),
  peakRatePerSec: number({ min: 0, max: 1_000_000, title: "Peak rate", unit: "req/s", uiMin: 0, uiMax: 2000, description: "Replaces the highest profile step (or the spikes' rate)." }),
  bursts: array(
    object({ atMs: ms("At"), count: number({ integer: true, above: 0, max: 10_000_000, title: "Requests" }), spreadMs: ms("Spread over") }, { optional: ["spreadMs"], name: "a burst" }),
    { maxItems: 1000, title: "One-off bursts" },
  ),
  burst: object({ atMs: ms("At"), count: number({ integer: true, above: 0, max: 10_000_000, title: "Requests" }), spreadMs: ms("Spread over") }, { optional: ["spreadMs"], name: "a burst" }),
  burstSize: number({ integer: true, above: 0, max: 10_000_000, title: "Burst size", unit: "requests", uiMin: 10, uiMax: 10_000, description: "Overrides the count of every burst." }),
  priority: oneOf(PRIORITY_NAMES, { title: "Criticality", default: undefined }),
  priorities: object(
    { critical: number({ min: 0, max: 1e6 }), "sheddable-plus": number({ min: 0, max: 1e6 }), sheddable: number({ min: 0, max: 1e6 }) },
    { optional: ["critical", "sheddable-plus", "sheddable"], name: "priority weights" },
  ),
  timeoutMs: nullable(number({ above: 0, max: 1e9, title: "Client timeout", unit: "ms", uiMin: 50, uiMax: 10_000 })),
  maxAttempts: number({ integer: true, min: 1, max: 1000, title: "Attempts (incl. first)", uiMin: 1, uiMax: 20, default: 1 }),
  backoff: oneOf(["fixed", "exponential"] as const, { title: "Backoff", default: "exponential" }),
  baseMs: ms("Backoff base", 5000, { default: 100 }),
  capMs: ms("Backoff cap", 60_000, { default: 30_000 }),
  jitter: oneOf(["none", "full", "equal"] as const, { title: "Jitter", default: "none" }),
  honorRetryAfter: boolean({ title: "Honour Retry-After", default: false }),
  retryBudget: nullable(number({ min: 0, max: 10, title: "Retry budget (retries per first attempt, 10 s)", uiMin: 0, uiMax: 1, uiStep: 0.05 })),
  throttle: oneOf(["none", "adaptive"] as const, { title: "Client throttling", default: "none" }),
  throttleK: number({ min: 1, max: 100, title: "Throttle K", uiMin: 1, uiMax: 5, uiStep: 0.1, default: 2 }),
  throttleWindowMs: number({ above: 0, max: 1e9, title: "Throttle window", unit: "ms", uiMin: 1000, uiMax: 300_000, default: 120_000 }),
  maxOutstanding: number({ integer: true, above: 0, max: 10_000_000, title: "Backpressure: max unanswered", unit: "requests", uiMin: 1, uiMax: 1000 }),
};

export const sourceExtensionKeys = Object.keys(sourceExtensionFields) as (keyof typeof sourceExtensionFields)[];

export interface TrafficSpec {
  id: string;
  ratePerSec?: number;
  arrival?: "poisson" | "constant";
  keys?: { count: number; zipfExponent?: number };
  clients?: number;
  users?: number;
  thinkMs?: Dist;
  profile?: ProfileStep[];
  spikes?: Spike[];
  offsetMs?: number;
  peakRatePerSec?: number;
  bursts?: { atMs: number; count: number; spreadMs?: number }[];
  burst?: { atMs: number; count: number; spreadMs?: number };
  burstSize?: number;
  priority?: PriorityName;
  priorities?: Partial<Record<PriorityName, number>>;
  timeoutMs?: number | null;
  maxAttempts?: number;
  backoff?: "fixed" | "exponential";
  baseMs?: number;
  capMs?: number;
  jitter?: "none" | "full" | "equal";
  honorRetryAfter?: boolean;
  retryBudget?: number | null;
  throttle?: "none" | "adaptive";
  throttleK?: number;
  throttleWindowMs?: number;
  maxOutstanding?: number;
}

/** Whether a source spec uses any extension (otherwise the v1 fast path runs). */
export function usesExtensions(spec: object): boolean {
  // The parser fills in defaults (maxAttempts 1, jitter "none", ...), so a field only counts when it
  // differs from its default: a plain v1 source must keep the fast open-loop path.
  for (const key of sourceExtensionKeys) {
    const value = (spec as Record<string, unknown>)[key];
    if (value !== undefined && value !== sourceExtensionFields[key].meta.default) return true;
  }
  return false;
}

interface Operation {
  request: Request;
  attempts: number;
  /** Attempt number whose answer is awaited; answers to older attempts are ignored. */
  current: number;
  done: boolean;
  /** Closed loop: the user to resume. */
  user: number;
}

/** Builds the extended source. `spec.ratePerSec` is required unless `users` is given (checked by the schema). */
export function createTrafficSource(spec: TrafficSpec, ctx: ModelContext): SimNode & { start(): void } {
  return new TrafficSource(spec, ctx).toNode();
}

/** One extended source's state (operations in flight, counters) and behaviour; `toNode` exposes it. */
class TrafficSource {
  private readonly sim: ModelContext["sim"];
  private readonly ledger: ModelContext["ledger"];
  private readonly edge: ModelContext["outgoing"][number];
  private readonly keys: (() => number) | null;
  private readonly clientSalt: number;
  private readonly clientCount: number;
  private readonly closed: boolean;
  private readonly users: number;
  private readonly think: () => number;
  private readonly arrivals: RandomStream;
  private readonly retryRandom: RandomStream;
  private readonly throttleRandom: RandomStream;
  private readonly priorityRandom: RandomStream;

  // Rate curve (open loop).
  private readonly curve: ReturnType<typeof createRateCurve>;
  private readonly constant: boolean;
  private readonly shaped: boolean;

  // Priority labels.
  private readonly weights: number[] | null;
  private readonly totalWeight: number;
  private readonly fixedRank: number;

  // Retry policy.
  private readonly retryPolicy: ReturnType<typeof retryPolicyFromSource>;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number | null;
  private readonly honor: boolean;
  private readonly budget: RetryBudget | null;
  private readonly adaptive: boolean;
  private readonly throttleK: number;
  private readonly throttleRequests: WindowCounter;
  private readonly throttleAccepts: WindowCounter;
  private readonly maxOutstanding: number;

  // Metrics (requests that arrived after warm-up).
  private sent = 0;
  private sentCounted = 0;
  private attempts = 0;
  private retries = 0;
  private timeouts = 0;
  private localDrops = 0;
  private gaveUp = 0;
  private budgetDenied = 0;
  private rejected = 0;
  private completed = 0;
  private failed = 0;
  private dropped = 0;
  private degraded = 0;
  private readonly latency = new LatencyHistogram();
  private outstanding = 0;
  private blocked = false;
  private blockedSinceMs = 0;
  private blockedMs = 0;
  private stopped = false;
  private activeUsers = 0;

  constructor(
    private readonly spec: TrafficSpec,
    private readonly ctx: ModelContext,
  ) {
    this.sim = ctx.sim;
    this.ledger = ctx.ledger;
    this.edge = ctx.outgoing[0];
    // Streams are created in this order; keep it.
    this.keys = spec.keys ? createZipfSampler(spec.keys.count, spec.keys.zipfExponent ?? 0, ctx.random("keys")) : null;
    this.clientSalt = hashString(spec.id);
    this.clientCount = spec.clients ?? 1000;
    this.closed = spec.users !== undefined;
    this.users = spec.users ?? 0;
    this.think = createSampler(spec.thinkMs ?? { dist: "exponential", meanMs: 1000 }, ctx.random("think"));
    this.arrivals = ctx.random("arrivals");
    this.retryRandom = ctx.random("retry");
    this.throttleRandom = ctx.random("throttle");
    this.priorityRandom = ctx.random("priority");

    let profile = spec.profile ?? [];
    let spikes = spec.spikes ?? [];
    if (spec.peakRatePerSec !== undefined) {
      if (profile.length > 0) {
        const top = profile.reduce((best, s, i) => (s.ratePerSec > profile[best].ratePerSec ? i : best), 0);
        profile = profile.map((s, i) => (i === top ? { ...s, ratePerSec: spec.peakRatePerSec! } : s));
      } else spikes = spikes.map((s) => ({ ...s, ratePerSec: spec.peakRatePerSec! }));
    }
    this.curve = createRateCurve(spec.ratePerSec ?? 0, profile, spikes, spec.offsetMs ?? 0);
    this.constant = spec.arrival === "constant";
    this.shaped = profile.length > 0 || spikes.length > 0;

    this.weights = spec.priorities ? PRIORITY_NAMES.map((n) => spec.priorities![n] ?? 0) : null;
    this.totalWeight = this.weights ? this.weights.reduce((a, b) => a + b, 0) : 0;
    this.fixedRank = spec.priority ? priorityRank(spec.priority) : 0;

    this.retryPolicy = retryPolicyFromSource(spec);
    this.maxAttempts = this.retryPolicy.maxAttempts;
    this.timeoutMs = spec.timeoutMs ?? null;
    this.honor = spec.honorRetryAfter ?? false;
    // The same budget as edges and clients (kernel/retry-policy.ts): a share of the first tries of the
    // last 10 s, with no per-second floor (the source's field has never had one).
    this.budget = spec.retryBudget !== null && spec.retryBudget !== undefined ? new RetryBudget({ ratio: spec.retryBudget, minPerSec: 0, windowMs: 10_000 }) : null;
    this.adaptive = (spec.throttle ?? "none") === "adaptive";
    this.throttleK = spec.throttleK ?? 2;
    this.throttleRequests = new WindowCounter(spec.throttleWindowMs ?? 120_000);
    this.throttleAccepts = new WindowCounter(spec.throttleWindowMs ?? 120_000);
    this.maxOutstanding = spec.maxOutstanding ?? Infinity;
  }

  private nextMass(): number {
    return this.constant ? 1 : -Math.log(1 - this.arrivals.next());
  }

  private drawRank(): number {
    const { weights, totalWeight } = this;
    if (!weights || totalWeight <= 0) return this.fixedRank;
    let u = this.priorityRandom.next() * totalWeight;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) return i;
    }
    return weights.length - 1;
  }

  private backoffMs(retry: number): number {
    return backoffDelayMs(this.retryPolicy.backoff, retry, 0, this.retryRandom);
  }

  /** Settles an operation once; a closed-loop user thinks and sends again, a blocked producer resumes. */
  private finish(op: Operation, outcome: Outcome, reason?: string): void {
    const { sim, ctx, maxAttempts } = this;
    op.done = true;
    const r = op.request;
    if (r.counted) {
      if (outcome === "ok") {
        this.completed++;
        this.latency.record(sim.now - r.createdAtMs);
        if (reason === DEGRADED) this.degraded++;
      } else if (outcome === "error") this.failed++;
      else this.dropped++;
      if (outcome !== "ok" && op.attempts >= maxAttempts && maxAttempts > 1) this.gaveUp++;
    }
    this.ledger.settle(r, outcome, sim.now, reason);
    this.outstanding--;
    if (this.closed) {
      const wait = this.think();
      sim.schedule(wait, () => this.userSends(op.user));
    } else if (this.blocked && this.outstanding < this.maxOutstanding) {
      this.blocked = false;
      if (sim.now >= ctx.warmupMs) this.blockedMs += sim.now - Math.max(this.blockedSinceMs, ctx.warmupMs);
      this.scheduleArrival(sim.now, this.nextMass());
    }
  }

  /** Adaptive throttling: whether the client refuses this attempt itself (and settles it). */
  private throttledLocally(op: Operation): boolean {
    const { sim } = this;
    const r = op.request;
    const requests = this.throttleRequests.sum(sim.now);
    const accepts = this.throttleAccepts.sum(sim.now);
    this.throttleRequests.add(sim.now);
    const p = Math.max(0, (requests - this.throttleK * accepts) / (requests + 1));
    if (p > 0 && this.throttleRandom.next() < p) {
      if (r.counted) this.localDrops++;
      r.spans?.push({ node: this.spec.id, kind: "rejected", startMs: sim.now, endMs: sim.now, outcome: "error", detail: "throttled locally" });
      this.finish(op, "error", "throttled");
      return true;
    }
    return false;
  }

  private attempt(op: Operation): void {
    const { sim, ctx } = this;
    const r = op.request;
    op.attempts++;
    const n = op.attempts;
    op.current = n;
    if (this.adaptive && this.throttledLocally(op)) return;
    if (r.counted) {
      this.attempts++;
      if (n > 1) this.retries++;
    }
    if (n === 1) this.budget?.recordRequest(sim.now);
    if (this.timeoutMs !== null) {
      sim.schedule(this.timeoutMs, () => {
        if (op.done || op.current !== n) return;
        op.current = -1;
        if (r.counted) this.timeouts++;
        if (ctx.tracing) ctx.emit("request.timed-out", `attempt ${n}`, r.id);
        this.afterFailure(op, "error", "timeout");
      });
    }
    ctx.send(this.edge, r, (outcome, reason) => {
      if (op.done || op.current !== n) return;
      op.current = -1;
      if (this.adaptive && outcome === "ok") this.throttleAccepts.add(sim.now);
      if (outcome === "ok") this.finish(op, outcome, reason);
      else {
        if (reason === "rate-limited" && r.counted) this.rejected++;
        this.afterFailure(op, outcome, reason);
      }
    });
  }

  private afterFailure(op: Operation, outcome: Outcome, reason?: string): void {
    const { sim, ctx } = this;
    if (op.attempts >= this.maxAttempts) {
      this.finish(op, outcome, reason);
      return;
    }
    if (this.budget !== null && !this.budget.tryWithdraw(sim.now)) {
      if (op.request.counted) this.budgetDenied++;
      this.finish(op, outcome, reason);
      return;
    }
    let wait = this.backoffMs(op.attempts);
    if (this.honor && reason === "rate-limited") wait += retryAfterOf(op.request) ?? 0;
    op.request.spans?.push({ node: this.spec.id, kind: "backoff", startMs: sim.now, endMs: sim.now + wait, detail: reason });
    if (ctx.tracing) ctx.emit("request.retry-scheduled", `attempt ${op.attempts + 1} in ${Math.round(wait)} ms`, op.request.id);
    sim.schedule(wait, () => this.attempt(op));
  }

  private begin(user: number): boolean {
    const { ctx, keys } = this;
    const request = ctx.newRequest(keys ? keys() : -1, hashInt(this.sent ^ this.clientSalt) % this.clientCount);
    if (!request) {
      this.stopped = true;
      return false;
    }
    this.sent++;
    if (request.counted) this.sentCounted++;
    if (this.weights || this.fixedRank !== 0) request.priority = this.drawRank();
    this.ledger.arrive(request);
    this.outstanding++;
    this.attempt({ request, attempts: 0, current: 0, done: false, user });
    return true;
  }

  // Closed loop.
  private userSends(user: number): void {
    if (this.stopped) return;
    if (!this.begin(user)) this.activeUsers--;
  }

  // Open loop.
  private scheduleArrival(fromMs: number, mass: number): void {
    const at = this.curve.advance(fromMs, mass);
    if (at === Infinity) return;
    this.sim.scheduleAt(at, () => this.arrive());
  }

  private arrive(): void {
    if (this.stopped) return;
    if (this.outstanding >= this.maxOutstanding) {
      this.blocked = true;
      this.blockedSinceMs = this.sim.now;
      return;
    }
    if (!this.begin(-1)) return;
    this.scheduleArrival(this.sim.now, this.nextMass());
  }

  private startBursts(): void {
    const { spec, sim } = this;
    const list = [...(spec.bursts ?? []), ...(spec.burst ? [spec.burst] : [])];
    for (const b of list) {
      const count = spec.burstSize ?? b.count;
      const spread = b.spreadMs ?? 0;
      const at = b.atMs + (spec.offsetMs ?? 0);
      let i = 0;
      const next = () => {
        if (this.stopped || i >= count) return;
        const t = at + (spread * i) / count;
        i++;
        sim.scheduleAt(Math.max(sim.now, t), () => {
          this.begin(-1);
          next();
        });
      };
      next();
    }
  }

  private start(): void {
    const { sim, spec } = this;
    if (this.closed) {
      this.activeUsers = this.users;
      for (let u = 0; u < this.users; u++) sim.schedule(this.think(), () => this.userSends(u));
    } else if ((spec.ratePerSec ?? 0) > 0 || this.shaped) this.scheduleArrival(0, this.constant ? 0.5 : this.nextMass());
    this.startBursts();
  }

  private metrics(endMs: number) {
    const { ctx, completed, closed } = this;
    const measuredMs = Math.max(0, endMs - ctx.warmupMs);
    const finished = completed + this.failed + this.dropped;
    const intended = closed ? 0 : this.curve.integral(ctx.warmupMs, endMs);
    const blockedTotal = this.blockedMs + (this.blocked ? endMs - Math.max(this.blockedSinceMs, ctx.warmupMs) : 0);
    return {
      sent: this.sent,
      attempts: this.attempts,
      retries: this.retries,
      timeouts: this.timeouts,
      rejected: this.rejected,
      localDrops: this.localDrops,
      gaveUp: this.gaveUp,
      budgetDenied: this.budgetDenied,
      completed,
      failed: this.failed,
      dropped: this.dropped,
      degraded: this.degraded,
      successRatio: round(finished > 0 ? completed / finished : 0),
      p50Ms: round(this.latency.quantile(0.5), 3),
      p99Ms: round(this.latency.quantile(0.99), 3),
      meanMs: round(this.latency.mean, 3),
      throughputPerSec: round(measuredMs > 0 ? (completed * 1000) / measuredMs : 0, 3),
      ...(closed ? { users: this.users } : { offeredPerSec: round(measuredMs > 0 ? (intended * 1000) / measuredMs : 0, 3) }),
      ...(this.maxOutstanding !== Infinity ? { blockedMs: round(Math.max(0, blockedTotal), 3), producerSlowdown: round(intended > 0 ? Math.max(0, 1 - this.sentCounted / intended) : 0) } : {}),
    };
  }

  toNode(): SimNode & { start(): void } {
    return {
      id: this.spec.id,
      kind: "source",
      start: () => this.start(),
      receive(_request, reply) {
        reply("error", "not-accepting");
      },
      load: () => 0,
      crash() {},
      recover() {},
      metrics: (endMs) => this.metrics(endMs),
      gauges: () => ({
        ratePerSec: this.closed ? this.activeUsers : round(this.curve.ratePerSecAt(this.sim.now), 3),
        outstanding: this.outstanding,
        blocked: this.blocked,
        stopped: this.stopped,
      }),
    };
  }
}
