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
      const { id, title: chapterTitle, continues } = (chapter ?? {}) as { id?: unknown; title?: unknown; continues?: unknown };
      const where = `parts[${p}].chapters[${c}]`;
      // A split chapter names the chapter it continues, which must come earlier in the course.
      if (continues !== undefined && (typeof continues !== "string" || !chapterIds.has(continues)))
        problems.push(`${where}.continues must be the id of a chapter listed earlier (got ${JSON.stringify(continues)})`);
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
      ...(entry.continues ? { continues: entry.continues } : {}),
    })),
  }));
  const chapters = parts.flatMap((part) => part.chapters);
  attachSeries(chapters);
  return { parts, chapters };
}

/** The live chapters before and after `chapterId` in reading order (planned ones are skipped). */
export function neighbouringLiveChapters(course: Course, chapterId: string): { previous?: CourseChapter; next?: CourseChapter } {
  const live = course.chapters.filter((chapter) => chapter.status === "live");
  const index = live.findIndex((chapter) => chapter.id === chapterId);
  if (index === -1) return {};
  return { previous: live[index - 1], next: live[index + 1] };
}

/**
 * Chapters linked by `continues` form a series (a topic split over several pages): each member gets
 * `series` with its 1-based position, the total and the member ids in order, for "Part 2 of 3".
 */
function attachSeries(chapters: CourseChapter[]): void {
  const byId = new Map(chapters.map((chapter) => [chapter.id, chapter]));
  const rootOf = (chapter: CourseChapter): string => {
    let current = chapter;
    for (let guard = 0; current.continues && byId.has(current.continues) && guard < chapters.length; guard++) current = byId.get(current.continues)!;
    return current.id;
  };
  const members = new Map<string, string[]>();
  for (const chapter of chapters) {
    const root = rootOf(chapter);
    if (root === chapter.id && !chapters.some((other) => other.continues === chapter.id)) continue;
    members.set(root, [...(members.get(root) ?? []), chapter.id]);
  }
  for (const ids of members.values()) {
    if (ids.length < 2) continue;
    ids.forEach((id, i) => (byId.get(id)!.series = { index: i + 1, total: ids.length, ids }));
  }
}
