"use client";

import Link from "next/link";
import type { KeyboardEvent, Ref } from "react";
import { Highlight } from "./highlight";
import type { SearchHit } from "./use-search";

/**
 * Search results as a list of links. Arrow keys move between them (the caller moves focus
 * from its input to the first link); Enter follows the focused link.
 */
export function SearchResultList({
  hits,
  onNavigate,
  listRef,
  onLeaveTop,
  compact = false,
}: {
  hits: readonly SearchHit[];
  onNavigate?: () => void;
  listRef?: Ref<HTMLUListElement>;
  /** Called when ArrowUp is pressed on the first result (to return focus to the input). */
  onLeaveTop?: () => void;
  compact?: boolean;
}) {
  const moveFocus = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>("a[data-search-result]")];
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (index === -1) return;
    event.preventDefault();
    if (event.key === "ArrowUp" && index === 0) onLeaveTop?.();
    else links[Math.max(0, Math.min(links.length - 1, index + (event.key === "ArrowDown" ? 1 : -1)))]?.focus();
  };

  return (
    <ul ref={listRef} onKeyDown={moveFocus} className={compact ? "space-y-1" : "space-y-2"}>
      {hits.map((hit) => (
        <li key={hit.id}>
          <Link
            href={hit.href}
            data-search-result=""
            onClick={onNavigate}
            className="group block rounded-xl border border-transparent px-3.5 py-3 transition-colors hover:border-line hover:bg-sunken focus-visible:border-line focus-visible:bg-sunken"
          >
            <span className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
              <span className="font-semibold text-fg group-hover:text-accent group-focus-visible:text-accent">
                <Highlight text={hit.title} terms={hit.terms} />
              </span>
              <span className="text-sm text-faint">
                {hit.kind === "pattern" ? `in ${hit.chapterTitle}` : hit.kind === "planned" ? <span data-testid="search-planned">planned in {hit.chapterTitle}</span> : hit.part}
              </span>
            </span>
            <span className={`mt-1 block text-sm leading-relaxed text-muted ${compact ? "line-clamp-2" : ""}`}>
              <Highlight text={hit.excerpt} terms={hit.terms} />
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
