import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { courseListFileName, courseListText, readCourseList, type CourseList } from "@/lib/teach/course-list";
import { parseEmbedQuery } from "@/lib/share/embed-options";

const list: CourseList = {
  title: "Week 3: failure",
  items: [
    { id: "lab:circuit-breaker:circuit-breaker/recs-outage", options: parseEmbedQuery("readonly=1&theme=dark").options },
    { id: "challenge:breaker-tuning", options: parseEmbedQuery("lock=api.workers&seed=7&start=5000").options },
    { id: "prediction:queues:queues/mm1-80:latencyMs.p99", options: parseEmbedQuery("").options },
  ],
};
const file = (doc: unknown) => JSON.stringify(doc);
const valid = { format: "faultline-course-list", version: 1, title: "T", items: [{ id: "lab:a:b/c" }] };
const problemsOf = (text: string) => {
  const read = readCourseList(text);
  if (read.ok) throw new Error("expected problems");
  return read.problems;
};

describe("course list files", () => {
  it("round-trip: saving and reopening gives the same list, and saving is stable", () => {
    const text = courseListText(list);
    const read = readCourseList(text, new Set(list.items.map((i) => i.id)));
    expect(read).toEqual({ ok: true, list: JSON.parse(JSON.stringify(list)), missing: [] });
    if (read.ok) expect(courseListText(read.list)).toBe(text);
    expect(JSON.parse(text).items[1]).toEqual({ id: "challenge:breaker-tuning", embed: "?lock=api.workers&start=5000&seed=7" });
    expect(JSON.parse(text).items[2]).toEqual({ id: "prediction:queues:queues/mm1-80:latencyMs.p99" });
  });

  it("keeps items the course no longer has, and names them", () => {
    const read = readCourseList(courseListText(list), new Set([list.items[0]!.id]));
    expect(read.ok && read.list.items).toHaveLength(3);
    expect(read.ok && read.missing).toEqual([list.items[1]!.id, list.items[2]!.id]);
  });

  it("refuses what is not a course list with one clear sentence", () => {
    expect(problemsOf("")[0]).toMatch(/^The file is not JSON/);
    expect(problemsOf("{ items: [] }")[0]).toMatch(/^The file is not JSON/);
    expect(problemsOf("[1,2]")).toEqual(["The file holds a list, not a course list object."]);
    expect(problemsOf(file({ format: "faultline-lab", version: 2 }))[0]).toMatch(/lab file, not a course list/);
    expect(problemsOf(file({ ...valid, format: "something" }))).toEqual(['This is not a Faultline course list: "format" is "something", expected "faultline-course-list".']);
    expect(problemsOf(file({ ...valid, version: 2 }))[0]).toMatch(/newer Faultline \(version 2\)/);
    expect(problemsOf("x".repeat(1_000_001))[0]).toMatch(/at most 1,000,000/);
  });

  it("names every bad field by its path", () => {
    const problems = problemsOf(
      file({
        format: "faultline-course-list",
        version: "1",
        title: 5,
        extra: true,
        items: [{ id: "lab:a:b/c", embed: "?theme=neon" }, { id: "lab:a:b/c" }, { id: "<script>" }, "x", { id: "challenge:c", note: "hi" }, { id: "challenge:d", embed: "readonly=1" }],
      }),
    );
    expect(problems).toEqual([
      'version: must be 1 (got "1").',
      '"extra": not a field of a course list.',
      "title: must be text (got number).",
      'items[0].embed: theme: "neon" must be light or dark.',
      'items[1].id: "lab:a:b/c" is listed twice.',
      'items[2].id: "<script>" is not a gallery item id (lab:…, challenge:… or prediction:…).',
      'items[3]: must be an object with an "id" (got "x").',
      'items[4]."note": not a field of an item (id, embed).',
      'items[5].embed: must be an embed query string starting with "?" (got "readonly=1").',
    ]);
    expect(problemsOf(file({ ...valid, items: {} }))).toEqual(["items: must be a list (got object)."]);
    expect(problemsOf(file({ ...valid, items: Array.from({ length: 501 }, (_, i) => ({ id: `lab:x:${i}` })) }))[0]).toMatch(/at most 500/);
  });

  it("caps the list of problems", () => {
    const problems = problemsOf(file({ ...valid, items: Array.from({ length: 40 }, () => 1) }));
    expect(problems).toHaveLength(13);
    expect(problems.at(-1)).toBe("…and 28 more.");
  });

  it("never throws and never accepts a prototype key as data (property)", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
      const read = readCourseList(text);
      expect(typeof read.ok).toBe("boolean");
    }));
    const read = readCourseList('{"format":"faultline-course-list","version":1,"items":[],"__proto__":{"polluted":1}}');
    expect(read.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("names the file after the title", () => {
    expect(courseListFileName(list)).toBe("week-3-failure.faultline-course.json");
    expect(courseListFileName({ title: "!!!", items: [] })).toBe("course-list.faultline-course.json");
  });
});
