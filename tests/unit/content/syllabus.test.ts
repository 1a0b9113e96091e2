/**
 * Content checks over the real content/: every chapter's <Pattern> sections agree with its
 * frontmatter and the syllabus, and no pattern is taught in two chapters.
 */
import { describe, expect, it } from "vitest";
import { content } from "@/lib/content";

const liveChapters = content.getLiveChapters();
const syllabusIds = new Set(content.getSyllabus().map((entry) => entry.id));

describe("syllabus", () => {
  it("has unique ids, each mapped to a chapter in course.json", () => {
    const syllabus = content.getSyllabus();
    expect(new Set(syllabus.map((e) => e.id)).size).toBe(syllabus.length);
    const chapters = new Set(content.getCourse().chapters.map((c) => c.id));
    expect(syllabus.filter((e) => !chapters.has(e.chapter))).toEqual([]);
  });

  it("teaches no pattern in two chapters", () => {
    const owners = new Map<string, string[]>();
    for (const chapter of liveChapters) {
      for (const id of chapter.frontmatter.patterns) owners.set(id, [...(owners.get(id) ?? []), chapter.id]);
    }
    const duplicates = [...owners].filter(([, chapters]) => chapters.length > 1).map(([id, chapters]) => `${id} in ${chapters.join(" and ")}`);
    expect(duplicates, "patterns listed in more than one chapter's frontmatter").toEqual([]);
  });
});

describe.each(liveChapters.map((chapter) => [chapter.id, chapter] as const))("chapter %s", (_id, chapter) => {
  it("has a <Pattern> section for every frontmatter pattern, and only for those", async () => {
    const { outline } = await content.compileChapter(chapter.id);
    const sections = outline.patterns.map((p) => p.id);
    const listed = new Set(chapter.frontmatter.patterns);
    expect(
      chapter.frontmatter.patterns.filter((id) => !sections.includes(id)),
      `${chapter.file}: frontmatter.patterns without a <Pattern id="..."> section`,
    ).toEqual([]);
    expect(sections.filter((id) => !syllabusIds.has(id)), `${chapter.file}: <Pattern id> not in content/syllabus.json`).toEqual([]);
    expect(sections.filter((id) => !listed.has(id)), `${chapter.file}: <Pattern id> missing from frontmatter.patterns`).toEqual([]);
  });
});
