"use client";

import { useEffect, useState } from "react";
import type { TocEntry } from "@/lib/content/chapter-outline";

/**
 * "On this page": links to the chapter's sections. While scrolling, the section in view is
 * marked (aria-current="location"); without JavaScript it is a plain list of anchors.
 */
export function TableOfContents({ entries, headingId }: { entries: readonly TocEntry[]; headingId: string }) {
  const [activeId, setActiveId] = useState<string | null>(null);

  useEffect(() => {
    const sections = entries.map((entry) => document.getElementById(entry.id)).filter((el): el is HTMLElement => el !== null);
    if (sections.length === 0) return;
    const update = () => {
      // The last section whose top has passed a line a little below the header.
      const line = window.innerHeight * 0.25;
      let current: string | null = null;
      for (const section of sections) if (section.getBoundingClientRect().top <= line) current = section.id;
      setActiveId(current);
    };
    update();
    window.addEventListener("scroll", update, { passive: true });
    window.addEventListener("hashchange", update);
    return () => {
      window.removeEventListener("scroll", update);
      window.removeEventListener("hashchange", update);
    };
  }, [entries]);

  return (
    <nav aria-labelledby={headingId}>
      <p id={headingId} className="text-xs font-semibold uppercase tracking-[0.08em] text-faint">
        On this page
      </p>
      <ol className="mt-3 space-y-0.5 border-l border-line text-sm">
        {entries.map((entry) => (
          <li key={entry.id}>
            <a
              href={`#${entry.id}`}
              aria-current={entry.id === activeId ? "location" : undefined}
              className="-ml-px block border-l-2 border-transparent py-1 pl-3 pr-1 leading-snug text-muted transition-colors hover:border-faint hover:text-fg aria-[current=location]:border-accent aria-[current=location]:text-fg"
            >
              {entry.title}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
