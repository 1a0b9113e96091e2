/**
 * Server-only access to content/ (uses node:fs): the course with derived chapter status, the
 * syllabus, chapter frontmatter and compiled chapters. Everything is validated on load and
 * fails with a ContentError naming the file. Results are cached in production builds; in
 * development every call re-reads the files so edits show up on reload.
 */
import fs from "node:fs";
import path from "node:path";
import { compileChapter, readFrontmatter, type CompiledChapter } from "./compile-chapter";
import { ContentError } from "./content-error";
import { neighbouringLiveChapters, resolveCourse, validateCourseManifest } from "./course";
import type { FrontmatterContext } from "./frontmatter";
import { readingTime, type ReadingTime } from "./reading-time";
import { buildPatternIndex, validateSyllabus, type PatternIndexEntry } from "./syllabus";
import type { ChapterFrontmatter, Course, CourseChapter, SyllabusEntry } from "./types";

/** A live chapter's manifest entry joined with its validated frontmatter. */
export interface ChapterMeta extends CourseChapter {
  frontmatter: ChapterFrontmatter;
  /** Computed from the source (lib/content/reading-time.ts); what pages show as "N min". */
  readingTime: ReadingTime;
  /** Project-relative path of the MDX file. */
  file: string;
}

/** Everything the app reads from content/. */
export interface ContentRepository {
  /** The course from course.json; chapters are live when their MDX file exists. */
  getCourse(): Course;
  /** The syllabus from syllabus.json. */
  getSyllabus(): SyllabusEntry[];
  /** Live chapter with validated frontmatter, or undefined if `id` is not a live chapter. */
  getChapterMeta(id: string): ChapterMeta | undefined;
  /** All live chapters with validated frontmatter, in course order. */
  getLiveChapters(): ChapterMeta[];
  /** Compiles a live chapter. @throws ContentError on any content problem. */
  compileChapter(id: string): Promise<CompiledChapter>;
  /** The live chapters around `id`, skipping planned ones. */
  getNeighbours(id: string): { previous?: CourseChapter; next?: CourseChapter };
  /** Every syllabus pattern with where it is (or will be) taught, A–Z. */
  getPatternIndex(): PatternIndexEntry[];
}

/** Options for {@link createContentRepository}. */
export interface ContentRepositoryOptions {
  /** Project root; content is read from `<rootDir>/content`. */
  rootDir: string;
  /** Memoise reads and compilations (on for production builds). */
  cache: boolean;
}

/** Creates a repository reading `<rootDir>/content`. */
export function createContentRepository({ rootDir, cache }: ContentRepositoryOptions): ContentRepository {
  const contentDir = path.join(rootDir, "content");
  const chaptersDir = path.join(contentDir, "chapters");
  const relative = (file: string) => path.relative(rootDir, file).split(path.sep).join("/");
  const chapterFile = (id: string) => path.join(chaptersDir, `${id}.mdx`);

  const memo = new Map<string, unknown>();
  function remember<T>(key: string, load: () => T): T {
    if (!cache) return load();
    if (!memo.has(key)) memo.set(key, load());
    return memo.get(key) as T;
  }

  function readJson(file: string): unknown {
    if (!fs.existsSync(file)) throw new ContentError(relative(file), ["is missing (run `npx tsx scripts/sync-catalog.ts`)"]);
    try {
      return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
      throw new ContentError(relative(file), [`is not valid JSON: ${(error as Error).message}`]);
    }
  }

  function chapterFileIds(): string[] {
    if (!fs.existsSync(chaptersDir)) return [];
    return fs
      .readdirSync(chaptersDir)
      .filter((name) => name.endsWith(".mdx"))
      .map((name) => name.slice(0, -".mdx".length))
      .sort();
  }

  const getCourse = () =>
    remember("course", () => {
      const courseFile = path.join(contentDir, "course.json");
      const manifest = validateCourseManifest(readJson(courseFile), relative(courseFile));
      const course = resolveCourse(manifest, new Set(chapterFileIds()));
      const listed = new Set(course.chapters.map((chapter) => chapter.id));
      for (const id of chapterFileIds()) {
        if (!listed.has(id)) throw new ContentError(relative(chapterFile(id)), [`is not listed in content/course.json; add {"id": "${id}", "title": …} to a part there`]);
      }
      return course;
    });

  const getSyllabus = () =>
    remember("syllabus", () => {
      const file = path.join(contentDir, "syllabus.json");
      return validateSyllabus(readJson(file), relative(file), getCourse());
    });

  function frontmatterContext(chapter: CourseChapter): FrontmatterContext {
    return {
      file: relative(chapterFile(chapter.id)),
      partTitles: new Set(getCourse().parts.map((part) => part.title)),
      manifestPart: chapter.part,
      syllabusIds: remember("syllabusIds", () => new Set(getSyllabus().map((entry) => entry.id))),
    };
  }

  function liveChapter(id: string): CourseChapter | undefined {
    return getCourse().chapters.find((chapter) => chapter.id === id && chapter.status === "live");
  }

  const readSource = (id: string) => fs.readFileSync(chapterFile(id), "utf8");

  const getChapterMeta = (id: string): ChapterMeta | undefined =>
    remember(`meta:${id}`, () => {
      const chapter = liveChapter(id);
      if (!chapter) return undefined;
      const context = frontmatterContext(chapter);
      const source = readSource(id);
      return { ...chapter, frontmatter: readFrontmatter(source, context), readingTime: readingTime(source), file: context.file };
    });

  const getLiveChapters = () =>
    remember("live", () =>
      getCourse()
        .chapters.filter((chapter) => chapter.status === "live")
        .map((chapter) => getChapterMeta(chapter.id)!),
    );

  return {
    getCourse,
    getSyllabus,
    getChapterMeta,
    getLiveChapters,
    compileChapter: (id) =>
      remember(`compiled:${id}`, () => {
        const chapter = liveChapter(id);
        if (!chapter) return Promise.reject(new Error(`No live chapter "${id}" (content/chapters/${id}.mdx)`));
        return compileChapter(readSource(id), frontmatterContext(chapter));
      }),
    getNeighbours: (id) => neighbouringLiveChapters(getCourse(), id),
    getPatternIndex: () =>
      remember("patternIndex", () => {
        const writtenIn = new Map<string, string>();
        for (const chapter of getLiveChapters()) {
          for (const patternId of chapter.frontmatter.patterns) if (!writtenIn.has(patternId)) writtenIn.set(patternId, chapter.id);
        }
        return buildPatternIndex(getSyllabus(), getCourse(), writtenIn);
      }),
  };
}

/** The repository for this project, rooted at the working directory (`next build` runs there). */
export const content: ContentRepository = createContentRepository({
  rootDir: process.cwd(),
  cache: process.env.NODE_ENV === "production",
});
