/**
 * The schema widget's logic: renames as Avro sees them (a remove and an add; a reader alias makes the
 * new reader read the old data, never the reverse), both reading directions, the registry's verdict
 * and the rollout order per level (Confluent Schema Registry docs).
 */
import { describe, expect, it } from "vitest";
import { ORDER_V1, applyEvolution, describeEdit, directions, explain, registryVerdict, rolloutOrder } from "@/lib/schemas/evolution";

describe("rename", () => {
  it("without an alias is a remove and an add: neither side can read across it", () => {
    const next = applyEvolution(ORDER_V1, { kind: "rename", name: "amountCents", to: "totalCents", alias: false });
    expect(next.fields.map((f) => f.name)).toEqual(["orderId", "totalCents", "note"]);
    const d = directions(ORDER_V1, next);
    expect(d.newReadsOld).toEqual([expect.objectContaining({ field: "totalCents", rule: "missing-default" })]);
    expect(d.oldReadsNew).toEqual([expect.objectContaining({ field: "amountCents", rule: "missing-default" })]);
  });
  it("with an alias the new reader finds the old name; old readers still cannot", () => {
    const next = applyEvolution(ORDER_V1, { kind: "rename", name: "amountCents", to: "totalCents", alias: true });
    expect(next.fields[1]).toMatchObject({ name: "totalCents", aliases: ["amountCents"] });
    expect(registryVerdict([ORDER_V1], next, "BACKWARD").compatible).toBe(true);
    expect(registryVerdict([ORDER_V1], next, "FORWARD").compatible).toBe(false);
  });
  it("renaming an optional field with an alias is fully compatible", () => {
    const next = applyEvolution(ORDER_V1, { kind: "rename", name: "note", to: "comment", alias: true });
    expect(registryVerdict([ORDER_V1], next, "FULL").compatible).toBe(true);
  });
  it("refuses a rename to the same name or of a missing field", () => {
    expect(() => applyEvolution(ORDER_V1, { kind: "rename", name: "note", to: "note", alias: true })).toThrow(/already has that name/);
    expect(() => applyEvolution(ORDER_V1, { kind: "rename", name: "nope", to: "x", alias: true })).toThrow(/no field "nope"/);
  });
});

describe("verdicts and words", () => {
  it("a transitive level catches a change the plain level lets through, across three versions", () => {
    const v2 = applyEvolution(ORDER_V1, { kind: "remove", name: "note" });
    const v3 = applyEvolution(v2, { kind: "add", field: { name: "note", type: "int", hasDefault: true } });
    expect(registryVerdict([ORDER_V1, v2], v3, "FULL").compatible).toBe(true);
    const t = registryVerdict([ORDER_V1, v2], v3, "FULL_TRANSITIVE");
    expect(t.compatible).toBe(false);
    expect(t.checks.filter((c) => c.problems.length > 0).map((c) => [c.reader, c.writer])).toEqual([[3, 1], [1, 3]]);
  });
  it("says which side upgrades first", () => {
    expect(rolloutOrder("BACKWARD_TRANSITIVE")).toMatch(/consumers first/);
    expect(rolloutOrder("FORWARD")).toMatch(/producers first/);
    expect(rolloutOrder("FULL")).toMatch(/Either side/);
    expect(rolloutOrder("NONE")).toMatch(/checks nothing/);
  });
  it("describes edits and problems in words", () => {
    expect(describeEdit({ kind: "add", field: { name: "tip", type: "int", hasDefault: false } })).toBe('add int "tip" without a default');
    expect(describeEdit({ kind: "set-default", name: "note", hasDefault: false })).toBe('drop the default of "note"');
    expect(explain([])).toBe("yes");
    const next = applyEvolution(ORDER_V1, { kind: "change-type", name: "amountCents", to: "long" });
    expect(explain(directions(ORDER_V1, next).oldReadsNew)).toMatch(/^no: "amountCents" was written as long/);
  });
});
