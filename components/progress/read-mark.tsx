"use client";

import { CheckIcon } from "@/components/ui/icons";
import { useProgress } from "./use-progress";

/** A check shown next to a chapter the learner has read. Always occupies its box, so nothing shifts. */
export function ReadMark({ chapterId, className = "" }: { chapterId: string; className?: string }) {
  const { read } = useProgress();
  const isRead = read.has(chapterId);
  return (
    <span className={`inline-flex size-4 shrink-0 items-center justify-center ${className}`} data-read={isRead ? "" : undefined}>
      {isRead ? (
        <>
          <CheckIcon className="size-4 text-ok" />
          <span className="sr-only">(read)</span>
        </>
      ) : null}
    </span>
  );
}
