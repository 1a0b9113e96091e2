/**
 * The course manifest (content/course.json): shape checks and resolution of chapter status.
 * A chapter is "live" when its MDX file exists, decided at build time from the file system.
 */
import { ContentError } from "./content-error";
import type { Course, CourseChapter, CourseManifest, ResolvedCoursePart } from "./types";

const chapterIdPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Checks that parsed course.json has the expected shape: parts with unique titles, chapters
 * with unique kebab-case ids and non-empty titles.
 * @throws ContentError naming the offending part or chapter
 */
export function validateCourseManifest(data: unknown, file: string): CourseManifest {
  const problems: string[] = [];
  const parts = (data as { parts?: unknown } | null)?.parts;
  if (!Array.isArray(parts)) throw new ContentError(file, ["must be an object with a \"parts\" array"]);
  const partTitles = new Set<string>();
  const chapterIds = new Set<string>();
  parts.forEach((part: unknown, p) => {
    const { title, chapters } = (part ?? {}) as { title?: unknown; chapters?: unknown };
    if (typeof title !== "string" || title.trim() === "") problems.push(`parts[${p}].title must be a non-empty string`);
    else if (partTitles.has(title)) problems.push(`parts[${p}].title ${JSON.stringify(title)} is used twice`);
    else partTitles.add(title);
    if (!Array.isArray(chapters)) {
      problems.push(`parts[${p}].chapters must be an array`);
      return;
    }
    chapters.forEach((chapter: unknown, c) => {
      const { id, title: chapterTitle } = (chapter ?? {}) as { id?: unknown; title?: unknown };
      const where = `parts[${p}].chapters[${c}]`;
      if (typeof id !== "string" || !chapterIdPattern.test(id)) problems.push(`${where}.id must be a kebab-case id (got ${JSON.stringify(id)})`);
      else if (chapterIds.has(id)) problems.push(`${where}.id ${JSON.stringify(id)} is listed twice`);
      else chapterIds.add(id);
      if (typeof chapterTitle !== "string" || chapterTitle.trim() === "") problems.push(`${where}.title must be a non-empty string`);
    });
  });
  if (problems.length > 0) throw new ContentError(file, problems);
  return data as CourseManifest;
}

/** Turns a part title into an anchor id ("Data processing & workflows" -> "data-processing-workflows"). */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * Resolves the manifest into the course the app renders, marking each chapter live when
 * its id is in `liveChapterIds`.
 */
export function resolveCourse(manifest: CourseManifest, liveChapterIds: ReadonlySet<string>): Course {
  let number = 0;
  const parts: ResolvedCoursePart[] = manifest.parts.map((part) => ({
    title: part.title,
    slug: slugify(part.title),
    chapters: part.chapters.map((entry): CourseChapter => ({
      id: entry.id,
      title: entry.title,
      part: part.title,
      status: liveChapterIds.has(entry.id) ? "live" : "planned",
      number: ++number,
    })),
  }));
  return { parts, chapters: parts.flatMap((part) => part.chapters) };
}

/** The live chapters before and after `chapterId` in reading order (planned ones are skipped). */
export function neighbouringLiveChapters(course: Course, chapterId: string): { previous?: CourseChapter; next?: CourseChapter } {
  const live = course.chapters.filter((chapter) => chapter.status === "live");
  const index = live.findIndex((chapter) => chapter.id === chapterId);
  if (index === -1) return {};
  return { previous: live[index - 1], next: live[index + 1] };
}
