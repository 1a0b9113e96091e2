import Link from "next/link";
import { ArrowLeftIcon, ArrowRightIcon } from "@/components/ui/icons";
import type { CourseChapter } from "@/lib/content";

/** Previous / next live chapter links at the end of a chapter. */
export function ChapterPager({ previous, next }: { previous?: CourseChapter; next?: CourseChapter }) {
  if (!previous && !next) return null;
  return (
    <nav aria-label="Chapters" className="grid gap-3 sm:grid-cols-2 print:hidden">
      {previous ? (
        <Link href={`/learn/${previous.id}`} rel="prev" className="group flex flex-col gap-1 rounded-2xl border border-line bg-surface px-5 py-4 transition-colors hover:border-accent">
          <span className="flex items-center gap-1.5 text-sm text-muted">
            <ArrowLeftIcon className="size-4 transition-transform group-hover:-translate-x-0.5" /> Previous
          </span>
          <span className="font-serif text-lg font-semibold group-hover:text-accent">{previous.title}</span>
        </Link>
      ) : (
        <span className="max-sm:hidden" />
      )}
      {next ? (
        <Link href={`/learn/${next.id}`} rel="next" className="group flex flex-col items-end gap-1 rounded-2xl border border-line bg-surface px-5 py-4 text-right transition-colors hover:border-accent">
          <span className="flex items-center gap-1.5 text-sm text-muted">
            Next <ArrowRightIcon className="size-4 transition-transform group-hover:translate-x-0.5" />
          </span>
          <span className="font-serif text-lg font-semibold group-hover:text-accent">{next.title}</span>
        </Link>
      ) : null}
    </nav>
  );
}
