/**
 * Clamping numbers into range, read from the scenario schema itself (the same definitions the
 * validator uses), so an old or hand-edited link whose `workers` is 10^9 or whose error rate is 1.5
 * still opens, with a note saying what was changed, instead of being refused. Only plain number
 * fields are clamped (top-level node fields, nested objects such as `keys`, fault numbers); a value
 * of the wrong type, or inside a union such as a duration distribution, is left for the validator,
 * which names the field.
 */
import { faultBaseFields, faultKinds, FORBIDDEN_KEYS, nodeKinds, schemaAtPath, type Schema } from "@/simulations";

export interface NumberMeta {
  min?: number;
  max?: number;
  above?: number;
  integer?: boolean;
}
type AnySchema = Schema<unknown> & { fields?: Record<string, AnySchema> };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The value clamped into the bounds of a number schema (rounded when it must be an integer). */
export function clampToMeta(value: number, meta: NumberMeta): number {
  let v = value;
  if (meta.integer) v = Math.round(v);
  if (meta.min !== undefined && v < meta.min) v = meta.min;
  if (meta.max !== undefined && v > meta.max) v = meta.max;
  if (meta.above !== undefined && v <= meta.above) v = meta.integer ? Math.floor(meta.above) + 1 : meta.above + 0.001;
  return v;
}

/** The number fields of a fault: the shared ones and its kind's own (kernel/faults.ts). */
function faultNumbers(kind: unknown): [string, NumberMeta][] {
  const entry = typeof kind === "string" && Object.hasOwn(faultKinds, kind) ? faultKinds[kind as keyof typeof faultKinds] : undefined;
  const fields: Record<string, Schema<unknown>> = { ...faultBaseFields, ...entry?.fields };
  return Object.entries(fields).filter(([, schema]) => schema.type === "number").map(([key, schema]) => [key, schema.meta as NumberMeta]);
}

function clampFields(target: Record<string, unknown>, fields: Record<string, AnySchema>, path: string, notes: string[]) {
  for (const [key, schema] of Object.entries(fields)) {
    if (!Object.hasOwn(target, key)) continue;
    const value = target[key];
    if (schema.type === "number" && typeof value === "number" && Number.isFinite(value)) {
      const clamped = clampToMeta(value, schema.meta as NumberMeta);
      if (clamped !== value) {
        target[key] = clamped;
        notes.push(`${path}.${key} was ${value}, out of range; set to ${clamped}.`);
      }
    } else if (schema.type === "object" && schema.fields && isRecord(value)) {
      clampFields(value, schema.fields, `${path}.${key}`, notes);
    }
  }
}

/**
 * The schema of field `fields` of a node kind (undefined when the kind or the path is unknown, or a
 * segment is `__proto__`, `prototype` or `constructor`). With `node`, the node's current values pick
 * the variant of a tagged union (`serviceMs.meanMs` of an exponential distribution).
 */
export function fieldSchemaOf(kind: string, fields: string[], node?: unknown): AnySchema | undefined {
  if (!Object.hasOwn(nodeKinds, kind)) return undefined;
  return schemaAtPath(nodeKinds[kind].schema, fields, node) as AnySchema | undefined;
}

/**
 * Clamps the plain numbers of a (parsed, not yet validated) scenario in place and returns one note
 * per change, naming the field path. Never throws on any input.
 */
export function clampScenario(scenario: unknown): string[] {
  const notes: string[] = [];
  if (!isRecord(scenario)) return notes;
  if (Array.isArray(scenario.nodes)) {
    scenario.nodes.forEach((node, i) => {
      if (!isRecord(node) || typeof node.kind !== "string") return;
      const schema = fieldSchemaOf(node.kind, []);
      if (schema?.fields) clampFields(node, schema.fields, `nodes[${i}]`, notes);
    });
  }
  if (Array.isArray(scenario.faults)) {
    scenario.faults.forEach((fault, i) => {
      if (!isRecord(fault)) return;
      for (const [key, meta] of faultNumbers(fault.kind)) {
        const value = fault[key];
        if (typeof value !== "number" || !Number.isFinite(value)) continue;
        const clamped = clampToMeta(value, meta);
        if (clamped !== value) {
          fault[key] = clamped;
          notes.push(`faults[${i}].${key} was ${value}, out of range; set to ${clamped}.`);
        }
      }
    });
  }
  if (typeof scenario.warmupMs === "number" && scenario.warmupMs < 0) {
    notes.push(`warmupMs was ${scenario.warmupMs}, out of range; set to 0.`);
    scenario.warmupMs = 0;
  }
  return notes;
}

/** Leaf types a parameter setting may change. */
const SETTABLE = new Set(["number", "enum", "string", "boolean"]);

/**
 * Checks and clamps one parameter setting (`"api.workers"` -> 10^9) against the schema of the node
 * it names. The path must resolve to a real number, choice or text field of that node's kind (never
 * through `__proto__` and friends); the value must have that field's type. Returns the value to keep,
 * or the reason when the setting cannot apply.
 */
export function clampParam(
  nodes: readonly { id: string; kind: string }[],
  path: string,
  value: unknown,
): { ok: true; value: number | string | boolean | null; note?: string } | { ok: false; reason: string } {
  const shown = JSON.stringify(path.length > 80 ? path.slice(0, 80) + "…" : path);
  const [nodeId, ...fields] = path.split(".");
  if (path.split(".").some((segment) => FORBIDDEN_KEYS.has(segment))) return { ok: false, reason: `the setting ${shown} names a forbidden field` };
  const node = nodes.find((n) => n.id === nodeId);
  if (!node || fields.length === 0) return { ok: false, reason: `the setting ${shown} names no node of the scenario` };
  const schema = fieldSchemaOf(node.kind, fields, node);
  if (!schema || !SETTABLE.has(schema.type)) return { ok: false, reason: `the setting ${shown} names no field a setting can change` };
  if (schema.type === "number") {
    if (typeof value !== "number" || !Number.isFinite(value)) return { ok: false, reason: `the setting ${shown} must be a finite number` };
    const clamped = clampToMeta(value, schema.meta as NumberMeta);
    if (clamped !== value) return { ok: true, value: clamped, note: `${path} was ${value}, out of range; set to ${clamped}.` };
    return { ok: true, value };
  }
  if (schema.type === "boolean") {
    if (typeof value !== "boolean") return { ok: false, reason: `the setting ${shown} must be true or false` };
    return { ok: true, value };
  }
  // null is "none": a node reference set to nothing (the field is left out, so its default applies).
  if (value === null) return { ok: true, value };
  if (typeof value !== "string") return { ok: false, reason: `the setting ${shown} must be a string` };
  const values = (schema as { values?: readonly string[] }).values;
  if (schema.type === "enum" && values && !values.includes(value)) return { ok: false, reason: `the setting ${shown} must be one of ${values.join(", ")}` };
  const issues: { path: string; message: string }[] = [];
  if (schema.parse(value, path, issues) === undefined) return { ok: false, reason: issues[0]?.message ?? `the setting ${shown} is not valid` };
  return { ok: true, value };
}
