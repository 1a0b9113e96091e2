/**
 * The analytics-storage and pipeline widgets MDX may use (content/README.md, "Interactive widgets"):
 * server components that check their props (a bad one fails the build naming the component and
 * prop) and render a lazily hydrated island (components/analytics).
 */
import { LoadRerunIsland, ScanBytesIsland } from "@/components/analytics/islands";
import { SELECTIVITIES } from "@/lib/analytics/scan";
import { STRATEGIES, type LoadStrategy } from "@/lib/pipelines/loads";

function bool(component: string, prop: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw new Error(`<${component}> ${prop} must be true or false (got ${JSON.stringify(value)})`);
  return value;
}

export interface ScanBytesMdxProps {
  /** Fraction of rows the filter keeps: 0.0001, 0.001, 0.01 (default), 0.05, 0.1, 0.25, 0.5 or 1. */
  selectivity?: number;
  /** Start partitioned on the filter column (default false). */
  partitioned?: boolean;
  /** Start sorted on the filter column (default false). */
  sorted?: boolean;
}

/** Bytes a query reads from a row and a columnar layout of one table, with zone-map pruning. */
export function ScanBytes({ selectivity, partitioned, sorted }: ScanBytesMdxProps) {
  if (selectivity !== undefined && !(SELECTIVITIES as readonly number[]).includes(selectivity)) throw new Error(`<ScanBytes> selectivity must be one of ${SELECTIVITIES.join(", ")} (got ${JSON.stringify(selectivity)})`);
  return <ScanBytesIsland selectivity={selectivity ?? 0.01} partitioned={bool("ScanBytes", "partitioned", partitioned, false)} sorted={bool("ScanBytes", "sorted", sorted, false)} />;
}

export interface LoadRerunMdxProps {
  /** The strategy selected first: "append" (default), "merge" or "overwrite". */
  strategy?: LoadStrategy;
}

/** One day's orders loaded four times with append, MERGE or partition overwrite. */
export function LoadRerun({ strategy }: LoadRerunMdxProps) {
  if (strategy !== undefined && !STRATEGIES.includes(strategy)) throw new Error(`<LoadRerun> strategy must be one of ${STRATEGIES.map((s) => `"${s}"`).join(", ")} (got ${JSON.stringify(strategy)})`);
  return <LoadRerunIsland strategy={strategy ?? "append"} />;
}
