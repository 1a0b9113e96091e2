import { describe, expect, it } from "vitest";
import { evaluateRow } from "@/lib/fidelity/rows";
import { graphRowSpecs, randomGraph } from "@/lib/fidelity/graph-rows";
import { FIDELITY_FAMILIES } from "@/lib/fidelity/families";
import { traverse } from "@/lib/graph/traversal";

describe("graph fidelity rows", () => {
  it("every row agrees: join rows are walks, BFS hops are shortest distances", () => {
    const rows = graphRowSpecs().map(evaluateRow);
    expect(rows.map((r) => r.id)).toEqual(["graph-join-rows-are-walks", "graph-bfs-shortest-hops"]);
    for (const r of rows) {
      expect(FIDELITY_FAMILIES[r.family]).toBeDefined();
      expect(r.verdict, r.id).toBe("agrees");
      expect(r.widget?.href).toBe("/learn/graph-databases#graph-vs-relational-joins");
    }
  });

  it("the random graphs are varied and the check can fail: DISTINCT rows are not walks", () => {
    const sizes = new Set([1, 2, 3, 4, 5].map((s) => randomGraph(s).edges.length));
    expect(sizes.size).toBeGreaterThan(1);
    const differ = [1, 2, 3].some((s) => traverse(randomGraph(s), 0, 3).steps.some((x) => x.distinctRows !== x.joinRows));
    expect(differ).toBe(true);
  });
});
