/**
 * Content loading for the app (server-only: reads the file system). Import from
 * "@/lib/content"; the modules behind it are React-free and individually testable.
 */
export { content, createContentRepository, type ChapterMeta, type ContentRepository } from "./repository";
export { ContentError } from "./content-error";
export type { CompiledChapter } from "./compile-chapter";
export type { ChapterOutline, OutlinePattern } from "./chapter-outline";
export type { PatternIndexEntry } from "./syllabus";
export type { ChapterFrontmatter, Course, CourseChapter, ResolvedCoursePart, SyllabusEntry } from "./types";
export { mdxComponentNames, type MdxComponentName } from "./mdx-vocabulary";
