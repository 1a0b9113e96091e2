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
import type { Reply, Request } from "./request";

export type { Outcome, Reason, Reply, Span, Request, AttemptToken } from "./request";
export { isOrphaned, isExpired } from "./request";

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
