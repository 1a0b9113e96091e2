/**
 * The partitioning and storage widgets MDX may use (content/README.md, "Interactive widgets"): server
 * components that check their props (a bad one fails the build naming the component and prop) and
 * render a lazily hydrated island (components/partitioning).
 */
import { CompactionCompareIsland, MerkleRepairIsland, PartitionRingIsland } from "@/components/partitioning/islands";
import type { Scheme } from "@/lib/partitioning/placement";

function num(component: string, prop: string, value: unknown, fallback: number, min: number, max: number, integer: boolean, allowed?: readonly number[]): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max || (allowed && !allowed.includes(value)))
    throw new Error(`<${component}> ${prop} must be ${allowed ? `one of ${allowed.join(", ")}` : `${integer ? "an integer" : "a number"} from ${min} to ${max}`} (got ${JSON.stringify(value)})`);
  return value;
}

export interface PartitionRingMdxProps {
  /** "modulo", "ring" (default) or "bounded". */
  scheme?: Scheme;
  /** Nodes before one joins, 2–16 (default 4). */
  nodes?: number;
  /** Virtual nodes per node: 1, 2, 4 … 256 (default 8). */
  virtualNodes?: number;
  /** The hot key's share of requests to start with, 0–0.5 (default 0). */
  hotShare?: number;
}

/** Keys on nodes by modulo, ring or bounded loads; a node joining; a hot key with salting or throttling. */
export function PartitionRing({ scheme, nodes, virtualNodes, hotShare }: PartitionRingMdxProps) {
  if (scheme !== undefined && !["modulo", "ring", "bounded"].includes(scheme)) throw new Error(`<PartitionRing> scheme must be "modulo", "ring" or "bounded" (got ${JSON.stringify(scheme)})`);
  return (
    <PartitionRingIsland
      scheme={scheme ?? "ring"}
      nodes={num("PartitionRing", "nodes", nodes, 4, 2, 16, true)}
      virtualNodes={num("PartitionRing", "virtualNodes", virtualNodes, 8, 1, 256, true, [1, 2, 4, 8, 16, 32, 64, 128, 256])}
      hotShare={num("PartitionRing", "hotShare", hotShare, 0, 0, 0.5, false)}
    />
  );
}

export interface MerkleRepairMdxProps {
  /** Tree depth to start with, 1–12 (default 6). */
  depth?: number;
  /** Stale keys on replica B to start with, 0–32 (default 3). */
  stale?: number;
}

/** Two replicas, a few stale keys, and the Merkle-tree comparison that finds them. */
export function MerkleRepair({ depth, stale }: MerkleRepairMdxProps) {
  return <MerkleRepairIsland depth={num("MerkleRepair", "depth", depth, 6, 1, 12, true)} stale={num("MerkleRepair", "stale", stale, 3, 0, 32, true)} />;
}

export interface CompactionCompareMdxProps {
  /** Live data, GB: 1, 10, 100, 1000 or 10000 (default 100). */
  dataGb?: number;
  /** Fanout (size ratio), 2–16 (default 10). */
  fanout?: number;
}

/** Write, read and space amplification of size-tiered, leveled and time-window compaction (estimates). */
export function CompactionCompare({ dataGb, fanout }: CompactionCompareMdxProps) {
  return <CompactionCompareIsland dataGb={num("CompactionCompare", "dataGb", dataGb, 100, 1, 10_000, true, [1, 10, 100, 1000, 10_000])} fanout={num("CompactionCompare", "fanout", fanout, 10, 2, 16, true)} />;
}
