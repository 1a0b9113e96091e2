/**
 * Fidelity rows for partitioning and anti-entropy: checked on the pure logic behind the chapter
 * widgets (lib/partitioning), not on a simulation run. A replication is another ring (node names
 * with another prefix) over another range of keys, so the replications are independent draws of
 * hash positions.
 */
import { boundedCapacity, harmonic, hotKeyLoads, hotNodeShareTheory, joinOneNode, keyRange, peakToMean, place, relativeShareVariance, ringShares, shareVarianceTheory } from "@/lib/partitioning/placement";
import { diffMerkle, merkleExchangeBound, replicaPair, spreadKeys } from "@/lib/partitioning/merkle";
import type { RowSpec } from "./rows";

const KEYS = 10_000;
const RINGS = 20;
const keysFor = (seed: number) => keyRange(KEYS, seed * 1_000_003);
const prefix = (seed: number) => `fid${seed}-`;
const ringWidget = { href: "/learn/key-value-stores#consistent-hashing-internals", label: "Try it in the ring widget" };
const merkleWidget = { href: "/learn/wide-column-stores#repair-anti-entropy", label: "Try it in the Merkle widget" };

/** Every partitioning and anti-entropy row, in page order. */
export function partitioningRowSpecs(): RowSpec[] {
  const n = 9;
  const joinMethod = `${RINGS} rings (different node names) × ${KEYS.toLocaleString("en")} keys, owners before and after the join compared`;
  const spreadMethod = (reps: number) => `${reps} rings (different node names), exact arc lengths`;
  const rows: RowSpec[] = [
    {
      id: "partitioning-ring-join",
      family: "partitioning",
      compared: "share of keys that change node when the 10th node joins a ring",
      setting: `consistent hashing, ${n} → ${n + 1} nodes, 100 virtual nodes each`,
      unit: "ratio",
      comparison: "interval",
      theory: 1 / (n + 1),
      replications: RINGS,
      method: joinMethod,
      sample: (seed) => joinOneNode(keysFor(seed), { scheme: "ring", nodes: n, virtualNodes: 100, epsilon: 1, namePrefix: prefix(seed) }).share,
      widget: ringWidget,
    },
    {
      id: "partitioning-modulo-join",
      family: "partitioning",
      compared: "share of keys that change node when the 10th node joins, hash mod n",
      setting: `modulo hashing, ${n} → ${n + 1} nodes`,
      unit: "ratio",
      comparison: "interval",
      theory: n / (n + 1),
      replications: RINGS,
      method: `${RINGS} key ranges × ${KEYS.toLocaleString("en")} keys`,
      sample: (seed) => joinOneNode(keysFor(seed), { scheme: "modulo", nodes: n, virtualNodes: 1, epsilon: 1 }).share,
      widget: ringWidget,
    },
    {
      id: "partitioning-largest-arc",
      family: "partitioning",
      compared: "largest node share ÷ mean with one point per node (H_n)",
      setting: "10 nodes, 1 point each",
      unit: "",
      comparison: "interval",
      theory: harmonic(10),
      replications: 400,
      method: spreadMethod(400),
      sample: (seed) => peakToMean(ringShares(10, 1, prefix(seed))),
      widget: ringWidget,
    },
  ];
  for (const v of [1, 10, 100]) {
    rows.push({
      id: `partitioning-share-spread-${v}`,
      family: "partitioning",
      compared: "variance of node shares ÷ mean², (n − 1)/(n·v + 1)",
      setting: `10 nodes, ${v} virtual node${v === 1 ? "" : "s"} each`,
      unit: "",
      comparison: "interval",
      theory: shareVarianceTheory(10, v),
      replications: 200,
      method: spreadMethod(200),
      sample: (seed) => relativeShareVariance(ringShares(10, v, prefix(seed))),
      widget: ringWidget,
    });
  }
  rows.push(
    {
      id: "partitioning-bounded-cap",
      family: "partitioning",
      compared: "most keys on any node, at most ⌈(1 + ε)·m/n⌉",
      setting: `bounded loads, ε = 0.25, 10 nodes with 1 point each, ${KEYS.toLocaleString("en")} keys`,
      unit: "count",
      comparison: "at-most",
      theory: boundedCapacity(KEYS, 10, 0.25),
      replications: RINGS,
      method: `${RINGS} rings; without the bound the same rings average a peak-to-mean near H₁₀ ≈ 2.9`,
      sample: (seed) => Math.max(...place(keysFor(seed), { scheme: "bounded", nodes: 10, virtualNodes: 1, epsilon: 0.25, namePrefix: prefix(seed) }).loads),
      widget: ringWidget,
    },
    {
      id: "partitioning-hot-key",
      family: "partitioning",
      compared: "request share of the node owning a key with 20% of requests",
      setting: "8 nodes × 100 virtual nodes, 1,000 keys, the other 999 equally popular (fair share 0.125)",
      unit: "ratio",
      comparison: "interval",
      theory: hotNodeShareTheory(0.2, 8, 100),
      replications: 60,
      method: "60 rings; theory p + (1 − p)·(1/n)(1 + (n − 1)/(n·v + 1))",
      sample: (seed) => {
        const r = hotKeyLoads({ scheme: "ring", nodes: 8, virtualNodes: 100, epsilon: 1, keys: 1000, hotShare: 0.2, salts: 1, throttleShare: null, namePrefix: prefix(seed) });
        return r.loads[r.hotNode];
      },
      widget: ringWidget,
    },
  );
  for (const depth of [8, 12]) {
    rows.push({
      id: `anti-entropy-one-leaf-${depth}`,
      family: "anti-entropy",
      compared: "hashes exchanged to find one divergent key, 1 + 2·depth",
      setting: `${(2 ** depth * 16).toLocaleString("en")} keys, a tree of depth ${depth} (${(2 ** depth).toLocaleString("en")} leaves of 16 keys)`,
      unit: "count",
      comparison: "equal",
      theory: 1 + 2 * depth,
      replications: 10,
      method: "10 replica pairs, the stale key placed differently in each",
      sample: (seed) => {
        const keys = 2 ** depth * 16;
        const { a, b } = replicaPair(keys, spreadKeys(keys, 1, seed));
        return diffMerkle(a, b, depth).hashesExchanged;
      },
      widget: merkleWidget,
    });
  }
  rows.push({
    id: "anti-entropy-many-leaves",
    family: "anti-entropy",
    compared: "hashes exchanged minus the bound 1 + 2·k·depth (never above 0)",
    setting: "65,536 keys, depth 12, k = 2 to 40 divergent keys",
    unit: "count",
    comparison: "at-most",
    theory: 0,
    replications: 20,
    method: "20 replica pairs with 2, 4, … 40 stale keys",
    sample: (seed) => {
      const { a, b } = replicaPair(65_536, spreadKeys(65_536, 2 * seed, seed));
      const d = diffMerkle(a, b, 12);
      return d.hashesExchanged - merkleExchangeBound(d.divergentLeaves.length, 12);
    },
    widget: merkleWidget,
  });
  return rows;
}
