/**
 * What the registry knows about a node kind: its schema, its model factory, its edge rules and the
 * checks that span a whole scenario. Lives in the kernel so that models can name these types without
 * importing the registry that lists them (which would be a cycle).
 */
import type { ObjectSchema, Fields } from "./schema-builder";
import type { NodeKind } from "./model";

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
