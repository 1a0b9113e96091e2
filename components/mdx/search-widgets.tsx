/**
 * The search-engine and vector-database widgets MDX may use (content/README.md, "Interactive
 * widgets"): server components that check their props (a bad one fails the build naming the
 * component and prop) and render a lazily hydrated island.
 */
import { Bm25ExplorerIsland, HnswSearchIsland } from "@/components/search-engine/islands";

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

function whole(component: string, prop: string, value: unknown, fallback: number, min: number, max: number): number {
  const v = num(component, prop, value, fallback, min, max);
  if (!Number.isInteger(v)) throw new Error(`<${component}> ${prop} must be a whole number (got ${v})`);
  return v;
}

export interface HnswSearchMdxProps {
  /** Links per node, 2–16 (default 4). */
  m?: number;
  /** Beam width while building: 4, 8, 16, 32 or 64 (default 16). */
  efConstruction?: number;
  /** Beam width while searching, 1–100 (default 5). */
  ef?: number;
  /** Neighbours asked for, 1–10 (default 5). */
  k?: number;
}

/** 1,000 seeded 2-D points in an HNSW graph: one query's search, and recall@k against efSearch. */
export function HnswSearch({ m, efConstruction, ef, k }: HnswSearchMdxProps) {
  const c = whole("HnswSearch", "efConstruction", efConstruction, 16, 4, 64);
  if (![4, 8, 16, 32, 64].includes(c)) throw new Error(`<HnswSearch> efConstruction must be one of 4, 8, 16, 32, 64 (got ${c})`);
  return <HnswSearchIsland m={whole("HnswSearch", "m", m, 4, 2, 16)} efConstruction={c} ef={whole("HnswSearch", "ef", ef, 5, 1, 100)} k={whole("HnswSearch", "k", k, 5, 1, 10)} />;
}
