import Link from "next/link";
import { ReadMark } from "@/components/progress/read-mark";
import { ClockIcon } from "@/components/ui/icons";
import type { ChapterMeta, Course } from "@/lib/content";

/**
 * The course on /learn, leading with what can be read: the written chapters as cards in course
 * order, then the roadmap: one compact block per part (its anchor is the part's slug) naming the
 * written chapters as links and the planned ones as plain text.
 */
export function CourseListing({
  course,
  liveChapters,
  patternCounts,
}: {
  course: Course;
  liveChapters: readonly ChapterMeta[];
  /** Patterns per chapter id, from the syllabus. */
  patternCounts: ReadonlyMap<string, number>;
}) {
  const metaById = new Map(liveChapters.map((chapter) => [chapter.id, chapter]));
  const plannedCount = course.chapters.length - liveChapters.length;
  return (
    <div className="space-y-14">
      <section aria-labelledby="ready--heading">
        <h2 id="ready--heading" className="border-b border-line pb-3 font-serif text-2xl font-semibold tracking-tight">
          Ready to read <span className="font-sans text-base font-normal text-muted">({liveChapters.length} chapters)</span>
        </h2>
        <ol className="mt-4 grid gap-3">
          {course.chapters
            .filter((chapter) => metaById.has(chapter.id))
            .map((chapter) => {
              const meta = metaById.get(chapter.id)!;
              const patterns = meta.frontmatter.patterns.length;
              return (
                <li key={chapter.id} data-status="live">
                  <Link href={`/learn/${chapter.id}`} className="group flex gap-3 rounded-2xl border border-line bg-surface px-5 py-4 shadow-sm transition-colors hover:border-accent">
                    <span className="w-7 shrink-0 pt-1 font-mono text-xs tabular-nums text-faint">{chapter.number}</span>
                    <span className="min-w-0 flex-1">
                      <span className="block text-xs font-semibold uppercase tracking-[0.08em] text-accent">{chapter.part}</span>
                      <span className="mt-0.5 flex items-start gap-2">
                        <span className="flex-1 text-lg font-semibold group-hover:text-accent">{meta.frontmatter.title}</span>
                        <ReadMark chapterId={chapter.id} className="mt-1.5" />
                      </span>
                      <span className="mt-1 block leading-relaxed text-muted">{meta.frontmatter.summary}</span>
                      <span className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-faint">
                        <span className="inline-flex items-center gap-1.5">
                          <ClockIcon className="size-3.5" />
                          {meta.readingTime.minutes} min
                        </span>
                        {patterns > 0 ? (
                          <span>
                            {patterns} pattern{patterns === 1 ? "" : "s"}
                          </span>
                        ) : null}
                      </span>
                    </span>
                  </Link>
                </li>
              );
            })}
        </ol>
      </section>

      <section aria-labelledby="roadmap--heading">
        <h2 id="roadmap--heading" className="border-b border-line pb-3 font-serif text-2xl font-semibold tracking-tight">
          The roadmap <span className="font-sans text-base font-normal text-muted">({plannedCount} chapters planned)</span>
        </h2>
        <p className="mt-3 max-w-2xl text-muted">The whole course in {course.parts.length} parts. Written chapters are links; the rest are being written.</p>
        <dl className="mt-5 grid gap-x-8 gap-y-4 sm:grid-cols-2" data-testid="roadmap">
          {course.parts.map((part, partIndex) => {
            const live = part.chapters.filter((c) => metaById.has(c.id));
            const planned = part.chapters.filter((c) => !metaById.has(c.id));
            const plannedPatterns = planned.reduce((sum, c) => sum + (patternCounts.get(c.id) ?? 0), 0);
            return (
              <div key={part.slug} id={part.slug} className="scroll-mt-[calc(var(--fl-header-h)+1.5rem)] border-t border-line/70 pt-3">
                <dt className="flex items-baseline gap-2 font-semibold">
                  <span className="font-mono text-xs tabular-nums text-faint" aria-hidden="true">
                    {String(partIndex).padStart(2, "0")}
                  </span>
                  {part.title}
                  <span className="ml-auto text-xs font-normal text-faint">
                    {live.length} of {part.chapters.length} written
                  </span>
                </dt>
                <dd className="mt-1 text-sm leading-relaxed text-muted">
                  {live.map((c, i) => (
                    <span key={c.id}>
                      {i > 0 ? " · " : ""}
                      <Link className="font-medium text-accent-strong underline-offset-2 hover:underline" href={`/learn/${c.id}`}>
                        {c.title}
                      </Link>
                    </span>
                  ))}
                  {planned.length > 0 && (
                    <span data-status="planned">
                      {live.length > 0 ? " · " : ""}
                      Planned: {planned.map((c) => c.title).join(" · ")}
                      {plannedPatterns > 0 ? ` (${plannedPatterns} patterns)` : ""}
                    </span>
                  )}
                </dd>
              </div>
            );
          })}
        </dl>
      </section>
    </div>
  );
}
