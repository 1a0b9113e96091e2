import { describe, expect, it } from "vitest";
import { mergeCourse, mergeSyllabus, type CatalogChapter } from "@/lib/content/catalog-sync";

const catalog: CatalogChapter[] = [
  { id: "styles", title: "Styles", part: "Foundations", patterns: [{ id: "monolith", name: "Monolith" }, { id: "soa", name: "SOA" }] },
  { id: "queues", title: "Queues", part: "Communication", patterns: [{ id: "dlq", name: "Dead-letter queue" }] },
  { id: "lb", title: "Load balancing", part: "Traffic", patterns: [{ id: "round-robin", name: "Round robin" }] },
];

describe("mergeSyllabus", () => {
  it("adds every catalog pattern to an empty syllabus, in catalog order", () => {
    expect(mergeSyllabus([], catalog).map((e) => `${e.id}->${e.chapter}`)).toEqual(["monolith->styles", "soa->styles", "dlq->queues", "round-robin->lb"]);
  });

  it("keeps local edits and local-only entries", () => {
    const local = [
      { id: "soa", name: "Service-oriented architecture", chapter: "queues" },
      { id: "local-only", name: "Local", chapter: "styles" },
    ];
    const merged = mergeSyllabus(local, catalog);
    expect(merged.find((e) => e.id === "soa")).toEqual(local[0]);
    expect(merged.at(-1)).toEqual(local[1]);
    expect(merged).toHaveLength(5);
  });
});

describe("mergeCourse", () => {
  it("keeps local parts and order, adds missing chapters to their catalog part", () => {
    const local = { parts: [{ title: "Start here", chapters: [{ id: "how-labs-work", title: "How the labs work" }] }, { title: "Traffic", chapters: [{ id: "lb", title: "Balancing (renamed)" }] }] };
    const syllabus = mergeSyllabus([], catalog);
    const merged = mergeCourse(local, catalog, syllabus);
    expect(merged.parts.map((p) => [p.title, p.chapters.map((c) => c.title)])).toEqual([
      ["Start here", ["How the labs work"]],
      ["Foundations", ["Styles"]],
      ["Communication", ["Queues"]],
      ["Traffic", ["Balancing (renamed)"]],
    ]);
  });

  it("does not resurrect a catalog chapter whose patterns were all moved away", () => {
    const syllabus = mergeSyllabus([{ id: "dlq", name: "Dead-letter queue", chapter: "styles" }], catalog);
    const merged = mergeCourse({ parts: [] }, catalog, syllabus);
    expect(merged.parts.flatMap((p) => p.chapters.map((c) => c.id))).toEqual(["styles", "lb"]);
  });

  it("is idempotent", () => {
    const syllabus = mergeSyllabus([], catalog);
    const once = mergeCourse({ parts: [] }, catalog, syllabus);
    expect(mergeCourse(once, catalog, syllabus)).toEqual(once);
  });
});
