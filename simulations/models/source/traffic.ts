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
import { hashInt, hashString } from "../../engine/random";
import { LatencyHistogram, WindowCounter } from "../../engine/stats";
import { backoffDelayMs, retryPolicyFromSource, SourceRetryBudget } from "../../kernel/retry-policy";
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
  const { sim, ledger } = ctx;
  const edge = ctx.outgoing[0];
  const keys = spec.keys ? createZipfSampler(spec.keys.count, spec.keys.zipfExponent ?? 0, ctx.random("keys")) : null;
  const clientSalt = hashString(spec.id);
  const clientCount = spec.clients ?? 1000;
  const closed = spec.users !== undefined;
  const users = spec.users ?? 0;
  const think = createSampler(spec.thinkMs ?? { dist: "exponential", meanMs: 1000 }, ctx.random("think"));
  const arrivals = ctx.random("arrivals");
  const retryRandom = ctx.random("retry");
  const throttleRandom = ctx.random("throttle");
  const priorityRandom = ctx.random("priority");

  // Rate curve (open loop).
  let profile = spec.profile ?? [];
  let spikes = spec.spikes ?? [];
  if (spec.peakRatePerSec !== undefined) {
    if (profile.length > 0) {
      const top = profile.reduce((best, s, i) => (s.ratePerSec > profile[best].ratePerSec ? i : best), 0);
      profile = profile.map((s, i) => (i === top ? { ...s, ratePerSec: spec.peakRatePerSec! } : s));
    } else spikes = spikes.map((s) => ({ ...s, ratePerSec: spec.peakRatePerSec! }));
  }
  const curve = createRateCurve(spec.ratePerSec ?? 0, profile, spikes, spec.offsetMs ?? 0);
  const constant = spec.arrival === "constant";
  const shaped = profile.length > 0 || spikes.length > 0;
  const nextMass = () => (constant ? 1 : -Math.log(1 - arrivals.next()));

  // Priority labels.
  const weights = spec.priorities ? PRIORITY_NAMES.map((n) => spec.priorities![n] ?? 0) : null;
  const totalWeight = weights ? weights.reduce((a, b) => a + b, 0) : 0;
  const fixedRank = spec.priority ? priorityRank(spec.priority) : 0;
  const drawRank = () => {
    if (!weights || totalWeight <= 0) return fixedRank;
    let u = priorityRandom.next() * totalWeight;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) return i;
    }
    return weights.length - 1;
  };

  // Retry policy.
  const retryPolicy = retryPolicyFromSource(spec);
  const maxAttempts = retryPolicy.maxAttempts;
  const timeoutMs = spec.timeoutMs ?? null;
  const honor = spec.honorRetryAfter ?? false;
  const budget = spec.retryBudget !== null && spec.retryBudget !== undefined ? new SourceRetryBudget(spec.retryBudget) : null;
  const adaptive = (spec.throttle ?? "none") === "adaptive";
  const throttleK = spec.throttleK ?? 2;
  const throttleRequests = new WindowCounter(spec.throttleWindowMs ?? 120_000);
  const throttleAccepts = new WindowCounter(spec.throttleWindowMs ?? 120_000);
  const maxOutstanding = spec.maxOutstanding ?? Infinity;

  // Metrics (requests that arrived after warm-up).
  let sent = 0;
  let sentCounted = 0;
  let attempts = 0;
  let retries = 0;
  let timeouts = 0;
  let localDrops = 0;
  let gaveUp = 0;
  let budgetDenied = 0;
  let rejected = 0;
  let completed = 0;
  let failed = 0;
  let dropped = 0;
  let degraded = 0;
  const latency = new LatencyHistogram();
  let outstanding = 0;
  let blocked = false;
  let blockedSinceMs = 0;
  let blockedMs = 0;
  let stopped = false;
  let activeUsers = 0;

  const backoffMs = (retry: number) => backoffDelayMs(retryPolicy.backoff, retry, 0, retryRandom);

  const finish = (op: Operation, outcome: Outcome, reason?: string) => {
    op.done = true;
    const r = op.request;
    if (r.counted) {
      if (outcome === "ok") {
        completed++;
        latency.record(sim.now - r.createdAtMs);
        if (reason === DEGRADED) degraded++;
      } else if (outcome === "error") failed++;
      else dropped++;
      if (outcome !== "ok" && op.attempts >= maxAttempts && maxAttempts > 1) gaveUp++;
    }
    ledger.settle(r, outcome, sim.now, reason);
    outstanding--;
    if (closed) {
      const wait = think();
      sim.schedule(wait, () => userSends(op.user));
    } else if (blocked && outstanding < maxOutstanding) {
      blocked = false;
      if (sim.now >= ctx.warmupMs) blockedMs += sim.now - Math.max(blockedSinceMs, ctx.warmupMs);
      scheduleArrival(sim.now, nextMass());
    }
  };

  const attempt = (op: Operation) => {
    const r = op.request;
    op.attempts++;
    const n = op.attempts;
    op.current = n;
    if (adaptive) {
      const requests = throttleRequests.sum(sim.now);
      const accepts = throttleAccepts.sum(sim.now);
      throttleRequests.add(sim.now);
      const p = Math.max(0, (requests - throttleK * accepts) / (requests + 1));
      if (p > 0 && throttleRandom.next() < p) {
        if (r.counted) localDrops++;
        r.spans?.push({ node: spec.id, kind: "rejected", startMs: sim.now, endMs: sim.now, outcome: "error", detail: "throttled locally" });
        finish(op, "error", "throttled");
        return;
      }
    }
    if (r.counted) {
      attempts++;
      if (n > 1) retries++;
    }
    budget?.recordSend(sim.now, n);
    if (timeoutMs !== null) {
      sim.schedule(timeoutMs, () => {
        if (op.done || op.current !== n) return;
        op.current = -1;
        if (r.counted) timeouts++;
        if (ctx.tracing) ctx.emit("request.timed-out", `attempt ${n}`, r.id);
        afterFailure(op, "error", "timeout");
      });
    }
    ctx.send(edge, r, (outcome, reason) => {
      if (op.done || op.current !== n) return;
      op.current = -1;
      if (adaptive && outcome === "ok") throttleAccepts.add(sim.now);
      if (outcome === "ok") finish(op, outcome, reason);
      else {
        if (reason === "rate-limited" && r.counted) rejected++;
        afterFailure(op, outcome, reason);
      }
    });
  };

  const afterFailure = (op: Operation, outcome: Outcome, reason?: string) => {
    if (op.attempts >= maxAttempts) {
      finish(op, outcome, reason);
      return;
    }
    if (budget !== null && !budget.allows(sim.now)) {
      if (op.request.counted) budgetDenied++;
      finish(op, outcome, reason);
      return;
    }
    let wait = backoffMs(op.attempts);
    if (honor && reason === "rate-limited") wait += retryAfterOf(op.request) ?? 0;
    op.request.spans?.push({ node: spec.id, kind: "backoff", startMs: sim.now, endMs: sim.now + wait, detail: reason });
    if (ctx.tracing) ctx.emit("request.retry-scheduled", `attempt ${op.attempts + 1} in ${Math.round(wait)} ms`, op.request.id);
    sim.schedule(wait, () => attempt(op));
  };

  const begin = (user: number): boolean => {
    const request = ctx.newRequest(keys ? keys() : -1, hashInt(sent ^ clientSalt) % clientCount);
    if (!request) {
      stopped = true;
      return false;
    }
    sent++;
    if (request.counted) sentCounted++;
    if (weights || fixedRank !== 0) request.priority = drawRank();
    ledger.arrive(request);
    outstanding++;
    attempt({ request, attempts: 0, current: 0, done: false, user });
    return true;
  };

  // Closed loop.
  const userSends = (user: number) => {
    if (stopped) return;
    if (!begin(user)) activeUsers--;
  };

  // Open loop.
  const scheduleArrival = (fromMs: number, mass: number) => {
    const at = curve.advance(fromMs, mass);
    if (at === Infinity) return;
    sim.scheduleAt(at, arrive);
  };
  const arrive = () => {
    if (stopped) return;
    if (outstanding >= maxOutstanding) {
      blocked = true;
      blockedSinceMs = sim.now;
      return;
    }
    if (!begin(-1)) return;
    scheduleArrival(sim.now, nextMass());
  };

  const startBursts = () => {
    const list = [...(spec.bursts ?? []), ...(spec.burst ? [spec.burst] : [])];
    for (const b of list) {
      const count = spec.burstSize ?? b.count;
      const spread = b.spreadMs ?? 0;
      const at = b.atMs + (spec.offsetMs ?? 0);
      let i = 0;
      const next = () => {
        if (stopped || i >= count) return;
        const t = at + (spread * i) / count;
        i++;
        sim.scheduleAt(Math.max(sim.now, t), () => {
          begin(-1);
          next();
        });
      };
      next();
    }
  };

  return {
    id: spec.id,
    kind: "source",
    start() {
      if (closed) {
        activeUsers = users;
        for (let u = 0; u < users; u++) sim.schedule(think(), () => userSends(u));
      } else if ((spec.ratePerSec ?? 0) > 0 || shaped) scheduleArrival(0, constant ? 0.5 : nextMass());
      startBursts();
    },
    receive(_request, reply) {
      reply("error", "not-accepting");
    },
    load: () => 0,
    crash() {},
    recover() {},
    metrics(endMs) {
      const measuredMs = Math.max(0, endMs - ctx.warmupMs);
      const finished = completed + failed + dropped;
      const intended = closed ? 0 : curve.integral(ctx.warmupMs, endMs);
      const blockedTotal = blockedMs + (blocked ? endMs - Math.max(blockedSinceMs, ctx.warmupMs) : 0);
      return {
        sent,
        attempts,
        retries,
        timeouts,
        rejected,
        localDrops,
        gaveUp,
        budgetDenied,
        completed,
        failed,
        dropped,
        degraded,
        successRatio: round(finished > 0 ? completed / finished : 0),
        p50Ms: round(latency.quantile(0.5), 3),
        p99Ms: round(latency.quantile(0.99), 3),
        meanMs: round(latency.mean, 3),
        throughputPerSec: round(measuredMs > 0 ? (completed * 1000) / measuredMs : 0, 3),
        ...(closed ? { users } : { offeredPerSec: round(measuredMs > 0 ? (intended * 1000) / measuredMs : 0, 3) }),
        ...(maxOutstanding !== Infinity ? { blockedMs: round(Math.max(0, blockedTotal), 3), producerSlowdown: round(intended > 0 ? Math.max(0, 1 - sentCounted / intended) : 0) } : {}),
      };
    },
    gauges: () => ({
      ratePerSec: closed ? activeUsers : round(curve.ratePerSecAt(sim.now), 3),
      outstanding,
      blocked,
      stopped,
    }),
  };
}
