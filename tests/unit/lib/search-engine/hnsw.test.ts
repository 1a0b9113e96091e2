import { describe, expect, it } from "vitest";
import { buildHnsw, dist, exactKnn, recallAtK, recallCurve, searchHnsw, seededPoints } from "@/lib/search-engine/hnsw";

const points = seededPoints(1000, 7);
const queries = seededPoints(100, 99);

describe("HNSW over seeded 2-D points", () => {
  it("is deterministic for a seed", () => {
    expect(seededPoints(5, 3)).toEqual(seededPoints(5, 3));
    const a = buildHnsw(points.slice(0, 200), { m: 4, efConstruction: 16 }, 1);
    const b = buildHnsw(points.slice(0, 200), { m: 4, efConstruction: 16 }, 1);
    expect(searchHnsw(a, queries[0], 5, 10)).toEqual(searchHnsw(b, queries[0], 5, 10));
  });

  it("keeps at most M links on upper layers and 2M on layer 0, and every link points to a node on that layer", () => {
    const ix = buildHnsw(points, { m: 4, efConstruction: 16 }, 7);
    ix.links.forEach((layer, l) => {
      for (const [, ns] of layer) {
        expect(ns.length).toBeLessThanOrEqual(l === 0 ? 8 : 4);
        for (const n of ns) expect(layer.has(n)).toBe(true);
      }
    });
    // Layer sizes shrink roughly geometrically (mL = 1/ln M: about 1 in 4 nodes reaches layer 1).
    expect(ix.links[1].size).toBeGreaterThan(150);
    expect(ix.links[1].size).toBeLessThan(350);
  });

  it("exact k-NN is sorted by distance and recall counts the overlap", () => {
    const t = exactKnn(points, queries[0], 5);
    for (let i = 1; i < 5; i++) expect(dist(queries[0], points[t[i]])).toBeGreaterThanOrEqual(dist(queries[0], points[t[i - 1]]));
    expect(recallAtK([t[0], t[1], 999999], t.slice(0, 3))).toBeCloseTo(2 / 3, 12);
  });

  it("a wider beam raises recall and costs more distance computations, far fewer than brute force", () => {
    const ix = buildHnsw(points, { m: 4, efConstruction: 32 }, 7);
    const [narrow, wide] = recallCurve(ix, 5, [5, 100], queries);
    expect(wide.recall).toBeGreaterThanOrEqual(narrow.recall);
    expect(wide.recall).toBe(1);
    expect(wide.distances).toBeGreaterThan(narrow.distances);
    expect(wide.distances).toBeLessThan(points.length / 4);
  });

  it("a beam as wide as the data finds the exact answer", () => {
    const small = points.slice(0, 150);
    const ix = buildHnsw(small, { m: 3, efConstruction: 8 }, 2);
    for (const q of queries.slice(0, 20)) expect(searchHnsw(ix, q, 5, 150).results).toEqual(exactKnn(small, q, 5));
  });
});
