import { describe, expect, it } from "vitest";
import { ContentError } from "@/lib/content/content-error";
import { validateFrontmatter, type FrontmatterContext } from "@/lib/content/frontmatter";

const context: FrontmatterContext = {
  file: "content/chapters/x.mdx",
  partTitles: new Set(["Traffic", "Resilience"]),
  manifestPart: "Traffic",
  syllabusIds: new Set(["round-robin", "weighted-round-robin"]),
};

const valid = { title: "Load balancing", summary: "How requests are spread.", part: "Traffic", minutes: 25, patterns: ["round-robin"] };

function problemsOf(data: unknown, ctx: FrontmatterContext = context): string[] {
  try {
    validateFrontmatter(data, ctx);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as Error).message.split("\n");
  }
  return [];
}

describe("validateFrontmatter", () => {
  it("returns valid frontmatter typed and trimmed", () => {
    expect(validateFrontmatter({ ...valid, title: "  Load balancing " }, context)).toEqual(valid);
  });

  it("accepts a chapter without patterns", () => {
    expect(validateFrontmatter({ ...valid, patterns: [] }, context).patterns).toEqual([]);
  });

  it("names the file and the field, in the documented format", () => {
    expect(problemsOf({ ...valid, minutes: 0 })).toEqual([
      "content/chapters/x.mdx: frontmatter.minutes must be a positive integer (got 0)",
    ]);
  });

  it.each([
    ["minutes", 2.5],
    ["minutes", -3],
    ["minutes", "25"],
  ])("rejects %s = %j", (field, value) => {
    expect(problemsOf({ ...valid, [field]: value })[0]).toMatch(/^content\/chapters\/x\.mdx: frontmatter\.minutes must be a positive integer/);
  });

  it("accepts a chapter without minutes (reading time is computed; minutes is deprecated and ignored)", () => {
    const data: Record<string, unknown> = { ...valid };
    delete data.minutes;
    expect(problemsOf(data)).toEqual([]);
  });

  it.each(["title", "summary", "part", "patterns"])("requires %s", (field) => {
    const data: Record<string, unknown> = { ...valid };
    delete data[field];
    expect(problemsOf(data)).toEqual([expect.stringMatching(new RegExp(`^content/chapters/x\\.mdx: frontmatter\\.${field} is required`))]);
  });

  it("rejects empty or non-string text fields", () => {
    expect(problemsOf({ ...valid, title: "", summary: 42 })).toEqual([
      'content/chapters/x.mdx: frontmatter.title must be a non-empty string (got "")',
      "content/chapters/x.mdx: frontmatter.summary must be a non-empty string (got 42)",
    ]);
  });

  it("rejects a part that course.json does not name", () => {
    expect(problemsOf({ ...valid, part: "Networking" })[0]).toContain('frontmatter.part must be a part named in content/course.json (got "Networking"');
  });

  it("rejects a part different from where course.json lists the chapter", () => {
    expect(problemsOf({ ...valid, part: "Resilience" })[0]).toContain('frontmatter.part is "Resilience" but content/course.json lists this chapter under "Traffic"');
  });

  it("rejects patterns that are not an array of syllabus ids, and duplicates", () => {
    expect(problemsOf({ ...valid, patterns: "round-robin" })[0]).toContain("frontmatter.patterns must be an array");
    expect(problemsOf({ ...valid, patterns: ["round-robin", "nope", 7, "round-robin"] })).toEqual([
      'content/chapters/x.mdx: frontmatter.patterns[1] "nope" is not a pattern id in content/syllabus.json',
      "content/chapters/x.mdx: frontmatter.patterns[2] must be a pattern id string (got 7)",
      'content/chapters/x.mdx: frontmatter.patterns[3] "round-robin" is listed twice',
    ]);
  });

  it("rejects unknown fields (catches typos such as 'sumary')", () => {
    expect(problemsOf({ ...valid, sumary: "x" })[0]).toContain("frontmatter.sumary is not a known field");
  });

  it("reports a missing frontmatter block", () => {
    expect(problemsOf({})).toEqual([expect.stringContaining("content/chapters/x.mdx: frontmatter is missing")]);
    expect(problemsOf(null)).toHaveLength(1);
  });

  it("reports every problem at once", () => {
    expect(problemsOf({ title: "T", part: "Traffic", minutes: "x", patterns: [] })).toHaveLength(2);
  });
});
