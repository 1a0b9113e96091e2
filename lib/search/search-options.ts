/**
 * The one definition of the search index's fields and scoring, shared by the build (which
 * serialises the index) and the browser (which loads it): MiniSearch needs the same options
 * on both sides. Browser-safe: no file system here.
 */
import type { Options, SearchOptions } from "minisearch";

/** One searchable unit: a chapter's introduction or one of its pattern sections. */
export interface SearchDocument {
  /** Unique: `<chapter>` or `<chapter>#<section-id>`. */
  id: string;
  /** "planned": a roadmap row for a chapter or pattern not written yet (title only, no text). */
  kind: "chapter" | "pattern" | "planned";
  title: string;
  chapterTitle: string;
  part: string;
  /** Where the result leads: `/learn/<chapter>` or `/learn/<chapter>#<pattern-id>`. */
  href: string;
  /** Full text, indexed but not stored. */
  text: string;
  /** The first words of the text, stored for the result list. */
  excerpt: string;
}

/** The fields stored in the index and returned with each result. */
export type SearchResultFields = Pick<SearchDocument, "kind" | "title" | "chapterTitle" | "part" | "href" | "excerpt">;

/** Index options: title matches weigh most, chapter titles next, body text last. */
export const searchIndexOptions: Options<SearchDocument> = {
  fields: ["title", "chapterTitle", "text"],
  storeFields: ["kind", "title", "chapterTitle", "part", "href", "excerpt"],
};

/** Query options: prefix matching for search-as-you-type, light fuzziness for typos. */
export const searchQueryOptions: SearchOptions = {
  boost: { title: 3, chapterTitle: 1.5 },
  prefix: true,
  fuzzy: 0.2,
  combineWith: "AND",
};

/**
 * For queries of several words: every word must match, by prefix, and only long words may be
 * misspelt (one edit in six letters). "bloom filter" then finds a real hit or nothing, not
 * "Token bucket" by way of two loose partial matches.
 */
export const multiWordQueryOptions: SearchOptions = {
  ...searchQueryOptions,
  fuzzy: (term) => (term.length >= 6 ? 0.15 : false),
  combineWith: "AND",
};

/** URL of the prebuilt index (a static route generated at build time). */
export const searchIndexUrl = "/search-index.json";

/** Shortens text to about `maxChars`, cutting at a word boundary. */
export function makeExcerpt(text: string, maxChars = 180): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), maxChars * 0.6)).replace(/[\s,.;:]+$/, "")}…`;
}
