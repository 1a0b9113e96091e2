/**
 * An inverted index and BM25 scoring, as Lucene (and so Elasticsearch and OpenSearch) computes it,
 * with the same statistics: per term the number of documents holding it (df), per document its
 * length in tokens (dl), per index the document count (N) and the average length (avgdl).
 *
 *   idf(t)      = ln(1 + (N − df + 0.5) / (df + 0.5))
 *   score(t, d) = idf(t) · tf·(k1 + 1) / (tf + k1·(1 − b + b·dl/avgdl))
 *
 * A document's score is the sum over the distinct query terms it contains (a `match` query with the
 * default OR operator). Lucene 8 dropped the constant (k1 + 1) from its BM25Similarity (it changes no
 * ranking); Elasticsearch kept it (LegacyBM25Similarity), and so does this file. Lucene stores a
 * field's length in one byte, so its dl is rounded for long fields; here it is exact.
 *
 * Sharding: documents are split across shards, and each shard scores with its own statistics unless
 * the search gathers them first (Elasticsearch's dfs_query_then_fetch).
 */
import { analyze, DEFAULT_ANALYZER, type AnalyzerOptions, type Token } from "./analyzer";

export interface Bm25Params {
  /** Term-frequency saturation, usually 1.2 (Elasticsearch's default) to 2. */
  k1: number;
  /** Length normalisation, 0 (none) to 1 (full); default 0.75. */
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

export interface Posting {
  doc: number;
  tf: number;
  positions: number[];
}

export interface InvertedIndex {
  /** The documents' numbers in this index (all of them, or one shard's). */
  docs: number[];
  /** Each document's tokens, by document number (only those in `docs` are set). */
  tokens: Map<number, Token[]>;
  /** term → postings sorted by document number. */
  postings: Map<string, Posting[]>;
  docCount: number;
  avgLength: number;
}

/** Builds the index of `texts` (or of the documents numbered in `only`). */
export function buildIndex(texts: readonly string[], analyzer: AnalyzerOptions = DEFAULT_ANALYZER, only?: readonly number[]): InvertedIndex {
  const docs = only ? [...only] : texts.map((_, i) => i);
  const tokens = new Map<number, Token[]>();
  const postings = new Map<string, Posting[]>();
  let total = 0;
  for (const doc of docs) {
    const toks = analyze(texts[doc], analyzer);
    tokens.set(doc, toks);
    total += toks.length;
    for (const t of toks) {
      let list = postings.get(t.term);
      if (!list) postings.set(t.term, (list = []));
      const last = list.at(-1);
      if (last && last.doc === doc) {
        last.tf++;
        last.positions.push(t.position);
      } else list.push({ doc, tf: 1, positions: [t.position] });
    }
  }
  return { docs, tokens, postings, docCount: docs.length, avgLength: docs.length ? total / docs.length : 0 };
}

/** Lucene's BM25 idf: always positive, largest for the rarest terms. */
export function bm25Idf(docCount: number, docFreq: number): number {
  return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
}

/** The saturating term-frequency part tf·(k1 + 1) / (tf + k1·(1 − b + b·dl/avgdl)). */
export function bm25Tf(tf: number, length: number, avgLength: number, { k1, b }: Bm25Params): number {
  if (tf === 0) return 0;
  const norm = avgLength > 0 ? 1 - b + (b * length) / avgLength : 1;
  return (tf * (k1 + 1)) / (tf + k1 * norm);
}

export interface Contribution {
  term: string;
  tf: number;
  df: number;
  idf: number;
  /** The tf part (before multiplying by idf). */
  tfPart: number;
  score: number;
}

export interface Hit {
  doc: number;
  shard: number;
  length: number;
  score: number;
  contributions: Contribution[];
}

export type TermStats = "shard" | "global";

export interface SearchOptions {
  params: Bm25Params;
  analyzer: AnalyzerOptions;
  /** 1 or more; document i lives on shard i mod shards. */
  shards: number;
  /** "shard": each shard's own N, df and avgdl (query_then_fetch); "global": gathered first (dfs_query_then_fetch). */
  stats: TermStats;
}

export const DEFAULT_SEARCH: SearchOptions = { params: DEFAULT_BM25, analyzer: DEFAULT_ANALYZER, shards: 1, stats: "shard" };

export interface SearchResult {
  /** The query's distinct terms after analysis, in order of first appearance. */
  queryTerms: string[];
  /** Matching documents, best first (ties by document number). */
  hits: Hit[];
  /** The index of every document, for showing postings. */
  index: InvertedIndex;
}

/** The distinct terms of a query after the same analyzer as the documents. */
export function queryTerms(query: string, analyzer: AnalyzerOptions): string[] {
  return [...new Set(analyze(query, analyzer).map((t) => t.term))];
}

/** Scores every document that holds at least one query term, shard by shard, and merges the hits. */
export function search(texts: readonly string[], query: string, options: SearchOptions = DEFAULT_SEARCH): SearchResult {
  const { params, analyzer, stats } = options;
  const shards = Math.max(1, Math.floor(options.shards));
  const terms = queryTerms(query, analyzer);
  const whole = buildIndex(texts, analyzer);
  const hits: Hit[] = [];
  for (let s = 0; s < shards; s++) {
    const local = shards === 1 ? whole : buildIndex(texts, analyzer, whole.docs.filter((d) => d % shards === s));
    const ref = stats === "global" ? whole : local;
    const byDoc = new Map<number, Contribution[]>();
    for (const term of terms) {
      const list = local.postings.get(term);
      if (!list) continue;
      const df = ref.postings.get(term)?.length ?? 0;
      const idf = bm25Idf(ref.docCount, df);
      for (const p of list) {
        const tfPart = bm25Tf(p.tf, local.tokens.get(p.doc)!.length, ref.avgLength, params);
        const c = { term, tf: p.tf, df, idf, tfPart, score: idf * tfPart };
        byDoc.set(p.doc, [...(byDoc.get(p.doc) ?? []), c]);
      }
    }
    for (const [doc, contributions] of byDoc) {
      hits.push({ doc, shard: s, length: local.tokens.get(doc)!.length, score: contributions.reduce((a, c) => a + c.score, 0), contributions });
    }
  }
  hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
  return { queryTerms: terms, hits, index: whole };
}

/** The chapter's starting corpus: five dishes on a food-delivery menu. */
export const SAMPLE_DOCS: readonly string[] = [
  "Green curry with chicken and Thai basil",
  "Green beans, green peppers and green curry paste",
  "Chicken noodle soup",
  "Family feast: fried chicken, wings, fries, coleslaw, corn, gravy, biscuits, two dips and a large drink for four people",
  "Vegetable curries with rice",
];

export const SAMPLE_QUERY = "green curry chicken";
