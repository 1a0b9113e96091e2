/**
 * Merkle-tree anti-entropy between two replicas of one key range.
 *
 * Each replica splits the range into 2^depth leaf ranges, hashes the keys and versions in each leaf,
 * and hashes pairs of hashes upwards to one root. To repair, the replicas compare roots; where two
 * hashes differ they exchange the two children's hashes and descend, skipping every subtree whose
 * hashes agree. Only the keys of leaves that still differ are compared (and streamed). With k
 * divergent leaves the exchange costs at most 1 + 2·k·depth hashes instead of one hash per key.
 * Pure and deterministic.
 */
import { hashInt } from "@/simulations";

/** A replica's data: the version of each key in the range (index = key), 0 for absent. */
export type ReplicaData = readonly number[];

export interface MerkleTree {
  depth: number;
  /** Keys per leaf. */
  leafSize: number;
  /** Heap layout: node 1 is the root, node i has children 2i and 2i + 1; leaves are 2^depth … 2^(depth+1) − 1. */
  hashes: number[];
}

/** Builds the tree of `data` with 2^depth leaves (data.length must be a multiple of 2^depth). */
export function buildMerkleTree(data: ReplicaData, depth: number): MerkleTree {
  if (!Number.isInteger(depth) || depth < 0 || depth > 16) throw new Error(`depth must be a whole number from 0 to 16 (got ${depth})`);
  const leaves = 2 ** depth;
  if (data.length === 0 || data.length % leaves !== 0) throw new Error(`the range of ${data.length} keys does not split into ${leaves} equal leaves`);
  const leafSize = data.length / leaves;
  const hashes = new Array<number>(2 * leaves).fill(0);
  for (let leaf = 0; leaf < leaves; leaf++) {
    // A 32-bit digest of the leaf's (key, version) pairs: enough for a teaching model (a real store
    // uses a cryptographic or 64-bit hash so that a collision never hides a difference).
    let h = 0x811c9dc5;
    for (let k = leaf * leafSize; k < (leaf + 1) * leafSize; k++) h = Math.imul(h ^ hashInt(k * 0x9e3779b1 + data[k]), 0x01000193) >>> 0;
    hashes[leaves + leaf] = hashInt(h);
  }
  for (let i = leaves - 1; i >= 1; i--) hashes[i] = hashInt(Math.imul(hashes[2 * i], 0x85ebca6b) ^ hashes[2 * i + 1]);
  return { depth, leafSize, hashes };
}

/** One comparison during the diff: a node's hashes on both replicas. */
export interface DiffStep {
  node: number;
  level: number;
  match: boolean;
}

export interface MerkleDiff {
  /** Every comparison in the order made (breadth first). */
  steps: DiffStep[];
  /** Leaf indices (0-based) whose hashes differ. */
  divergentLeaves: number[];
  /** Hashes sent between the replicas: one per node compared. */
  hashesExchanged: number;
  /** Keys compared one by one: every key of a divergent leaf. */
  keysCompared: number;
  /** Keys whose versions actually differ. */
  keysDiffering: number;
}

/** Compares two replicas' trees top down and finds the leaf ranges that differ. */
export function diffMerkle(a: ReplicaData, b: ReplicaData, depth: number): MerkleDiff {
  if (a.length !== b.length) throw new Error(`the replicas cover ranges of different sizes (${a.length} and ${b.length} keys)`);
  const ta = buildMerkleTree(a, depth);
  const tb = buildMerkleTree(b, depth);
  const leaves = 2 ** depth;
  const steps: DiffStep[] = [];
  const divergentLeaves: number[] = [];
  let frontier = [1];
  for (let level = 0; level <= depth && frontier.length; level++) {
    const next: number[] = [];
    for (const node of frontier) {
      const match = ta.hashes[node] === tb.hashes[node];
      steps.push({ node, level, match });
      if (match) continue;
      if (node >= leaves) divergentLeaves.push(node - leaves);
      else next.push(2 * node, 2 * node + 1);
    }
    frontier = next;
  }
  let keysDiffering = 0;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) keysDiffering++;
  return { steps, divergentLeaves, hashesExchanged: steps.length, keysCompared: divergentLeaves.length * ta.leafSize, keysDiffering };
}

/** The bound on hashes exchanged for k divergent leaves in a tree of the given depth: 1 + 2·k·depth. */
export function merkleExchangeBound(divergentLeaves: number, depth: number): number {
  return divergentLeaves === 0 ? 1 : 1 + 2 * divergentLeaves * depth;
}

/** Two replicas of `keys` keys, equal (version 1) except that replica B has version 2 of each key in `stale`. */
export function replicaPair(keys: number, stale: readonly number[]): { a: number[]; b: number[] } {
  const a = new Array<number>(keys).fill(1);
  const b = a.slice();
  for (const k of stale) {
    if (!Number.isInteger(k) || k < 0 || k >= keys) throw new Error(`key ${k} is outside the range 0–${keys - 1}`);
    b[k] = 2;
  }
  return { a, b };
}

/** `count` distinct keys spread deterministically over 0 … keys − 1 (a fixed stride from `seed`). */
export function spreadKeys(keys: number, count: number, seed = 1): number[] {
  const out = new Set<number>();
  let x = seed;
  while (out.size < Math.min(count, keys)) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out.add(x % keys);
  }
  return [...out].sort((p, q) => p - q);
}
