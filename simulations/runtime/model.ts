/**
 * The contract between the runtime and the models.
 *
 * A scenario is a graph: nodes (sources, servers, balancers, caches, ...) joined by directed edges.
 * A request travels along edges; every node that receives a request answers it exactly once through
 * the `reply` callback it was handed (ok, error, dropped, ...) unless the request is lost (a crashed
 * node or a partitioned link never answers; only a caller-side timeout notices that). Answers travel
 * back along the same path, so end-to-end latency is measured where the request was born: the source.
 *
 * A model is a factory: given its validated spec and a {@link ModelContext}, it returns a
 * {@link SimNode}. Models never touch the clock directly except through the context, and draw all
 * randomness from their own named streams.
 */
import type { Simulation } from "../engine/simulation";
import type { RandomStream } from "../engine/random";
import type { RequestLedger } from "./ledger";

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

/** Mutable fault state of one node, set by the fault timeline or by the learner. */
export interface NodeFaults {
  crashed: boolean;
  /** Extra latency per request, ms. */
  addMs: number;
  /** Probability 0..1 that a request handled here fails. */
  errorRate: number;
}

/** An edge as the runtime knows it. */
export interface EdgeRuntime {
  readonly index: number;
  readonly from: string;
  readonly to: string;
  /** `from->to`, or the edge's own id when it has one. */
  readonly id: string;
  readonly weight: number;
  /** The full edge spec, for models that read extension fields (policies). */
  readonly spec: Readonly<Record<string, unknown>>;
  partitioned: boolean;
}

/** A notable event, past tense and namespaced: `node.crashed`, `breaker.opened`, `request.dropped`. */
export interface TraceRecord {
  atMs: number;
  type: string;
  node?: string;
  requestId?: number;
  detail?: string;
}

export interface ModelContext {
  readonly sim: Simulation;
  readonly nodeId: string;
  readonly warmupMs: number;
  /** Edges leaving this node, in scenario order. */
  readonly outgoing: readonly EdgeRuntime[];
  readonly faults: NodeFaults;
  /** The node's own random stream for `purpose` (e.g. "service"): independent of every other. */
  random(purpose: string): RandomStream;
  /** Sends `request` along `edge`; faults and partitions apply; `reply` gets the answer. */
  send(edge: EdgeRuntime, request: Request, reply: Reply): void;
  /** The node at the end of an edge (for load-aware balancing). */
  peer(nodeId: string): SimNode;
  /** Whether a node is crashed right now (what a health check would find). */
  isDown(nodeId: string): boolean;
  /** Records a notable event when someone listens (the lab's narration); cheap otherwise. */
  emit(type: string, detail?: string, requestId?: number): void;
  /** Whether notable events are being recorded (skip building detail strings when not). */
  readonly tracing: boolean;
  /** End-to-end accounting (sources settle their requests here). */
  readonly ledger: RequestLedger;
  /**
   * Creates a request born now at this node (id, warm-up flag, trace sampling), or returns null when
   * the run takes no more arrivals (`stop.requests` reached).
   */
  newRequest(key: number, client: number): Request | null;
}

/** Metrics a node reports under `nodes.<id>` in the runner's JSON. */
export type NodeMetrics = Record<string, number | string | Record<string, number>>;

/** Live gauges the lab draws on a node (queue length, busy workers, state name...). */
export type NodeGauges = Record<string, number | string | boolean>;

export interface SimNode {
  readonly id: string;
  readonly kind: string;
  receive(request: Request, reply: Reply): void;
  /** Requests in the node: in service plus waiting (used by power-of-two-choices). */
  load(): number;
  /** Called when a crash fault starts: lose in-flight work. */
  crash(): void;
  /** Called when a crash fault ends. */
  recover(): void;
  /** Whether the node applies latency and error faults itself (servers add latency to service time). */
  readonly appliesFaults?: boolean;
  metrics(endMs: number): NodeMetrics;
  gauges(): NodeGauges;
}

/** What a model module provides. */
export interface NodeKind<Spec> {
  readonly kind: string;
  /** Starts the node (sources schedule their first arrival). Called once, after all nodes exist. */
  create(spec: Spec, context: ModelContext): SimNode & { start?(): void };
}
