"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { SearchIcon } from "@/components/ui/icons";
import { SearchResultList } from "./search-result-list";
import { useSearch } from "./use-search";

/**
 * The /search page body: a search form bound to ?q= (so results can be linked and the
 * browser's back button works) and the full result list.
 */
export function SearchPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const urlQuery = params.get("q") ?? "";
  const [query, setQuery] = useState(urlQuery);
  const { status, hits } = useSearch(query, true, 50);
  const inputId = useId();
  const statusId = useId();

  // Follow the URL when it changes from outside (back / forward, header search link).
  useEffect(() => setQuery(urlQuery), [urlQuery]);

  const update = (value: string) => {
    setQuery(value);
    const trimmed = value.trim();
    router.replace(trimmed ? `${pathname}?q=${encodeURIComponent(trimmed)}` : pathname, { scroll: false });
  };

  const trimmed = query.trim();
  return (
    <div>
      <form role="search" action="/search" onSubmit={(event) => event.preventDefault()} className="relative">
        <label htmlFor={inputId} className="sr-only">
          Search chapters and patterns
        </label>
        <SearchIcon className="pointer-events-none absolute left-4 top-1/2 size-5 -translate-y-1/2 text-faint" />
        <input
          id={inputId}
          type="search"
          name="q"
          value={query}
          onChange={(event) => update(event.target.value)}
          placeholder="Search chapters and patterns"
          aria-describedby={statusId}
          autoComplete="off"
          className="h-14 w-full rounded-2xl border border-line bg-surface pl-12 pr-4 text-lg text-fg shadow-sm placeholder:text-faint"
        />
      </form>
      <p id={statusId} role="status" className="mt-4 min-h-6 text-sm text-muted">
        {status === "error"
          ? "Search is unavailable right now. Reload the page to try again."
          : trimmed === ""
            ? "Type a word to search every chapter and pattern section."
            : status !== "ready"
              ? "Loading the search index…"
              : hits.length === 0
                ? `No results for “${trimmed}”. Try a shorter word, or browse the pattern index.`
                : `${hits.length} result${hits.length === 1 ? "" : "s"} for “${trimmed}”.`}
      </p>
      <div className="-mx-3.5 mt-2">
        <SearchResultList hits={hits} />
      </div>
    </div>
  );
}
