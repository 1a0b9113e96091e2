/**
 * Shapes of the course data in content/. These are the on-disk formats (course.json,
 * syllabus.json, chapter frontmatter) and the derived views the app renders.
 */

/** One chapter entry in content/course.json. The id is the file name in content/chapters/. */
export interface CourseChapterEntry {
  id: string;
  title: string;
  /** For a chapter split over several pages: the id of the chapter this one continues (listed earlier). */
  continues?: string;
}

/** One part of the course: a titled group of chapters in reading order. */
export interface CoursePart {
  title: string;
  chapters: CourseChapterEntry[];
}

/** content/course.json: the parts and chapter order /learn is built from. */
export interface CourseManifest {
  parts: CoursePart[];
}

/** One catalog pattern in content/syllabus.json and the chapter meant to teach it. */
export interface SyllabusEntry {
  id: string;
  name: string;
  chapter: string;
}

/**
 * Whether a chapter can be read. "live" means content/chapters/<id>.mdx exists; it is
 * derived from the file system at build time, never stored.
 */
export type ChapterStatus = "live" | "planned";

/** A chapter as the navigation sees it: manifest entry plus derived position and status. */
export interface CourseChapter extends CourseChapterEntry {
  part: string;
  status: ChapterStatus;
  /** Position in the whole course, 1-based, counting planned chapters too. */
  number: number;
  /** When the chapter is one of several pages of a split topic ("continues" in course.json). */
  series?: { index: number; total: number; ids: string[] };
}

/** A part with its chapters resolved. */
export interface ResolvedCoursePart {
  title: string;
  /** URL-safe id of the part, for anchors on /learn. */
  slug: string;
  chapters: CourseChapter[];
}

/** The whole course with statuses resolved. */
export interface Course {
  parts: ResolvedCoursePart[];
  /** All chapters in reading order. */
  chapters: CourseChapter[];
}

/** Validated chapter frontmatter (see content/README.md). */
export interface ChapterFrontmatter {
  title: string;
  summary: string;
  part: string;
  /** Deprecated and ignored: the reading time shown is computed (ChapterMeta.readingTime). */
  minutes?: number;
  patterns: string[];
}
