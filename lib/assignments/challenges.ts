/**
 * Every chapter `<Challenge>` as data (id, title, preset, exposed controls, goals, chapter), read from
 * the MDX sources, so `/teach/assign` can turn a challenge into an assignment. Node-only (reads
 * files): import it from server components and scripts.
 */
import fs from "node:fs";
import path from "node:path";
import { content } from "@/lib/content";
import { openingTags, tagAttribute } from "@/lib/content/mdx-tags";
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

/** The challenges of one chapter's MDX source (those whose attributes cannot be read are left out). */
export function challengesInSource(source: string, chapter: { id: string; title: string }): ChallengeEntry[] {
  const out: ChallengeEntry[] = [];
  for (const tag of openingTags(source, "Challenge")) {
    // An attribute that is not a plain literal throws; such a challenge is left out, never evaluated.
    const read = (name: string) => {
      try {
        return tagAttribute(tag, name);
      } catch {
        return undefined;
      }
    };
    const id = read("id");
    const title = read("title");
    const scenarioId = read("scenario");
    const expose = read("expose") ?? [];
    const goals = read("goals");
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
