/**
 * Fidelity rows for schema compatibility (lib/schemas, behind the schema-evolution widget): the
 * verdicts of the classic evolutions against what the references say. The Confluent Schema Registry
 * documentation's summary of compatibility types (BACKWARD: delete fields, add optional fields;
 * FORWARD: add fields, delete optional fields; FULL: add and delete optional fields), and the Apache
 * Avro 1.11 specification's schema resolution (promotions one way only; renames through reader
 * aliases). Every row counts disagreements, so the reference is exactly 0.
 */
import { checkLevel, type RecordSchema } from "@/lib/schemas/compatibility";
import { ORDER_V1, applyEvolution, type EvolutionEdit } from "@/lib/schemas/evolution";
import type { RowSpec } from "./rows";

const widget = { href: "/learn/schema-management#schema-compatibility-levels", label: "Try it in the schema widget" };

/** A change to ORDER_V1 and the levels the references say accept it: [BACKWARD, FORWARD, FULL]. */
const CASES: { change: string; from?: RecordSchema; edit: EvolutionEdit; expected: [boolean, boolean, boolean] }[] = [
  { change: "add a field with a default", edit: { kind: "add", field: { name: "currency", type: "string", hasDefault: true } }, expected: [true, true, true] },
  { change: "add a field without a default", edit: { kind: "add", field: { name: "currency", type: "string", hasDefault: false } }, expected: [false, true, false] },
  { change: "delete a field with a default", edit: { kind: "remove", name: "note" }, expected: [true, true, true] },
  { change: "delete a field without a default", edit: { kind: "remove", name: "amountCents" }, expected: [true, false, false] },
  { change: "widen int to long", edit: { kind: "change-type", name: "amountCents", to: "long" }, expected: [true, false, false] },
  { change: "narrow long to int", from: applyEvolution(ORDER_V1, { kind: "change-type", name: "amountCents", to: "long" }), edit: { kind: "change-type", name: "amountCents", to: "int" }, expected: [false, true, false] },
  { change: "change string to int", edit: { kind: "change-type", name: "orderId", to: "int" }, expected: [false, false, false] },
  { change: "rename a required field without an alias", edit: { kind: "rename", name: "amountCents", to: "totalCents", alias: false }, expected: [false, false, false] },
  { change: "rename a required field with a reader alias", edit: { kind: "rename", name: "amountCents", to: "totalCents", alias: true }, expected: [true, false, false] },
];

/** Verdicts (change × level) that differ from the references. */
export function documentedLevelMismatches(): number {
  let bad = 0;
  for (const c of CASES) {
    const from = c.from ?? ORDER_V1;
    const next = applyEvolution(from, c.edit);
    (["BACKWARD", "FORWARD", "FULL"] as const).forEach((level, i) => {
      if (checkLevel([from, next], level).compatible !== c.expected[i]) bad++;
    });
  }
  return bad;
}

/** Every schema row, in page order. */
export function schemaRowSpecs(): RowSpec[] {
  return [
    {
      id: "schemas-documented-levels",
      family: "schemas",
      compared: "verdicts that differ from the documented ones (change × BACKWARD, FORWARD, FULL)",
      setting: `${CASES.length} classic changes to the Order record: ${CASES.map((c) => c.change).join("; ")}`,
      unit: "count",
      comparison: "equal",
      theory: 0,
      replications: 1,
      method: `${CASES.length * 3} verdicts of lib/schemas against the Confluent Schema Registry summary table and Avro 1.11 schema resolution (deterministic)`,
      sample: () => documentedLevelMismatches(),
      widget,
    },
  ];
}
