/**
 * Short understanding checks for chapters whose patterns are about structure rather than traffic:
 * choose one answer, classify items into categories, put steps in order. Pure functions, so the
 * grading is unit-tested and the same on the server (first render) and in the browser.
 */

/** A string hash (FNV-1a, 32 bit): the seed of the deterministic shuffle. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The items in an order fixed by `seed` (Fisher–Yates driven by a small xorshift generator), never
 * the original order when there are at least two distinct items. Deterministic so the server HTML
 * and the hydrated widget agree.
 */
export function shuffledOrder<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  let state = hashString(seed) || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  const unchanged = out.every((item, i) => item === items[i]);
  if (unchanged && out.length > 1) out.push(out.shift()!);
  return out;
}

/** One item to classify and the category it belongs to. */
export interface ClassifyItem {
  text: string;
  category: string;
  /** Why it belongs there, shown after checking. */
  why?: string;
}

/** The result of checking a classification: which items are right, and how many. */
export interface ClassifyResult {
  correct: number;
  total: number;
  /** Per item: true when the learner's category is the right one; null when not answered. */
  verdicts: Array<boolean | null>;
}

/** Checks the learner's picks (category per item, undefined when not picked) against the answers. */
export function gradeClassification(items: readonly ClassifyItem[], picks: ReadonlyArray<string | undefined>): ClassifyResult {
  const verdicts = items.map((item, i) => (picks[i] === undefined ? null : picks[i] === item.category));
  return { correct: verdicts.filter((v) => v === true).length, total: items.length, verdicts };
}

/** The result of checking an ordering: positions that hold the right step. */
export interface OrderResult {
  correct: number;
  total: number;
  /** Per position of the learner's list: true when the step there belongs there. */
  verdicts: boolean[];
  solved: boolean;
}

/** Checks the learner's order (a list of step texts) against the right order. */
export function gradeOrder(expected: readonly string[], current: readonly string[]): OrderResult {
  const verdicts = current.map((step, i) => step === expected[i]);
  const correct = verdicts.filter(Boolean).length;
  return { correct, total: expected.length, verdicts, solved: correct === expected.length && current.length === expected.length };
}

/** Moves the item at `from` by `delta` places (clamped to the list); returns a new list. */
export function moveItem<T>(list: readonly T[], from: number, delta: number): T[] {
  const to = Math.max(0, Math.min(list.length - 1, from + delta));
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item!);
  return out;
}

/**
 * Problems with an exercise's props, as messages naming the field (empty when valid). Content tests
 * run this over every exercise in the chapters, so a typo fails the build, not the learner.
 */
export function exerciseProblems(kind: "Choose" | "Classify" | "Order", props: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string" && x.trim() !== "");
  if (typeof props.id !== "string" || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(props.id)) problems.push(`${kind}: id must be a kebab-case string`);
  if (kind === "Choose") {
    if (typeof props.question !== "string") problems.push("Choose: question must be a string");
    if (!isStrings(props.options) || props.options.length < 2) problems.push("Choose: options must list at least two answers");
    else if (!Number.isInteger(props.answer) || (props.answer as number) < 0 || (props.answer as number) >= props.options.length)
      problems.push(`Choose: answer must be the index of an option (0 to ${props.options.length - 1})`);
  }
  if (kind === "Classify") {
    if (typeof props.prompt !== "string") problems.push("Classify: prompt must be a string");
    if (!isStrings(props.categories) || props.categories.length < 2) problems.push("Classify: categories must list at least two names");
    const items = props.items;
    if (!Array.isArray(items) || items.length < 2) problems.push("Classify: items must list at least two items");
    else
      items.forEach((item, i) => {
        const it = item as Partial<ClassifyItem>;
        if (typeof it?.text !== "string") problems.push(`Classify: items[${i}].text must be a string`);
        if (!isStrings(props.categories) || !props.categories.includes(it?.category as string))
          problems.push(`Classify: items[${i}].category must be one of the categories (got ${JSON.stringify(it?.category)})`);
      });
  }
  if (kind === "Order") {
    if (typeof props.prompt !== "string") problems.push("Order: prompt must be a string");
    if (!isStrings(props.steps) || props.steps.length < 3) problems.push("Order: steps must list at least three steps, in the right order");
    else if (new Set(props.steps).size !== props.steps.length) problems.push("Order: steps must be distinct");
  }
  return problems;
}
