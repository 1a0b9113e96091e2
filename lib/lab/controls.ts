/**
 * Generates the lab's controls from the node-kind schemas: for each exposed `"nodeId.field"` path the
 * chapter lists, find the field's schema in the registry and read its metadata (title, unit, slider
 * range, step, choices). The kind of control follows the field's type:
 *
 * - numbers: a slider with a number field (`number`);
 * - enums: a select whose options carry human labels (`choice`);
 * - booleans: a toggle switch (`boolean`);
 * - ids of other nodes (a kebab-case id field such as a dead-letter queue): a select of the
 *   scenario's node ids, with "None" when the field may be empty (`reference`);
 * - other strings, and structured values (lists, objects) as JSON: a text field (`text`).
 *
 * Fields the schema language cannot describe (inside a tagged union such as a duration distribution,
 * or inside a nullable object) fall back to the preset's value type, so every exposed path gets a
 * control that can change it. Raw field paths and enum values never appear in labels; they are in
 * `path` and `options` for an "Advanced" view.
 */
import { nodeKinds, type Scenario, type Schema } from "@/simulations";
import { readParam, splitParamPath, type ParamValue } from "./edit-timeline";

interface NumberControl {
  type: "number";
  min: number;
  max: number;
  step: number;
  integer: boolean;
}
interface ChoiceControl {
  type: "choice";
  /** The enum's raw values, in schema order. */
  options: string[];
  /** Human label of each option ("power-of-two-choices" -> "Power of two choices"). */
  optionLabels: Record<string, string>;
}
interface BooleanControl {
  type: "boolean";
}
interface ReferenceControl {
  type: "reference";
  /** Node ids the field may name (other nodes of the scenario, of a matching kind when known). */
  options: string[];
  /** Whether "None" (null) is allowed. */
  nullable: boolean;
}
interface TextControl {
  type: "text";
  /** The value is JSON (a list or an object) rather than a plain string. */
  json: boolean;
  maxLength: number;
}

export type ControlType = "number" | "choice" | "boolean" | "reference" | "text";

export type ControlSpec = {
  /** The exposed path, `"api.workers"` (Advanced view only). */
  path: string;
  nodeId: string;
  /** "Workers (api)" style label without the unit. */
  label: string;
  /** The field's title alone, without the node ("Workers"). */
  fieldLabel: string;
  unit?: string;
  description?: string;
  value: ParamValue | undefined;
} & (NumberControl | ChoiceControl | BooleanControl | ReferenceControl | TextControl);

type AnySchema = Schema<unknown> & { fields?: Record<string, AnySchema>; values?: readonly string[] };

const KEBAB_ID_SOURCE = "^[a-z0-9]+(?:-[a-z0-9]+)*$";

function fieldSchema(kind: string, fields: string[]): AnySchema | undefined {
  let schema = nodeKinds[kind]?.schema as AnySchema | undefined;
  for (const field of fields) {
    schema = schema?.fields?.[field];
    if (!schema) return undefined;
  }
  return schema;
}

/** "propagateDeadline" -> "Propagate deadline"; unit suffixes dropped. */
export function humanise(field: string): string {
  const words = field
    .replace(/(Ms|PerSec)$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[-_]+/g, " ")
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A human label for an enum value: "power-of-two-choices" -> "Power of two choices", "lru" -> "LRU". */
const ACRONYMS = new Set(["lru", "lfu", "fifo", "lifo", "ttl", "ip", "cpu", "ewma", "dlq", "http", "grpc", "tcp", "udp", "slo", "db", "id", "p2c", "rr", "l4", "l7", "url"]);

export function humaniseOption(value: string): string {
  const words = humanise(value).split(" ");
  return words.map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w)).join(" ");
}

/**
 * The unit as shown after a label, or undefined when it would only repeat the label: "Workers"
 * with unit "workers" reads as "Workers", not "Workers (workers)"; "Waiting room" keeps "(requests)".
 * "/s" reads as "per s".
 */
export function shownUnit(label: string, unit: string | undefined): string | undefined {
  if (!unit) return undefined;
  const words = new Set(label.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean));
  const singular = unit.toLowerCase().replace(/s$/, "");
  if (words.has(unit.toLowerCase()) || words.has(singular)) return undefined;
  return unit.replace(/^\//, "per ");
}

/** "Label (unit)", or the label alone when the unit adds nothing (see shownUnit). */
export function labelWithUnit(label: string, unit: string | undefined): string {
  const shown = shownUnit(label, unit);
  return shown ? `${label} (${shown})` : label;
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

function isNullable(schema: AnySchema | undefined): boolean {
  if (!schema) return false;
  try {
    const json = schema.json() as { anyOf?: { type?: string }[] };
    return Array.isArray(json.anyOf) && json.anyOf.some((s) => s.type === "null");
  } catch {
    return false;
  }
}

function isIdField(schema: AnySchema | undefined): boolean {
  if (schema?.type !== "string") return false;
  try {
    const json = schema.json() as { pattern?: string; anyOf?: { pattern?: string }[] };
    return json.pattern === KEBAB_ID_SOURCE || (json.anyOf ?? []).some((s) => s.pattern === KEBAB_ID_SOURCE);
  } catch {
    return false;
  }
}

/** Node ids a reference field may name: other nodes, narrowed to a kind the title names ("a broker node id"). */
function referenceOptions(scenario: Scenario, nodeId: string, title: string | undefined): string[] {
  const others = scenario.nodes.filter((n) => n.id !== nodeId);
  const kind = title?.match(/\(an? ([a-z-]+) node id\)/i)?.[1];
  const narrowed = kind ? others.filter((n) => n.kind === kind) : others;
  return (narrowed.length ? narrowed : others).map((n) => n.id);
}

/** A title without its parenthesised hint ("Dead-letter queue (a broker node id)" -> "Dead-letter queue"). */
function cleanTitle(title: string): string {
  return title.replace(/\s*\(an? [^)]*node id\)\s*$/i, "").trim();
}

/** The control for one exposed path of a scenario. */
export function controlFor(scenario: Scenario, path: string): ControlSpec {
  const { nodeId, fields } = splitParamPath(path);
  const node = scenario.nodes.find((n) => n.id === nodeId);
  const field = fields[fields.length - 1] ?? "";
  const schema = node ? fieldSchema(node.kind, fields) : undefined;
  const meta = schema?.meta ?? {};
  // An unset field shows its schema default (a breaker is enabled unless it says otherwise).
  const value = (readParam(scenario, path) ?? meta.default) as ParamValue | undefined;
  const fieldLabel = cleanTitle(meta.title ?? humanise(field || nodeId));
  const base = { path, nodeId, value, fieldLabel, label: `${fieldLabel} (${nodeId})`, description: meta.description };
  const unit = meta.unit ?? unitFromName(field);

  if (schema?.type === "enum" && schema.values) {
    const options = [...schema.values];
    return { ...base, type: "choice", options, optionLabels: Object.fromEntries(options.map((o) => [o, humaniseOption(o)])) };
  }
  if (schema?.type === "boolean" || (!schema && typeof value === "boolean")) {
    return { ...base, type: "boolean" };
  }
  if (isIdField(schema)) {
    return { ...base, type: "reference", options: referenceOptions(scenario, nodeId, meta.title), nullable: isNullable(schema) || value === null || value === undefined };
  }
  if (schema?.type === "number" || (!schema && typeof value === "number")) {
    const options = (schema?.meta ?? {}) as { uiMin?: number; uiMax?: number; uiStep?: number; min?: number; max?: number; above?: number; integer?: boolean };
    const current = typeof value === "number" ? value : 0;
    const integer = options.integer ?? (!schema && Number.isInteger(current) && current >= 10);
    const min = options.uiMin ?? options.min ?? (options.above !== undefined ? options.above : 0);
    const max = Math.max(options.uiMax ?? (current > 0 ? current * 4 : 100), current);
    const step = options.uiStep ?? (integer ? 1 : niceStep(max - min));
    return { ...base, unit, type: "number", min: Math.min(min, current), max, step, integer };
  }
  if (schema?.type === "string" || typeof value === "string") {
    return { ...base, unit, type: "text", json: false, maxLength: 200 };
  }
  // Lists, objects, or a field the scenario leaves unset: edit as JSON text.
  return { ...base, type: "text", json: true, maxLength: 2000 };
}

/** Controls for every exposed path, in the chapter's order. */
export function controlsFor(scenario: Scenario, expose: readonly string[]): ControlSpec[] {
  return expose.map((path) => controlFor(scenario, path));
}

/**
 * Turns what a control's input holds into the value to set: the text of a JSON field parsed, "" in
 * a reference select as null. Returns a message naming the problem when the text is not valid.
 */
export function parseControlInput(spec: ControlSpec, raw: string | boolean): { value: ParamValue } | { problem: string } {
  switch (spec.type) {
    case "boolean":
      return { value: raw === true || raw === "true" };
    case "reference":
      if (raw === "" || raw === false) {
        return spec.nullable ? { value: null } : { problem: `${spec.fieldLabel} must name a node.` };
      }
      return spec.options.includes(String(raw)) ? { value: String(raw) } : { problem: `There is no node "${String(raw)}" to choose.` };
    case "choice":
      return spec.options.includes(String(raw)) ? { value: String(raw) } : { problem: `Choose one of: ${spec.options.map((o) => spec.optionLabels[o]).join(", ")}.` };
    case "number": {
      const n = Number(raw);
      if (String(raw).trim() === "" || !Number.isFinite(n)) return { problem: `Enter a number${spec.unit ? ` in ${spec.unit}` : ""}.` };
      if (spec.integer && !Number.isInteger(n)) return { problem: "Enter a whole number." };
      return { value: n };
    }
    case "text": {
      const text = String(raw);
      if (text.length > spec.maxLength) return { problem: `Keep it under ${spec.maxLength} characters.` };
      if (!spec.json) return { value: text };
      try {
        return { value: JSON.parse(text) as ParamValue };
      } catch {
        return { problem: "This is not valid JSON (check quotes and brackets)." };
      }
    }
  }
}

/**
 * Every parameter of a scenario a control can change (the playground exposes them all): the number,
 * choice, boolean and node-reference fields each node sets, plus the numbers inside its duration
 * distributions.
 */
export function exposableParams(scenario: Scenario): string[] {
  const paths: string[] = [];
  for (const node of scenario.nodes) {
    const schema = nodeKinds[node.kind]?.schema as AnySchema | undefined;
    for (const [field, value] of Object.entries(node)) {
      if (field === "id" || field === "kind") continue;
      const fieldSchemaOfNode = schema?.fields?.[field];
      const fieldType = fieldSchemaOfNode?.type;
      if ((fieldType === "number" && typeof value === "number") || fieldType === "enum" || fieldType === "boolean" || isIdField(fieldSchemaOfNode)) paths.push(`${node.id}.${field}`);
      else if (typeof value === "object" && value !== null && "dist" in value) {
        for (const [sub, subValue] of Object.entries(value)) if (typeof subValue === "number") paths.push(`${node.id}.${field}.${sub}`);
      }
    }
  }
  return paths;
}
