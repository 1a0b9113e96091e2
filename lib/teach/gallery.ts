/**
 * The /teach gallery's data: every lab figure, challenge and prediction of the course, each with
 * the preset it runs, where it sits (chapter and `<Pattern>` section) and what an instructor needs
 * to choose it. Built from the chapters' outlines (the literal attributes the MDX gives each
 * component), so it follows the content; this module is pure (the server builder is
 * gallery-index.ts) and safe in the browser.
 */
import type { Goal } from "@/lib/lab/goals";

export const GALLERY_KINDS = ["lab", "challenge", "prediction"] as const;
export type GalleryKind = (typeof GALLERY_KINDS)[number];

/** One thing an instructor can embed. */
export interface GalleryItem {
  /**
   * Stable id: `lab:<chapter>:<preset>`, `challenge:<challenge id>`,
   * `prediction:<chapter>:<preset>:<metric>` (`:2`, `:3`… when a chapter repeats one).
   */
  id: string;
  kind: GalleryKind;
  title: string;
  chapterId: string;
  chapterTitle: string;
  /** The `<Pattern>` section it sits in. */
  patternId?: string;
  patternTitle?: string;
  /** The scenario preset it runs (`content/scenarios/<id>.json`). */
  scenarioId: string;
  /** Control paths the learner may change. */
  expose: string[];
  /** Where it is on the site: `/learn/<chapter>#<anchor>`. */
  href: string;
  /** One line saying what it is (the prediction's question, the challenge's goals, the lab's preset description). */
  summary: string;
  /** A challenge's id and goals (teach-grade's assignments pin these). */
  challengeId?: string;
  goals?: Goal[];
  /** A prediction's metric path. */
  metric?: string;
}

export interface GalleryIndex {
  chapters: { id: string; title: string }[];
  /** Pattern sections that hold at least one item, A–Z by title. */
  patterns: { id: string; title: string }[];
  items: GalleryItem[];
}

/** What the builder reads of one chapter. */
export interface GalleryChapterInput {
  id: string;
  title: string;
  scenarios: { component: string; scenario: string; section?: { id: string; title: string }; props: Record<string, unknown> }[];
}

/** What the builder reads of a preset. */
export interface GalleryPresetInfo {
  title?: string;
  description?: string;
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);

function goalsOf(value: unknown): Goal[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((g) => {
    const goal = g as Record<string, unknown>;
    if (typeof goal?.metric !== "string") return [];
    return [{ metric: goal.metric, ...(typeof goal.atMost === "number" ? { atMost: goal.atMost } : {}), ...(typeof goal.atLeast === "number" ? { atLeast: goal.atLeast } : {}) }];
  });
}

function firstSentence(value: string | undefined, max = 200): string {
  if (!value) return "";
  const squashed = value.replace(/\s+/g, " ").trim();
  const end = squashed.search(/[.!?](\s|$)/);
  const sentence = end >= 0 ? squashed.slice(0, end + 1) : squashed;
  return sentence.length > max ? `${sentence.slice(0, max - 1)}…` : sentence;
}

/**
 * The gallery from chapters in course order. `describeGoal` words a challenge's goals (passed in so
 * this module needs no metric tables); `preset` gives a preset's title and description.
 */
export function buildGallery(chapters: readonly GalleryChapterInput[], preset: (id: string) => GalleryPresetInfo | undefined, describeGoal: (goal: Goal) => string): GalleryIndex {
  const items: GalleryItem[] = [];
  const used = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}:${n}`;
    used.add(id);
    return id;
  };
  const patterns = new Map<string, string>();
  for (const chapter of chapters) {
    for (const ref of chapter.scenarios) {
      const where = {
        chapterId: chapter.id,
        chapterTitle: chapter.title,
        ...(ref.section ? { patternId: ref.section.id, patternTitle: ref.section.title } : {}),
        scenarioId: ref.scenario,
      };
      const sectionHref = `/learn/${chapter.id}${ref.section ? `#${ref.section.id}` : ""}`;
      const info = preset(ref.scenario);
      if (ref.component === "Lab") {
        items.push({
          id: uniqueId(`lab:${chapter.id}:${ref.scenario}`),
          kind: "lab",
          title: text(ref.props.title) ?? info?.title ?? ref.scenario,
          ...where,
          expose: isStrings(ref.props.expose) ? ref.props.expose : [],
          href: sectionHref,
          summary: firstSentence(info?.description ?? info?.title),
        });
      } else if (ref.component === "Challenge") {
        const challengeId = text(ref.props.id) ?? "unnamed";
        const goals = goalsOf(ref.props.goals);
        items.push({
          id: uniqueId(`challenge:${challengeId}`),
          kind: "challenge",
          title: text(ref.props.title) ?? challengeId,
          ...where,
          expose: isStrings(ref.props.expose) ? ref.props.expose : [],
          href: `/learn/${chapter.id}#challenge-${challengeId}`,
          summary: goals.map(describeGoal).join("; "),
          challengeId,
          goals,
        });
      } else if (ref.component === "Predict") {
        const metric = text(ref.props.metric) ?? "";
        items.push({
          id: uniqueId(`prediction:${chapter.id}:${ref.scenario}:${metric}`),
          kind: "prediction",
          title: text(ref.props.question) ?? `Predict ${metric}`,
          ...where,
          expose: [],
          href: sectionHref,
          summary: `Guess ${metric || "the result"} before the run shows it.`,
          metric,
        });
      } else continue;
      if (ref.section) patterns.set(ref.section.id, ref.section.title);
    }
  }
  return {
    chapters: chapters.filter((c) => items.some((i) => i.chapterId === c.id)).map(({ id, title }) => ({ id, title })),
    patterns: [...patterns.entries()].map(([id, title]) => ({ id, title })).sort((a, b) => a.title.localeCompare(b.title)),
    items,
  };
}

/** What the gallery's filters select. */
export interface GalleryFilter {
  query: string;
  chapterId: string;
  patternId: string;
  kinds: readonly GalleryKind[];
}

export const EMPTY_FILTER: GalleryFilter = { query: "", chapterId: "", patternId: "", kinds: GALLERY_KINDS };

/** Lower case without accents, for matching. */
const fold = (s: string) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

/** Items matching the filter: every word of the query must appear in the title, summary, chapter, section or preset. */
export function filterGallery(items: readonly GalleryItem[], filter: GalleryFilter): GalleryItem[] {
  const words = fold(filter.query).split(/\s+/).filter(Boolean);
  return items.filter((item) => {
    if (filter.chapterId && item.chapterId !== filter.chapterId) return false;
    if (filter.patternId && item.patternId !== filter.patternId) return false;
    if (!filter.kinds.includes(item.kind)) return false;
    if (!words.length) return true;
    const haystack = fold([item.title, item.summary, item.chapterTitle, item.patternTitle ?? "", item.scenarioId, item.challengeId ?? ""].join(" "));
    return words.every((w) => haystack.includes(w));
  });
}
