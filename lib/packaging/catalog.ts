/**
 * What a course package can hold, read from the content: live chapters (content/course.json and
 * content/chapters/<id>.mdx), the labs they show (`<Lab scenario expose>`), their challenges
 * (`<Challenge id title scenario expose goals>`), and every scenario preset. Node only (reads files);
 * used by `npm run package` (scripts/package.ts).
 */
import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { validateScenario, type Scenario } from "@/simulations";
import { exposableParams } from "@/lib/lab/controls";
import type { Goal } from "@/lib/lab/goals";
import { openingTag, tagAttribute, type Literal } from "@/lib/content/mdx-tags";

/** A lab as a chapter shows it (or a preset no chapter shows, with every control exposed). */
export interface CatalogLab {
  presetId: string;
  title: string;
  expose: string[];
  scenario: Scenario;
  /** The first chapter (course order) that shows it, if any. */
  chapterId?: string;
}

/** A challenge: a lab with goals the learner must meet. */
export interface CatalogChallenge {
  id: string;
  title: string;
  presetId: string;
  expose: string[];
  goals: Goal[];
  scenario: Scenario;
  chapterId: string;
}

export interface CatalogChapter {
  id: string;
  title: string;
  summary: string;
  /** Preset ids of its labs, in order, each once. */
  labs: string[];
  /** Challenge ids, in order. */
  challenges: string[];
}

export interface Catalog {
  chapters: Map<string, CatalogChapter>;
  labs: Map<string, CatalogLab>;
  challenges: Map<string, CatalogChallenge>;
}

const asString = (v: Literal | undefined): string | undefined => (typeof v === "string" ? v : undefined);
const asStrings = (v: Literal | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

function asGoals(v: Literal | undefined): Goal[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((g) => {
    if (typeof g !== "object" || g === null || Array.isArray(g) || typeof g.metric !== "string") return [];
    return [{ metric: g.metric, ...(typeof g.atMost === "number" ? { atMost: g.atMost } : {}), ...(typeof g.atLeast === "number" ? { atLeast: g.atLeast } : {}) }];
  });
}

function readPreset(root: string, id: string): Scenario {
  const file = path.join(root, "content", "scenarios", `${id}.json`);
  const result = validateScenario(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!result.ok) throw new Error(`content/scenarios/${id}.json is invalid:\n${result.issues.map((i) => i.message).join("\n")}`);
  return result.scenario;
}

function listPresets(root: string): string[] {
  const dir = path.join(root, "content", "scenarios");
  const ids: string[] = [];
  for (const group of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!group.isDirectory()) continue;
    for (const file of fs.readdirSync(path.join(dir, group.name))) if (file.endsWith(".json")) ids.push(`${group.name}/${file.slice(0, -5)}`);
  }
  return ids.sort();
}

/** Reads the catalog from a project root (default: the working directory). */
export function readCatalog(root = process.cwd()): Catalog {
  const course = JSON.parse(fs.readFileSync(path.join(root, "content", "course.json"), "utf8")) as { parts: { chapters: { id: string; title: string }[] }[] };
  const chapters = new Map<string, CatalogChapter>();
  const labs = new Map<string, CatalogLab>();
  const challenges = new Map<string, CatalogChallenge>();
  const presets = new Map<string, Scenario>();
  const preset = (id: string) => {
    if (!presets.has(id)) presets.set(id, readPreset(root, id));
    return presets.get(id)!;
  };
  for (const entry of course.parts.flatMap((p) => p.chapters)) {
    const file = path.join(root, "content", "chapters", `${entry.id}.mdx`);
    if (!fs.existsSync(file)) continue;
    const { data, content } = matter(fs.readFileSync(file, "utf8"));
    const chapter: CatalogChapter = { id: entry.id, title: typeof data.title === "string" ? data.title : entry.title, summary: typeof data.summary === "string" ? data.summary : "", labs: [], challenges: [] };
    const re = /<(Lab|Challenge)\b/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(content))) {
      const tag = openingTag(content, m.index);
      const where = `content/chapters/${entry.id}.mdx:${content.slice(0, m.index).split("\n").length}`;
      let presetId: string | undefined;
      try {
        presetId = asString(tagAttribute(tag, "scenario"));
        if (!presetId) continue;
        if (m[1] === "Lab") {
          if (!chapter.labs.includes(presetId)) chapter.labs.push(presetId);
          if (!labs.has(presetId)) labs.set(presetId, { presetId, title: asString(tagAttribute(tag, "title")) ?? preset(presetId).title ?? presetId, expose: asStrings(tagAttribute(tag, "expose")), scenario: preset(presetId), chapterId: entry.id });
        } else {
          const id = asString(tagAttribute(tag, "id"));
          if (!id || challenges.has(id)) continue;
          chapter.challenges.push(id);
          challenges.set(id, { id, title: asString(tagAttribute(tag, "title")) ?? id, presetId, expose: asStrings(tagAttribute(tag, "expose")), goals: asGoals(tagAttribute(tag, "goals")), scenario: preset(presetId), chapterId: entry.id });
        }
      } catch (error) {
        throw new Error(`${where}: ${(error as Error).message}`);
      }
    }
    chapters.set(entry.id, chapter);
  }
  for (const id of listPresets(root)) {
    if (labs.has(id)) continue;
    const scenario = preset(id);
    labs.set(id, { presetId: id, title: scenario.title ?? id, expose: exposableParams(scenario), scenario });
  }
  return { chapters, labs, challenges };
}
