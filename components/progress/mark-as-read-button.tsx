"use client";

import { CheckIcon } from "@/components/ui/icons";
import { useProgress } from "./use-progress";

/** Toggles a chapter's read state. A toggle button (aria-pressed) with a fixed width, so it never shifts. */
export function MarkAsReadButton({ chapterId, size = "md" }: { chapterId: string; size?: "md" | "lg" }) {
  const { read, setRead } = useProgress();
  const isRead = read.has(chapterId);
  return (
    <button
      type="button"
      aria-pressed={isRead}
      onClick={() => setRead(chapterId, !isRead)}
      data-print="hide"
      className={`inline-flex items-center justify-center gap-2 rounded-full border font-medium transition-colors ${
        size === "lg" ? "h-11 min-w-44 px-5 text-[0.9375rem]" : "h-9 min-w-36 px-4 text-sm"
      } ${isRead ? "border-ok/40 bg-ok-soft text-ok" : "border-line bg-surface text-fg hover:border-accent hover:text-accent"}`}
    >
      <CheckIcon className={`size-4 ${isRead ? "" : "opacity-50"}`} />
      {isRead ? "Read" : "Mark as read"}
    </button>
  );
}
