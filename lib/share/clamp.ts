/**
 * Clamping numbers into range, read from the scenario schema itself (the same definitions the
 * validator uses), so an old or hand-edited link whose `workers` is 10^9 or whose error rate is 1.5
 * still opens, with a note saying what was changed, instead of being refused. Only plain number
 * fields are clamped (top-level node fields, nested objects such as `keys`, fault numbers); a value
 * of the wrong type, or inside a union such as a duration distribution, is left for the validator,
 * which names the field.
 */
import { nodeKinds, type Schema } from "@/simulations";

interface NumberMeta {
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

/** Bounds of the fault numbers (schema.ts). */
const faultNumbers: Record<string, NumberMeta> = {
  atMs: { min: 0, max: 1e9 },
  durationMs: { above: 0, max: 1e9 },
  addMs: { above: 0, max: 1e7 },
  rate: { min: 0, max: 1 },
};

function clampFields(target: Record<string, unknown>, fields: Record<string, AnySchema>, path: string, notes: string[]) {
  for (const [key, schema] of Object.entries(fields)) {
    if (!Object.prototype.hasOwnProperty.call(target, key)) continue;
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

/** The schema of field `fields` of a node kind (undefined when unknown or inside a union). */
export function fieldSchemaOf(kind: string, fields: string[]): AnySchema | undefined {
  if (!Object.prototype.hasOwnProperty.call(nodeKinds, kind)) return undefined;
  let schema: AnySchema | undefined = nodeKinds[kind].schema as AnySchema;
  for (const field of fields) {
    if (!schema?.fields || !Object.prototype.hasOwnProperty.call(schema.fields, field)) return undefined;
    schema = schema.fields[field];
  }
  return schema;
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
      for (const [key, meta] of Object.entries(faultNumbers)) {
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

/**
 * Checks and clamps one parameter setting (`"api.workers"` -> 10^9) against the schema of the node
 * it names. Returns the value to keep, or null with the reason when the setting cannot apply.
 */
export function clampParam(
  nodes: readonly { id: string; kind: string }[],
  path: string,
  value: unknown,
): { ok: true; value: number | string | boolean | null; note?: string } | { ok: false; reason: string } {
  const [nodeId, ...fields] = path.split(".");
  const node = nodes.find((n) => n.id === nodeId);
  if (!node || fields.length === 0) return { ok: false, reason: `the setting "${path}" names no node of the scenario` };
  const schema = fieldSchemaOf(node.kind, fields);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { ok: false, reason: `the setting "${path}" is not a finite number` };
    if (schema?.type === "number") {
      const clamped = clampToMeta(value, schema.meta as NumberMeta);
      if (clamped !== value) return { ok: true, value: clamped, note: `${path} was ${value}, out of range; set to ${clamped}.` };
    }
    return { ok: true, value };
  }
  if (typeof value === "string") {
    const values = (schema as { values?: readonly string[] } | undefined)?.values;
    if (schema?.type === "enum" && values && !values.includes(value)) return { ok: false, reason: `the setting "${path}" must be one of ${values.join(", ")}` };
    if (value.length > 200) return { ok: false, reason: `the setting "${path}" is too long` };
    return { ok: true, value };
  }
  // Toggles and node references ("none" is null) since the lab gained those controls.
  if (typeof value === "boolean" || value === null) return { ok: true, value };
  return { ok: false, reason: `the setting "${path}" must be a number, a string, true/false or null` };
}
