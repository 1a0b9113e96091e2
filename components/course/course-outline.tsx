import Link from "next/link";
import { ReadMark } from "@/components/progress/read-mark";
import { ChevronRightIcon } from "@/components/ui/icons";
import type { Course } from "@/lib/content";

/**
 * The whole course as a navigation list: parts fold open and shut (the current part starts
 * open), live chapters are links; planned ones are one quiet "Planned: …" line per part, and a
 * part with nothing written yet says "planned" instead of a count.
 */
export function CourseOutline({ course, currentChapterId }: { course: Course; currentChapterId?: string }) {
  return (
    <ol className="space-y-1 text-[0.9rem]">
      {course.parts.map((part) => {
        const live = part.chapters.filter((c) => c.status === "live").length;
        const containsCurrent = part.chapters.some((c) => c.id === currentChapterId);
        return (
          <li key={part.slug}>
            <details open={containsCurrent || undefined} className="group/part">
              <summary className="flex cursor-pointer list-none items-center gap-1.5 rounded-lg px-2 py-1.5 font-semibold text-fg hover:bg-sunken [&::-webkit-details-marker]:hidden">
                <ChevronRightIcon className="size-3.5 shrink-0 text-faint transition-transform group-open/part:rotate-90" />
                <span className="flex-1">{part.title}</span>
                {live > 0 ? (
                  <span className="text-xs font-normal tabular-nums text-faint" aria-label={`${live} chapter${live === 1 ? "" : "s"} to read`}>
                    {live}
                  </span>
                ) : (
                  <span className="text-[0.7rem] font-normal text-faint">planned</span>
                )}
              </summary>
              <ol className="mb-2 ml-[0.95rem] mt-0.5 border-l border-line pl-2">
                {part.chapters.filter((c) => c.status === "live").map((chapter) => (
                  <li key={chapter.id}>
                    {chapter.status === "live" ? (
                      <Link
                        href={`/learn/${chapter.id}`}
                        aria-current={chapter.id === currentChapterId ? "page" : undefined}
                        className="flex items-start gap-2 rounded-md px-2 py-1 text-muted transition-colors hover:bg-sunken hover:text-fg aria-[current=page]:bg-accent-soft aria-[current=page]:font-medium aria-[current=page]:text-accent-strong"
                      >
                        <span className="flex-1">{chapter.title}</span>
                        <ReadMark chapterId={chapter.id} className="mt-[0.2em]" />
                      </Link>
                    ) : (
                      <span className="flex items-start gap-2 px-2 py-1 text-faint">
                        <span className="flex-1">{chapter.title}</span>
                        <span className="mt-[0.15em] shrink-0 rounded border border-line px-1 text-[0.65rem] uppercase tracking-wide">soon</span>
                      </span>
                    )}
                  </li>
                ))}
                {live < part.chapters.length && (
                  <li className="px-2 py-1 text-xs leading-relaxed text-faint" data-status="planned">
                    Planned: {part.chapters.filter((c) => c.status !== "live").map((c) => c.title).join(" · ")}
                  </li>
                )}
              </ol>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
