import { describe, expect, it } from "vitest";
import { SAMPLE_GRAPH, addEdge, adjacency, friendsOfFriends, hasEdge, removeEdge, traverse, withSupernode, type Graph } from "@/lib/graph/traversal";

/** Row sums of A^k by matrix multiplication, the reference for the join's row count. */
function walksByMatrix(g: Graph, start: number, k: number): number {
  const n = g.people.length;
  const a = Array.from({ length: n }, () => Array<number>(n).fill(0));
  for (const [x, y] of g.edges) a[x][y] = a[y][x] = 1;
  let row = a[start].slice();
  for (let step = 1; step < k; step++) row = row.map((_, j) => row.reduce((s, r, i) => s + r * a[i][j], 0));
  return row.reduce((s, v) => s + v, 0);
}

const path: Graph = { people: ["a", "b", "c", "d"], edges: [[0, 1], [1, 2], [2, 3]] };
const triangle: Graph = { people: ["a", "b", "c"], edges: [[0, 1], [0, 2], [1, 2]] };

describe("traverse", () => {
  it("gives breadth-first distances on a path", () => {
    const t = traverse(path, 0, 3);
    expect(t.distance).toEqual([0, 1, 2, 3]);
    expect(t.steps.map((s) => s.newlyReached)).toEqual([[1], [2], [3]]);
    expect(t.steps.map((s) => s.visited)).toEqual([2, 3, 4]);
  });

  it("stops at maxHops and leaves the rest unreached", () => {
    expect(traverse(path, 0, 1).distance).toEqual([0, 1, null, null]);
  });

  it("counts join rows as walks (A^k row sums) and probes as the rows carried in", () => {
    for (const g of [path, triangle, SAMPLE_GRAPH, withSupernode(SAMPLE_GRAPH)]) {
      const t = traverse(g, 0, 4);
      t.steps.forEach((s, i) => {
        expect(s.joinRows).toBe(walksByMatrix(g, 0, s.hop));
        expect(s.indexProbes).toBe(i === 0 ? 1 : t.steps[i - 1].joinRows);
      });
    }
  });

  it("on a triangle, walks double every hop while only two people exist to reach", () => {
    const t = traverse(triangle, 0, 4);
    expect(t.steps.map((s) => s.joinRows)).toEqual([2, 4, 8, 16]);
    expect(t.steps.map((s) => s.visited)).toEqual([3, 3, 3, 3]);
    // DISTINCT rows are people at the end of some walk of that length, start included from hop 2.
    expect(t.steps.map((s) => s.distinctRows)).toEqual([2, 3, 3, 3]);
  });

  it("reads each frontier person's adjacency list once", () => {
    const adj = adjacency(SAMPLE_GRAPH);
    const t = traverse(SAMPLE_GRAPH, 0, 3);
    let frontier = [0];
    for (const s of t.steps) {
      expect(s.frontier).toBe(frontier.length);
      expect(s.edgesFollowed).toBe(frontier.reduce((sum, v) => sum + adj[v].length, 0));
      frontier = s.newlyReached;
    }
  });

  it("refuses a bad start or depth", () => {
    expect(() => traverse(path, 4, 2)).toThrow(/start/);
    expect(() => traverse(path, 0, 0)).toThrow(/maxHops/);
  });
});

describe("editing the graph", () => {
  it("adds once, normalises, ignores self-loops, removes", () => {
    const g1 = addEdge(path, 3, 0);
    expect(hasEdge(g1, 0, 3)).toBe(true);
    expect(addEdge(g1, 0, 3)).toBe(g1);
    expect(addEdge(g1, 2, 2)).toBe(g1);
    expect(hasEdge(removeEdge(g1, 3, 0), 0, 3)).toBe(false);
  });

  it("friends of friends excludes friends and the start", () => {
    expect(friendsOfFriends(path, 0)).toEqual([2]);
    expect(friendsOfFriends(triangle, 0)).toEqual([]);
  });

  it("a supernode puts everyone within two hops", () => {
    const g = withSupernode(SAMPLE_GRAPH);
    const t = traverse(g, 0, 2);
    expect(t.steps[1].visited).toBe(g.people.length);
  });
});
