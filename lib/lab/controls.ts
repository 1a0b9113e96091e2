/**
 * Generates the lab's controls from the node-kind schemas: for each exposed `"nodeId.field"` path the
 * chapter lists, find the field's schema in the registry and read its metadata (title, unit, slider
 * range, step, choices). Fields the schema language cannot describe (inside a tagged union such as a
 * duration distribution) fall back to a range around the preset's value, so any exposed number still
 * gets a usable control.
 */
import { nodeKinds, type Scenario, type Schema } from "@/simulations";
import { readParam, splitParamPath } from "./edit-timeline";

interface NumberControl {
  type: "number";
  min: number;
  max: number;
  step: number;
  integer: boolean;
}
interface ChoiceControl {
  type: "choice";
  options: string[];
}

export type ControlSpec = {
  /** The exposed path, `"api.workers"`. */
  path: string;
  nodeId: string;
  /** "Workers (api)" style label without the unit. */
  label: string;
  unit?: string;
  description?: string;
  value: number | string | undefined;
} & (NumberControl | ChoiceControl | { type: "unsupported"; reason: string });

type AnySchema = Schema<unknown> & { fields?: Record<string, AnySchema>; values?: readonly string[] };

function fieldSchema(kind: string, fields: string[]): AnySchema | undefined {
  let schema = nodeKinds[kind]?.schema as AnySchema | undefined;
  for (const field of fields) {
    schema = schema?.fields?.[field];
    if (!schema) return undefined;
  }
  return schema;
}

function humanise(field: string): string {
  const words = field.replace(/(Ms|PerSec)$/, "").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function unitFromName(field: string): string | undefined {
  if (field.endsWith("Ms")) return "ms";
  if (field.endsWith("PerSec")) return "/s";
  return undefined;
}

function niceStep(range: number): number {
  if (range <= 2) return 0.01;
  if (range <= 20) return 0.1;
  return 1;
}

/** The control for one exposed path of a scenario. */
export function controlFor(scenario: Scenario, path: string): ControlSpec {
  const { nodeId, fields } = splitParamPath(path);
  const node = scenario.nodes.find((n) => n.id === nodeId);
  const value = readParam(scenario, path) as number | string | undefined;
  const field = fields[fields.length - 1] ?? "";
  const base = { path, nodeId, value };
  if (!node) return { ...base, label: path, type: "unsupported", reason: `No node "${nodeId}" in this scenario.` };
  const schema = fieldSchema(node.kind, fields);
  const meta = schema?.meta ?? {};
  const label = `${meta.title ?? humanise(field)} (${nodeId})`;
  const unit = meta.unit ?? unitFromName(field);
  if (schema?.type === "enum" && schema.values) {
    return { ...base, label, description: meta.description, type: "choice", options: [...schema.values] };
  }
  if (schema?.type === "number" || (!schema && typeof value === "number")) {
    const options = (schema?.meta ?? {}) as { uiMin?: number; uiMax?: number; uiStep?: number; min?: number; max?: number; above?: number; integer?: boolean };
    const current = typeof value === "number" ? value : 0;
    const integer = options.integer ?? (!schema && Number.isInteger(current) && current >= 10);
    const min = options.uiMin ?? options.min ?? (options.above !== undefined ? options.above : 0);
    const max = Math.max(options.uiMax ?? (current > 0 ? current * 4 : 100), current);
    const step = options.uiStep ?? (integer ? 1 : niceStep(max - min));
    return { ...base, label, unit, description: meta.description, type: "number", min: Math.min(min, current), max, step, integer };
  }
  return { ...base, label, type: "unsupported", reason: `${path} cannot be changed here.` };
}

/** Controls for every exposed path, in the chapter's order. */
export function controlsFor(scenario: Scenario, expose: readonly string[]): ControlSpec[] {
  return expose.map((path) => controlFor(scenario, path));
}

/**
 * Every parameter of a scenario a control can change (the playground exposes them all): the number
 * and choice fields each node sets, plus the numbers inside its duration distributions.
 */
export function exposableParams(scenario: Scenario): string[] {
  const paths: string[] = [];
  for (const node of scenario.nodes) {
    const schema = nodeKinds[node.kind]?.schema as AnySchema | undefined;
    for (const [field, value] of Object.entries(node)) {
      if (field === "id" || field === "kind") continue;
      const fieldType = schema?.fields?.[field]?.type;
      if ((fieldType === "number" && typeof value === "number") || fieldType === "enum") paths.push(`${node.id}.${field}`);
      else if (typeof value === "object" && value !== null && "dist" in value) {
        for (const [sub, subValue] of Object.entries(value)) if (typeof subValue === "number") paths.push(`${node.id}.${field}.${sub}`);
      }
    }
  }
  return paths;
}
