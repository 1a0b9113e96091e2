"use client";
/**
 * The partitioning and storage widgets as islands: rendered in full on the server (drawing, numbers
 * and the live sentence read without JavaScript), their code loaded only when they near the viewport.
 */
import { hydrateWhenVisible } from "@/components/ui/hydrate-when-visible";
import type { CompactionCompareProps } from "./compaction-compare";
import type { MerkleRepairProps } from "./merkle-repair";
import type { PartitionRingProps } from "./partition-ring";

export const PartitionRingIsland = hydrateWhenVisible<PartitionRingProps>(() => import("./partition-ring").then((m) => m.PartitionRing));
export const MerkleRepairIsland = hydrateWhenVisible<MerkleRepairProps>(() => import("./merkle-repair").then((m) => m.MerkleRepair));
export const CompactionCompareIsland = hydrateWhenVisible<CompactionCompareProps>(() => import("./compaction-compare").then((m) => m.CompactionCompare));
