"use client";
/**
 * The instructor's course list: the items they picked, in order, each with its embed options.
 * "Save" downloads it as a file they keep; "Open" reads one back (lib/teach/course-list.ts), and a
 * file that is not a course list leaves the current list as it was, with the problems named.
 */
import { useId, useRef } from "react";
import type { GalleryItem } from "@/lib/teach/gallery";
import { KindBadge } from "./kind-badge";

export type CourseListMessage = { kind: "ok"; text: string; details: string[] } | { kind: "problem"; text: string; details: string[] };

export function CourseListPanel({
  title,
  ids,
  items,
  message,
  onTitle,
  onRemove,
  onMove,
  onSelect,
  onSave,
  onOpen,
}: {
  title: string;
  ids: readonly string[];
  items: ReadonlyMap<string, GalleryItem>;
  message: CourseListMessage | null;
  onTitle: (title: string) => void;
  onRemove: (id: string) => void;
  onMove: (id: string, delta: number) => void;
  onSelect: (id: string) => void;
  onSave: () => void;
  onOpen: (file: File) => void;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const titleId = useId();
  return (
    <section aria-labelledby="course-list-heading" className="rounded-2xl border border-line bg-surface p-4" data-testid="course-list">
      <h2 id="course-list-heading" className="text-base font-semibold">
        Course list <span className="font-normal text-muted">({ids.length} {ids.length === 1 ? "item" : "items"})</span>
      </h2>
      <label htmlFor={titleId} className="mt-2 block text-sm font-medium">
        Title
      </label>
      <input id={titleId} value={title} maxLength={200} onChange={(e) => onTitle(e.target.value)} className="mt-1 w-full rounded-md border border-line bg-surface px-2 py-1 text-sm" data-testid="course-list-title" />
      {ids.length === 0 ? (
        <p className="mt-3 text-sm text-muted">Tick “In course list” on any item to collect it here.</p>
      ) : (
        <ol className="mt-3 space-y-1.5 text-sm" data-testid="course-list-items">
          {ids.map((id, i) => {
            const item = items.get(id);
            return (
              <li key={id} className="flex items-center gap-1.5" data-id={id}>
                <span className="w-5 shrink-0 text-right text-xs text-muted">{i + 1}.</span>
                {item ? (
                  <button type="button" onClick={() => onSelect(id)} className="flex min-w-0 flex-1 items-center gap-1.5 rounded px-1 py-0.5 text-left hover:bg-sunken">
                    <KindBadge kind={item.kind} />
                    <span className="truncate">{item.title}</span>
                  </button>
                ) : (
                  <span className="min-w-0 flex-1 truncate text-warn" title={id}>
                    Not in this version of the course: {id}
                  </span>
                )}
                <button type="button" onClick={() => onMove(id, -1)} disabled={i === 0} className="rounded px-1.5 py-0.5 hover:bg-sunken disabled:opacity-40" aria-label={`Move ${item?.title ?? id} up`}>
                  ↑
                </button>
                <button type="button" onClick={() => onMove(id, 1)} disabled={i === ids.length - 1} className="rounded px-1.5 py-0.5 hover:bg-sunken disabled:opacity-40" aria-label={`Move ${item?.title ?? id} down`}>
                  ↓
                </button>
                <button type="button" onClick={() => onRemove(id)} className="rounded px-1.5 py-0.5 hover:bg-sunken" aria-label={`Remove ${item?.title ?? id} from the course list`}>
                  ✕
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        <button type="button" onClick={onSave} disabled={ids.length === 0} className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-on-accent hover:bg-accent-strong disabled:opacity-50" data-testid="course-list-save">
          Save as file
        </button>
        <button type="button" onClick={() => fileInput.current?.click()} className="rounded-md border border-line px-3 py-1.5 text-sm font-medium hover:bg-sunken" data-testid="course-list-open">
          Open a saved list…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          className="sr-only"
          tabIndex={-1}
          aria-label="Course list file"
          data-testid="course-list-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) onOpen(file);
            e.target.value = "";
          }}
        />
      </div>
      <div role="status" aria-live="polite" className="mt-2 text-sm" data-testid="course-list-message">
        {message && (
          <div className={message.kind === "problem" ? "rounded-md border border-warn bg-warn-soft p-2" : "text-muted"}>
            <p className={message.kind === "problem" ? "font-medium" : undefined}>{message.text}</p>
            {message.details.length > 0 && (
              <ul className="mt-1 list-disc pl-5 text-xs">
                {message.details.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      <p className="mt-2 text-xs text-muted">The list stays in this tab until you save it; nothing is sent anywhere.</p>
    </section>
  );
}
