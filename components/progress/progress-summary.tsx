"use client";

import { useProgress } from "./use-progress";

/** "n of m chapters read" with a bar, counting only chapters that are live. */
export function ProgressSummary({ liveChapterIds }: { liveChapterIds: readonly string[] }) {
  const { read } = useProgress();
  const done = liveChapterIds.filter((id) => read.has(id)).length;
  const total = liveChapterIds.length;
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <div className="w-full max-w-xs">
      <p className="flex justify-between text-sm text-muted">
        <span>Your progress</span>
        <span className="tabular-nums" data-testid="progress-count">
          {done} of {total} chapters read
        </span>
      </p>
      <div
        className="mt-2 h-2 overflow-hidden rounded-full bg-sunken ring-1 ring-line ring-inset"
        role="progressbar"
        aria-label="Chapters read"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} chapters read`}
      >
        <div className="h-full rounded-full bg-ok transition-[width] duration-500" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
