import { describe, expect, it } from "vitest";
import { neighbouringLiveChapters, resolveCourse, slugify, validateCourseManifest } from "@/lib/content/course";

const manifest = {
  parts: [
    { title: "Start here", chapters: [{ id: "intro", title: "Intro" }] },
    {
      title: "Data processing & workflows",
      chapters: [
        { id: "a", title: "A" },
        { id: "b", title: "B" },
        { id: "c", title: "C" },
      ],
    },
  ],
};

describe("course manifest", () => {
  it("marks chapters live from the set of existing files, numbering all of them", () => {
    const course = resolveCourse(manifest, new Set(["intro", "c"]));
    expect(course.chapters.map((c) => [c.id, c.status, c.number, c.part])).toEqual([
      ["intro", "live", 1, "Start here"],
      ["a", "planned", 2, "Data processing & workflows"],
      ["b", "planned", 3, "Data processing & workflows"],
      ["c", "live", 4, "Data processing & workflows"],
    ]);
    expect(course.parts[1].slug).toBe("data-processing-workflows");
  });

  it("finds previous and next among live chapters only", () => {
    const course = resolveCourse(manifest, new Set(["intro", "c"]));
    expect(neighbouringLiveChapters(course, "intro")).toEqual({ previous: undefined, next: expect.objectContaining({ id: "c" }) });
    expect(neighbouringLiveChapters(course, "c")).toEqual({ previous: expect.objectContaining({ id: "intro" }), next: undefined });
    expect(neighbouringLiveChapters(course, "a")).toEqual({});
  });

  it("rejects duplicate and malformed ids with the path of the entry", () => {
    const bad = { parts: [{ title: "P", chapters: [{ id: "x", title: "X" }, { id: "x", title: "Again" }, { id: "Not Kebab", title: "" }] }] };
    expect(() => validateCourseManifest(bad, "content/course.json")).toThrowError(
      [
        'content/course.json: parts[0].chapters[1].id "x" is listed twice',
        'content/course.json: parts[0].chapters[2].id must be a kebab-case id (got "Not Kebab")',
        "content/course.json: parts[0].chapters[2].title must be a non-empty string",
      ].join("\n"),
    );
    expect(() => validateCourseManifest({}, "content/course.json")).toThrowError(/"parts" array/);
  });

  it("slugifies part titles", () => {
    expect(slugify("Operations & SRE")).toBe("operations-sre");
  });
});
