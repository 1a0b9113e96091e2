"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState } from "react";
import { CloseIcon, SearchIcon } from "@/components/ui/icons";
import type { SearchStatus } from "./use-search";

// The search (MiniSearch, the index, the result list) loads when the dialog first opens, or when the
// pointer or focus reaches the button, so pages that never search never download it.
const loadResults = () => import("./search-results");
const SearchResults = lazy(loadResults);
const preloadResults = () => void loadResults().catch(() => {}); // opening the dialog retries and reports
const limit = 12;

/** True when a key press is meant for a text field, so "/" must not open search. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The header search: a button (and the "/" or Ctrl/⌘+K shortcut) opening a modal dialog.
 * The native <dialog> traps focus and closes on Escape; focus returns to where it was.
 * The dialog and its input are here from the start; the search behind them loads on first use.
 */
export function SearchDialog() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const returnFocusRef = useRef<HTMLElement | null>(null);
  const [query, setQuery] = useState("");
  // Once opened, the results stay mounted (closed dialogs are hidden), so the index loads once.
  const [used, setUsed] = useState(false);
  const [{ status, hitCount }, setResult] = useState<{ status: SearchStatus; hitCount: number }>({ status: "idle", hitCount: 0 });
  const onResult = useCallback((status: SearchStatus, hitCount: number) => setResult({ status, hitCount }), []);
  const pathname = usePathname();
  const titleId = useId();
  const statusId = useId();

  const openDialog = useCallback(() => {
    const dialog = dialogRef.current;
    if (!dialog || dialog.open) return;
    returnFocusRef.current = document.activeElement as HTMLElement | null;
    dialog.showModal();
    setUsed(true);
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  const closeDialog = useCallback(() => dialogRef.current?.close(), []);
  const focusInput = useCallback(() => inputRef.current?.focus(), []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut = (event.key === "/" && !event.metaKey && !event.ctrlKey && !event.altKey) || (event.key.toLowerCase() === "k" && (event.metaKey || event.ctrlKey));
      if (!shortcut || (event.key === "/" && isTypingTarget(event.target))) return;
      event.preventDefault();
      openDialog();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [openDialog]);

  // A followed result changes the route: close the dialog.
  useEffect(() => {
    closeDialog();
  }, [pathname, closeDialog]);

  const onClose = () => {
    const target = returnFocusRef.current;
    if (target && document.contains(target)) target.focus();
  };

  const statusText =
    status === "error"
      ? "Search is unavailable right now. Try again in a moment."
      : status === "loading" || (status === "idle" && query)
        ? "Loading the search index…"
        : query.trim() === ""
          ? "Type to search every chapter and pattern section."
          : hitCount === 0
            ? `No results for “${query.trim()}”.`
            : `${hitCount === limit ? `Top ${limit}` : hitCount} result${hitCount === 1 ? "" : "s"}.`;

  return (
    <>
      <button
        type="button"
        onClick={openDialog}
        onPointerEnter={preloadResults}
        onFocus={preloadResults}
        aria-haspopup="dialog"
        aria-keyshortcuts="/ Control+K Meta+K"
        className="inline-flex h-9 items-center gap-2 rounded-lg text-muted transition-colors hover:bg-sunken hover:text-fg max-sm:w-9 max-sm:justify-center sm:border sm:border-line sm:bg-surface sm:pl-3 sm:pr-1.5 sm:text-sm"
      >
        <SearchIcon className="size-[1.1rem] sm:size-4" />
        <span className="max-sm:sr-only">Search</span>
        <kbd className="hidden rounded border border-line bg-sunken px-1.5 font-mono text-xs text-faint sm:ml-6 sm:inline-block">/</kbd>
      </button>

      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        onClose={onClose}
        onClick={(event) => {
          if (event.target === dialogRef.current) closeDialog();
        }}
        className="m-0 mx-auto mt-[8vh] max-h-[80vh] w-[min(40rem,calc(100vw-1.5rem))] overflow-hidden rounded-2xl border border-line bg-surface p-0 text-fg shadow-2xl backdrop:bg-black/40 backdrop:backdrop-blur-sm open:flex open:flex-col motion-safe:open:animate-[fl-pop_140ms_ease-out]"
      >
        <h2 id={titleId} className="sr-only">
          Search the course
        </h2>
        <form
          role="search"
          action="/search"
          className="flex items-center gap-3 border-b border-line px-4"
          onSubmit={(event) => {
            // Enter jumps to the first result; the form still works as a plain GET without JS.
            const first = listRef.current?.querySelector<HTMLAnchorElement>("a[data-search-result]");
            if (first) {
              event.preventDefault();
              first.click();
            }
          }}
        >
          <SearchIcon className="size-5 shrink-0 text-faint" />
          <input
            ref={inputRef}
            type="search"
            name="q"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "ArrowDown") {
                event.preventDefault();
                listRef.current?.querySelector<HTMLAnchorElement>("a[data-search-result]")?.focus();
              }
            }}
            placeholder="Search chapters and patterns"
            aria-label="Search chapters and patterns"
            aria-describedby={statusId}
            autoComplete="off"
            spellCheck={false}
            className="h-14 min-w-0 flex-1 bg-transparent text-base outline-none placeholder:text-faint [&::-webkit-search-cancel-button]:hidden"
          />
          <button type="button" onClick={closeDialog} className="inline-flex size-8 items-center justify-center rounded-lg text-muted hover:bg-sunken hover:text-fg" aria-label="Close search">
            <CloseIcon className="size-4" />
          </button>
        </form>
        <div className="min-h-32 overflow-y-auto overscroll-contain p-2">
          <p id={statusId} role="status" className="px-3.5 py-2 text-sm text-muted">
            {statusText}
          </p>
          {used ? (
            <Suspense fallback={null}>
              <SearchResults query={query} limit={limit} listRef={listRef} onNavigate={closeDialog} onLeaveTop={focusInput} onResult={onResult} />
            </Suspense>
          ) : null}
        </div>
        <div className="flex items-center justify-between gap-3 border-t border-line bg-sunken px-4 py-2.5 text-xs text-muted">
          <span className="max-sm:hidden">
            <kbd className="font-mono">↑</kbd> <kbd className="font-mono">↓</kbd> to move, <kbd className="font-mono">Enter</kbd> to open, <kbd className="font-mono">Esc</kbd> to close
          </span>
          <Link href={query.trim() ? `/search?q=${encodeURIComponent(query.trim())}` : "/search"} onClick={closeDialog} className="font-medium text-accent hover:underline">
            All results on the search page
          </Link>
        </div>
      </dialog>
    </>
  );
}
