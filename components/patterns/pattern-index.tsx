"use client";

import Link from "next/link";
import { useDeferredValue, useId, useMemo, useState } from "react";
import { SearchIcon } from "@/components/ui/icons";

/** One row of the index, kept small because all 767 travel to the browser. */
export interface PatternIndexRow {
  id: string;
  name: string;
  chapter: string;
  written: boolean;
}

const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");

function initialOf(name: string): string {
  const first = name.trim().charAt(0).toUpperCase();
  return first >= "A" && first <= "Z" ? first : "#";
}

/**
 * The A–Z pattern index with a filter box. It opens on the written patterns, which link to their
 * section (/learn/<chapter>#<id>); unchecking "only written" adds the planned ones with the chapter
 * they are planned for.
 */
export function PatternIndex({ rows, chapterTitles }: { rows: readonly PatternIndexRow[]; chapterTitles: Readonly<Record<string, string>> }) {
  const [query, setQuery] = useState("");
  const [writtenOnly, setWrittenOnly] = useState(true);
  const deferredQuery = useDeferredValue(query);
  const inputId = useId();
  const statusId = useId();

  const groups = useMemo(() => {
    const words = deferredQuery.toLowerCase().split(/\s+/).filter(Boolean);
    const matches = rows.filter((row) => {
      if (writtenOnly && !row.written) return false;
      const haystack = `${row.name} ${row.id} ${chapterTitles[row.chapter] ?? ""}`.toLowerCase();
      return words.every((word) => haystack.includes(word));
    });
    const byLetter = new Map<string, PatternIndexRow[]>();
    for (const row of matches) {
      const letter = initialOf(row.name);
      byLetter.set(letter, [...(byLetter.get(letter) ?? []), row]);
    }
    return { count: matches.length, byLetter };
  }, [rows, chapterTitles, deferredQuery, writtenOnly]);

  const writtenCount = rows.filter((row) => row.written).length;
  const orderedLetters = [...groups.byLetter.keys()].sort((a, b) => (a === "#" ? 1 : b === "#" ? -1 : a.localeCompare(b)));

  return (
    <div>
      <div className="z-10 -mx-4 border-b border-line bg-bg/95 px-4 pb-3 pt-4 backdrop-blur-md sm:sticky sm:top-[var(--fl-header-h)] sm:-mx-6 sm:px-6">
        <div className="flex flex-wrap items-center gap-x-5 gap-y-3">
          <label htmlFor={inputId} className="sr-only">
            Filter patterns
          </label>
          <div className="relative min-w-0 flex-1 basis-64">
            <SearchIcon className="pointer-events-none absolute left-3.5 top-1/2 size-4 -translate-y-1/2 text-faint" />
            <input
              id={inputId}
              type="search"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              placeholder="Filter by name, id or chapter"
              aria-describedby={statusId}
              autoComplete="off"
              className="h-11 w-full rounded-xl border border-line bg-surface pl-10 pr-3 text-base text-fg placeholder:text-faint"
            />
          </div>
          <label className="inline-flex cursor-pointer items-center gap-2 text-sm text-muted">
            <input type="checkbox" checked={writtenOnly} onChange={(event) => setWrittenOnly(event.target.checked)} className="size-4 accent-[var(--fl-accent)]" />
            Only written patterns ({writtenCount} of {rows.length}; uncheck for the roadmap)
          </label>
        </div>
        <p id={statusId} role="status" className="mt-3 text-sm text-muted">
          {groups.count === rows.length
            ? `${rows.length} patterns`
            : writtenOnly && !deferredQuery.trim()
              ? `${groups.count} written patterns; ${rows.length - writtenCount} more are planned`
              : `${groups.count} of ${rows.length} patterns match`}
        </p>
        <nav aria-label="Letters" className="mt-2">
          <ul className="-mx-1 flex gap-0.5 overflow-x-auto pb-1 font-mono text-sm sm:flex-wrap">
            {letters.map((letter) =>
              groups.byLetter.has(letter) ? (
                <li key={letter}>
                  <a href={`#letter-${letter}`} className="inline-flex size-7 shrink-0 items-center justify-center rounded-md text-fg hover:bg-accent-soft hover:text-accent">
                    {letter}
                  </a>
                </li>
              ) : (
                <li key={letter} aria-hidden="true" className="inline-flex size-7 shrink-0 items-center justify-center text-faint/50">
                  {letter}
                </li>
              ),
            )}
          </ul>
        </nav>
      </div>

      {groups.count === 0 ? <p className="py-16 text-center text-muted">No pattern matches “{deferredQuery}”.</p> : null}

      <div className="mt-6 space-y-10">
        {orderedLetters.map((letter) => (
          <section key={letter} id={`letter-${letter}`} aria-labelledby={`letter-${letter}--heading`} className="scroll-mt-[calc(var(--fl-header-h)+1rem)] sm:scroll-mt-[calc(var(--fl-header-h)+10rem)]">
            <h2 id={`letter-${letter}--heading`} className="font-serif text-3xl font-semibold text-accent">
              {letter}
            </h2>
            <ul className="mt-3 grid gap-x-8 sm:grid-cols-2">
              {groups.byLetter.get(letter)!.map((row) => (
                <li key={row.id} className="border-b border-line/70 py-2.5" data-written={row.written ? "" : undefined}>
                  {row.written ? (
                    <Link href={`/learn/${row.chapter}#${row.id}`} className="group block">
                      <span className="font-medium text-fg group-hover:text-accent group-hover:underline">{row.name}</span>
                      <span className="block text-sm text-muted">{chapterTitles[row.chapter] ?? row.chapter}</span>
                    </Link>
                  ) : (
                    <span className="block text-faint">
                      <span className="font-medium">{row.name}</span>
                      <span className="block text-sm">
                        {chapterTitles[row.chapter] ?? row.chapter} · coming soon
                      </span>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}
