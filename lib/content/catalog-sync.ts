/**
 * Merging the shared pattern catalog into the project's own course files.
 *
 * The catalog (../shared/catalog/patterns.json) suggests chapters and parts; the project
 * owns content/course.json and content/syllabus.json and may edit them (rename a chapter,
 * move a pattern, add a local part). A sync therefore only ADDS what the catalog has and the
 * local files lack; it never removes or rewrites a local entry. Pure functions: the script
 * scripts/sync-catalog.ts does the file I/O.
 */
import type { CourseManifest, CoursePart, SyllabusEntry } from "./types";

/** A pattern as the catalog lists it (only the fields the app copies). */
export interface CatalogPattern {
  id: string;
  name: string;
}

/** A chapter as the catalog lists it. */
export interface CatalogChapter {
  id: string;
  title: string;
  part: string;
  patterns: CatalogPattern[];
}

/**
 * Returns the syllabus with every catalog pattern present. Local entries are kept exactly
 * (a moved pattern stays moved); missing catalog patterns are added with the catalog's name
 * and chapter. Order: catalog order first, then local-only entries in their local order.
 */
export function mergeSyllabus(local: readonly SyllabusEntry[], catalog: readonly CatalogChapter[]): SyllabusEntry[] {
  const localById = new Map(local.map((entry) => [entry.id, entry]));
  const merged: SyllabusEntry[] = [];
  const seen = new Set<string>();
  for (const chapter of catalog) {
    for (const pattern of chapter.patterns) {
      if (seen.has(pattern.id)) continue;
      seen.add(pattern.id);
      merged.push(localById.get(pattern.id) ?? { id: pattern.id, name: pattern.name, chapter: chapter.id });
    }
  }
  for (const entry of local) {
    if (!seen.has(entry.id)) {
      seen.add(entry.id);
      merged.push(entry);
    }
  }
  return merged;
}

/**
 * Returns the course manifest with every catalog chapter that still teaches something.
 *
 * Local parts, chapters, titles and order are kept. A catalog chapter missing locally is
 * added only when some syllabus entry still points at it: a chapter merged away locally
 * (its patterns moved elsewhere) is not resurrected. Added chapters go to the end of their
 * catalog part; a missing part is inserted after the nearest preceding catalog part.
 */
export function mergeCourse(
  local: CourseManifest,
  catalog: readonly CatalogChapter[],
  syllabus: readonly SyllabusEntry[],
): CourseManifest {
  const parts: CoursePart[] = local.parts.map((part) => ({ title: part.title, chapters: part.chapters.map((c) => ({ ...c })) }));
  const present = new Set(parts.flatMap((part) => part.chapters.map((c) => c.id)));
  const taught = new Set(syllabus.map((entry) => entry.chapter));
  const catalogPartOrder = [...new Set(catalog.map((chapter) => chapter.part))];

  for (const chapter of catalog) {
    if (present.has(chapter.id) || !taught.has(chapter.id)) continue;
    let part = parts.find((p) => p.title === chapter.part);
    if (!part) {
      part = { title: chapter.part, chapters: [] };
      parts.splice(insertionIndexForPart(parts, chapter.part, catalogPartOrder), 0, part);
    }
    part.chapters.push({ id: chapter.id, title: chapter.title });
    present.add(chapter.id);
  }
  return { parts };
}

/** Index after the last local part that comes before `title` in catalog order. */
function insertionIndexForPart(parts: readonly CoursePart[], title: string, catalogPartOrder: readonly string[]): number {
  const rank = catalogPartOrder.indexOf(title);
  let index = parts.length;
  for (let i = parts.length - 1; i >= 0; i--) {
    const otherRank = catalogPartOrder.indexOf(parts[i].title);
    if (otherRank !== -1 && otherRank > rank) index = i;
  }
  return index;
}
