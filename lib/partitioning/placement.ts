/**
 * Where keys live in a partitioned store, under three placement schemes, and what a change costs.
 *
 * - `modulo`: a key goes to node `hash(key) mod n`. Even, but adding a node changes the answer for
 *   about n/(n+1) of all keys.
 * - `ring`: consistent hashing. Each node puts `virtualNodes` points on a circle of 32-bit hashes and
 *   a key belongs to the first point clockwise from its own hash (the simulation's ring, shared with
 *   the load balancer). A joining node takes over about 1/(n+1) of the keys; more points per node
 *   make the shares more even.
 * - `bounded`: consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam, SODA 2018).
 *   Every node accepts at most ⌈(1 + ε)·m/n⌉ of the m keys; a key whose first node is full walks on
 *   clockwise to the first node with room. Keys are placed in a fixed order, so a placement is
 *   deterministic.
 *
 * Loads are counted in keys; `requestLoads` weighs them by each key's share of requests, which is
 * where a hot key shows up. Pure and deterministic: no randomness except the seeded-by-name hashes.
 */
import { createHashRing, hashInt, hashRingPoints } from "@/simulations";

export type Scheme = "modulo" | "ring" | "bounded";

export const SCHEMES: readonly Scheme[] = ["modulo", "ring", "bounded"];

export interface PlacementOptions {
  scheme: Scheme;
  /** Number of nodes (1 or more). */
  nodes: number;
  /** Points per node on the ring (`ring`, `bounded`). */
  virtualNodes: number;
  /** Slack of the bounded-load cap: each node holds at most ⌈(1 + ε)·m/n⌉ keys (`bounded`). */
  epsilon: number;
  /** Prefix of the node names (names place the ring points; another prefix is another ring). */
  namePrefix?: string;
}

export interface Placement {
  /** Owner (node index) of each key, in the order the keys were given. */
  owners: Int32Array;
  /** Keys per node. */
  loads: number[];
  /** The bounded-load cap in keys, or null for the other schemes. */
  capacity: number | null;
}

/** Node names `node-1` … `node-n` (with an optional prefix). */
export function nodeNames(n: number, prefix = ""): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}node-${i + 1}`);
}

/** The key ids `offset` … `offset + count − 1`. */
export function keyRange(count: number, offset = 0): Int32Array {
  return Int32Array.from({ length: count }, (_, i) => offset + i);
}

/** The bounded-load cap ⌈(1 + ε)·m/n⌉ for m keys on n nodes. */
export function boundedCapacity(keys: number, nodes: number, epsilon: number): number {
  // Rounding guard: (1 + 0.25) · 1000 / 10 must be 125, not 125.00000000000001 → 126.
  return Math.ceil(Math.round(((1 + epsilon) * keys) / nodes * 1e9) / 1e9);
}

function check(opts: PlacementOptions) {
  if (!Number.isInteger(opts.nodes) || opts.nodes < 1) throw new Error(`nodes must be a whole number of at least 1 (got ${opts.nodes})`);
  if (opts.scheme !== "modulo" && (!Number.isInteger(opts.virtualNodes) || opts.virtualNodes < 1)) throw new Error(`virtualNodes must be a whole number of at least 1 (got ${opts.virtualNodes})`);
  if (opts.scheme === "bounded" && !(opts.epsilon > 0)) throw new Error(`epsilon must be above 0 for bounded loads (got ${opts.epsilon})`);
}

/** Places `keys` on the nodes by the chosen scheme. */
export function place(keys: ArrayLike<number>, opts: PlacementOptions): Placement {
  check(opts);
  const n = opts.nodes;
  const owners = new Int32Array(keys.length);
  const loads = new Array<number>(n).fill(0);
  if (opts.scheme === "modulo") {
    for (let i = 0; i < keys.length; i++) owners[i] = hashInt(keys[i]) % n;
  } else if (opts.scheme === "ring") {
    const ring = createHashRing(nodeNames(n, opts.namePrefix), opts.virtualNodes);
    for (let i = 0; i < keys.length; i++) owners[i] = ring.lookup(keys[i]);
  } else {
    const capacity = boundedCapacity(keys.length, n, opts.epsilon);
    const points = hashRingPoints(nodeNames(n, opts.namePrefix), opts.virtualNodes);
    const hashes = Float64Array.from(points, (p) => p.hash);
    for (let i = 0; i < keys.length; i++) {
      let j = firstAtOrAfter(hashes, hashInt(keys[i]));
      // The cap guarantees some node has room: n × capacity ≥ m.
      while (loads[points[j % points.length].target] >= capacity) j++;
      const target = points[j % points.length].target;
      owners[i] = target;
      loads[target]++;
    }
    return { owners, loads, capacity };
  }
  for (let i = 0; i < keys.length; i++) loads[owners[i]]++;
  return { owners, loads, capacity: null };
}

function firstAtOrAfter(sorted: Float64Array, h: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < h) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Largest load divided by the mean load (1 is perfectly even). */
export function peakToMean(loads: readonly number[]): number {
  const total = loads.reduce((s, x) => s + x, 0);
  if (total === 0) return 0;
  return Math.max(...loads) / (total / loads.length);
}

export interface JoinResult {
  before: Placement;
  after: Placement;
  /** Keys whose owner changed when node n + 1 joined. */
  moved: number;
  /** moved / keys. */
  share: number;
  /** Of the moved keys, how many went to the new node (the rest moved between old nodes). */
  movedToNewNode: number;
}

/** Places `keys` on n nodes and on n + 1 (the same names plus one), and counts the keys that changed owner. */
export function joinOneNode(keys: ArrayLike<number>, opts: PlacementOptions): JoinResult {
  const before = place(keys, opts);
  const after = place(keys, { ...opts, nodes: opts.nodes + 1 });
  let moved = 0;
  let movedToNewNode = 0;
  for (let i = 0; i < keys.length; i++) {
    if (before.owners[i] !== after.owners[i]) {
      moved++;
      if (after.owners[i] === opts.nodes) movedToNewNode++;
    }
  }
  return { before, after, moved, share: keys.length ? moved / keys.length : 0, movedToNewNode };
}

/** Each node's exact share of the ring's circle (sums to 1) for n nodes with `virtualNodes` points each. */
export function ringShares(nodes: number, virtualNodes: number, prefix = ""): number[] {
  const points = hashRingPoints(nodeNames(nodes, prefix), virtualNodes);
  const shares = new Array<number>(nodes).fill(0);
  const RING = 2 ** 32;
  for (let i = 0; i < points.length; i++) {
    const prev = i === 0 ? points[points.length - 1].hash - RING : points[i - 1].hash;
    shares[points[i].target] += (points[i].hash - prev) / RING;
  }
  return shares;
}

/** Σ(sᵢ − 1/n)² / n ÷ (1/n)²: the squared coefficient of variation of the shares around their known mean. */
export function relativeShareVariance(shares: readonly number[]): number {
  const n = shares.length;
  const mean = 1 / n;
  return shares.reduce((s, x) => s + (x - mean) ** 2, 0) / n / mean ** 2;
}

/**
 * Theory for independent, uniformly placed points: a node's share of the circle is Beta(v, (n−1)v),
 * so its variance relative to the mean squared is (n − 1)/(n·v + 1).
 */
export function shareVarianceTheory(nodes: number, virtualNodes: number): number {
  return (nodes - 1) / (nodes * virtualNodes + 1);
}

/** The harmonic number H_n: with one point per node the largest arc is on average H_n times the mean. */
export function harmonic(n: number): number {
  let h = 0;
  for (let k = 1; k <= n; k++) h += 1 / k;
  return h;
}

/** Each node's share of requests when key i carries `weights[i]` of them. */
export function requestLoads(owners: Int32Array, weights: ArrayLike<number>, nodes: number): number[] {
  const loads = new Array<number>(nodes).fill(0);
  for (let i = 0; i < owners.length; i++) loads[owners[i]] += weights[i];
  return loads;
}

/**
 * Expected request share of the node that owns the hottest key (share p), on a ring of n nodes with v
 * points each and the other keys spread thinly: p + (1 − p) · n · E[S²], where n · E[S²] =
 * (1/n)(1 + (n − 1)/(n·v + 1)) is the chance that another key shares that node (a bigger arc is more
 * likely to hold the hot key, so the hot key's node is a little bigger than average).
 */
export function hotNodeShareTheory(p: number, nodes: number, virtualNodes: number): number {
  return p + (1 - p) * (1 / nodes) * (1 + shareVarianceTheory(nodes, virtualNodes));
}

export interface HotKeyOptions extends PlacementOptions {
  /** Number of distinct partition keys. */
  keys: number;
  /** The hot key's share of all requests (0–1); the other keys share the rest evenly. */
  hotShare: number;
  /** Split the hottest key into this many salted keys (`key#0` … `key#S−1`); 1 is no salting. */
  salts: number;
  /** Most of all requests the hottest key may take before it is throttled (a share, e.g. 0.05), or null. */
  throttleShare: number | null;
}

export interface HotKeyResult {
  /** The hottest key's share of all requests. */
  hotShare: number;
  /** Requests per node as shares of all requests offered (after throttling). */
  loads: number[];
  /** Node that owns (most of) the hottest key. */
  hotNode: number;
  /** Distinct nodes the salted parts of the hot key landed on. */
  hotNodes: number;
  /** Busiest node's load ÷ the fair share 1/n. */
  peakToFair: number;
  /** Share of all requests refused by the throttle. */
  throttled: number;
}

/** Where requests go when one key takes `hotShare` of them and the rest spread evenly, with optional key salting and a per-key throttle. */
export function hotKeyLoads(opts: HotKeyOptions): HotKeyResult {
  if (!Number.isInteger(opts.salts) || opts.salts < 1) throw new Error(`salts must be a whole number of at least 1 (got ${opts.salts})`);
  if (!Number.isInteger(opts.keys) || opts.keys < 2) throw new Error(`keys must be a whole number of at least 2 (got ${opts.keys})`);
  if (!(opts.hotShare >= 0 && opts.hotShare <= 1)) throw new Error(`hotShare must be a share from 0 to 1 (got ${opts.hotShare})`);
  const hotShare = opts.hotShare;
  const coldShare = (1 - hotShare) / (opts.keys - 1);
  const admittedHot = opts.throttleShare === null ? hotShare : Math.min(hotShare, opts.throttleShare);
  // Key ids: the hot key's salted parts get ids past the range so they hash independently.
  const ids: number[] = [];
  const weights: number[] = [];
  for (let s = 0; s < opts.salts; s++) {
    ids.push(opts.salts === 1 ? 0 : opts.keys + s);
    weights.push(admittedHot / opts.salts);
  }
  for (let k = 1; k < opts.keys; k++) {
    ids.push(k);
    weights.push(coldShare);
  }
  const placement = place(Int32Array.from(ids), opts);
  const loads = requestLoads(placement.owners, weights, opts.nodes);
  const hotOwners = new Map<number, number>();
  for (let s = 0; s < opts.salts; s++) hotOwners.set(placement.owners[s], (hotOwners.get(placement.owners[s]) ?? 0) + 1);
  const hotNode = [...hotOwners.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
  return {
    hotShare,
    loads,
    hotNode,
    hotNodes: hotOwners.size,
    peakToFair: Math.max(...loads) * opts.nodes,
    throttled: hotShare - admittedHot,
  };
}
