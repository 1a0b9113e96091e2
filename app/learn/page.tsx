import type { Metadata } from "next";
import { CourseListing } from "@/components/course/course-listing";
import { ProgressSummary } from "@/components/progress/progress-summary";
import { ProgressFileButtons } from "@/components/progress/progress-file";
import { content } from "@/lib/content";

export const metadata: Metadata = {
  title: "The course",
  description: "Every chapter of Faultline, grouped by part, with your reading progress.",
};

export default function LearnPage() {
  const course = content.getCourse();
  const liveChapters = content.getLiveChapters();
  const patternCounts = new Map<string, number>();
  for (const entry of content.getSyllabus()) patternCounts.set(entry.chapter, (patternCounts.get(entry.chapter) ?? 0) + 1);

  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-4xl px-4 pb-8 pt-12 outline-none sm:px-6">
      <header className="flex flex-wrap items-end justify-between gap-6">
        <div>
          <h1 className="font-serif text-4xl font-semibold tracking-tight sm:text-5xl">The course</h1>
          <p className="mt-3 max-w-xl text-lg text-muted">
            {liveChapters.length} chapters to read now, each with labs you can run and break; {course.chapters.length - liveChapters.length} more
            are on the roadmap below.
          </p>
        </div>
        <div>
          <ProgressSummary liveChapterIds={liveChapters.map((chapter) => chapter.id)} />
          <ProgressFileButtons />
        </div>
      </header>
      <div className="mt-12">
        <CourseListing course={course} liveChapters={liveChapters} patternCounts={patternCounts} />
      </div>
    </main>
  );
}
