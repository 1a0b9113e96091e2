/**
 * The /teach gallery indexes the real course: every <Challenge>, <Predict> and <Lab> in
 * content/chapters appears once, with a unique id, the preset it runs, its goals and its section;
 * and every item's lab link decodes to that preset with its exposed controls.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildGalleryIndex, buildGalleryLinks } from "@/lib/teach/gallery-index";
import { buildGallery, EMPTY_FILTER, filterGallery, type GalleryIndex } from "@/lib/teach/gallery";
import { decodeLabLink } from "@/lib/share/lab-link";
import { content } from "@/lib/content";

const chaptersDir = path.resolve(import.meta.dirname, "../../../../content/chapters");
const liveIds = new Set(content.getLiveChapters().map((c) => c.id));

/** Counts of each component in the live chapters' MDX source, read independently of the compiler. */
function sourceTags(name: string): { chapter: string; tag: string }[] {
  const out: { chapter: string; tag: string }[] = [];
  for (const file of readdirSync(chaptersDir).filter((f) => f.endsWith(".mdx") && liveIds.has(f.slice(0, -4)))) {
    const text = readFileSync(path.join(chaptersDir, file), "utf8").replace(/```[\s\S]*?```/g, "");
    for (const m of text.matchAll(new RegExp(`<${name}\\b[^>]*?(?:>|$)`, "gm"))) out.push({ chapter: file.slice(0, -4), tag: m[0] });
  }
  return out;
}

let index: GalleryIndex;
beforeAll(async () => {
  index = await buildGalleryIndex();
}, 180_000);

describe("the gallery index of the course", () => {
  it("has every challenge in the content, once, with its preset and goals", () => {
    const inSource = sourceTags("Challenge").map((t) => /\sid="([^"]+)"/.exec(t.tag)?.[1]);
    expect(inSource.length).toBeGreaterThan(20);
    const challenges = index.items.filter((i) => i.kind === "challenge");
    expect(challenges.map((c) => c.challengeId).sort()).toEqual([...inSource].sort());
    for (const c of challenges) {
      expect(c.goals!.length, c.id).toBeGreaterThan(0);
      expect(c.expose.length, c.id).toBeGreaterThan(0);
      expect(c.href).toBe(`/learn/${c.chapterId}#challenge-${c.challengeId}`);
      expect(c.summary, c.id).toMatch(/must be|is reported/);
    }
  });

  it("has every prediction and every lab figure", () => {
    expect(index.items.filter((i) => i.kind === "prediction")).toHaveLength(sourceTags("Predict").length);
    expect(index.items.filter((i) => i.kind === "lab")).toHaveLength(sourceTags("Lab").length);
    for (const p of index.items.filter((i) => i.kind === "prediction")) expect(p.metric, p.id).toMatch(/^[A-Za-z]/);
  });

  it("gives every item a unique id and a title, and lists only chapters and sections that hold items", () => {
    const ids = index.items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of index.items) expect(item.title.trim(), item.id).not.toBe("");
    for (const c of index.chapters) expect(index.items.some((i) => i.chapterId === c.id)).toBe(true);
    for (const p of index.patterns) expect(index.items.some((i) => i.patternId === p.id)).toBe(true);
    expect(new Set(index.patterns.map((p) => p.id)).size).toBe(index.patterns.length);
  });

  it("links every item to a lab state that decodes to its preset and exposed controls", () => {
    const links = buildGalleryLinks(index.items);
    for (const item of index.items) {
      const decoded = decodeLabLink(links[item.id] ?? "");
      expect(decoded.ok, item.id).toBe(true);
      if (!decoded.ok) continue;
      expect(decoded.state.scenarioId).toBe(item.scenarioId);
      expect(decoded.state.expose).toEqual(item.expose);
      expect(decoded.notes, item.id).toEqual([]);
    }
  });

  it("filters by chapter, section, kind and words", () => {
    const item = index.items.find((i) => i.kind === "prediction" && i.patternId)!;
    const byChapter = filterGallery(index.items, { ...EMPTY_FILTER, chapterId: item.chapterId });
    expect(byChapter.length).toBeGreaterThan(0);
    expect(byChapter.every((i) => i.chapterId === item.chapterId)).toBe(true);
    const byPattern = filterGallery(index.items, { ...EMPTY_FILTER, patternId: item.patternId!, kinds: ["prediction"] });
    expect(byPattern).toContainEqual(item);
    expect(byPattern.every((i) => i.kind === "prediction" && i.patternId === item.patternId)).toBe(true);
    const byWords = filterGallery(index.items, { ...EMPTY_FILTER, query: ` ${item.title.toUpperCase()} ` });
    expect(byWords).toContainEqual(item);
    expect(filterGallery(index.items, { ...EMPTY_FILTER, query: "zzzz-no-such-thing" })).toEqual([]);
  });
});

describe("building the gallery", () => {
  const describeGoal = (g: { metric: string }) => `${g.metric} must be fine`;
  it("numbers repeats, falls back to the preset's title and drops goals that are not data", () => {
    const gallery = buildGallery(
      [
        {
          id: "ch",
          title: "Chapter",
          scenarios: [
            { component: "Lab", scenario: "q/a", props: {} },
            { component: "Lab", scenario: "q/a", section: { id: "p", title: "P" }, props: { title: "Again", expose: ["api.workers"] } },
            { component: "Challenge", scenario: "q/a", props: { id: "c1", title: "Fix it", expose: ["api.workers"], goals: [{ metric: "latencyMs.p99", atMost: 200 }, { metric: 5 }, "x"] } },
            { component: "Predict", scenario: "q/a", props: { question: "How slow?", metric: "latencyMs.p50" } },
            { component: "Diagram", scenario: "q/a", props: {} },
          ],
        },
        { id: "empty", title: "Empty", scenarios: [] },
      ],
      (id) => (id === "q/a" ? { title: "Queue A", description: "One queue. More text here." } : undefined),
      describeGoal,
    );
    expect(gallery.items.map((i) => i.id)).toEqual(["lab:ch:q/a", "lab:ch:q/a:2", "challenge:c1", "prediction:ch:q/a:latencyMs.p50"]);
    expect(gallery.items[0]).toMatchObject({ title: "Queue A", summary: "One queue.", expose: [], href: "/learn/ch" });
    expect(gallery.items[1]).toMatchObject({ title: "Again", patternId: "p", href: "/learn/ch#p" });
    expect(gallery.items[2]!.goals).toEqual([{ metric: "latencyMs.p99", atMost: 200 }]);
    expect(gallery.chapters).toEqual([{ id: "ch", title: "Chapter" }]);
    expect(gallery.patterns).toEqual([{ id: "p", title: "P" }]);
  });
});
