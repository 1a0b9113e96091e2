/**
 * Fault kinds: what can go wrong with a node or a link, one entry per kind.
 *
 * A fault is a timed disturbance on a target: `{ atMs, durationMs?, target, kind, ...fields }`. Each
 * kind says what it targets (a node, or an edge named "from->to" or by its id), the fields it adds (with
 * bounds, units and titles, so the validator, the JSON Schema, clamping and the lab's controls read the
 * same definition), how it acts while active, and how it is told in words. Overlapping faults on one
 * target combine: the runtime folds every active fault of the target, in the order they started, into
 * one effect (latencies add, error rates combine as independent failures, any crash or partition wins).
 *
 * A new fault kind is one entry in {@link faultKinds}: the scenario schema, validation, the runtime and
 * the lab's timeline read this list.
 */
import type { EdgeRuntime, NodeFaults } from "./model";
import { literal, nullable, number, object, string, type Fields, type ObjectOf, type Schema } from "./schema-builder";

/** Fields every fault has: when it starts, how long it lasts (absent or null: to the end), its target. */
export const faultBaseFields = {
  atMs: number({ min: 0, max: 1e9, title: "Starts at", unit: "ms" }),
  durationMs: nullable(number({ above: 0, max: 1e9, title: "Lasts", unit: "ms" })),
  target: string({ title: "Target node id, or edge as \"from->to\" or edge id", maxLength: 140 }),
};

/** The fields of a fault of kind `K` with extra fields `F`. */
export type FaultOf<K extends string, F extends Fields> = { kind: K; atMs: number; durationMs?: number | null; target: string } & ObjectOf<F, never>;

/**
 * The effect of the active faults on one node while they are folded together: starts cleared, each
 * active node fault adds to it. `keepRate` is the probability that no error fault fails a request.
 */
export interface NodeFaultEffect {
  crashed: boolean;
  addMs: number;
  keepRate: number;
}

/** The effect of the active faults on one edge. */
export interface EdgeFaultEffect {
  partitioned: boolean;
}

interface FaultKindBase<K extends string, F extends Fields> {
  readonly kind: K;
  /** Human name, for menus and generated docs ("Crash", "Added latency"). */
  readonly title: string;
  /** One line for docs: what it does. */
  readonly summary: string;
  /** The fields beyond {@link faultBaseFields}. */
  readonly fields: F;
  /** Noun phrase for messages: "a latency fault". */
  readonly schemaName: string;
  /** Its start in words, for the lab's timeline: "api-2 crashes". */
  describeStart(fault: FaultOf<K, F>): string;
  /** Its end in words: "api-2 recovers". */
  describeEnd(fault: FaultOf<K, F>): string;
  /** A short label without the target, for the fault table: "+50 ms latency". */
  label(fault: FaultOf<K, F>): string;
}

/** A fault on a node: folded into the node's {@link NodeFaultEffect}. */
export interface NodeFaultKind<K extends string = string, F extends Fields = Fields> extends FaultKindBase<K, F> {
  readonly target: "node";
  apply(effect: NodeFaultEffect, fault: FaultOf<K, F>): void;
}

/** A fault on an edge: folded into the edge's {@link EdgeFaultEffect}. */
export interface EdgeFaultKind<K extends string = string, F extends Fields = Fields> extends FaultKindBase<K, F> {
  readonly target: "edge";
  apply(effect: EdgeFaultEffect, fault: FaultOf<K, F>): void;
}

export type FaultKind<K extends string = string, F extends Fields = Fields> = NodeFaultKind<K, F> | EdgeFaultKind<K, F>;

/** Declares a fault kind, keeping its literal kind and field types for {@link FaultSpec}. */
export function defineFault<const K extends string, F extends Fields>(entry: NodeFaultKind<K, F>): NodeFaultKind<K, F>;
export function defineFault<const K extends string, F extends Fields>(entry: EdgeFaultKind<K, F>): EdgeFaultKind<K, F>;
export function defineFault(entry: FaultKind): FaultKind {
  return entry;
}

const crash = defineFault({
  kind: "crash",
  title: "Crash",
  summary: "takes nothing (callers get an immediate error); in-flight work is lost",
  target: "node",
  fields: {},
  schemaName: "a crash fault",
  apply(effect) {
    effect.crashed = true;
  },
  describeStart: (f) => `${f.target} crashes`,
  describeEnd: (f) => `${f.target} recovers`,
  label: () => "crash",
});

const latency = defineFault({
  kind: "latency",
  title: "Added latency",
  summary: "`addMs` added to each request handled (servers: to the service time)",
  target: "node",
  fields: { addMs: number({ above: 0, max: 1e7, title: "Added latency", unit: "ms", uiMin: 1, uiMax: 5000 }) },
  schemaName: "a latency fault",
  apply(effect, f) {
    effect.addMs += f.addMs;
  },
  describeStart: (f) => `${f.target} slows by ${Math.round(f.addMs)} ms`,
  describeEnd: (f) => `${f.target} recovers`,
  label: (f) => `+${f.addMs} ms latency`,
});

const errors = defineFault({
  kind: "errors",
  title: "Errors",
  summary: "`rate` 0..1 of requests handled fail",
  target: "node",
  fields: { rate: number({ min: 0, max: 1, title: "Error rate", uiStep: 0.01 }) },
  schemaName: "an errors fault",
  apply(effect, f) {
    effect.keepRate *= 1 - f.rate;
  },
  describeStart: (f) => (f.rate >= 1 ? `outage of ${f.target}` : `${f.target} fails ${Math.round(f.rate * 100)}% of calls`),
  describeEnd: (f) => `${f.target} recovers`,
  label: (f) => `${Math.round(f.rate * 100)}% errors`,
});

const partition = defineFault({
  kind: "partition",
  title: "Partition",
  summary: "the edge delivers nothing: requests sent along it are lost",
  target: "edge",
  fields: {},
  schemaName: "a partition fault",
  apply(effect) {
    effect.partitioned = true;
  },
  describeStart: (f) => `link ${f.target} cut`,
  describeEnd: (f) => `link ${f.target} heals`,
  label: () => "partition",
});

/** Every fault kind, by name. Add a kind here: schema, validation, runtime and narration follow. */
export const faultKinds = { crash, latency, errors, partition } as const;

type Kinds = typeof faultKinds;
/** A fault as it appears in a scenario's `faults` list (a union by `kind`). */
export type FaultSpec = { [K in keyof Kinds]: Kinds[K] extends FaultKind<infer N, infer F> ? FaultOf<N, F> : never }[keyof Kinds];

/** The entry of a fault's kind (the lookup is typed loosely: a fault carries its own kind). */
export function faultKindOf(fault: { kind: string }): FaultKind<string, Fields> {
  const entry = (faultKinds as Record<string, FaultKind<string, Fields>>)[fault.kind];
  if (!entry) throw new Error(`faults: unknown fault kind "${fault.kind}"`);
  return entry;
}

/** The schema of one fault kind: the shared fields, then `kind`, then its own. */
export function faultKindSchema(entry: FaultKind<string, Fields>): Schema<unknown> {
  return object({ ...faultBaseFields, kind: literal(entry.kind), ...entry.fields }, { optional: ["durationMs"], name: entry.schemaName });
}

/** Folds the active faults of a node into its fault state (cleared first). */
export function foldNodeFaults(state: NodeFaults, active: readonly FaultSpec[]): void {
  const effect: NodeFaultEffect = { crashed: false, addMs: 0, keepRate: 1 };
  for (const fault of active) {
    const entry = faultKindOf(fault);
    if (entry.target === "node") entry.apply(effect, fault as never);
  }
  state.crashed = effect.crashed;
  state.addMs = effect.addMs;
  state.errorRate = 1 - effect.keepRate;
}

/** Folds the active faults of an edge into its state. */
export function foldEdgeFaults(edge: Pick<EdgeRuntime, "partitioned">, active: readonly FaultSpec[]): void {
  const effect: EdgeFaultEffect = { partitioned: false };
  for (const fault of active) {
    const entry = faultKindOf(fault);
    if (entry.target === "edge") entry.apply(effect, fault as never);
  }
  edge.partitioned = effect.partitioned;
}

