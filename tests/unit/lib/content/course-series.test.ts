import { describe, expect, it } from "vitest";
import { ContentError } from "@/lib/content/content-error";
import { neighbouringLiveChapters, resolveCourse, validateCourseManifest } from "@/lib/content/course";

const manifest = {
  parts: [
    {
      title: "Communication",
      chapters: [
        { id: "message-queues", title: "Message queues: concepts and delivery" },
        { id: "message-brokers-in-practice", title: "Message brokers in practice", continues: "message-queues" },
        { id: "event-driven", title: "Event-driven" },
      ],
    },
  ],
};

describe("split chapters (continues)", () => {
  it("gives every member of a split its part number, the total and the order", () => {
    const course = resolveCourse(validateCourseManifest(manifest, "course.json"), new Set(["message-queues", "message-brokers-in-practice", "event-driven"]));
    const [first, second, other] = course.chapters;
    expect(first.series).toEqual({ index: 1, total: 2, ids: ["message-queues", "message-brokers-in-practice"] });
    expect(second.series).toEqual({ index: 2, total: 2, ids: ["message-queues", "message-brokers-in-practice"] });
    expect(other.series).toBeUndefined();
    // prev/next follow course order, so the parts link to each other.
    expect(neighbouringLiveChapters(course, "message-brokers-in-practice").previous?.id).toBe("message-queues");
    expect(neighbouringLiveChapters(course, "message-queues").next?.id).toBe("message-brokers-in-practice");
  });

  it("chains three parts", () => {
    const three = structuredClone(manifest);
    three.parts[0].chapters[2] = { id: "event-driven", title: "Part three", continues: "message-brokers-in-practice" };
    const course = resolveCourse(validateCourseManifest(three, "course.json"), new Set());
    expect(course.chapters.map((c) => c.series?.index)).toEqual([1, 2, 3]);
  });

  it("rejects a continues that is unknown or points forward", () => {
    const bad = structuredClone(manifest);
    (bad.parts[0].chapters[0] as { continues?: string }).continues = "message-brokers-in-practice";
    expect(() => validateCourseManifest(bad, "content/course.json")).toThrow(ContentError);
    expect(() => validateCourseManifest(bad, "content/course.json")).toThrow(/chapters\[0\]\.continues must be the id of a chapter listed earlier/);
  });
});
