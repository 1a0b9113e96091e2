/**
 * Reading time, computed from a chapter's source rather than guessed (content/README.md, "Length"):
 *
 *   minutes = ceil(main-path words / 230 + 1 × labs + 0.5 × (predicts + challenges))
 *
 * Main-path words are the prose a learner reads top to bottom: markdown text and the children of
 * components, without the frontmatter, JSX tags and their attributes, link targets and markup
 * characters. Text behind a reveal that is off the main path (<DeepDive>, <Hint>, <Solution>) is
 * left out; deep dives are reported separately as `deepDiveMinutes` (words / 230, rounded up).
 * 230 words a minute is a middle reading speed for technical prose; each lab costs about a minute
 * to run and read, a prediction or challenge about half a minute to commit.
 */

/** Words per minute for prose. */
export const WORDS_PER_MINUTE = 230;
/** Minutes per `<Lab>`. */
export const MINUTES_PER_LAB = 1;
/** Minutes per `<Predict>` or `<Challenge>`. */
export const MINUTES_PER_CHECKPOINT = 0.5;

export interface ReadingTime {
  /** What pages show: ceil(words / 230 + labs + 0.5 × (predicts + challenges)). */
  minutes: number;
  /** Main-path prose words. */
  words: number;
  labs: number;
  predicts: number;
  challenges: number;
  /** Words inside <DeepDive> asides. */
  deepDiveWords: number;
  /** ceil(deepDiveWords / 230); 0 when there are none. */
  deepDiveMinutes: number;
}

const stripFrontmatter = (source: string) => source.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n?/, "");

/** The source with every `<Name …>…</Name>` block of the given component removed, and what was removed. */
function cutBlocks(source: string, name: string): { rest: string; cut: string[] } {
  const cut: string[] = [];
  const pattern = new RegExp(`<${name}(\\s[^>]*)?>([\\s\\S]*?)</${name}>`, "g");
  const rest = source.replace(pattern, (_all, _attrs, inner: string) => {
    cut.push(inner);
    return "\n";
  });
  return { rest, cut };
}

/** Counts prose words in MDX text: JSX tags (with their attributes), expressions, link targets and markup removed. */
export function countProseWords(mdx: string): number {
  const text = mdx
    .replace(/<\/?[A-Za-z][\w.]*(\s(?:[^<>{}"']|"[^"]*"|'[^']*'|\{(?:[^{}]|\{[^{}]*\})*\})*)?\/?>/g, " ") // JSX / HTML tags
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, " ") // MDX comments
    .replace(/\]\([^)]*\)/g, " ") // link targets
    .replace(/[#*_`>|~[\]-]+/g, " ");
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,:;%×/+=-]*/gu) ?? []).length;
}

const countTag = (source: string, name: string) => (source.match(new RegExp(`<${name}[\\s/>]`, "g")) ?? []).length;

/** Reading time of a chapter source (with or without its frontmatter). */
export function readingTime(source: string): ReadingTime {
  const body = stripFrontmatter(source);
  const deep = cutBlocks(body, "DeepDive");
  const hints = cutBlocks(deep.rest, "Hint");
  const solutions = cutBlocks(hints.rest, "Solution");
  const words = countProseWords(solutions.rest);
  const deepDiveWords = deep.cut.reduce((sum, inner) => sum + countProseWords(inner), 0);
  const labs = countTag(body, "Lab");
  const predicts = countTag(body, "Predict");
  const challenges = countTag(body, "Challenge");
  const minutes = Math.max(1, Math.ceil(words / WORDS_PER_MINUTE + MINUTES_PER_LAB * labs + MINUTES_PER_CHECKPOINT * (predicts + challenges)));
  return { minutes, words, labs, predicts, challenges, deepDiveWords, deepDiveMinutes: Math.ceil(deepDiveWords / WORDS_PER_MINUTE) };
}
