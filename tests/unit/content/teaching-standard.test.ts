/**
 * The teaching standard (content/README.md, "The chapter standard"), as far as a test can hold it:
 *
 * - predict-before-break-it: a <Predict> never comes after a <BreakIt> of the same scenario in the same
 *   section (a Pattern section or a `##` section): the card would already have given its answer. A
 *   BreakIt's scenario is its `lab` prop, else the nearest <Lab> above it.
 * - challenge-hints-and-solution: every <Challenge> holds at least two <Hint>s and a <Solution>.
 * - reading-time: the computed reading time (lib/content/reading-time.ts) is at most 25 minutes.
 * - links-to-two-chapters: the chapter links to at least two other chapters (`/learn/<id>`).
 * - internal-links-resolve: every `/learn/<id>[#anchor]` link names a live chapter, and the anchor
 *   is a pattern id or `##` heading id of that chapter (or "recap").
 * - (watch metrics are checked by cards-and-challenges.test.ts, on the run with the card's change applied)
 *
 * Chapters written before the standard are listed, rule by rule, in `pendingChapters`. The list can
 * only shrink: the test fails when a chapter breaks a rule it is not listed for, and when a listed
 * chapter already meets the rule (then delete the entry).
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { readingTime } from "@/lib/content/reading-time";

type Rule = "predict-before-break-it" | "challenge-hints-and-solution" | "reading-time" | "links-to-two-chapters" | "internal-links-resolve";
// Break-it watch metrics are checked by cards-and-challenges.test.ts, on the run with the card's change applied.

/**
 * Chapters that do not meet the standard yet, with the rules they break. The content rewrite of
 * issue 10 brings them up; empty each entry as its chapter complies (the test says which).
 */
const pendingChapters: Partial<Record<string, Rule[]>> = {
};

const MAX_READING_MINUTES = 25;

const root = path.resolve(import.meta.dirname, "../../..");
const chaptersDir = path.join(root, "content/chapters");
const course = JSON.parse(readFileSync(path.join(root, "content/course.json"), "utf8")) as { parts: { chapters: { id: string }[] }[] };
const liveIds = new Set(course.parts.flatMap((p) => p.chapters.map((c) => c.id)).filter((id) => existsSync(path.join(chaptersDir, `${id}.mdx`))));
const sources = new Map([...liveIds].map((id) => [id, readFileSync(path.join(chaptersDir, `${id}.mdx`), "utf8").replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n?/, "")]));

/** One JSX opening tag: name, its attribute text, where it starts. Ends at the first ">" outside quotes and braces. */
interface Tag {
  name: string;
  attrs: string;
  index: number;
  end: number;
}

function tags(text: string, names: string): Tag[] {
  const out: Tag[] = [];
  const re = new RegExp(`<(${names})\\b`, "g");
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let depth = 0;
    let quote = "";
    let end = m.index + m[0].length;
    for (; end < text.length; end++) {
      const c = text[end];
      if (quote) {
        if (c === quote) quote = "";
      } else if (c === '"' || c === "'" || c === "`") quote = c;
      else if (c === "{") depth++;
      else if (c === "}") depth--;
      else if (c === ">" && depth === 0) break;
    }
    out.push({ name: m[1], attrs: text.slice(m.index + m[0].length, end), index: m.index, end });
  }
  return out;
}

/** A JSX attribute: "string" or {expression} (balanced braces). */
function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*`).exec(attrs);
  if (!m) return undefined;
  let i = m.index + m[0].length;
  if (attrs[i] === '"') return attrs.slice(i + 1, attrs.indexOf('"', i + 1));
  if (attrs[i] !== "{") return undefined;
  let depth = 0;
  const start = i;
  for (; i < attrs.length; i++) {
    if (attrs[i] === "{") depth++;
    else if (attrs[i] === "}" && --depth === 0) break;
  }
  return attrs.slice(start + 1, i);
}

/** Offsets where a new section starts: a <Pattern>, its end, or a `##` heading. */
function sectionStarts(text: string): number[] {
  const starts = [0];
  const re = /^(<Pattern\b|<\/Pattern>|## )/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) starts.push(m.index);
  return starts;
}

const sectionOf = (starts: number[], offset: number) => starts.filter((s) => s <= offset).length - 1;

/** BreakIt cards with the scenario they belong to (their `lab`, else the nearest <Lab> above). */
function breakIts(text: string): { tag: Tag; scenario: string | undefined }[] {
  const all = tags(text, "Lab|BreakIt");
  let lab: string | undefined;
  const out: { tag: Tag; scenario: string | undefined }[] = [];
  for (const t of all) {
    if (t.name === "Lab") lab = attribute(t.attrs, "scenario");
    else out.push({ tag: t, scenario: attribute(t.attrs, "lab") ?? lab });
  }
  return out;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Anchors a chapter page has: pattern ids, ids of `##` headings outside patterns (as chapter-outline.ts makes them), "recap". */
function anchorsOf(text: string): Set<string> {
  const out = new Set<string>(["recap"]);
  for (const t of tags(text, "Pattern")) {
    const id = attribute(t.attrs, "id");
    if (id) out.add(id);
  }
  let depth = 0;
  const used = new Set<string>();
  for (const line of text.split("\n")) {
    if (/^<Pattern\b/.test(line)) depth++;
    if (/^<\/Pattern>/.test(line)) depth--;
    const h = /^## (.+)$/.exec(line);
    if (h && depth === 0) {
      const base = slug(h[1].replace(/[`*_[\]]|\(.*?\)/g, ""));
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      out.add(id);
    }
  }
  return out;
}

/** Internal links: markdown targets and href attributes that start with /learn/. */
function internalLinks(text: string): { chapter: string; anchor?: string; raw: string }[] {
  const out: { chapter: string; anchor?: string; raw: string }[] = [];
  const re = /(?:\]\(|href=["'{`]*)(\/learn\/([a-z0-9-]+)\/?(?:#([^)\s"'`}]+))?)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push({ chapter: m[2], anchor: m[3], raw: m[1] });
  return out;
}

/** Every rule: problems of one chapter, [] when it complies. */
const rules: Record<Rule, (id: string, text: string) => string[]> = {
  "predict-before-break-it": (_id, text) => {
    const starts = sectionStarts(text);
    const cards = breakIts(text);
    return tags(text, "Predict").flatMap((p) => {
      const scenario = attribute(p.attrs, "scenario");
      const spoiler = cards.find((c) => c.scenario === scenario && c.tag.index < p.index && sectionOf(starts, c.tag.index) === sectionOf(starts, p.index));
      return spoiler ? [`<Predict scenario="${scenario}"> comes after <BreakIt title="${attribute(spoiler.tag.attrs, "title")}"> of the same lab in its section`] : [];
    });
  },
  "challenge-hints-and-solution": (_id, text) =>
    tags(text, "Challenge").flatMap((c) => {
      const close = text.indexOf("</Challenge>", c.end);
      const body = close < 0 ? "" : text.slice(c.end, close);
      const hints = tags(body, "Hint").length;
      const solutions = tags(body, "Solution").length;
      return hints >= 2 && solutions >= 1 ? [] : [`<Challenge id="${attribute(c.attrs, "id")}"> has ${hints} <Hint> and ${solutions} <Solution> (needs ≥ 2 and 1)`];
    }),
  "reading-time": (_id, text) => {
    const { minutes } = readingTime(text);
    return minutes <= MAX_READING_MINUTES ? [] : [`reading time ${minutes} min is over ${MAX_READING_MINUTES}; move detail into <DeepDive>, trim, or split the chapter`];
  },
  "links-to-two-chapters": (id, text) => {
    const others = new Set(internalLinks(text).map((l) => l.chapter).filter((c) => c !== id));
    return others.size >= 2 ? [] : [`links to ${others.size} other chapter(s) (${[...others].join(", ") || "none"}); needs at least 2`];
  },
  "internal-links-resolve": (_id, text) =>
    internalLinks(text).flatMap((l) => {
      if (!liveIds.has(l.chapter)) return [`${l.raw}: no live chapter "${l.chapter}"`];
      if (l.anchor && !anchorsOf(sources.get(l.chapter)!).has(decodeURIComponent(l.anchor))) return [`${l.raw}: chapter "${l.chapter}" has no pattern or ## heading with id "${l.anchor}"`];
      return [];
    }),
};

describe("the teaching standard", () => {
  it("has chapters to check, and the pending list names only live chapters", () => {
    expect(liveIds.size).toBeGreaterThan(5);
    expect(Object.keys(pendingChapters).filter((id) => !liveIds.has(id))).toEqual([]);
  });

  for (const rule of Object.keys(rules) as Rule[]) {
    it(`${rule}: every chapter meets it, except those pending, and no pending chapter already meets it`, () => {
      const unexpected: string[] = [];
      const alreadyCompliant: string[] = [];
      for (const [id, text] of sources) {
        const problems = rules[rule](id, text);
        const pending = pendingChapters[id]?.includes(rule) ?? false;
        if (problems.length > 0 && !pending) unexpected.push(...problems.map((p) => `content/chapters/${id}.mdx: ${p}`));
        if (problems.length === 0 && pending) alreadyCompliant.push(`${id} now meets "${rule}": remove it from pendingChapters in tests/unit/content/teaching-standard.test.ts`);
      }
      expect(unexpected).toEqual([]);
      expect(alreadyCompliant).toEqual([]);
    }, 300_000);
  }
});

describe("the rule checks themselves", () => {
  it("catch a Predict after a BreakIt of the same lab in one section, and not across sections", () => {
    const bad = `<Pattern id="a" title="A">\n<Lab scenario="g/x" />\n<BreakIt title="Off">\n**Change** x.\n</BreakIt>\n<Predict scenario="g/x" question="?" metric="latencyMs.p99" />\n</Pattern>`;
    const ok = `<Pattern id="a" title="A">\n<Lab scenario="g/x" />\n<BreakIt title="Off">\nx\n</BreakIt>\n</Pattern>\n<Pattern id="b" title="B">\n<Predict scenario="g/x" question="?" metric="latencyMs.p99" />\n</Pattern>`;
    expect(rules["predict-before-break-it"]("c", bad)).toHaveLength(1);
    expect(rules["predict-before-break-it"]("c", ok)).toEqual([]);
  });

  it("count hints and solutions inside each challenge", () => {
    const one = `<Challenge id="x" title="X" scenario="g/x" goals={[]}>\nDo it.\n<Hint>a</Hint>\n<Solution>b</Solution>\n</Challenge>`;
    const two = one.replace("<Hint>a</Hint>", "<Hint>a</Hint>\n<Hint>b</Hint>");
    expect(rules["challenge-hints-and-solution"]("c", one)).toHaveLength(1);
    expect(rules["challenge-hints-and-solution"]("c", two)).toEqual([]);
  });

  it("resolve links to pattern ids and ## headings, and reject unknown chapters and anchors", () => {
    const [a, b] = [...liveIds].filter((id) => id !== "how-labs-work");
    const pattern = tags(sources.get(a)!, "Pattern").map((t) => attribute(t.attrs, "id"))[0];
    const text = `See [a](/learn/${a}#${pattern}) and [b](/learn/${b}), [gone](/learn/no-such-chapter) and [bad](/learn/${a}#no-such-anchor).`;
    const problems = rules["internal-links-resolve"]("c", text);
    expect(problems).toHaveLength(2);
    expect(problems.join("\n")).toMatch(/no live chapter "no-such-chapter"/);
    expect(problems.join("\n")).toMatch(/no pattern or ## heading with id "no-such-anchor"/);
    expect(rules["links-to-two-chapters"]("c", text)).toEqual([]);
    expect(rules["links-to-two-chapters"](a, `[self](/learn/${a}) [one](/learn/${b})`)).toHaveLength(1);
  });
});
