import { describe, expect, it } from "vitest";
import { evaluateRow } from "@/lib/fidelity/rows";
import { searchEngineRowSpecs } from "@/lib/fidelity/search-engine-rows";

describe("search-engine fidelity rows", () => {
  it("every row agrees with the BM25 reference", () => {
    const rows = searchEngineRowSpecs().map(evaluateRow);
    expect(rows.map((r) => r.id)).toEqual(["search-bm25-worked-example", "search-bm25-saturation", "search-dfs-one-shard"]);
    for (const r of rows) expect(r.verdict, `${r.id}: ${r.estimate}`).toBe("agrees");
    expect(rows[0].estimate).toBeCloseTo(0.56658, 5);
    expect(rows[2].method).toMatch(/differ by up to \d\.\d\d/);
  });

  it("the rows can fail: a wrong hand value is flagged", () => {
    const spec = searchEngineRowSpecs()[0];
    expect(evaluateRow({ ...spec, theory: 0.5666 }).verdict).toBe("flagged");
  });
});

describe("HNSW fidelity rows", () => {
  it("every row agrees with the paper's definitions", async () => {
    const { annRowSpecs } = await import("@/lib/fidelity/search-engine-rows");
    const rows = annRowSpecs().map(evaluateRow);
    expect(rows.map((r) => r.id)).toEqual(["ann-hnsw-level-share"]);
    for (const r of rows) expect(r.verdict, `${r.id}: ${r.estimate} ± ${r.halfWidth}`).toBe("agrees");
    expect(evaluateRow({ ...annRowSpecs()[0], theory: 1 / 3 }).verdict).toBe("flagged");
  });
});
