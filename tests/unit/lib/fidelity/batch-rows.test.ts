import { describe, expect, it } from "vitest";
import { evaluateRow } from "@/lib/fidelity/rows";
import { batchRowSpecs } from "@/lib/fidelity/batch-rows";

describe("batch fidelity rows", () => {
  it("every row agrees with the job model's reference", () => {
    const rows = batchRowSpecs().map(evaluateRow);
    expect(rows.map((r) => r.id)).toEqual(["batch-critical-path", "batch-backups-never-slower", "batch-skewed-reducer", "batch-salted-reducer", "batch-lineage-recompute"]);
    for (const r of rows) expect(r.verdict, `${r.id}: ${r.estimate} ± ${r.halfWidth}`).toBe("agrees");
    expect(rows[1].method).toMatch(/mean slowdown without backups ×1\.[2-6]\d/);
  });

  it("the rows can fail: the skewed reducer's time does not match an even share", () => {
    const spec = batchRowSpecs().find((r) => r.id === "batch-skewed-reducer")!;
    expect(evaluateRow({ ...spec, theory: 1 / 4.8 }).verdict).toBe("flagged");
  });
});
