/**
 * Schema compatibility for Avro-like record schemas, as a schema registry checks it: the reader/writer
 * resolution rules of the Apache Avro 1.11 specification ("Schema Resolution"), and the registry
 * levels of the Confluent Schema Registry documentation (BACKWARD, FORWARD, FULL, their TRANSITIVE
 * forms, NONE). Pure and deterministic: the schema widget and its tests share it.
 *
 * Resolution of a record written with schema W and read with schema R:
 * - a field W has and R lacks is skipped;
 * - a field R has and W lacks takes R's default, and is an error when R has none;
 * - a reader field also matches a writer field named by one of its aliases (reader aliases only);
 * - a field both have must have the same type, or W's type must promote to R's
 *   (int → long, float, double; long → float, double; float → double; string ↔ bytes).
 */

export type FieldType = "int" | "long" | "float" | "double" | "string" | "bytes" | "boolean";

export const FIELD_TYPES: readonly FieldType[] = ["int", "long", "float", "double", "string", "bytes", "boolean"];

export interface SchemaField {
  name: string;
  type: FieldType;
  /** Whether the field declares a default (the value does not matter to compatibility). */
  hasDefault: boolean;
  /** Earlier names of this field: as a reader, it also matches a writer's field of one of these names (Avro aliases). */
  aliases?: string[];
}

export interface RecordSchema {
  fields: SchemaField[];
}

/** One reason a reader cannot read a writer's data, naming the rule that decides it. */
export interface Problem {
  field: string;
  rule: "missing-default" | "type-mismatch";
  message: string;
}

const PROMOTIONS: Record<FieldType, readonly FieldType[]> = {
  int: ["long", "float", "double"],
  long: ["float", "double"],
  float: ["double"],
  double: [],
  string: ["bytes"],
  bytes: ["string"],
  boolean: [],
};

/** Whether data written as `writer` can be read as `reader` (same type, or an Avro promotion). */
export function promotes(writer: FieldType, reader: FieldType): boolean {
  return writer === reader || PROMOTIONS[writer].includes(reader);
}

/** The problems met when `reader` reads data written with `writer`; none means it can. */
export function resolve(reader: RecordSchema, writer: RecordSchema): Problem[] {
  const problems: Problem[] = [];
  for (const r of reader.fields) {
    const w = writer.fields.find((f) => f.name === r.name) ?? writer.fields.find((f) => r.aliases?.includes(f.name));
    if (!w) {
      if (!r.hasDefault) problems.push({ field: r.name, rule: "missing-default", message: `the reader expects "${r.name}", the writer never wrote it, and the reader has no default for it` });
    } else if (!promotes(w.type, r.type)) {
      problems.push({ field: r.name, rule: "type-mismatch", message: `"${r.name}" was written as ${w.type} and ${w.type} does not promote to the reader's ${r.type}` });
    }
  }
  return problems;
}

export type CompatibilityLevel = "BACKWARD" | "BACKWARD_TRANSITIVE" | "FORWARD" | "FORWARD_TRANSITIVE" | "FULL" | "FULL_TRANSITIVE" | "NONE";

export const LEVELS: readonly CompatibilityLevel[] = ["BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE", "NONE"];

/** One reader/writer pair the level checks, by version number (1 = oldest). */
export interface PairCheck {
  reader: number;
  writer: number;
  problems: Problem[];
}

export interface Verdict {
  level: CompatibilityLevel;
  compatible: boolean;
  checks: PairCheck[];
}

/**
 * Whether the newest of `versions` (oldest first) may be registered under `level`. BACKWARD: the new
 * schema reads data of the previous one; FORWARD: the previous one reads the new schema's data; FULL:
 * both; TRANSITIVE: against every earlier version instead of only the previous; NONE: no check.
 */
export function checkLevel(versions: readonly RecordSchema[], level: CompatibilityLevel): Verdict {
  if (versions.length === 0) throw new Error("checkLevel: give at least one schema version");
  const n = versions.length;
  const latest = versions[n - 1]!;
  const earlier = level.endsWith("_TRANSITIVE") ? versions.slice(0, n - 1).map((s, i) => ({ s, v: i + 1 })) : n > 1 ? [{ s: versions[n - 2]!, v: n - 1 }] : [];
  const backward = level.startsWith("BACKWARD") || level.startsWith("FULL");
  const forward = level.startsWith("FORWARD") || level.startsWith("FULL");
  const checks: PairCheck[] = [];
  if (level !== "NONE") {
    for (const { s, v } of earlier) {
      if (backward) checks.push({ reader: n, writer: v, problems: resolve(latest, s) });
      if (forward) checks.push({ reader: v, writer: n, problems: resolve(s, latest) });
    }
  }
  return { level, compatible: checks.every((c) => c.problems.length === 0), checks };
}

/** An edit the widget offers on the newest schema. */
export type SchemaEdit =
  | { kind: "add"; field: SchemaField }
  | { kind: "remove"; name: string }
  | { kind: "change-type"; name: string; to: FieldType }
  | { kind: "set-default"; name: string; hasDefault: boolean };

/** The schema after `edit`; an edit naming a field that does not exist (or adding one that does) throws a message naming it. */
export function applyEdit(schema: RecordSchema, edit: SchemaEdit): RecordSchema {
  const has = (name: string) => schema.fields.some((f) => f.name === name);
  if (edit.kind === "add") {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(edit.field.name)) throw new Error(`"${edit.field.name}" is not an Avro field name (letters, digits and _, not starting with a digit)`);
    if (has(edit.field.name)) throw new Error(`the record already has a field "${edit.field.name}"`);
    return { fields: [...schema.fields, { ...edit.field }] };
  }
  if (!has(edit.name)) throw new Error(`the record has no field "${edit.name}"`);
  if (edit.kind === "remove") return { fields: schema.fields.filter((f) => f.name !== edit.name) };
  return { fields: schema.fields.map((f) => (f.name !== edit.name ? f : edit.kind === "change-type" ? { ...f, type: edit.to } : { ...f, hasDefault: edit.hasDefault })) };
}
