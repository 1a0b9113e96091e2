"use client";
/**
 * The header search's results: the search itself (index download, MiniSearch) and the result list.
 * Loaded the first time the dialog opens; the dialog, its input and its status line are in
 * search-dialog.tsx, which hears back how many hits there are to word the status.
 */
import { useEffect, type Ref } from "react";
import { SearchResultList } from "./search-result-list";
import { useSearch, type SearchStatus } from "./use-search";

export interface SearchResultsProps {
  query: string;
  limit: number;
  listRef: Ref<HTMLUListElement>;
  onNavigate: () => void;
  onLeaveTop: () => void;
  onResult: (status: SearchStatus, hitCount: number) => void;
}

export default function SearchResults({ query, limit, listRef, onNavigate, onLeaveTop, onResult }: SearchResultsProps) {
  const { status, hits } = useSearch(query, true, limit);
  useEffect(() => onResult(status, hits.length), [status, hits.length, onResult]);
  return <SearchResultList hits={hits} listRef={listRef} onNavigate={onNavigate} onLeaveTop={onLeaveTop} compact />;
}
