/**
 * Fidelity rows for full-text scoring: the BM25 engine behind the search-engines chapter's widget
 * (lib/search-engine), checked against a score worked by hand from the formula, against the bound
 * BM25's saturation puts on one term, and against the promise of gathered term statistics (a sharded
 * search with dfs scores exactly like one shard). Each replication is another seeded corpus.
 */
import { DEFAULT_SEARCH, search } from "@/lib/search-engine/bm25";
import { randomCorpus } from "@/lib/search-engine/random";
import { buildHnsw, seededPoints } from "@/lib/search-engine/hnsw";
import type { RowSpec } from "./rows";

const widget = { href: "/learn/search-engines#bm25-scoring", label: "Try it in the BM25 widget" };
const plain = { lowercase: true, stopWords: false, stemming: false };
const QUERY = "curry green mango";

/** Every search row, in page order. */
export function searchEngineRowSpecs(): RowSpec[] {
  return [
    {
      id: "search-bm25-worked-example",
      family: "search",
      compared: "BM25 score of \"cat\" in \"cat cat dog\" within [\"cat sat\", \"cat cat dog\", \"dog\"]",
      setting: "k1 = 1.2, b = 0.75; N = 3, df = 2, tf = 2, dl = 3, avgdl = 2",
      unit: "",
      comparison: "equal",
      // By hand: idf = ln(1 + 1.5/2.5) = ln 1.6; tf part = 2 × 2.2 / (2 + 1.2 × (0.25 + 0.75 × 3/2)) = 4.4/3.65.
      theory: Math.log(1.6) * (4.4 / 3.65),
      replications: 1,
      method: "the widget's engine on the three-document corpus, against ln(1.6) × 4.4/3.65 ≈ 0.56658 worked by hand",
      sample: () => search(["cat sat", "cat cat dog", "dog"], "cat", { ...DEFAULT_SEARCH, analyzer: plain }).hits.find((h) => h.doc === 1)!.score,
      widget,
    },
    {
      id: "search-bm25-saturation",
      family: "search",
      compared: "largest term contribution ÷ idf × (k1 + 1)",
      setting: "k1 = 1.2, b = 0.75; a 12-word vocabulary, 12 documents of 1–12 words",
      unit: "ratio",
      comparison: "at-most",
      theory: 1,
      replications: 50,
      method: "50 seeded corpora; however often a term repeats, its contribution stays under idf × (k1 + 1)",
      sample: (seed) => {
        const r = search(randomCorpus(seed), QUERY, { ...DEFAULT_SEARCH, analyzer: plain });
        return Math.max(0, ...r.hits.flatMap((h) => h.contributions.map((c) => c.score / (c.idf * 2.2))));
      },
      widget,
    },
    {
      id: "search-dfs-one-shard",
      family: "search",
      compared: "largest |score on 3 shards with gathered statistics − score on 1 shard|",
      setting: "k1 = 1.2, b = 0.75; 12 documents spread over 3 shards, dfs_query_then_fetch",
      unit: "",
      comparison: "equal",
      theory: 0,
      replications: 50,
      method: "50 seeded corpora; with per-shard statistics instead the same scores differ by up to " + localSpread().toFixed(2),
      sample: (seed) => {
        const docs = randomCorpus(seed);
        const one = new Map(search(docs, QUERY, DEFAULT_SEARCH).hits.map((h) => [h.doc, h.score]));
        const three = search(docs, QUERY, { ...DEFAULT_SEARCH, shards: 3, stats: "global" }).hits;
        return Math.round(Math.max(0, ...three.map((h) => Math.abs(h.score - one.get(h.doc)!))) * 1e9) / 1e9;
      },
      widget,
    },
  ];
}

const annWidget = { href: "/learn/vector-databases#ann-algorithms", label: "Try it in the HNSW widget" };

/**
 * The HNSW rows: the paper's level distribution. (An exhaustive beam is not a reference: the
 * neighbour heuristic can leave a node unreachable, as it does for 2 of 300 points with seed 19.)
 */
export function annRowSpecs(): RowSpec[] {
  return [
    {
      id: "ann-hnsw-level-share",
      family: "ann",
      compared: "share of nodes on layer 1 or above",
      setting: "M = 4, so mL = 1/ln 4; 1,000 seeded points per replication",
      unit: "ratio",
      comparison: "interval",
      theory: 1 / 4,
      replications: 30,
      method: "30 seeds; a node's level is ⌊−ln U · mL⌋, so P(level ≥ 1) = e^(−1/mL) = 1/M",
      sample: (seed) => {
        const ix = buildHnsw(seededPoints(1000, seed), { m: 4, efConstruction: 8 }, seed);
        return ix.links[1].size / 1000;
      },
      widget: annWidget,
    },
  ];
}

/** The largest score change per-shard statistics cause over the same 50 corpora. */
function localSpread(): number {
  let worst = 0;
  for (let seed = 1; seed <= 50; seed++) {
    const docs = randomCorpus(seed);
    const one = new Map(search(docs, QUERY, DEFAULT_SEARCH).hits.map((h) => [h.doc, h.score]));
    for (const h of search(docs, QUERY, { ...DEFAULT_SEARCH, shards: 3, stats: "shard" }).hits) worst = Math.max(worst, Math.abs(h.score - one.get(h.doc)!));
  }
  return worst;
}
