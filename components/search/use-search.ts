"use client";

import type MiniSearch from "minisearch";
import type { SearchResult } from "minisearch";
import { useEffect, useMemo, useState } from "react";
import { multiWordQueryOptions, searchIndexOptions, searchIndexUrl, searchQueryOptions, type SearchDocument, type SearchResultFields } from "@/lib/search/search-options";

/** A search hit with its stored fields. */
export type SearchHit = SearchResultFields & Pick<SearchResult, "id" | "score" | "terms">;

/** Where loading the index stands. */
export type SearchStatus = "idle" | "loading" | "ready" | "error";

let indexPromise: Promise<MiniSearch<SearchDocument>> | null = null;

/**
 * Fetches and deserialises the prebuilt index once per page load; retries after a failure.
 * MiniSearch itself is imported here, beside the index download, so pages that never search
 * never load its code either.
 */
export function loadSearchIndex(): Promise<MiniSearch<SearchDocument>> {
  indexPromise ??= Promise.all([
    import("minisearch"),
    fetch(searchIndexUrl).then((response) => {
      if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
      return response.text();
    }),
  ])
    .then(([{ default: MiniSearchClass }, text]) => MiniSearchClass.loadJSON<SearchDocument>(text, searchIndexOptions))
    .catch((error: unknown) => {
      indexPromise = null;
      throw error;
    });
  return indexPromise;
}

/**
 * Runs a query. One word: prefix and light fuzziness. Several words: every word must match, with
 * fuzziness only for long words, and no fallback to "any word": a multi-word query with no real hit
 * shows nothing rather than weak matches. Roadmap rows (planned chapters and patterns) come after
 * written content unless they are the best match by title.
 */
export function runSearch(index: MiniSearch<SearchDocument>, query: string, limit: number): SearchHit[] {
  const trimmed = query.trim();
  if (trimmed === "") return [];
  const multiWord = trimmed.split(/\s+/).length > 1;
  const results = index.search(trimmed, multiWord ? multiWordQueryOptions : searchQueryOptions) as unknown as SearchHit[];
  // One roadmap row is enough to say where a topic will be; more would crowd out the written text.
  const firstPlanned = results.findIndex((hit) => hit.kind === "planned");
  const kept = results.filter((hit, i) => hit.kind !== "planned" || i === firstPlanned || (multiWord && i < 3));
  return kept.slice(0, limit);
}

/**
 * Searches the course. The index is fetched the first time `enabled` is true (the dialog
 * opens or the search page mounts), so pages that never search never download it.
 */
export function useSearch(query: string, enabled: boolean, limit = 20): { status: SearchStatus; hits: SearchHit[] } {
  const [index, setIndex] = useState<MiniSearch<SearchDocument> | null>(null);
  const [status, setStatus] = useState<SearchStatus>("idle");

  useEffect(() => {
    if (!enabled || index) return;
    let cancelled = false;
    setStatus("loading");
    loadSearchIndex().then(
      (loaded) => {
        if (cancelled) return;
        setIndex(loaded);
        setStatus("ready");
      },
      () => {
        if (!cancelled) setStatus("error");
      },
    );
    return () => {
      cancelled = true;
    };
  }, [enabled, index]);

  const hits = useMemo(() => (index ? runSearch(index, query, limit) : []), [index, query, limit]);
  return { status, hits };
}
