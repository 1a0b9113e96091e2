/**
 * Every chapter `<Challenge>` as data (id, title, preset, exposed controls, goals, chapter), read from
 * the MDX sources, so `/teach/assign` can turn a challenge into an assignment. Node-only (reads
 * files): import it from server components and scripts.
 */
import fs from "node:fs";
import path from "node:path";
import { content } from "@/lib/content";
import { parseGoal } from "./assignment";
import type { Goal } from "@/lib/lab/goals";

export interface ChallengeEntry {
  id: string;
  title: string;
  scenarioId: string;
  expose: string[];
  goals: Goal[];
  chapterId: string;
  chapterTitle: string;
}

/** The literal of attribute `name` in a JSX opening tag: a "string" or the text inside {…}. */
function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*`).exec(tag);
  if (!m) return undefined;
  let i = m.index + m[0].length;
  if (tag[i] === '"') return JSON.stringify(tag.slice(i + 1, tag.indexOf('"', i + 1)));
  if (tag[i] !== "{") return undefined;
  let depth = 0;
  const start = i;
  for (; i < tag.length; i++) {
    if (tag[i] === "{") depth++;
    else if (tag[i] === "}" && --depth === 0) break;
  }
  return tag.slice(start + 1, i);
}

/** A JS literal of strings, numbers, arrays and objects with bare keys, read as JSON (no eval). */
function literal(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text.replace(/([{,]\s*)([A-Za-z_$][\w$]*)\s*:/g, '$1"$2":').replace(/,(\s*[}\]])/g, "$1"));
  } catch {
    return undefined;
  }
}

/** The opening tag starting at `start` (up to the first '>' outside quotes and braces). */
function tagAt(text: string, start: number): string {
  let depth = 0;
  let quote = "";
  let end = start;
  for (; end < text.length; end++) {
    const c = text[end];
    if (quote) {
      if (c === quote) quote = "";
    } else if (depth === 0 && c === '"') quote = c;
    else if (c === "{") depth++;
    else if (c === "}") depth--;
    else if (c === ">" && depth === 0) break;
  }
  return text.slice(start, end);
}

/** The challenges of one chapter's MDX source (those whose attributes cannot be read are left out). */
export function challengesInSource(source: string, chapter: { id: string; title: string }): ChallengeEntry[] {
  const out: ChallengeEntry[] = [];
  const re = /<Challenge\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source))) {
    const tag = tagAt(source, m.index);
    const id = literal(attribute(tag, "id"));
    const title = literal(attribute(tag, "title"));
    const scenarioId = literal(attribute(tag, "scenario"));
    const expose = literal(attribute(tag, "expose")) ?? [];
    const goals = literal(attribute(tag, "goals"));
    if (typeof id !== "string" || typeof title !== "string" || typeof scenarioId !== "string" || !Array.isArray(expose) || !Array.isArray(goals)) continue;
    const parsed = goals.map((g, i) => parseGoal(g, `Goal ${i + 1}`));
    if (!parsed.every((g) => g.ok)) continue;
    out.push({ id, title, scenarioId, expose: expose.filter((e): e is string => typeof e === "string"), goals: parsed.map((g) => (g as { ok: true; value: Goal }).value), chapterId: chapter.id, chapterTitle: chapter.title });
  }
  return out;
}

// Scoped to content/chapters, so the build traces that folder only.
const chaptersDir = path.join(process.cwd(), "content", "chapters");

/** Every challenge of the live chapters, in course order. */
export function listChallenges(): ChallengeEntry[] {
  return content.getLiveChapters().flatMap((chapter) => {
    const file = path.join(chaptersDir, path.basename(chapter.file));
    if (!fs.existsSync(file)) return [];
    return challengesInSource(fs.readFileSync(file, "utf8"), { id: chapter.id, title: chapter.frontmatter.title });
  });
}
