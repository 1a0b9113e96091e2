/**
 * Call policy: what a caller does around a remote call. Timeouts, an overall deadline, retries with
 * backoff and jitter, a retry budget, hedged requests, a circuit breaker and a connection pool.
 *
 * A policy sits on the caller's side of one dependency (an edge with policy fields, or a `client`
 * node). One logical call becomes one or more *tries* (the first, then retries after a backoff), and
 * a try becomes one or more *attempts* (the primary, plus hedges sent if it has not answered after
 * `hedge.afterMs`). Layers, outermost first:
 *
 *   deadline (whole call) → retry loop (+ budget, backoff) → hedging → breaker → per-try timeout → pool → network
 *
 * so each attempt (retries and hedges included) passes through the breaker and counts in its window,
 * and a refused attempt ("circuit-open") is not retried by default. The caller answers its own caller
 * exactly once: when an attempt times out or loses a hedge race, its late answer is ignored
 * (`lateReplies`) while the callee keeps working on it (`orphanedWork`; the callee counts the wasted
 * work it did). Attempts carry an idempotency key (the request id) so callees can tell duplicates
 * apart, and, with `propagateDeadline`, the time after which nobody waits, so callees can skip
 * expired work (gRPC deadline propagation).
 *
 * Randomness (jitter) comes from the policy's own stream, so enabling jitter on one edge never
 * changes another component's draws. Timers are simulation events; a stale timer finds its call
 * already settled and does nothing.
 */
import type { RandomStream } from "../../engine/random";
import type { Simulation } from "../../engine/simulation";
import type { AttemptToken, NodeGauges, NodeMetrics, Outcome, Reason, Reply, Request } from "../../kernel/model";
import { round } from "../shared";
import { backoffDelayMs, RetryBudget, type RetryOn, type RetryPolicyConfig } from "../../kernel/retry-policy";
import { CircuitBreaker, type BreakerConfig, type BreakerStateName } from "./circuit-breaker.machine";

export { retryOnKinds, type RetryOn } from "../../kernel/retry-policy";
/** The retry part of a call policy: the one retry policy of kernel/retry-policy.ts. */
export type RetryConfig = RetryPolicyConfig;

export interface HedgeConfig {
  /** Send a copy when no answer has come after this long, ms. */
  afterMs: number;
  /** Copies per try at most (one more after each further `afterMs`). */
  maxExtra: number;
  /** Tell the losers' callees to drop queued copies (tied requests) instead of only ignoring them. */
  cancelLosers: boolean;
}

export interface PoolConfig {
  /** Connections to the dependency; a call waits for a free one. */
  size: number;
  /** Calls allowed to wait for a connection (null = unbounded); beyond that a call fails at once. */
  queueCapacity: number | null;
}

/** The normalised policy, whatever surface (edge fields or a `client` node) declared it. */
export interface CallPolicyConfig {
  timeoutMs: number | null;
  deadlineMs: number | null;
  propagateDeadline: boolean;
  retry: RetryConfig | null;
  hedge: HedgeConfig | null;
  circuitBreaker: BreakerConfig | null;
  pool: PoolConfig | null;
}

/** Delivers one attempt to the callee (faults and partitions apply there). */
export type Deliver = (request: Request, reply: Reply) => void;

export interface CallPolicyEnv {
  sim: Simulation;
  warmupMs: number;
  /** Stream for jitter. */
  random: RandomStream;
  /** Node id used in spans and trace records. */
  label: string;
  /** Notable events (`call.timedOut`, `call.retried`, `breaker.opened`...), or null when nobody listens. */
  emit: ((type: string, detail?: string, requestId?: number) => void) | null;
}

interface Call {
  request: Request;
  reply: Reply;
  startMs: number;
  deadlineAtMs: number;
  settled: boolean;
  tries: number;
  attempts: number;
  previousBackoffMs: number;
  outstanding: Attempt[];
  counted: boolean;
}

interface Try {
  call: Call;
  launched: number;
  pending: number;
  done: boolean;
  lastOutcome: Outcome;
  lastReason: Reason | undefined;
}

interface Attempt {
  tr: Try;
  token: AttemptToken;
  startMs: number;
  done: boolean;
  holdsConnection: boolean;
  waitingForConnection: boolean;
  /** Handed to the network (so the callee may be working on it). */
  delivered: boolean;
  isHedge: boolean;
  permit: number;
  send: () => void;
}

const classify = (outcome: Outcome, reason: Reason | undefined): RetryOn => {
  if (reason === "timeout") return "timeout";
  if (reason === "circuit-open") return "circuit-open";
  if (outcome === "dropped" || reason === "pool-exhausted") return "dropped";
  return "error";
};

/** Whether a config does anything (an edge without policies keeps the fast path). */
export function isActivePolicy(c: CallPolicyConfig): boolean {
  return c.timeoutMs !== null || c.deadlineMs !== null || c.propagateDeadline || c.retry !== null || c.hedge !== null || c.circuitBreaker !== null || c.pool !== null;
}

export class CallPolicy {
  // Metrics (requests that arrived after warm-up only).
  calls = 0;
  succeeded = 0;
  failed = 0;
  attempts = 0;
  retries = 0;
  hedges = 0;
  hedgeWins = 0;
  timeouts = 0;
  deadlineExceeded = 0;
  budgetExhausted = 0;
  lateReplies = 0;
  orphanedWork = 0;
  fallbacks = 0;
  poolRejected = 0;
  private poolWaitTotalMs = 0;
  private poolWaits = 0;
  private maxInUse = 0;

  readonly breaker: CircuitBreaker | null;
  private readonly budget: RetryBudget | null;
  private readonly retryOn: ReadonlySet<RetryOn>;
  private inUse = 0;
  private poolWaiting = 0;
  private readonly noDeliver: Deliver = () => {};
  private readonly poolQueue: Attempt[] = [];
  private poolHead = 0;

  constructor(
    readonly config: CallPolicyConfig,
    private readonly env: CallPolicyEnv,
  ) {
    this.budget = config.retry?.budget ? new RetryBudget(config.retry.budget) : null;
    this.retryOn = new Set(config.retry?.retryOn ?? []);
    this.breaker = config.circuitBreaker
      ? new CircuitBreaker(config.circuitBreaker, {
          sim: env.sim,
          warmupMs: env.warmupMs,
          onTransition: (_from, to) => env.emit?.(to === "open" ? "breaker.opened" : to === "half-open" ? "breaker.half-opened" : "breaker.closed"),
        })
      : null;
  }

  /** Makes one logical call: answers `reply` exactly once. */
  call(request: Request, reply: Reply, deliver: Deliver): void {
    const { sim } = this.env;
    const now = sim.now;
    const counted = request.counted;
    let deadlineAtMs = this.config.deadlineMs !== null ? now + this.config.deadlineMs : Infinity;
    if (this.config.propagateDeadline && request.deadlineAtMs !== undefined && request.deadlineAtMs < deadlineAtMs) deadlineAtMs = request.deadlineAtMs;
    const call: Call = { request, reply, startMs: now, deadlineAtMs, settled: false, tries: 0, attempts: 0, previousBackoffMs: 0, outstanding: [], counted };
    if (counted) this.calls++;
    this.budget?.recordRequest(now);
    if (deadlineAtMs <= now) {
      // Fail fast: the caller's budget is already spent.
      this.settle(call, "error", "deadline-exceeded", deliver);
      return;
    }
    if (deadlineAtMs !== Infinity) {
      sim.scheduleAt(deadlineAtMs, () => {
        if (call.settled) return;
        if (request.spans) request.spans.push({ node: this.env.label, kind: "timeout", startMs: call.startMs, endMs: sim.now, outcome: "error", detail: "deadline" });
        this.settle(call, "error", "deadline-exceeded", deliver);
      });
    }
    this.startTry(call, deliver);
  }

  private startTry(call: Call, deliver: Deliver): void {
    call.tries++;
    const tr: Try = { call, launched: 0, pending: 0, done: false, lastOutcome: "error", lastReason: undefined };
    this.launch(tr, deliver, false);
    const hedge = this.config.hedge;
    if (hedge && !tr.done) this.scheduleHedge(tr, hedge, deliver);
  }

  private scheduleHedge(tr: Try, hedge: HedgeConfig, deliver: Deliver): void {
    this.env.sim.schedule(hedge.afterMs, () => {
      if (tr.done || tr.call.settled || tr.launched > hedge.maxExtra) return;
      this.launch(tr, deliver, true);
      if (tr.launched <= hedge.maxExtra && !tr.done) this.scheduleHedge(tr, hedge, deliver);
    });
  }

  /** Starts one attempt of try `tr` (the primary or a hedge). */
  private launch(tr: Try, deliver: Deliver, isHedge: boolean): void {
    const call = tr.call;
    const { sim, label } = this.env;
    const request = call.request;
    tr.launched++;
    tr.pending++;
    call.attempts++;
    if (call.counted) {
      this.attempts++;
      if (isHedge) this.hedges++;
      else if (call.tries > 1) this.retries++;
    }
    const spans = request.spans;
    if (spans && (isHedge || call.tries > 1)) spans.push({ node: label, kind: isHedge ? "hedge" : "retry", startMs: sim.now, endMs: sim.now, detail: `attempt ${call.attempts}` });
    if (this.env.emit && (isHedge || call.tries > 1)) this.env.emit(isHedge ? "call.hedged" : "call.retried", `attempt ${call.attempts}`, request.id);

    const breaker = this.breaker;
    let permit = 0;
    if (breaker) {
      permit = breaker.tryAcquire(call.counted);
      if (permit < 0) {
        spans?.push({ node: label, kind: "rejected", startMs: sim.now, endMs: sim.now, outcome: "error", detail: "circuit open" });
        // Answered as its own event so a retry loop of refusals cannot recurse.
        sim.schedule(0, () => this.attemptFailed(tr, "error", "circuit-open", deliver));
        return;
      }
    }

    const token: AttemptToken = { abandoned: false, cancelled: false, parent: request.attempt ?? null, inheritsCancel: this.config.propagateDeadline };
    const child: Request = {
      id: request.id,
      key: request.key,
      client: request.client,
      sourceId: request.sourceId,
      createdAtMs: request.createdAtMs,
      counted: request.counted,
      spans: request.spans,
      priority: request.priority,
      deadlineAtMs: this.config.propagateDeadline ? this.attemptDeadline(call) : undefined,
      attempt: token,
      idempotencyKey: request.idempotencyKey ?? request.id,
    };
    const attempt: Attempt = { tr, token, startMs: sim.now, done: false, holdsConnection: false, waitingForConnection: false, delivered: false, isHedge, permit, send: () => {} };
    call.outstanding.push(attempt);

    const answer: Reply = (outcome, reason) => {
      if (attempt.done) {
        // The caller stopped waiting (timeout, deadline, a hedge won): ignore the late answer.
        if (call.counted) this.lateReplies++;
        return;
      }
      attempt.done = true;
      this.release(attempt);
      const failed = outcome !== "ok";
      if (breaker) breaker.onResult(permit, failed, sim.now - attempt.startMs);
      if (failed) this.attemptFailed(tr, outcome, reason, deliver);
      else this.attemptSucceeded(tr, attempt, deliver);
    };
    attempt.send = () => {
      attempt.delivered = true;
      deliver(child, answer);
    };

    const timeoutMs = this.config.timeoutMs;
    if (timeoutMs !== null) {
      sim.schedule(timeoutMs, () => {
        if (attempt.done) return;
        attempt.done = true;
        if (call.counted) this.timeouts++;
        this.abandon(attempt, call.counted);
        if (breaker) breaker.onResult(permit, true, sim.now - attempt.startMs);
        spans?.push({ node: label, kind: "timeout", startMs: attempt.startMs, endMs: sim.now, outcome: "error", detail: `after ${timeoutMs} ms` });
        if (this.env.emit) this.env.emit("call.timedOut", `attempt ${call.attempts} after ${timeoutMs} ms`, request.id);
        this.attemptFailed(tr, "error", "timeout", deliver);
      });
    }
    this.acquire(attempt, call.counted);
  }

  /** The time after which nobody waits for an attempt started now: per-try timeout or the deadline. */
  private attemptDeadline(call: Call): number | undefined {
    const timeoutMs = this.config.timeoutMs;
    const tryEnd = timeoutMs !== null ? this.env.sim.now + timeoutMs : Infinity;
    const end = Math.min(tryEnd, call.deadlineAtMs);
    return end === Infinity ? undefined : end;
  }

  // --- connection pool ------------------------------------------------------------------------

  private acquire(attempt: Attempt, counted: boolean): void {
    const pool = this.config.pool;
    if (!pool || this.inUse < pool.size) {
      if (pool) {
        this.take(attempt);
        if (counted) this.poolWaits++; // a wait of zero, so the mean is over all calls (as Erlang C's Wq)
      }
      attempt.send();
      return;
    }
    if (pool.queueCapacity !== null && this.poolWaiting >= pool.queueCapacity) {
      if (counted) this.poolRejected++;
      attempt.tr.call.request.spans?.push({ node: this.env.label, kind: "rejected", startMs: this.env.sim.now, endMs: this.env.sim.now, outcome: "dropped", detail: "pool exhausted" });
      this.env.sim.schedule(0, () => {
        if (attempt.done) return;
        attempt.done = true;
        if (this.breaker) this.breaker.onResult(attempt.permit, true, 0);
        this.attemptFailed(attempt.tr, "dropped", "pool-exhausted", this.noDeliver);
      });
      return;
    }
    attempt.waitingForConnection = true;
    this.poolWaiting++;
    this.poolQueue.push(attempt);
  }

  private take(attempt: Attempt): void {
    attempt.holdsConnection = true;
    this.inUse++;
    if (this.inUse > this.maxInUse) this.maxInUse = this.inUse;
  }

  /** Frees the attempt's connection (or its place in the pool queue) and admits the next waiter. */
  private release(attempt: Attempt): void {
    if (attempt.waitingForConnection) {
      attempt.waitingForConnection = false; // skipped lazily when it reaches the head
      this.poolWaiting--;
      return;
    }
    if (!attempt.holdsConnection) return;
    attempt.holdsConnection = false;
    this.inUse--;
    const queue = this.poolQueue;
    while (this.poolHead < queue.length) {
      const next = queue[this.poolHead];
      queue[this.poolHead++] = undefined as unknown as Attempt;
      if (!next.waitingForConnection || next.done) continue;
      next.waitingForConnection = false;
      this.poolWaiting--;
      if (next.tr.call.counted) {
        this.poolWaits++;
        this.poolWaitTotalMs += this.env.sim.now - next.startMs;
      }
      next.tr.call.request.spans?.push({ node: this.env.label, kind: "pool-wait", startMs: next.startMs, endMs: this.env.sim.now });
      this.take(next);
      next.send();
      break;
    }
    if (this.poolHead > 1024 && this.poolHead * 2 > queue.length) {
      queue.splice(0, this.poolHead);
      this.poolHead = 0;
    }
  }

  // --- outcomes -------------------------------------------------------------------------------

  /** The caller stops waiting for `attempt`; if it had reached the callee, that work is orphaned. */
  private abandon(attempt: Attempt, counted: boolean): void {
    const reached = attempt.delivered;
    this.release(attempt);
    attempt.token.abandoned = true;
    if (this.config.propagateDeadline || this.config.hedge?.cancelLosers) attempt.token.cancelled = true;
    if (reached && counted) this.orphanedWork++;
  }

  private attemptSucceeded(tr: Try, attempt: Attempt, deliver: Deliver): void {
    tr.pending--;
    if (tr.done || tr.call.settled) return;
    tr.done = true;
    if (attempt.isHedge && tr.call.counted) this.hedgeWins++;
    this.settle(tr.call, "ok", undefined, deliver);
  }

  private attemptFailed(tr: Try, outcome: Outcome, reason: Reason | undefined, deliver: Deliver): void {
    tr.pending--;
    tr.lastOutcome = outcome;
    tr.lastReason = reason;
    if (tr.done || tr.call.settled || tr.pending > 0) return;
    tr.done = true;
    this.tryFailed(tr.call, outcome, reason, deliver);
  }

  private tryFailed(call: Call, outcome: Outcome, reason: Reason | undefined, deliver: Deliver): void {
    const retry = this.config.retry;
    const { sim, label } = this.env;
    if (!retry || call.tries >= retry.maxAttempts || !this.retryOn.has(classify(outcome, reason))) {
      this.settle(call, outcome, reason, deliver);
      return;
    }
    if (this.budget && !this.budget.tryWithdraw(sim.now)) {
      if (call.counted) this.budgetExhausted++;
      if (this.env.emit) this.env.emit("retry.budgetExhausted", undefined, call.request.id);
      this.settle(call, outcome, reason, deliver);
      return;
    }
    const delayMs = backoffDelayMs(retry.backoff, call.tries, call.previousBackoffMs, this.env.random);
    call.previousBackoffMs = delayMs;
    if (sim.now + delayMs >= call.deadlineAtMs) {
      // Not enough of the deadline left for another try: stop now rather than fail later.
      this.settle(call, outcome, reason, deliver);
      return;
    }
    if (delayMs <= 0) {
      this.startTry(call, deliver);
      return;
    }
    call.request.spans?.push({ node: label, kind: "backoff", startMs: sim.now, endMs: sim.now + delayMs, detail: `before try ${call.tries + 1}` });
    sim.schedule(delayMs, () => {
      if (!call.settled) this.startTry(call, deliver);
    });
  }

  private settle(call: Call, outcome: Outcome, reason: Reason | undefined, _deliver: Deliver): void {
    if (call.settled) return;
    call.settled = true;
    for (const a of call.outstanding) {
      if (a.done) continue;
      a.done = true;
      this.abandon(a, call.counted);
    }
    call.outstanding.length = 0;
    if (outcome !== "ok" && reason === "circuit-open" && this.config.circuitBreaker?.fallback === "ok") {
      if (call.counted) this.fallbacks++;
      call.request.spans?.push({ node: this.env.label, kind: "fallback", startMs: this.env.sim.now, endMs: this.env.sim.now, outcome: "ok", detail: "degraded answer" });
      outcome = "ok";
      reason = "fallback";
    }
    if (call.counted) {
      if (outcome === "ok") this.succeeded++;
      else this.failed++;
      if (reason === "deadline-exceeded") this.deadlineExceeded++;
    }
    call.reply(outcome, reason);
  }

  // --- reporting ------------------------------------------------------------------------------

  metrics(endMs: number): NodeMetrics {
    const m: NodeMetrics = {
      calls: this.calls,
      succeeded: this.succeeded,
      failed: this.failed,
      attempts: this.attempts,
      attemptsPerCall: round(this.calls > 0 ? this.attempts / this.calls : 0, 4),
      retries: this.retries,
      hedges: this.hedges,
      hedgeWins: this.hedgeWins,
      timeouts: this.timeouts,
      deadlineExceeded: this.deadlineExceeded,
      budgetExhausted: this.budgetExhausted,
      budgetDenied: this.budgetExhausted,
      lateReplies: this.lateReplies,
      orphanedWork: this.orphanedWork,
    };
    if (this.breaker) {
      m.fallbacks = this.fallbacks;
      Object.assign(m, this.breaker.metrics(endMs));
    }
    if (this.config.pool) {
      m.poolRejected = this.poolRejected;
      m.meanPoolWaitMs = round(this.poolWaits > 0 ? this.poolWaitTotalMs / this.poolWaits : 0);
      m.maxConnectionsInUse = this.maxInUse;
    }
    return m;
  }

  gauges(): NodeGauges {
    const g: NodeGauges = {};
    if (this.breaker) g.breakerState = this.breaker.state;
    if (this.config.pool) {
      g.openConnections = this.inUse;
      g.poolSize = this.config.pool.size;
      g.poolWaiting = this.poolWaiting;
    }
    return g;
  }
}

export type { BreakerConfig, BreakerStateName };
