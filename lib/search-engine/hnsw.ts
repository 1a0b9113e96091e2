/**
 * A small HNSW index over 2-D points (Malkov & Yashunin, "Efficient and robust approximate nearest
 * neighbor search using Hierarchical Navigable Small World graphs", 2016/2018), deterministic for a
 * seed: layers drawn with mL = 1/ln(M), insertion by Algorithm 1 with the paper's neighbour-selection
 * heuristic (Algorithm 4), at most M links per node on upper layers and 2M on layer 0, search by
 * greedy descent (ef = 1) to layer 0 and a beam of width ef there (Algorithm 2). Distances are
 * Euclidean. Also exact k-NN by brute force, recall@k, and seeded points and queries.
 */
import { mulberry32 } from "./random";

export interface Point {
  x: number;
  y: number;
}

export interface HnswParams {
  /** Links per node on upper layers (layer 0 keeps up to 2M). */
  m: number;
  /** Beam width while inserting. */
  efConstruction: number;
}

export interface HnswIndex {
  points: Point[];
  /** links[layer][node] = neighbour ids (only for nodes present on that layer). */
  links: Map<number, number[]>[];
  levels: number[];
  entry: number;
  params: HnswParams;
}

export const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/** `count` points in [0, 1]², a mix of clusters and background, the same for the same seed. */
export function seededPoints(count: number, seed: number): Point[] {
  const r = mulberry32(seed);
  const centres = Array.from({ length: 6 }, () => ({ x: 0.1 + 0.8 * r(), y: 0.1 + 0.8 * r() }));
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return Array.from({ length: count }, () => {
    if (r() < 0.3) return { x: r(), y: r() };
    const c = centres[Math.floor(r() * centres.length)];
    // Box–Muller for a gaussian blob of σ = 0.06.
    const u = Math.max(r(), 1e-12);
    const v = r();
    const g = Math.sqrt(-2 * Math.log(u));
    return { x: clamp(c.x + 0.06 * g * Math.cos(2 * Math.PI * v)), y: clamp(c.y + 0.06 * g * Math.sin(2 * Math.PI * v)) };
  });
}

interface Cand {
  id: number;
  d: number;
}

/** Counts distance computations, the usual proxy for search cost. */
export interface Counter {
  distances: number;
}

/** Algorithm 2: beam search on one layer from `entries`, returning up to ef nearest found, closest first. */
function searchLayer(index: HnswIndex, q: Point, entries: number[], ef: number, layer: number, counter: Counter, visitedOut?: Set<number>): Cand[] {
  const visited = new Set(entries);
  const start = entries.map((id) => ({ id, d: dist(q, index.points[id]) }));
  counter.distances += start.length;
  const candidates = [...start].sort((a, b) => a.d - b.d || a.id - b.id);
  const found = [...start].sort((a, b) => a.d - b.d || a.id - b.id).slice(0, ef);
  while (candidates.length) {
    const c = candidates.shift()!;
    if (found.length >= ef && c.d > found[found.length - 1].d) break;
    for (const n of index.links[layer].get(c.id) ?? []) {
      if (visited.has(n)) continue;
      visited.add(n);
      const d = dist(q, index.points[n]);
      counter.distances++;
      if (found.length < ef || d < found[found.length - 1].d) {
        const cand = { id: n, d };
        insertSorted(candidates, cand);
        insertSorted(found, cand);
        if (found.length > ef) found.pop();
      }
    }
  }
  if (visitedOut) for (const v of visited) visitedOut.add(v);
  return found;
}

function insertSorted(list: Cand[], c: Cand) {
  let i = list.length;
  while (i > 0 && (list[i - 1].d > c.d || (list[i - 1].d === c.d && list[i - 1].id > c.id))) i--;
  list.splice(i, 0, c);
}

/**
 * Algorithm 4's heuristic (as hnswlib applies it): walk the candidates closest first and keep one
 * only if it is closer to the new node than to every neighbour kept so far. Links then point in
 * different directions, which keeps clusters connected to each other.
 */
function selectNeighbours(points: Point[], sorted: Cand[], m: number): number[] {
  const kept: Cand[] = [];
  for (const c of sorted) {
    if (kept.length >= m) break;
    if (kept.every((k) => dist(points[c.id], points[k.id]) > c.d)) kept.push(c);
  }
  return kept.map((c) => c.id);
}

/** Builds the index, inserting points in order; levels come from the seed. */
export function buildHnsw(points: Point[], params: HnswParams, seed = 1): HnswIndex {
  const r = mulberry32(seed ^ 0x9e3779b9);
  const mL = 1 / Math.log(Math.max(2, params.m));
  const index: HnswIndex = { points, links: [], levels: [], entry: 0, params };
  const counter = { distances: 0 };
  points.forEach((p, id) => {
    const level = Math.floor(-Math.log(Math.max(r(), 1e-12)) * mL);
    index.levels.push(level);
    while (index.links.length <= level) index.links.push(new Map());
    for (let l = 0; l <= level; l++) index.links[l].set(id, []);
    if (id === 0) return;
    const top = index.levels[index.entry];
    let entries = [index.entry];
    for (let l = top; l > level; l--) entries = [searchLayer(index, p, entries, 1, l, counter)[0].id];
    for (let l = Math.min(top, level); l >= 0; l--) {
      const found = searchLayer(index, p, entries, params.efConstruction, l, counter);
      const maxLinks = l === 0 ? 2 * params.m : params.m;
      const chosen = selectNeighbours(points, found.filter((c) => c.id !== id), params.m);
      index.links[l].set(id, chosen);
      for (const n of chosen) {
        const list = index.links[l].get(n)!;
        list.push(id);
        if (list.length > maxLinks) {
          const np = points[n];
          const cands = list.map((c) => ({ id: c, d: dist(np, points[c]) })).sort((a, b) => a.d - b.d || a.id - b.id);
          index.links[l].set(n, selectNeighbours(points, cands, maxLinks));
        }
      }
      entries = found.map((c) => c.id);
    }
    if (level > top) index.entry = id;
  });
  return index;
}

export interface SearchTrace {
  /** The k results, closest first. */
  results: number[];
  /** Every node whose distance was computed on layer 0. */
  visited: Set<number>;
  /** The greedy path through the upper layers, entry point first. */
  path: number[];
  distances: number;
}

/** Algorithm 5: greedy descent with ef = 1, then a beam of max(ef, k) on layer 0. */
export function searchHnsw(index: HnswIndex, q: Point, k: number, ef: number): SearchTrace {
  const counter = { distances: 0 };
  let entries = [index.entry];
  const path = [index.entry];
  for (let l = index.levels[index.entry]; l > 0; l--) {
    entries = [searchLayer(index, q, entries, 1, l, counter)[0].id];
    if (path.at(-1) !== entries[0]) path.push(entries[0]);
  }
  const visited = new Set<number>();
  const found = searchLayer(index, q, entries, Math.max(ef, k), 0, counter, visited);
  return { results: found.slice(0, k).map((c) => c.id), visited, path, distances: counter.distances };
}

/** Exact k nearest by brute force (ties by id). */
export function exactKnn(points: Point[], q: Point, k: number): number[] {
  return points
    .map((p, id) => ({ id, d: dist(q, p) }))
    .sort((a, b) => a.d - b.d || a.id - b.id)
    .slice(0, k)
    .map((c) => c.id);
}

/** Share of the true k nearest that the approximate answer found. */
export function recallAtK(found: number[], truth: number[]): number {
  const t = new Set(truth);
  return truth.length ? found.filter((id) => t.has(id)).length / truth.length : 1;
}

/** Mean recall@k and mean distance computations over `queries` seeded query points. */
export function recallCurve(index: HnswIndex, k: number, efs: number[], queries: Point[]): { ef: number; recall: number; distances: number }[] {
  const truths = queries.map((q) => exactKnn(index.points, q, k));
  return efs.map((ef) => {
    let rec = 0;
    let d = 0;
    queries.forEach((q, i) => {
      const t = searchHnsw(index, q, k, ef);
      rec += recallAtK(t.results, truths[i]);
      d += t.distances;
    });
    return { ef, recall: rec / queries.length, distances: d / queries.length };
  });
}
