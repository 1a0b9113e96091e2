/**
 * Old links keep working when a chapter is split: `/learn/<old-chapter>#<pattern-id>` for a pattern
 * that moved to another chapter (frontmatter `patterns` and content/syllabus.json) is sent on to
 * `/learn/<new-chapter>#<pattern-id>`. The chapter page passes the map of where every written
 * pattern lives; the client applies it on load and on hash changes (components/course/pattern-hash-redirect.tsx).
 */

/** Pattern id → id of the live chapter whose section it is, for every pattern not on `currentChapter`. */
export function patternHomesElsewhere(index: readonly { id: string; chapter: string; written: boolean }[], currentChapter: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of index) if (entry.written && entry.chapter !== currentChapter) out[entry.id] = entry.chapter;
  return out;
}

/**
 * Where a chapter page should send the reader for `hash` ("#id" or "id"), or null to stay: only when
 * no element on this page has that id and the id names a pattern written in another chapter.
 */
export function redirectForHash(hash: string, currentChapter: string, homes: Readonly<Record<string, string>>, hasElement: (id: string) => boolean): string | null {
  let id = hash.startsWith("#") ? hash.slice(1) : hash;
  try {
    id = decodeURIComponent(id);
  } catch {
    return null;
  }
  if (!id || hasElement(id)) return null;
  const home = Object.prototype.hasOwnProperty.call(homes, id) ? homes[id] : undefined;
  if (!home || home === currentChapter) return null;
  return `/learn/${home}#${encodeURIComponent(id)}`;
}
