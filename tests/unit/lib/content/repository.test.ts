import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createContentRepository } from "@/lib/content/repository";

const course = {
  parts: [
    { title: "Start here", chapters: [{ id: "intro", title: "Intro" }] },
    { title: "Traffic", chapters: [{ id: "lb", title: "Load balancing" }, { id: "cdn", title: "CDN" }] },
  ],
};
const syllabus = [
  { id: "round-robin", name: "Round robin", chapter: "lb" },
  { id: "edge-cache", name: "Edge cache", chapter: "cdn" },
];

const lbChapter = `---
title: Load balancing
summary: Spreading requests.
part: Traffic
minutes: 20
patterns: [round-robin]
---

Intro text about balancers.

<WhatYouWillLearn>

- one thing

</WhatYouWillLearn>

## Why balance

<Pattern id="round-robin" title="Round robin">

Each server in turn gets the next request.

<Lab scenario="load-balancing/round-robin" expose={["lb.strategy"]} />

</Pattern>

<Recap>

- done

</Recap>
`;

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

/** Creates a throwaway project root with content/ holding the given chapters. */
function makeRepo(chapters: Record<string, string>, overrides: { course?: unknown; syllabus?: unknown } = {}) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-content-"));
  roots.push(root);
  fs.mkdirSync(path.join(root, "content/chapters"), { recursive: true });
  fs.writeFileSync(path.join(root, "content/course.json"), JSON.stringify(overrides.course ?? course));
  fs.writeFileSync(path.join(root, "content/syllabus.json"), JSON.stringify(overrides.syllabus ?? syllabus));
  for (const [id, source] of Object.entries(chapters)) fs.writeFileSync(path.join(root, `content/chapters/${id}.mdx`), source);
  return createContentRepository({ rootDir: root, cache: false });
}

describe("content repository", () => {
  it("derives live and planned from the files that exist", () => {
    const repo = makeRepo({ lb: lbChapter });
    expect(repo.getCourse().chapters.map((c) => `${c.id}:${c.status}`)).toEqual(["intro:planned", "lb:live", "cdn:planned"]);
    expect(repo.getLiveChapters().map((c) => c.frontmatter.title)).toEqual(["Load balancing"]);
    expect(repo.getChapterMeta("cdn")).toBeUndefined();
  });

  it("compiles a chapter and reads its outline", async () => {
    const compiled = await makeRepo({ lb: lbChapter }).compileChapter("lb");
    expect(compiled.code).toContain("Round robin");
    expect(compiled.outline.patterns).toEqual([{ id: "round-robin", title: "Round robin", text: expect.stringContaining("Each server in turn") }]);
    expect(compiled.outline.toc.map((e) => `${e.kind}:${e.id}`)).toEqual(["heading:why-balance", "pattern:round-robin", "recap:recap"]);
    expect(compiled.outline.scenarios).toEqual([{ component: "Lab", scenario: "load-balancing/round-robin", line: 23, section: { id: "round-robin", title: "Round robin" }, props: { scenario: "load-balancing/round-robin", expose: ["lb.strategy"] } }]);
    expect(compiled.outline.introText).toContain("Intro text about balancers");
    expect(compiled.outline.introText).not.toContain("Each server in turn");
  });

  it("fails naming the file and field when frontmatter is bad", () => {
    const repo = makeRepo({ lb: lbChapter.replace("minutes: 20", "minutes: soon") });
    expect(() => repo.getLiveChapters()).toThrowError('content/chapters/lb.mdx: frontmatter.minutes must be a positive integer (got "soon")');
  });

  it("fails when frontmatter YAML does not parse", () => {
    const repo = makeRepo({ lb: lbChapter.replace("patterns: [round-robin]", "patterns: [round-robin") });
    expect(() => repo.getLiveChapters()).toThrowError(/^content\/chapters\/lb\.mdx: frontmatter is not valid YAML/);
  });

  it("rejects components outside the registry, with the line", async () => {
    const repo = makeRepo({ lb: lbChapter.replace("<Recap>", "<Fancy />\n\n<Recap>") });
    await expect(repo.compileChapter("lb")).rejects.toThrowError(/^content\/chapters\/lb\.mdx: line 27: <Fancy> is not an MDX component in the registry/);
  });

  it("rejects import lines", async () => {
    const repo = makeRepo({ lb: lbChapter.replace("Intro text", 'import X from "./x"\n\nIntro text') });
    await expect(repo.compileChapter("lb")).rejects.toThrowError(/content\/chapters\/lb\.mdx: line 9: MDX chapters have no import or export lines/);
  });

  it("reports MDX syntax errors with the file", async () => {
    const repo = makeRepo({ lb: lbChapter.replace("<Recap>", "<Recap") });
    await expect(repo.compileChapter("lb")).rejects.toThrowError(/^content\/chapters\/lb\.mdx: MDX does not compile: line \d+/);
  });

  it("rejects a <Pattern> without a literal id", async () => {
    const repo = makeRepo({ lb: lbChapter.replace('<Pattern id="round-robin" title="Round robin">', '<Pattern title="Round robin">') });
    await expect(repo.compileChapter("lb")).rejects.toThrowError(/line 19: <Pattern> needs an id="pattern-id" string attribute/);
  });

  it("fails when a chapter file is not listed in course.json", () => {
    expect(() => makeRepo({ lb: lbChapter, stray: lbChapter }).getCourse()).toThrowError(/^content\/chapters\/stray\.mdx: is not listed in content\/course\.json/);
  });

  it("fails when the syllabus points at a chapter the course does not have", () => {
    const repo = makeRepo({}, { syllabus: [{ id: "x", name: "X", chapter: "nowhere" }] });
    expect(() => repo.getSyllabus()).toThrowError('content/syllabus.json: [0].chapter "nowhere" is not a chapter in content/course.json');
  });

  it("builds the A–Z pattern index, linking written patterns only", () => {
    const index = makeRepo({ lb: lbChapter }).getPatternIndex();
    expect(index).toEqual([
      { id: "edge-cache", name: "Edge cache", chapter: "cdn", chapterTitle: "CDN", written: false, href: undefined },
      { id: "round-robin", name: "Round robin", chapter: "lb", chapterTitle: "Load balancing", written: true, href: "/learn/lb#round-robin" },
    ]);
  });

  it("finds live neighbours, skipping planned chapters", () => {
    const repo = makeRepo({ intro: lbChapter.replace("part: Traffic", "part: Start here").replace("[round-robin]", "[]"), lb: lbChapter });
    expect(repo.getNeighbours("intro").next?.id).toBe("lb");
    expect(repo.getNeighbours("lb")).toEqual({ previous: expect.objectContaining({ id: "intro" }), next: undefined });
  });
});
