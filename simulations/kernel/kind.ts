/**
 * What the registry knows about a node kind: its schema, its model factory, its edge rules and the
 * checks that span a whole scenario, and, for kinds written with {@link defineKind}, the metrics and
 * gauges it reports with their human names and roles, and the trace records it emits. Lives in the
 * kernel so that models can name these types without importing the registry that lists them.
 *
 * One definition per kind: the validator and JSON Schema read `schema`, the runtime `model`, the
 * graph checks `outgoing`/`acceptsIncoming`, the lab's metric names and the generated reference docs
 * `metrics`/`gauges`/`records`, and the spec type is inferred from the schema (`Infer<typeof schema>`).
 */
import type { ObjectSchema, Fields, ObjectOf, Infer } from "./schema-builder";
import type { NodeKind } from "./model";

/** How a metric's number reads: a duration, a share 0..1, a rate per second, or a count. */
export type MetricUnit = "ms" | "ratio" | "per-sec" | "count";

/** A metric the kind reports under `nodes.<id>` in the runner's report. */
export interface MetricDecl {
  /** Sentence case, no node id: "Requests served". */
  title: string;
  /** Default "count". */
  unit?: MetricUnit;
  /** What a count counts ("requests", "calls") when it helps the reader. */
  of?: string;
  /** A map of sub-values (per class, per target) rather than one number. */
  keyed?: boolean;
  /** Reported only when a feature is configured: says which ("with retries"). Absent: always reported. */
  when?: string;
  /**
   * For a placeholder entry (a key like `<class name>`): the metric names a given spec reports under it,
   * e.g. one per priority class. The placeholder itself is never a reported name.
   */
  names?: (spec: never) => readonly string[];
}

/** What a live gauge means to a generic drawing of the node. */
export type GaugeRole = "busy" | "capacity" | "queue" | "queue-capacity" | "state" | "flag" | "other";

/** A live gauge the lab draws on the node. */
export interface GaugeDecl {
  title: string;
  role: GaugeRole;
  /** Present only when a feature is configured: says which. Absent: always present. */
  when?: string;
}

/** A trace record the kind emits (past tense, namespaced), and how the lab tells it. */
export interface RecordDecl {
  /** "a request was refused: the compartment was full". */
  meaning: string;
}

export interface KindEntry {
  schema: ObjectSchema<Fields, never>;
  model: NodeKind<never>;
  /** Edge rules checked after parsing: how many outgoing edges the kind needs. */
  outgoing: { min: number; max: number };
  /** Whether other nodes may send to it. */
  acceptsIncoming: boolean;
  /** Short description for docs and the playground palette. */
  summary: string;
  /** Whether the kind creates traffic (a scenario needs at least one such node). */
  isSource?: boolean;
  /**
   * Checks that span the scenario (e.g. a step naming an edge that must exist), run after the
   * structural checks pass. Push one issue per problem, with the field path, so the scenario is
   * refused whole (exit code 2) instead of failing while the run is built.
   */
  check?: (spec: never, context: KindCheckContext) => void;
}

/** What a kind's {@link KindEntry.check} may look at. */
export interface KindCheckContext {
  /** Path of the node, e.g. `nodes[3]`. */
  path: string;
  /** All nodes by id, with their kinds. */
  nodes: ReadonlyMap<string, { kind: string; spec: Record<string, unknown> }>;
  /** Outgoing edges of this node, in order, as "from->to" plus the edge's own id if any. */
  outgoing: readonly { to: string; id?: string }[];
  issues: { path: string; message: string }[];
}

/** Everything about one node kind, in one place (see the module comment). */
export interface KindDefinition<F extends Fields, O extends keyof F, Spec = ObjectOf<F, O>> {
  kind: string;
  /** Human name: "Server", "Bulkhead". */
  title: string;
  summary: string;
  schema: ObjectSchema<F, O>;
  model: NodeKind<Spec>;
  outgoing: { min: number; max: number };
  acceptsIncoming: boolean;
  isSource?: boolean;
  check?: (spec: Spec, context: KindCheckContext) => void;
  metrics: Record<string, MetricDecl>;
  gauges: Record<string, GaugeDecl>;
  records?: Record<string, RecordDecl>;
  /**
   * Starting fields for a node the learner drops on the playground (besides `id` and `kind`): a
   * small working configuration. Absent: the playground fills the required fields from the schema.
   */
  template?: Record<string, unknown>;
}

/** A registry entry built from a {@link KindDefinition}: the declarations are kept for consumers. */
export interface DefinedKindEntry extends KindEntry {
  title: string;
  metrics: Record<string, MetricDecl>;
  gauges: Record<string, GaugeDecl>;
  records: Record<string, RecordDecl>;
  template?: Record<string, unknown>;
}

/**
 * Declares a node kind: schema (its TypeScript type is inferred), model, edge rules, metrics and
 * gauges with human names and roles, trace records. The registry lists the result as it is.
 */
export function defineKind<F extends Fields, O extends keyof F>(definition: KindDefinition<F, O>): DefinedKindEntry {
  return {
    schema: definition.schema as unknown as ObjectSchema<Fields, never>,
    model: definition.model as unknown as NodeKind<never>,
    outgoing: definition.outgoing,
    acceptsIncoming: definition.acceptsIncoming,
    summary: definition.summary,
    ...(definition.isSource ? { isSource: true } : {}),
    ...(definition.check ? { check: definition.check as KindEntry["check"] } : {}),
    title: definition.title,
    metrics: definition.metrics,
    gauges: definition.gauges,
    records: definition.records ?? {},
    ...(definition.template ? { template: definition.template } : {}),
  };
}

/** The declarations, each marked as reported only `when` a feature is configured ("with a pool"). */
export function onlyWhen(when: string, decls: Record<string, MetricDecl>): Record<string, MetricDecl>;
export function onlyWhen(when: string, decls: Record<string, GaugeDecl>): Record<string, GaugeDecl>;
export function onlyWhen(when: string, decls: Record<string, MetricDecl | GaugeDecl>): Record<string, MetricDecl | GaugeDecl> {
  return Object.fromEntries(Object.entries(decls).map(([name, d]) => [name, { ...d, when }]));
}

/**
 * The metric names a node of this spec may report: every declared name, with placeholders (see
 * {@link MetricDecl.names}) replaced by the names they stand for; `always` lists the unconditional ones.
 */
export function declaredMetricNames(metrics: Record<string, MetricDecl>, spec: unknown): { all: Set<string>; always: string[] } {
  const all = new Set<string>();
  const always: string[] = [];
  for (const [name, decl] of Object.entries(metrics)) {
    const names = decl.names ? decl.names(spec as never) : [name];
    for (const n of names) {
      all.add(n);
      if (!decl.when) always.push(n);
    }
  }
  return { all, always };
}

/** Whether a registry entry was written with {@link defineKind}. */
export function isDefinedKind(entry: KindEntry): entry is DefinedKindEntry {
  return "metrics" in entry && "gauges" in entry;
}

/** The spec type of a schema (re-exported for kind modules). */
export type SpecOf<S> = Infer<S>;
