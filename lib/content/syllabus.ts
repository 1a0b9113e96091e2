/**
 * The syllabus (content/syllabus.json): every catalog pattern id, its display name and the
 * chapter meant to teach it. Whether a pattern is written is derived from chapter frontmatter.
 */
import { ContentError } from "./content-error";
import type { Course, SyllabusEntry } from "./types";

/**
 * Checks the syllabus shape: unique ids, names, and chapters that exist in the course.
 * @throws ContentError naming the offending entry
 */
export function validateSyllabus(data: unknown, file: string, course: Course): SyllabusEntry[] {
  if (!Array.isArray(data)) throw new ContentError(file, ["must be an array of {id, name, chapter}"]);
  const chapterIds = new Set(course.chapters.map((chapter) => chapter.id));
  const seen = new Set<string>();
  const problems: string[] = [];
  data.forEach((entry: unknown, index) => {
    const { id, name, chapter } = (entry ?? {}) as Partial<Record<keyof SyllabusEntry, unknown>>;
    if (typeof id !== "string" || id === "") problems.push(`[${index}].id must be a non-empty string`);
    else if (seen.has(id)) problems.push(`[${index}].id ${JSON.stringify(id)} is listed twice`);
    else seen.add(id);
    if (typeof name !== "string" || name === "") problems.push(`[${index}].name must be a non-empty string`);
    if (typeof chapter !== "string" || !chapterIds.has(chapter)) {
      problems.push(`[${index}].chapter ${JSON.stringify(chapter)} is not a chapter in content/course.json`);
    }
  });
  if (problems.length > 0) throw new ContentError(file, problems);
  return data as SyllabusEntry[];
}

/** A syllabus entry with where it is taught, for the A–Z pattern index. */
export interface PatternIndexEntry extends SyllabusEntry {
  chapterTitle: string;
  /** True when a live chapter's frontmatter lists the pattern. */
  written: boolean;
  /** `/learn/<chapter>#<id>` when written. */
  href?: string;
}

/**
 * Joins the syllabus with the patterns live chapters list in their frontmatter. A written
 * pattern links to the chapter that actually has its section (which may differ from the
 * syllabus suggestion); unwritten ones name their planned chapter. Sorted A–Z by name.
 */
export function buildPatternIndex(
  syllabus: readonly SyllabusEntry[],
  course: Course,
  writtenIn: ReadonlyMap<string, string>,
): PatternIndexEntry[] {
  const titles = new Map(course.chapters.map((chapter) => [chapter.id, chapter.title]));
  return syllabus
    .map((entry): PatternIndexEntry => {
      const chapter = writtenIn.get(entry.id);
      const home = chapter ?? entry.chapter;
      return {
        ...entry,
        chapter: home,
        chapterTitle: titles.get(home) ?? home,
        written: chapter !== undefined,
        href: chapter !== undefined ? `/learn/${chapter}#${entry.id}` : undefined,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.id.localeCompare(b.id));
}
