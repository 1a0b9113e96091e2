// The search's query rules on a small hand-made index: one word is forgiving (prefix, typos),
// several words must all match, and roadmap rows never crowd out written sections.
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { runSearch } from "@/components/search/use-search";
import { searchIndexOptions, type SearchDocument } from "@/lib/search/search-options";

function doc(id: string, title: string, text: string, kind: SearchDocument["kind"] = "pattern"): SearchDocument {
  return { id, kind, title, chapterTitle: "Chapter", part: "Part", href: `/learn/${id}`, text, excerpt: text.slice(0, 40) };
}

function indexOf(documents: SearchDocument[]): MiniSearch<SearchDocument> {
  const index = new MiniSearch<SearchDocument>(searchIndexOptions);
  index.addAll(documents);
  return index;
}

const index = indexOf([
  doc("token-bucket", "Token bucket", "A bucket refills with tokens at a fixed rate; each request spends one."),
  doc("lsm", "LSM engine", "Each sorted file carries a bloom filter so a read skips files without the key."),
  doc("cache", "Cache-aside", "Read the cache first; on a miss load from the store and fill the cache."),
  doc("planned:sidecar", "Sidecar", "", "planned"),
  doc("planned:ambassador", "Ambassador", "", "planned"),
]);

describe("runSearch", () => {
  it("finds a one-word query by prefix and forgives a typo", () => {
    expect(runSearch(index, "buck", 10).map((hit) => hit.id)).toEqual(["token-bucket"]);
    expect(runSearch(index, "cashe", 10).map((hit) => hit.id)).toContain("cache");
  });

  it("requires every word of a multi-word query", () => {
    expect(runSearch(index, "bloom filter", 10).map((hit) => hit.id)).toEqual(["lsm"]);
    expect(runSearch(index, "bloom ketchup", 10)).toEqual([]);
    // "bucket filter": each word has a hit, but no document has both.
    expect(runSearch(index, "bucket filter", 10)).toEqual([]);
  });

  it("does not let short words drift into other words in a multi-word query", () => {
    // One edit turns "fill" into "file"; with fuzziness for short words this would hit the LSM text.
    expect(runSearch(index, "sorted fill", 10)).toEqual([]);
  });

  it("keeps a single roadmap row for a one-word query and returns nothing for blank input", () => {
    const hits = runSearch(index, "a", 10);
    expect(hits.filter((hit) => hit.kind === "planned").length).toBeLessThanOrEqual(1);
    expect(runSearch(index, "   ", 10)).toEqual([]);
  });

  it("cuts the list at the limit", () => {
    expect(runSearch(index, "the", 1)).toHaveLength(1);
  });
});
