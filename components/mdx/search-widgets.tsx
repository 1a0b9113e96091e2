/**
 * The search-engine and vector-database widgets MDX may use (content/README.md, "Interactive
 * widgets"): server components that check their props (a bad one fails the build naming the
 * component and prop) and render a lazily hydrated island.
 */
import { Bm25ExplorerIsland } from "@/components/search-engine/islands";

function num(component: string, prop: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) throw new Error(`<${component}> ${prop} must be a number from ${min} to ${max} (got ${JSON.stringify(value)})`);
  return value;
}

export interface Bm25ExplorerMdxProps {
  /** Term-frequency saturation, 0–3 (default 1.2). */
  k1?: number;
  /** Length normalisation, 0–1 (default 0.75). */
  b?: number;
  /** Shards, 1–3 (default 1). */
  shards?: number;
  /** The query shown first (default "green curry chicken"). */
  query?: string;
}

/** Five menu items, a query, the analyzer's tokens, postings and BM25 scores per term. */
export function Bm25Explorer({ k1, b, shards, query }: Bm25ExplorerMdxProps) {
  const s = num("Bm25Explorer", "shards", shards, 1, 1, 3);
  if (!Number.isInteger(s)) throw new Error(`<Bm25Explorer> shards must be a whole number (got ${s})`);
  if (query !== undefined && typeof query !== "string") throw new Error(`<Bm25Explorer> query must be a string (got ${JSON.stringify(query)})`);
  return <Bm25ExplorerIsland k1={num("Bm25Explorer", "k1", k1, 1.2, 0, 3)} b={num("Bm25Explorer", "b", b, 0.75, 0, 1)} shards={s} {...(query === undefined ? {} : { query })} />;
}
