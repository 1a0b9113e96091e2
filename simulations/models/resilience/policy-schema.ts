/**
 * The fields that declare call policies, in two surfaces over one behaviour:
 *
 * - on an **edge** (the caller's side of that dependency), grouped: `timeoutMs`, `deadlineMs`,
 *   `propagateDeadline`, `retry: { maxAttempts, backoff, jitter, retryOn, budget }`,
 *   `hedge: { afterMs, maxExtra }`, `circuitBreaker: {...}`, `pool: { size, queueCapacity }`;
 * - on a **`client` node** (the dependency's client library drawn as a small node, so a lab can
 *   expose its settings as sliders), flat: `timeoutMs`, `maxAttempts`, `backoffBaseMs`,
 *   `backoffCapMs`, `jitter`, `retryBudgetRatio`, `hedgeDelayMs`, ...
 *
 * Both normalise to one {@link CallPolicyConfig}, so they behave identically. The breaker's fields
 * are shared with the `circuit-breaker` node kind.
 */
import { array, boolean, nullable, number, object, oneOf, type Infer } from "../../kernel/schema-builder";
import { jitterKinds, retryOnKinds, retryPolicyFromClient, retryPolicyFromEdge } from "../../kernel/retry-policy";
import type { BreakerConfig } from "./circuit-breaker.machine";
import type { CallPolicyConfig } from "./call-policy";

const ms = (title: string, uiMax: number, extra: { default?: unknown; description?: string } = {}) =>
  number({ min: 0, max: 1e8, title, unit: "ms", uiMin: 0, uiMax, ...extra });
const positiveMs = (title: string, uiMax: number, extra: { default?: unknown; description?: string } = {}) =>
  number({ above: 0, max: 1e8, title, unit: "ms", uiMin: 1, uiMax, ...extra });
const ratio = (title: string, def: number, description?: string) => number({ min: 0, max: 1, title, uiStep: 0.01, default: def, description });

export const BREAKER_DEFAULTS: BreakerConfig = {
  failureRateThreshold: 0.5,
  slowCallRateThreshold: 1,
  slowCallDurationMs: 60_000,
  windowType: "count",
  windowSize: 100,
  windowMs: 10_000,
  minimumNumberOfCalls: 20,
  waitDurationInOpenStateMs: 5000,
  permittedCallsInHalfOpen: 5,
  fallback: "error",
};

/** Circuit breaker fields (edge `circuitBreaker` object and the `circuit-breaker` node). */
export const breakerFields = {
  failureRateThreshold: ratio("Failure rate to open", BREAKER_DEFAULTS.failureRateThreshold),
  slowCallRateThreshold: ratio("Slow-call rate to open", BREAKER_DEFAULTS.slowCallRateThreshold),
  slowCallDurationMs: positiveMs("Slow call from", 5000, { default: BREAKER_DEFAULTS.slowCallDurationMs }),
  windowType: oneOf(["count", "time"] as const, { title: "Sliding window", default: "count" }),
  windowSize: number({ integer: true, above: 0, max: 100_000, title: "Window size (count-based)", unit: "calls", uiMin: 1, uiMax: 500, default: BREAKER_DEFAULTS.windowSize }),
  windowMs: positiveMs("Window length (time-based)", 60_000, { default: BREAKER_DEFAULTS.windowMs }),
  minimumNumberOfCalls: number({ integer: true, above: 0, max: 100_000, title: "Minimum calls before deciding", unit: "calls", uiMin: 1, uiMax: 200, default: BREAKER_DEFAULTS.minimumNumberOfCalls }),
  waitDurationInOpenStateMs: positiveMs("Open for", 60_000, { default: BREAKER_DEFAULTS.waitDurationInOpenStateMs }),
  permittedCallsInHalfOpen: number({ integer: true, above: 0, max: 10_000, title: "Probe calls in half-open", unit: "calls", uiMin: 1, uiMax: 50, default: BREAKER_DEFAULTS.permittedCallsInHalfOpen }),
  fallback: oneOf(["error", "ok"] as const, { title: "Refused calls answer", default: "error", description: "error: fail fast; ok: serve a degraded answer" }),
};
const breakerOptional = Object.keys(breakerFields) as (keyof typeof breakerFields)[];

export const circuitBreakerSchema = object(breakerFields, { optional: breakerOptional, name: "a circuit breaker" });
export type CircuitBreakerSpec = Infer<typeof circuitBreakerSchema>;

/** Fills breaker defaults (the schema fills them too; this also serves hand-built specs in tests). */
export function breakerConfig(spec: Partial<CircuitBreakerSpec>): BreakerConfig {
  return { ...BREAKER_DEFAULTS, ...(Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as Partial<BreakerConfig>) };
}

const retryOnSchema = array(oneOf(retryOnKinds), { title: "Retry on", maxItems: 4, default: ["timeout", "error", "dropped"] });

/** Policy fields of an edge (all optional; an edge without any keeps the zero-overhead path). */
export const edgePolicyFields = {
  // No `default` metadata on top-level edge fields: defaults would be written into every edge.
  callFraction: number({ min: 0, max: 1, title: "Share of requests that make this call", uiStep: 0.01, description: "Default 1. Only for calls made by a server with `calls`." }),
  timeoutMs: nullable(positiveMs("Per-try timeout", 5000)),
  deadlineMs: nullable(positiveMs("Overall deadline", 10_000)),
  propagateDeadline: boolean({ title: "Propagate the deadline", description: "Default false" }),
  retry: object(
    {
      maxAttempts: number({ integer: true, min: 1, max: 100, title: "Attempts in total", uiMin: 1, uiMax: 10 }),
      backoff: object(
        {
          baseMs: ms("Backoff base", 2000, { default: 0 }),
          maxMs: ms("Backoff cap", 60_000, { default: 30_000 }),
          multiplier: number({ min: 1, max: 10, title: "Backoff multiplier", uiMin: 1, uiMax: 4, uiStep: 0.1, default: 2 }),
        },
        { optional: ["baseMs", "maxMs", "multiplier"], name: "a backoff" },
      ),
      jitter: oneOf(jitterKinds, { title: "Jitter", default: "none" }),
      retryOn: retryOnSchema,
      budget: nullable(
        object(
          {
            ratio: number({ min: 0, max: 10, title: "Retry budget ratio", uiStep: 0.01, uiMin: 0, uiMax: 1 }),
            minPerSec: number({ min: 0, max: 1e6, title: "Retries always allowed", unit: "per s", default: 10 }),
            windowMs: positiveMs("Budget window", 60_000, { default: 10_000 }),
          },
          { optional: ["minPerSec", "windowMs"], name: "a retry budget" },
        ),
      ),
    },
    { optional: ["backoff", "jitter", "retryOn", "budget"], name: "a retry policy" },
  ),
  hedge: object(
    {
      afterMs: positiveMs("Hedge after", 500),
      maxExtra: number({ integer: true, min: 1, max: 10, title: "Extra copies at most", default: 1 }),
      cancelLosers: boolean({ title: "Cancel the losing copies", default: false }),
    },
    { optional: ["maxExtra", "cancelLosers"], name: "a hedge policy" },
  ),
  circuitBreaker: circuitBreakerSchema,
  pool: object(
    {
      size: number({ integer: true, above: 0, max: 100_000, title: "Connections", uiMin: 1, uiMax: 200 }),
      queueCapacity: nullable(number({ integer: true, min: 0, max: 10_000_000, title: "Calls waiting for a connection", uiMin: 0, uiMax: 1000 })),
    },
    { optional: ["queueCapacity"], name: "a connection pool" },
  ),
};
export const edgePolicyKeys = Object.keys(edgePolicyFields) as (keyof typeof edgePolicyFields)[];
const _edgePolicySchema = object(edgePolicyFields, { optional: edgePolicyKeys });
export type EdgePolicySpec = Infer<typeof _edgePolicySchema>;

/** The policy an edge declares, or null when it declares none (the fast path). */
export function edgePolicyConfig(edge: Readonly<Record<string, unknown>>): CallPolicyConfig | null {
  const e = edge as EdgePolicySpec;
  const config: CallPolicyConfig = {
    timeoutMs: e.timeoutMs ?? null,
    deadlineMs: e.deadlineMs ?? null,
    propagateDeadline: e.propagateDeadline ?? false,
    retry: e.retry ? retryPolicyFromEdge(e.retry) : null,
    hedge: e.hedge ? { afterMs: e.hedge.afterMs, maxExtra: e.hedge.maxExtra ?? 1, cancelLosers: e.hedge.cancelLosers ?? false } : null,
    circuitBreaker: e.circuitBreaker ? breakerConfig(e.circuitBreaker) : null,
    pool: e.pool ? { size: e.pool.size, queueCapacity: e.pool.queueCapacity ?? null } : null,
  };
  const active = config.timeoutMs !== null || config.deadlineMs !== null || config.propagateDeadline || config.retry || config.hedge || config.circuitBreaker || config.pool;
  return active ? config : null;
}

/** Flat policy fields of the `client` node kind (the lab-friendly surface of the same policy). */
export const clientPolicyFields = {
  timeoutMs: nullable(positiveMs("Per-try timeout", 5000, { description: "null: wait forever" })),
  deadlineMs: nullable(positiveMs("Overall deadline", 10_000, { description: "Bounds the whole call, retries and backoff included" })),
  propagateDeadline: boolean({ title: "Propagate the deadline", default: false, description: "Honour the incoming request's deadline and send it on, so callees skip expired work" }),
  maxAttempts: number({ integer: true, min: 1, max: 100, title: "Attempts in total", uiMin: 1, uiMax: 10, default: 1 }),
  backoffBaseMs: ms("Backoff base", 2000, { default: 0 }),
  backoffCapMs: ms("Backoff cap", 60_000, { default: 30_000 }),
  backoffMultiplier: number({ min: 1, max: 10, title: "Backoff multiplier", uiMin: 1, uiMax: 4, uiStep: 0.1, default: 2 }),
  jitter: oneOf(jitterKinds, { title: "Jitter", default: "none" }),
  retryOn: retryOnSchema,
  retryBudgetRatio: nullable(number({ min: 0, max: 10, title: "Retry budget (share of requests)", uiMin: 0, uiMax: 1, uiStep: 0.01, description: "null: no budget" })),
  retryBudgetMinPerSec: number({ min: 0, max: 1e6, title: "Retries always allowed", unit: "per s", default: 10 }),
  hedgeDelayMs: nullable(positiveMs("Hedge after", 500, { description: "null: no hedging" })),
  hedgeMaxExtra: number({ integer: true, min: 1, max: 10, title: "Extra copies at most", default: 1 }),
  poolSize: nullable(number({ integer: true, above: 0, max: 100_000, title: "Connections", uiMin: 1, uiMax: 200, description: "null: no pool limit" })),
  poolQueueCapacity: nullable(number({ integer: true, min: 0, max: 10_000_000, title: "Calls waiting for a connection" })),
};
export const clientPolicyKeys = Object.keys(clientPolicyFields) as (keyof typeof clientPolicyFields)[];
const _clientPolicySchema = object(clientPolicyFields, { optional: clientPolicyKeys });
export type ClientPolicySpec = Infer<typeof _clientPolicySchema>;

export function clientPolicyConfig(c: ClientPolicySpec): CallPolicyConfig {
  return {
    timeoutMs: c.timeoutMs ?? null,
    deadlineMs: c.deadlineMs ?? null,
    propagateDeadline: c.propagateDeadline ?? false,
    retry: retryPolicyFromClient(c),
    hedge: c.hedgeDelayMs ? { afterMs: c.hedgeDelayMs, maxExtra: c.hedgeMaxExtra ?? 1, cancelLosers: false } : null,
    circuitBreaker: null,
    pool: c.poolSize ? { size: c.poolSize, queueCapacity: c.poolQueueCapacity ?? null } : null,
  };
}
