import Link from "next/link";
import { SearchIcon } from "@/components/ui/icons";

export default function NotFound() {
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-2xl px-4 pb-8 pt-20 text-center outline-none sm:px-6">
      <p className="font-mono text-sm font-semibold text-accent">404</p>
      <h1 className="mt-3 font-serif text-4xl font-semibold tracking-tight sm:text-5xl">This page fell through a fault line</h1>
      <p className="mx-auto mt-4 max-w-lg text-lg text-muted">
        The address may be mistyped, or the chapter may not be written yet. Search for what you were after, or head back to the course.
      </p>
      <form role="search" action="/search" className="relative mx-auto mt-8 max-w-md">
        <label htmlFor="not-found-search" className="sr-only">
          Search chapters and patterns
        </label>
        <SearchIcon className="pointer-events-none absolute left-4 top-1/2 size-4 -translate-y-1/2 text-faint" />
        <input
          id="not-found-search"
          type="search"
          name="q"
          placeholder="Search the course"
          className="h-12 w-full rounded-xl border border-line bg-surface pl-11 pr-24 text-fg placeholder:text-faint"
        />
        <button type="submit" className="absolute right-1.5 top-1/2 h-9 -translate-y-1/2 rounded-lg bg-accent px-4 text-sm font-semibold text-on-accent hover:bg-accent-strong">
          Search
        </button>
      </form>
      <ul className="mt-10 flex flex-wrap justify-center gap-3">
        <li>
          <Link href="/" className="inline-flex h-10 items-center rounded-full border border-line bg-surface px-5 font-medium hover:border-accent hover:text-accent">
            Home
          </Link>
        </li>
        <li>
          <Link href="/learn" className="inline-flex h-10 items-center rounded-full border border-line bg-surface px-5 font-medium hover:border-accent hover:text-accent">
            All chapters
          </Link>
        </li>
        <li>
          <Link href="/patterns" className="inline-flex h-10 items-center rounded-full border border-line bg-surface px-5 font-medium hover:border-accent hover:text-accent">
            Patterns A–Z
          </Link>
        </li>
      </ul>
    </main>
  );
}
