/**
 * A point quadtree over the unit square: a node holds up to `capacity` points, and when one more
 * arrives it splits into four quadrants and hands its points down. A query visits only the nodes
 * whose square can hold an answer, so it examines a small share of the points: the idea behind
 * spatial indexes (R-trees in PostGIS's GiST, S2 and H3 cell covers). Pure and deterministic; the
 * <QuadtreeSearch> widget draws what these functions report.
 */
import { seededRandom } from "@/lib/random/seeded";

export { seededRandom };

export interface Point {
  id: number;
  x: number;
  y: number;
}

export interface Bounds {
  x: number;
  y: number;
  size: number;
}

export interface QuadNode {
  /** Stable id: "r" for the root, then one digit per level (0 = north-west, 1 = north-east, 2 = south-west, 3 = south-east). */
  id: string;
  bounds: Bounds;
  depth: number;
  /** Points held here (leaves only). */
  points: Point[];
  children: QuadNode[] | null;
}

/** Deepest level a node may reach: identical points beyond `capacity` stay in one leaf instead of splitting forever. */
export const MAX_DEPTH = 16;


/**
 * `count` points in the unit square, clustered like real places: about 70% around a few town
 * centres, the rest spread evenly.
 */
export function seededPoints(count: number, seed: number): Point[] {
  const random = seededRandom(seed);
  const towns = Array.from({ length: 4 }, () => ({ x: 0.15 + random() * 0.7, y: 0.15 + random() * 0.7, spread: 0.04 + random() * 0.08 }));
  const clamp = (v: number) => Math.min(0.999, Math.max(0.001, v));
  return Array.from({ length: count }, (_, id) => {
    if (random() < 0.3) return { id, x: random(), y: random() };
    const town = towns[Math.floor(random() * towns.length)]!;
    // Sum of uniforms: a cheap bell shape around the centre.
    const offset = () => (random() + random() + random() - 1.5) * town.spread * 2;
    return { id, x: clamp(town.x + offset()), y: clamp(town.y + offset()) };
  });
}

function contains(b: Bounds, p: Point): boolean {
  return p.x >= b.x && p.x < b.x + b.size && p.y >= b.y && p.y < b.y + b.size;
}

function quadrants(node: QuadNode): QuadNode[] {
  const half = node.bounds.size / 2;
  const { x, y } = node.bounds;
  return [
    [x, y],
    [x + half, y],
    [x, y + half],
    [x + half, y + half],
  ].map(([qx, qy], i) => ({ id: `${node.id}${i}`, bounds: { x: qx!, y: qy!, size: half }, depth: node.depth + 1, points: [], children: null }));
}

function insert(node: QuadNode, p: Point, capacity: number): void {
  if (node.children) {
    insert(node.children.find((c) => contains(c.bounds, p)) ?? node.children[3]!, p, capacity);
    return;
  }
  node.points.push(p);
  if (node.points.length > capacity && node.depth < MAX_DEPTH) {
    node.children = quadrants(node);
    const held = node.points;
    node.points = [];
    for (const q of held) insert(node, q, capacity);
  }
}

/** Builds a quadtree over the unit square with at most `capacity` points per leaf (1 to 64). */
export function buildQuadtree(points: readonly Point[], capacity: number): QuadNode {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 64) throw new RangeError(`capacity must be an integer from 1 to 64 (got ${capacity})`);
  const root: QuadNode = { id: "r", bounds: { x: 0, y: 0, size: 1 }, depth: 0, points: [], children: null };
  for (const p of points) {
    if (!(p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1)) throw new RangeError(`point ${p.id} is outside the unit square (${p.x}, ${p.y})`);
    // x or y of exactly 1 belongs to the last quadrant.
    insert(root, { ...p, x: Math.min(p.x, 1 - Number.EPSILON), y: Math.min(p.y, 1 - Number.EPSILON) }, capacity);
  }
  return root;
}

/** Every node of the tree, parents before children. */
export function allNodes(root: QuadNode): QuadNode[] {
  const out: QuadNode[] = [];
  const walk = (n: QuadNode) => {
    out.push(n);
    n.children?.forEach(walk);
  };
  walk(root);
  return out;
}

/** Squared distance from (x, y) to the nearest point of a square (0 inside it). */
function distanceSqToBounds(b: Bounds, x: number, y: number): number {
  const dx = Math.max(b.x - x, 0, x - (b.x + b.size));
  const dy = Math.max(b.y - y, 0, y - (b.y + b.size));
  return dx * dx + dy * dy;
}

/** What a query found and what it cost. */
export interface QueryResult {
  /** Matching points, nearest first. */
  found: Point[];
  /** Ids of the nodes the search opened, in the order it opened them. */
  visited: string[];
  /** Points whose distance the search computed. */
  examined: number;
}

const distSq = (p: Point, x: number, y: number) => (p.x - x) ** 2 + (p.y - y) ** 2;
const byDistance = (x: number, y: number) => (a: Point, b: Point) => distSq(a, x, y) - distSq(b, x, y) || a.id - b.id;

/** Points within `radius` of (x, y): opens only nodes whose square the circle touches. */
export function radiusQuery(root: QuadNode, x: number, y: number, radius: number): QueryResult {
  const r2 = radius * radius;
  const found: Point[] = [];
  const visited: string[] = [];
  let examined = 0;
  const walk = (n: QuadNode) => {
    if (distanceSqToBounds(n.bounds, x, y) > r2) return;
    visited.push(n.id);
    if (n.children) n.children.forEach(walk);
    else
      for (const p of n.points) {
        examined++;
        if (distSq(p, x, y) <= r2) found.push(p);
      }
  };
  walk(root);
  return { found: found.sort(byDistance(x, y)), visited, examined };
}

/**
 * The k nearest points to (x, y), best-first: always open the unopened node nearest to the query,
 * and stop when it is farther than the k-th best point found so far.
 */
export function nearestQuery(root: QuadNode, x: number, y: number, k: number): QueryResult {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer (got ${k})`);
  const visited: string[] = [];
  let examined = 0;
  let best: Point[] = [];
  // A small array kept sorted is enough for trees of a few thousand nodes.
  const frontier: { node: QuadNode; d2: number }[] = [{ node: root, d2: 0 }];
  while (frontier.length > 0) {
    const { node, d2 } = frontier.shift()!;
    if (best.length === k && d2 > distSq(best[k - 1]!, x, y)) break;
    visited.push(node.id);
    if (node.children) {
      for (const c of node.children) frontier.push({ node: c, d2: distanceSqToBounds(c.bounds, x, y) });
      frontier.sort((a, b) => a.d2 - b.d2);
    } else {
      examined += node.points.length;
      best = [...best, ...node.points].sort(byDistance(x, y)).slice(0, k);
    }
  }
  return { found: best, visited, examined };
}

/** Brute force, for comparison: every point examined. */
export function bruteRadius(points: readonly Point[], x: number, y: number, radius: number): Point[] {
  return points.filter((p) => distSq(p, x, y) <= radius * radius).sort(byDistance(x, y));
}

/** Brute force k nearest (ties broken by id, as the tree does). */
export function bruteNearest(points: readonly Point[], x: number, y: number, k: number): Point[] {
  return [...points].sort(byDistance(x, y)).slice(0, k);
}
