/**
 * Fidelity rows for the graph-database widget (lib/graph/traversal.ts), checked on seeded random
 * graphs: the rows a k-hop self-join produces without DISTINCT are the walks of length k, the row
 * sum of A^k for the adjacency matrix A (computed here by matrix products, independently of the
 * widget's propagation); a breadth-first search reaches exactly the people within k hops, each once,
 * at its shortest distance (checked against distances by repeated relaxation). Every row counts
 * violations, so the reference is exactly 0.
 */
import { traverse, type Graph } from "@/lib/graph/traversal";
import type { RowSpec } from "./rows";
import { seededRandom as random } from "@/lib/random/seeded";

const GRAPHS = 50;
const HOPS = 4;
const widget = { href: "/learn/graph-databases#graph-vs-relational-joins", label: "Try it in the traversal explorer" };
const method = `${GRAPHS} seeded random graphs of 12 people, each friendship present with probability 0.25, from every start, 1–${HOPS} hops`;


export function randomGraph(seed: number, n = 12, p = 0.25): Graph {
  const r = random(seed);
  const edges: [number, number][] = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (r() < p) edges.push([a, b]);
  return { people: Array.from({ length: n }, (_, i) => `p${i}`), edges };
}

function matrix(g: Graph): number[][] {
  const n = g.people.length;
  const m = Array.from({ length: n }, () => Array<number>(n).fill(0));
  for (const [a, b] of g.edges) m[a][b] = m[b][a] = 1;
  return m;
}

/** Walk counts by matrix powers: row `start` of A^k, summed, for k = 1..hops. */
function walksByPowers(a: number[][], start: number, hops: number): number[] {
  const n = a.length;
  let row = a[start].slice();
  const out = [row.reduce((s, v) => s + v, 0)];
  for (let k = 2; k <= hops; k++) {
    row = Array.from({ length: n }, (_, j) => row.reduce((s, r, i) => s + r * a[i][j], 0));
    out.push(row.reduce((s, v) => s + v, 0));
  }
  return out;
}

/** Shortest hop distances by repeated relaxation over the edge list (Bellman–Ford with unit weights). */
function distancesByRelaxation(g: Graph, start: number): number[] {
  const d = g.people.map((_, i) => (i === start ? 0 : Infinity));
  for (let round = 0; round < g.people.length; round++)
    for (const [a, b] of g.edges) {
      d[b] = Math.min(d[b], d[a] + 1);
      d[a] = Math.min(d[a], d[b] + 1);
    }
  return d;
}

/** Every graph row, in page order. */
export function graphRowSpecs(): RowSpec[] {
  return [
    {
      id: "graph-join-rows-are-walks",
      family: "graph",
      compared: "hops whose self-join row count differs from the walks of that length (row sums of A^k)",
      setting: `every start, 1 to ${HOPS} hops`,
      unit: "count",
      comparison: "equal",
      theory: 0,
      replications: GRAPHS,
      method,
      widget,
      sample: (seed) => {
        const g = randomGraph(seed);
        const a = matrix(g);
        let bad = 0;
        for (let s = 0; s < g.people.length; s++) {
          const want = walksByPowers(a, s, HOPS);
          traverse(g, s, HOPS).steps.forEach((step, i) => {
            if (step.joinRows !== want[i]) bad++;
          });
        }
        return bad;
      },
    },
    {
      id: "graph-bfs-shortest-hops",
      family: "graph",
      compared: "people whose breadth-first hop differs from their shortest distance, or who are counted more than once",
      setting: `every start, ${HOPS} hops`,
      unit: "count",
      comparison: "equal",
      theory: 0,
      replications: GRAPHS,
      method,
      widget,
      sample: (seed) => {
        const g = randomGraph(seed);
        let bad = 0;
        for (let s = 0; s < g.people.length; s++) {
          const t = traverse(g, s, HOPS);
          const d = distancesByRelaxation(g, s);
          for (let v = 0; v < d.length; v++) if ((d[v] <= HOPS ? d[v] : null) !== t.distance[v]) bad++;
          const reached = t.steps.flatMap((x) => x.newlyReached);
          bad += reached.length - new Set(reached).size;
          if (t.steps.at(-1)!.visited !== 1 + reached.length) bad++;
        }
        return bad;
      },
    },
  ];
}
