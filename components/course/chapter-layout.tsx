import type { ReactNode } from "react";
import { MarkAsReadButton } from "@/components/progress/mark-as-read-button";
import { ClockIcon } from "@/components/ui/icons";
import type { ChapterMeta, Course, CourseChapter } from "@/lib/content";
import type { TocEntry } from "@/lib/content/chapter-outline";
import { Breadcrumbs } from "./breadcrumbs";
import { ChapterPager } from "./chapter-pager";
import { CourseDrawer } from "./course-drawer";
import { CourseOutline } from "./course-outline";
import { TableOfContents } from "./table-of-contents";

/**
 * The frame of a chapter page: course sidebar (a drawer on narrow screens), breadcrumbs,
 * chapter header with "mark as read", the prose, an "on this page" list (sticky on wide
 * screens), and previous / next links.
 */
export function ChapterLayout({
  course,
  chapter,
  toc,
  neighbours,
  children,
}: {
  course: Course;
  chapter: ChapterMeta;
  toc: readonly TocEntry[];
  neighbours: { previous?: CourseChapter; next?: CourseChapter };
  children: ReactNode;
}) {
  const { frontmatter } = chapter;
  const patternCount = frontmatter.patterns.length;
  return (
    <div className="mx-auto grid max-w-[90rem] gap-x-10 px-4 sm:px-6 lg:grid-cols-[16.5rem_minmax(0,1fr)] xl:grid-cols-[16.5rem_minmax(0,1fr)_14rem] print:block print:max-w-none print:px-0">
      <nav
        aria-label="Course"
        className="sticky top-[var(--fl-header-h)] hidden h-[calc(100dvh-var(--fl-header-h))] overflow-y-auto overscroll-contain border-r border-line py-8 pr-4 lg:block print:hidden"
      >
        <CourseOutline course={course} currentChapterId={chapter.id} />
      </nav>

      <main id="main" tabIndex={-1} className="chapter-main min-w-0 pb-8 pt-8 outline-none lg:pt-10 print:pt-0">
        <div className="mx-auto max-w-[44rem] print:max-w-none">
          <div className="flex items-center justify-between gap-3">
            <Breadcrumbs items={[{ label: "Learn", href: "/learn" }, { label: chapter.part, href: `/learn#${course.parts.find((p) => p.title === chapter.part)?.slug ?? ""}` }, { label: frontmatter.title }]} />
            <div className="shrink-0 lg:hidden print:hidden">
              <CourseDrawer>
                <CourseOutline course={course} currentChapterId={chapter.id} />
              </CourseDrawer>
            </div>
          </div>

          <header className="mt-6 border-b border-line pb-8">
            <p className="text-sm font-semibold uppercase tracking-[0.1em] text-accent">
              Chapter {chapter.number} · {chapter.part}
            </p>
            <h1 className="mt-3 font-serif text-4xl font-semibold leading-tight tracking-tight text-balance sm:text-[2.75rem]">{frontmatter.title}</h1>
            <p className="mt-4 text-lg leading-relaxed text-muted text-pretty">{frontmatter.summary}</p>
            {chapter.series ? <SeriesNote course={course} series={chapter.series} /> : null}
            <div className="mt-6 flex flex-wrap items-center gap-x-5 gap-y-3 text-sm text-muted">
              <span className="inline-flex items-center gap-1.5" title="Reading time: prose at 230 words a minute, 1 min per lab, 30 s per prediction or challenge" data-testid="reading-time">
                <ClockIcon className="size-4" />
                {chapter.readingTime.minutes} min
                {chapter.readingTime.deepDiveMinutes > 0 ? <span className="text-faint">+{chapter.readingTime.deepDiveMinutes} min of deep dives</span> : null}
              </span>
              {patternCount > 0 ? (
                <span>
                  {patternCount} pattern{patternCount === 1 ? "" : "s"}
                </span>
              ) : null}
              <span className="ml-auto">
                <MarkAsReadButton chapterId={chapter.id} />
              </span>
            </div>
          </header>

          {toc.length > 0 ? (
            <details className="group mt-6 rounded-xl border border-line bg-surface xl:hidden print:hidden">
              <summary className="cursor-pointer list-none px-4 py-3 text-sm font-semibold [&::-webkit-details-marker]:hidden">
                On this page <span className="font-normal text-faint">({toc.length})</span>
              </summary>
              <div className="border-t border-line px-4 pb-3 pt-2">
                <TableOfContents entries={toc} headingId="toc-heading-compact" />
              </div>
            </details>
          ) : null}

          <article className="mt-8">{children}</article>

          <footer className="mt-16 space-y-8 border-t border-line pt-8 print:hidden">
            <div className="flex flex-wrap items-center justify-between gap-4">
              <p className="text-muted">Finished this chapter?</p>
              <MarkAsReadButton chapterId={chapter.id} size="lg" />
            </div>
            <ChapterPager previous={neighbours.previous} next={neighbours.next} />
          </footer>
        </div>
      </main>

      {toc.length > 0 ? (
        <aside className="sticky top-[var(--fl-header-h)] hidden max-h-[calc(100dvh-var(--fl-header-h))] overflow-y-auto py-10 xl:block print:hidden" aria-label="On this page">
          <TableOfContents entries={toc} headingId="toc-heading" />
        </aside>
      ) : null}
    </div>
  );
}

/** "Part 2 of 3" for a topic split over several chapters, with links to the parts before and after. */
function SeriesNote({ course, series }: { course: Course; series: NonNullable<CourseChapter["series"]> }) {
  const titleOf = (id: string) => course.chapters.find((c) => c.id === id)?.title ?? id;
  const previous = series.ids[series.index - 2];
  const next = series.ids[series.index];
  return (
    <p className="mt-3 text-sm text-muted" data-testid="chapter-series">
      <span className="font-semibold text-fg">
        Part {series.index} of {series.total}.
      </span>{" "}
      {previous ? (
        <>
          Continues <a className="text-accent underline underline-offset-2" href={`/learn/${previous}`}>{titleOf(previous)}</a>.{" "}
        </>
      ) : null}
      {next ? (
        <>
          Continued in <a className="text-accent underline underline-offset-2" href={`/learn/${next}`}>{titleOf(next)}</a>.
        </>
      ) : null}
    </p>
  );
}
