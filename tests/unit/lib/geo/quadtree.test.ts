import { describe, expect, it } from "vitest";
import { allNodes, bruteNearest, bruteRadius, buildQuadtree, nearestQuery, radiusQuery, seededPoints, seededRandom } from "@/lib/geo/quadtree";

const ids = (ps: { id: number }[]) => ps.map((p) => p.id);

describe("quadtree", () => {
  it("keeps every point exactly once, in a leaf whose square holds it, at most `capacity` per leaf", () => {
    const points = seededPoints(500, 7);
    const tree = buildQuadtree(points, 4);
    const leaves = allNodes(tree).filter((n) => !n.children);
    const held = leaves.flatMap((l) => l.points);
    expect(held).toHaveLength(500);
    expect(new Set(ids(held)).size).toBe(500);
    for (const leaf of leaves) {
      expect(leaf.points.length).toBeLessThanOrEqual(4);
      for (const p of leaf.points) {
        expect(p.x).toBeGreaterThanOrEqual(leaf.bounds.x);
        expect(p.x).toBeLessThan(leaf.bounds.x + leaf.bounds.size);
        expect(p.y).toBeGreaterThanOrEqual(leaf.bounds.y);
        expect(p.y).toBeLessThan(leaf.bounds.y + leaf.bounds.size);
      }
    }
    for (const node of allNodes(tree)) if (node.children) expect(node.points).toEqual([]);
  });

  it("is deterministic for a seed", () => {
    expect(seededPoints(50, 3)).toEqual(seededPoints(50, 3));
    expect(seededPoints(50, 3)).not.toEqual(seededPoints(50, 4));
  });

  it("answers radius queries exactly like brute force, examining fewer points", () => {
    const random = seededRandom(11);
    let examinedTotal = 0;
    let queries = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const points = seededPoints(400, seed);
      for (const capacity of [1, 4, 16]) {
        const tree = buildQuadtree(points, capacity);
        for (let q = 0; q < 20; q++) {
          const [x, y, r] = [random(), random(), 0.02 + random() * 0.15];
          const result = radiusQuery(tree, x, y, r);
          expect(ids(result.found)).toEqual(ids(bruteRadius(points, x, y, r)));
          examinedTotal += result.examined;
          queries++;
        }
      }
    }
    // On average well under half of the 400 points a brute-force scan examines.
    expect(examinedTotal / queries).toBeLessThan(400 * 0.35);
  });

  it("answers k-nearest queries exactly like brute force, visiting a fraction of the nodes", () => {
    const random = seededRandom(5);
    for (const seed of [8, 9, 10]) {
      const points = seededPoints(600, seed);
      const tree = buildQuadtree(points, 8);
      const nodes = allNodes(tree).length;
      for (let q = 0; q < 30; q++) {
        const [x, y, k] = [random(), random(), 1 + Math.floor(random() * 10)];
        const result = nearestQuery(tree, x, y, k);
        expect(ids(result.found)).toEqual(ids(bruteNearest(points, x, y, k)));
        expect(result.examined).toBeLessThan(points.length / 2);
        expect(result.visited.length).toBeLessThan(nodes);
      }
    }
  });

  it("survives many identical points (depth cap) and refuses bad input", () => {
    const same = Array.from({ length: 30 }, (_, id) => ({ id, x: 0.5, y: 0.5 }));
    const tree = buildQuadtree(same, 2);
    expect(radiusQuery(tree, 0.5, 0.5, 0.01).found).toHaveLength(30);
    expect(() => buildQuadtree([{ id: 0, x: 1.5, y: 0 }], 4)).toThrow(/point 0 is outside the unit square/);
    expect(() => buildQuadtree([], 0)).toThrow(/capacity must be an integer from 1 to 64/);
    expect(() => nearestQuery(tree, 0, 0, 0)).toThrow(/k must be a positive integer/);
  });

  it("handles points on the far edges of the square", () => {
    const points = [{ id: 0, x: 1, y: 1 }, { id: 1, x: 0, y: 0 }, { id: 2, x: 1, y: 0 }];
    const tree = buildQuadtree([...points, ...seededPoints(20, 1).map((p) => ({ ...p, id: p.id + 3 }))], 1);
    expect(ids(radiusQuery(tree, 1, 1, 0.001).found)).toEqual([0]);
  });
});
