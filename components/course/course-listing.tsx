import Link from "next/link";
import { ReadMark } from "@/components/progress/read-mark";
import { ClockIcon } from "@/components/ui/icons";
import type { ChapterMeta, Course } from "@/lib/content";

/**
 * The course on /learn: every part with its chapters. Live chapters are cards with summary,
 * time and a read mark; planned chapters are greyed, labelled "coming soon" and not linked.
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
  return (
    <div className="space-y-14">
      {course.parts.map((part, partIndex) => (
        <section key={part.slug} id={part.slug} aria-labelledby={`${part.slug}--heading`} className="scroll-mt-[calc(var(--fl-header-h)+1.5rem)]">
          <div className="flex items-baseline gap-3 border-b border-line pb-3">
            <span className="font-mono text-sm tabular-nums text-faint" aria-hidden="true">
              {String(partIndex).padStart(2, "0")}
            </span>
            <h2 id={`${part.slug}--heading`} className="font-serif text-2xl font-semibold tracking-tight">
              {part.title}
            </h2>
          </div>
          <ol className="mt-4 grid gap-3 md:grid-cols-2">
            {part.chapters.map((chapter) => {
              const meta = metaById.get(chapter.id);
              const patterns = meta ? meta.frontmatter.patterns.length : (patternCounts.get(chapter.id) ?? 0);
              if (!meta) {
                return (
                  <li key={chapter.id} data-status="planned" className="flex items-center gap-3 rounded-xl border border-dashed border-line px-5 py-3.5 text-faint">
                    <span className="w-7 shrink-0 font-mono text-xs tabular-nums">{chapter.number}</span>
                    <span className="flex-1">
                      <span className="font-medium">{chapter.title}</span>
                      <span className="block text-xs">{patterns} pattern{patterns === 1 ? "" : "s"}</span>
                    </span>
                    <span className="shrink-0 rounded-full border border-line px-2 py-0.5 text-[0.7rem] font-medium uppercase tracking-wide">Coming soon</span>
                  </li>
                );
              }
              return (
                <li key={chapter.id} data-status="live" className="md:col-span-2">
                  <Link
                    href={`/learn/${chapter.id}`}
                    className="group flex gap-3 rounded-2xl border border-line bg-surface px-5 py-4 shadow-sm transition-colors hover:border-accent"
                  >
                    <span className="w-7 shrink-0 pt-1 font-mono text-xs tabular-nums text-faint">{chapter.number}</span>
                    <span className="min-w-0 flex-1">
                      <span className="flex items-start gap-2">
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
      ))}
    </div>
  );
}
