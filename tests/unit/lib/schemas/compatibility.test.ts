/**
 * Avro schema resolution (Apache Avro 1.11 specification) and the registry levels (Confluent Schema
 * Registry docs): the classic evolutions land on the level the documentation gives them, and the
 * transitive levels catch what the non-transitive ones let through.
 */
import { describe, expect, it } from "vitest";
import { applyEdit, checkLevel, promotes, resolve, type CompatibilityLevel, type RecordSchema } from "@/lib/schemas/compatibility";

const v1: RecordSchema = { fields: [{ name: "orderId", type: "string", hasDefault: false }, { name: "amount", type: "int", hasDefault: false }] };
const ok = (versions: RecordSchema[], level: CompatibilityLevel) => checkLevel(versions, level).compatible;
const levels = (next: RecordSchema) => ({ backward: ok([v1, next], "BACKWARD"), forward: ok([v1, next], "FORWARD"), full: ok([v1, next], "FULL") });

describe("reader/writer resolution", () => {
  it("follows Avro's promotions one way only", () => {
    expect(promotes("int", "long")).toBe(true);
    expect(promotes("long", "int")).toBe(false);
    expect(promotes("float", "double")).toBe(true);
    expect(promotes("string", "bytes") && promotes("bytes", "string")).toBe(true);
    expect(promotes("boolean", "int")).toBe(false);
  });
  it("names the rule that refuses", () => {
    const reader = applyEdit(v1, { kind: "add", field: { name: "currency", type: "string", hasDefault: false } });
    expect(resolve(reader, v1)).toEqual([expect.objectContaining({ field: "currency", rule: "missing-default" })]);
    expect(resolve(v1, applyEdit(v1, { kind: "change-type", name: "amount", to: "long" }))[0]).toMatchObject({ field: "amount", rule: "type-mismatch" });
  });
});

describe("registry levels", () => {
  it("add a field with a default: fully compatible", () => {
    expect(levels(applyEdit(v1, { kind: "add", field: { name: "currency", type: "string", hasDefault: true } }))).toEqual({ backward: true, forward: true, full: true });
  });
  it("add a field without a default: forward only", () => {
    expect(levels(applyEdit(v1, { kind: "add", field: { name: "currency", type: "string", hasDefault: false } }))).toEqual({ backward: false, forward: true, full: false });
  });
  it("remove a field without a default: backward only", () => {
    expect(levels(applyEdit(v1, { kind: "remove", name: "amount" }))).toEqual({ backward: true, forward: false, full: false });
  });
  it("remove a field that had a default: fully compatible", () => {
    const withDefault = applyEdit(v1, { kind: "set-default", name: "amount", hasDefault: true });
    expect(ok([withDefault, applyEdit(withDefault, { kind: "remove", name: "amount" })], "FULL")).toBe(true);
  });
  it("widen int to long: backward only; narrow back: forward only", () => {
    const wide = applyEdit(v1, { kind: "change-type", name: "amount", to: "long" });
    expect(levels(wide)).toEqual({ backward: true, forward: false, full: false });
    expect(ok([wide, v1], "FORWARD")).toBe(true);
    expect(ok([wide, v1], "BACKWARD")).toBe(false);
  });
  it("transitive levels check every earlier version, not only the previous one", () => {
    const v2 = applyEdit(v1, { kind: "add", field: { name: "currency", type: "string", hasDefault: true } });
    const v3 = applyEdit(v2, { kind: "set-default", name: "currency", hasDefault: false });
    expect(ok([v1, v2, v3], "BACKWARD")).toBe(true);
    const t = checkLevel([v1, v2, v3], "BACKWARD_TRANSITIVE");
    expect(t.compatible).toBe(false);
    expect(t.checks.find((c) => c.problems.length > 0)).toMatchObject({ reader: 3, writer: 1 });
  });
  it("NONE checks nothing; a first version is always accepted", () => {
    expect(checkLevel([v1, { fields: [] }], "NONE")).toEqual({ level: "NONE", compatible: true, checks: [] });
    expect(ok([v1], "FULL_TRANSITIVE")).toBe(true);
  });
  it("refuses edits that name no field, duplicate one or use a bad name", () => {
    expect(() => applyEdit(v1, { kind: "remove", name: "nope" })).toThrow(/no field "nope"/);
    expect(() => applyEdit(v1, { kind: "add", field: { name: "amount", type: "int", hasDefault: true } })).toThrow(/already has a field "amount"/);
    expect(() => applyEdit(v1, { kind: "add", field: { name: "1x", type: "int", hasDefault: true } })).toThrow(/not an Avro field name/);
  });
});
