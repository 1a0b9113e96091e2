/** The schema row on /fidelity: lib/schemas gives every documented verdict for the classic changes. */
import { describe, expect, it } from "vitest";
import { evaluateRow } from "@/lib/fidelity/rows";
import { documentedLevelMismatches, schemaRowSpecs } from "@/lib/fidelity/schema-rows";

describe("schema fidelity rows", () => {
  it("agree: no verdict differs from the Confluent table and the Avro specification", () => {
    expect(documentedLevelMismatches()).toBe(0);
    for (const r of schemaRowSpecs().map(evaluateRow)) expect(r.verdict, `${r.id}: ${r.estimate} vs ${r.theory}`).toBe("agrees");
  });
});
