/**
 * The scenario document, format version 1 (see simulations/README.md and SCENARIO.md).
 *
 * One JSON document describes a whole lab: traffic, nodes, edges, the fault timeline, the seed and
 * when to stop. The same document is a lesson preset, the payload of a share link, what an embed
 * shows and what the command-line runner reads. This module assembles its schema from the node-kind
 * registry; `validate.ts` adds the checks that span fields (ids unique, edges pointing at real nodes).
 */
import { nodeKinds } from "../registry";
import { edgePolicyFields, edgePolicyKeys } from "../models/resilience/policy-schema";
import { kebabId } from "../kernel/schema-common";
import { faultKinds, faultKindSchema, type FaultSpec } from "../kernel/faults";
import { array, literal, number, object, string, tagged, type Infer, type Issue, type Schema } from "../kernel/schema-builder";

export const SCENARIO_VERSION = 1;

const stopSchema: Schema<{ durationMs: number } | { requests: number }> = {
  type: "stop",
  meta: { title: "When to stop" },
  parse(value, path, issues) {
    const duration = object({ durationMs: number({ above: 0, max: 1e9, title: "Simulated duration", unit: "ms" }) }, { name: "stop" });
    const requests = object({ requests: number({ integer: true, above: 0, max: 1e8, title: "Requests" }) }, { name: "stop" });
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      const v = value as Record<string, unknown>;
      if (Object.hasOwn(v, "durationMs") && Object.hasOwn(v, "requests")) {
        issues.push({ path, message: `${path} must have either durationMs or requests, not both` });
        return undefined;
      }
      if (Object.hasOwn(v, "requests")) return requests.parse(value, path, issues);
      if (Object.hasOwn(v, "durationMs")) return duration.parse(value, path, issues);
    }
    issues.push({ path, message: `${path} must be { "durationMs": number } or { "requests": integer }` });
    return undefined;
  },
  json: () => ({
    title: "When to stop",
    oneOf: [
      object({ durationMs: number({ above: 0, max: 1e9 }) }).json(),
      object({ requests: number({ integer: true, above: 0, max: 1e8 }) }).json(),
    ],
  }),
};

const nodeSchema = tagged<Record<string, unknown> & { id: string; kind: string }>(
  "kind",
  Object.fromEntries(Object.entries(nodeKinds).map(([kind, entry]) => [kind, entry.schema])),
  { title: "Node" },
);

export const edgeSchema = object(
  {
    id: kebabId("Edge id"),
    from: kebabId("From node"),
    to: kebabId("To node"),
    weight: number({ above: 0, max: 1_000_000, title: "Weight (weighted-round-robin)", default: 1, uiMin: 1, uiMax: 100 }),
    // Extension: caller-side call policies (models/resilience/policy-schema.ts).
    ...edgePolicyFields,
  },
  { optional: ["id", "weight", ...edgePolicyKeys], name: "an edge" },
);

/** A fault: one variant per entry of the fault-kind registry (kernel/faults.ts). */
export const faultSchema = tagged<FaultSpec>(
  "kind",
  Object.fromEntries(Object.values(faultKinds).map((entry) => [entry.kind, faultKindSchema(entry)])),
  { title: "Fault" },
);
export type { FaultSpec };

export const scenarioSchema = object(
  {
    $schema: string({ maxLength: 500 }),
    version: literal(SCENARIO_VERSION),
    title: string({ title: "Title", maxLength: 200 }),
    description: string({ title: "Description", maxLength: 4000 }),
    seed: number({ integer: true, min: -2147483648, max: 4294967295, title: "Seed" }),
    stop: stopSchema,
    warmupMs: number({ min: 0, max: 1e9, title: "Warm-up", unit: "ms", default: 0 }),
    nodes: array(nodeSchema, { minItems: 1, maxItems: 500 }),
    edges: array(edgeSchema, { maxItems: 5000 }),
    faults: array(faultSchema, { maxItems: 1000, default: [] }),
  },
  { optional: ["$schema", "description", "warmupMs", "faults"], name: "a scenario" },
);

export type Edge = Infer<typeof edgeSchema>;
export type NodeSpec = Record<string, unknown> & { id: string; kind: string };
export interface Scenario {
  $schema?: string;
  version: 1;
  title: string;
  description?: string;
  seed: number;
  stop: { durationMs: number } | { requests: number };
  warmupMs?: number;
  nodes: NodeSpec[];
  edges: Edge[];
  faults?: FaultSpec[];
}

/** The JSON Schema of the scenario format (draft 2020-12), generated from the same definitions. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://faultline.dev/scenario.schema.json",
    title: "Faultline scenario",
    ...scenarioSchema.json(),
  };
}

export type { Issue };
