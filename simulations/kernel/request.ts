/**
 * A request and its answer: what travels along the edges of a scenario. Every node that receives a
 * request answers it exactly once through the `reply` it was handed (ok, error, dropped), unless the
 * request is lost; attempts made by call policies carry a token so abandoned (orphaned) work is known.
 */

/** How a node answered a request. */
export type Outcome = "ok" | "error" | "dropped";

/** Why a request did not succeed; recorded in traces and failure breakdowns. */
export type Reason = string;

export type Reply = (outcome: Outcome, reason?: Reason) => void;

/** One timed piece of a request's life, for the trace waterfall. */
export interface Span {
  node: string;
  /** `queue`, `service`, `hit`, `miss`, `call`, `retry`, `backoff`, `rejected`, `lost`, ... */
  kind: string;
  startMs: number;
  endMs: number;
  outcome?: Outcome;
  detail?: string;
}

export interface Request {
  readonly id: number;
  /** Key rank from the source's Zipf key space, or -1 when the source has none. */
  readonly key: number;
  /** Client identity (think: IP address), for ip-hash and per-client limits. */
  readonly client: number;
  readonly sourceId: string;
  readonly createdAtMs: number;
  /** Arrived after warm-up, so it counts in metrics. */
  readonly counted: boolean;
  /** Spans when this request is traced, else null (tracing costs nothing when off). */
  spans: Span[] | null;
  /** Free slots for models that tag requests (priority class, idempotency key, attempt number...). */
  priority: number;
  /**
   * Extension (call policies, models/resilience): absolute simulated time after which the caller no
   * longer waits. Set only when a caller propagates its deadline; servers skip expired work.
   */
  deadlineAtMs?: number;
  /** Extension (call policies): the caller's attempt this request travels as (orphaned-work accounting). */
  attempt?: AttemptToken;
  /** Extension (call policies): shared by all attempts of one logical operation, so callees can spot duplicates. */
  idempotencyKey?: number;
  /** Runtime (loop guard): the instant of the request's latest hop, -1 before its first. */
  hopAtMs?: number;
  /** Runtime (loop guard): hops taken at `hopAtMs`; past a limit the request is dropped as a `loop`. */
  hopsAtInstant?: number;
}

/**
 * One attempt of a call made through a call policy (timeout, retry, hedge). When the caller stops
 * waiting for it, `abandoned` is set; work done for it, or for anything it caused downstream (found
 * through `parent`), is orphaned: real load with nobody waiting for the answer. `cancelled` means the
 * caller told the callee (deadline propagation, hedge cancellation), so queued work can be skipped.
 */
export interface AttemptToken {
  abandoned: boolean;
  cancelled: boolean;
  readonly parent: AttemptToken | null;
  /** Whether the caller passed its own caller's cancellation on (deadline propagation). */
  readonly inheritsCancel: boolean;
}

/** Whether work for `request` has nobody waiting for it (an attempt on its path was abandoned). */
export function isOrphaned(request: Request): boolean {
  for (let t = request.attempt; t; t = t.parent ?? undefined) if (t.abandoned) return true;
  return false;
}

/** Whether the caller cancelled `request` or its deadline has passed at `nowMs` (skip the work). */
export function isExpired(request: Request, nowMs: number): boolean {
  if (request.deadlineAtMs !== undefined && request.deadlineAtMs <= nowMs) return true;
  for (let t = request.attempt; t; t = t.inheritsCancel ? (t.parent ?? undefined) : undefined) if (t.cancelled) return true;
  return false;
}
