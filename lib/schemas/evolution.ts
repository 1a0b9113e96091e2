/**
 * The schema-evolution widget's logic on top of the compatibility model (lib/schemas/compatibility.ts):
 * the starting Order schema, the edits the form offers (the model's edits plus a rename, with or
 * without an Avro alias), both reading directions between the latest registered version and the
 * candidate, the registry's verdict under a level, and which side has to upgrade first. Pure.
 */
import { applyEdit, checkLevel, resolve, type CompatibilityLevel, type FieldType, type Problem, type RecordSchema, type SchemaEdit, type Verdict } from "./compatibility";

/** Version 1 of the course's Order event: two required fields and one optional note. */
export const ORDER_V1: RecordSchema = {
  fields: [
    { name: "orderId", type: "string", hasDefault: false },
    { name: "amountCents", type: "int", hasDefault: false },
    { name: "note", type: "string", hasDefault: true },
  ],
};

/** The form's edits: the model's, plus a rename (Avro has no rename; it is a remove and an add, unless the new field carries the old name as an alias). */
export type EvolutionEdit = SchemaEdit | { kind: "rename"; name: string; to: string; alias: boolean };

export type EditKind = EvolutionEdit["kind"];

export const EDIT_KINDS: readonly { kind: EditKind; label: string }[] = [
  { kind: "add", label: "Add a field" },
  { kind: "remove", label: "Remove a field" },
  { kind: "rename", label: "Rename a field" },
  { kind: "change-type", label: "Change a field's type" },
  { kind: "set-default", label: "Give or drop a default" },
];

/** The schema after `edit`; throws a message naming the problem for an impossible edit. */
export function applyEvolution(schema: RecordSchema, edit: EvolutionEdit): RecordSchema {
  if (edit.kind !== "rename") return applyEdit(schema, edit);
  const old = schema.fields.find((f) => f.name === edit.name);
  if (!old) throw new Error(`the record has no field "${edit.name}"`);
  if (edit.to === edit.name) throw new Error(`"${edit.name}" already has that name`);
  const removed = applyEdit(schema, { kind: "remove", name: edit.name });
  const added = applyEdit(removed, { kind: "add", field: { name: edit.to, type: old.type, hasDefault: old.hasDefault, ...(edit.alias ? { aliases: [...(old.aliases ?? []), edit.name] } : {}) } });
  // Keep the field where it was, so the table reads naturally.
  const at = schema.fields.indexOf(old);
  const moved = added.fields.at(-1)!;
  return { fields: [...added.fields.slice(0, at), moved, ...added.fields.slice(at, -1)] };
}

/** The edit in a few words, for the live sentence and the version list. */
export function describeEdit(edit: EvolutionEdit): string {
  switch (edit.kind) {
    case "add":
      return `add ${edit.field.type} "${edit.field.name}" ${edit.field.hasDefault ? "with" : "without"} a default`;
    case "remove":
      return `remove "${edit.name}"`;
    case "rename":
      return `rename "${edit.name}" to "${edit.to}"${edit.alias ? ` (alias "${edit.name}")` : " (no alias)"}`;
    case "change-type":
      return `change "${edit.name}" to ${edit.to}`;
    case "set-default":
      return edit.hasDefault ? `give "${edit.name}" a default` : `drop the default of "${edit.name}"`;
  }
}

/** Both ways of reading across one change: the new schema reading the old data, and the old schema reading the new data. */
export interface Directions {
  newReadsOld: Problem[];
  oldReadsNew: Problem[];
}

export function directions(previous: RecordSchema, next: RecordSchema): Directions {
  return { newReadsOld: resolve(next, previous), oldReadsNew: resolve(previous, next) };
}

/** The registry's verdict on registering `candidate` after `registered` (oldest first) under `level`. */
export function registryVerdict(registered: readonly RecordSchema[], candidate: RecordSchema, level: CompatibilityLevel): Verdict {
  return checkLevel([...registered, candidate], level);
}

/** Which side upgrades first so that every running reader can read every message it meets, per level (Confluent Schema Registry docs). */
export function rolloutOrder(level: CompatibilityLevel): string {
  if (level.startsWith("BACKWARD")) return "Upgrade the consumers first: a new reader can read the old data still in the topic, and producers switch to the new schema once every consumer has it.";
  if (level.startsWith("FORWARD")) return "Upgrade the producers first: consumers still on the old schema can read what the new producers write, and the consumers follow at their own pace.";
  if (level.startsWith("FULL")) return "Either side may upgrade first: old and new readers can each read old and new data.";
  return "The registry checks nothing: readers and writers must be changed together, and data already in the topic may become unreadable.";
}

/** Whether a level compares with every earlier version rather than only the latest one. */
export const isTransitive = (level: CompatibilityLevel) => level.endsWith("_TRANSITIVE");

/** A short reading of a list of problems: "yes" or the reasons joined. */
export function explain(problems: readonly Problem[]): string {
  return problems.length === 0 ? "yes" : `no: ${problems.map((p) => p.message).join("; ")}`;
}

export type { FieldType };
