/** The isolation rows on /fidelity: each agrees with PostgreSQL's Hermitage row, and the counts are the row's. */
import { describe, expect, it } from "vitest";
import { evaluateRow } from "@/lib/fidelity/rows";
import { isolationRowSpecs } from "@/lib/fidelity/isolation-rows";

describe("isolation fidelity rows", () => {
  const rows = isolationRowSpecs().map(evaluateRow);
  it("all agree", () => {
    for (const r of rows) expect(r.verdict, `${r.id}: ${r.estimate} vs ${r.theory}`).toBe("agrees");
  });
  it("count the anomalies PostgreSQL allows per level: 5, 2 and 0", () => {
    expect(Object.fromEntries(rows.map((r) => [r.id, r.theory]))).toMatchObject({ "isolation-read-committed": 5, "isolation-repeatable-read": 2, "isolation-serializable": 0, "isolation-hermitage-cells": 0 });
    expect(rows.find((r) => r.id === "isolation-read-committed")?.compared).toContain("PMP, P4, G-single, G2-item, G2");
  });
});
