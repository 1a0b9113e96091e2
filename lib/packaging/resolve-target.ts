/**
 * Turns the command line's `<chapter|lab|challenge>` into one catalog item, or a message that names
 * the problem and lists the closest ids (edit distance and shared words), so a typo is one step from
 * fixed.
 */
import type { Catalog, CatalogChallenge, CatalogChapter, CatalogLab } from "./catalog";

export type PackageTarget =
  | { kind: "chapter"; chapter: CatalogChapter }
  | { kind: "lab"; lab: CatalogLab }
  | { kind: "challenge"; challenge: CatalogChallenge };

export type ResolveResult = { ok: true; target: PackageTarget } | { ok: false; message: string };

/** Levenshtein distance (small strings: ids). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}

/** Up to `count` candidates closest to `input`: near in spelling, or sharing a word with it. */
export function closeMatches(input: string, candidates: readonly string[], count = 5): string[] {
  const needle = input.toLowerCase();
  const words = needle.split(/[^a-z0-9]+/).filter((w) => w.length >= 3);
  const scored = candidates.map((c) => {
    const tail = c.split("/").pop()!;
    const distance = Math.min(editDistance(needle, c), editDistance(needle, tail));
    const shared = words.filter((w) => c.includes(w)).length;
    return { c, score: distance - shared * 4 - (c.includes(needle) ? 6 : 0) };
  });
  const limit = Math.max(3, Math.floor(needle.length / 2));
  return scored
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score || a.c.localeCompare(b.c))
    .slice(0, count)
    .map((s) => s.c);
}

/**
 * Finds `input` among chapter ids, lab (preset) ids and challenge ids. A prefix `chapter:`, `lab:` or
 * `challenge:` picks the kind when an id is ambiguous.
 */
export function resolveTarget(input: string, catalog: Catalog): ResolveResult {
  const raw = input.trim();
  if (!raw) return { ok: false, message: "Name what to package: a chapter id, a lab (preset id such as queues/mm1-80) or a challenge id." };
  const prefixed = /^(chapter|lab|challenge):(.*)$/.exec(raw);
  const kind = prefixed?.[1] as PackageTarget["kind"] | undefined;
  const id = prefixed ? prefixed[2]! : raw;
  const hits: PackageTarget[] = [];
  if ((!kind || kind === "chapter") && catalog.chapters.has(id)) hits.push({ kind: "chapter", chapter: catalog.chapters.get(id)! });
  if ((!kind || kind === "lab") && catalog.labs.has(id)) hits.push({ kind: "lab", lab: catalog.labs.get(id)! });
  if ((!kind || kind === "challenge") && catalog.challenges.has(id)) hits.push({ kind: "challenge", challenge: catalog.challenges.get(id)! });
  if (hits.length === 1) return { ok: true, target: hits[0]! };
  if (hits.length > 1) return { ok: false, message: `"${id}" is both ${hits.map((h) => `a ${h.kind}`).join(" and ")}; write ${hits.map((h) => `${h.kind}:${id}`).join(" or ")}.` };
  const pools: [PackageTarget["kind"], string[]][] = [
    ["chapter", [...catalog.chapters.keys()]],
    ["lab", [...catalog.labs.keys()]],
    ["challenge", [...catalog.challenges.keys()]],
  ];
  const near = pools.filter(([k]) => !kind || k === kind).flatMap(([k, ids]) => closeMatches(id, ids).map((c) => `${c} (${k})`));
  const what = kind ?? "chapter, lab or challenge";
  return {
    ok: false,
    message: `No ${what} is called "${id}".` + (near.length ? ` Did you mean: ${near.slice(0, 6).join(", ")}?` : ` There are ${catalog.chapters.size} live chapters, ${catalog.labs.size} labs and ${catalog.challenges.size} challenges; chapter ids are listed in content/course.json.`),
  };
}
