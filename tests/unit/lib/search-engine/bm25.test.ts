import { describe, expect, it } from "vitest";
import { analyze, sStem, tokenize } from "@/lib/search-engine/analyzer";
import { bm25Idf, bm25Tf, buildIndex, DEFAULT_SEARCH, SAMPLE_DOCS, SAMPLE_QUERY, search } from "@/lib/search-engine/bm25";
import { randomCorpus } from "@/lib/search-engine/random";

const plain = { lowercase: true, stopWords: false, stemming: false };

describe("analyzer", () => {
  it("tokenizes on non-letters, lowercases, drops stop words and folds plurals, keeping positions", () => {
    expect(tokenize("Green beans, green-peppers!")).toEqual(["Green", "beans", "green", "peppers"]);
    expect(analyze("The Curries of the House")).toEqual([
      { term: "curry", position: 1 },
      { term: "house", position: 4 },
    ]);
  });

  it("stop words match exactly, so the filter order matters", () => {
    expect(analyze("The soup", { lowercase: false, stopWords: true, stemming: false }).map((t) => t.term)).toEqual(["The", "soup"]);
  });

  it("follows Harman's S-stemmer rules", () => {
    expect(["curries", "noodles", "dishes", "glass", "bus", "is", "toes", "trees", "days", "cats"].map(sStem)).toEqual(["curry", "noodle", "dishe", "glass", "bus", "is", "toes", "trees", "day", "cat"]);
  });
});

describe("inverted index", () => {
  it("keeps postings sorted by document with term frequency and positions", () => {
    const ix = buildIndex(["cat sat", "cat cat dog", "dog"], plain);
    expect(ix.postings.get("cat")).toEqual([
      { doc: 0, tf: 1, positions: [0] },
      { doc: 1, tf: 2, positions: [0, 1] },
    ]);
    expect(ix.postings.get("dog")!.map((p) => p.doc)).toEqual([1, 2]);
    expect(ix.avgLength).toBe(2);
  });
});

describe("BM25", () => {
  it("matches a hand-computed score", () => {
    // N = 3 documents of lengths 2, 3, 1 (avgdl 2); "cat" is in 2 of them.
    // idf = ln(1 + (3 − 2 + 0.5)/(2 + 0.5)) = ln 1.6 = 0.470004
    // doc 1: tf 2, dl 3: norm = 1 − 0.75 + 0.75·3/2 = 1.375; tf part = 2·2.2/(2 + 1.2·1.375) = 4.4/3.65 = 1.205479
    // score = 0.470004 · 1.205479 = 0.566580; doc 0 (tf 1, dl = avgdl) scores exactly idf.
    const r = search(["cat sat", "cat cat dog", "dog"], "cat", { ...DEFAULT_SEARCH, analyzer: plain });
    expect(r.hits.map((h) => h.doc)).toEqual([1, 0]);
    expect(r.hits[0].score).toBeCloseTo(0.56658, 5);
    expect(r.hits[1].score).toBeCloseTo(0.470004, 6);
    expect(bm25Idf(3, 2)).toBeCloseTo(Math.log(1.6), 12);
  });

  it("saturates in tf and ignores length when b = 0", () => {
    const p = { k1: 1.2, b: 0 };
    expect(bm25Tf(1, 10, 2, p)).toBeCloseTo(1, 12);
    expect(bm25Tf(1000, 10, 2, p)).toBeLessThan(2.2);
    expect(bm25Tf(3, 1, 5, { k1: 0, b: 0.75 })).toBe(1);
  });

  it("ranks the sample menu: the short exact dish first, the long family feast last among chicken matches", () => {
    const r = search(SAMPLE_DOCS, SAMPLE_QUERY);
    expect(r.queryTerms).toEqual(["green", "curry", "chicken"]);
    expect(r.hits[0].doc).toBe(0);
    expect(r.hits.at(-1)!.doc).toBe(3);
  });

  it("gathered statistics make a sharded search score exactly like one shard; local ones do not", () => {
    let localDiff = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const docs = randomCorpus(seed);
      const one = new Map(search(docs, "curry green mango", DEFAULT_SEARCH).hits.map((h) => [h.doc, h.score]));
      for (const h of search(docs, "curry green mango", { ...DEFAULT_SEARCH, shards: 3, stats: "global" }).hits) expect(h.score).toBeCloseTo(one.get(h.doc)!, 12);
      for (const h of search(docs, "curry green mango", { ...DEFAULT_SEARCH, shards: 3, stats: "shard" }).hits) localDiff = Math.max(localDiff, Math.abs(h.score - one.get(h.doc)!));
    }
    expect(localDiff).toBeGreaterThan(0.05);
  });
});
