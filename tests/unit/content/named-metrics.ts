/**
 * Every report metric a chapter names: <BreakIt watch>, the code spans of a card's **Watch**
 * paragraph that are metric paths, <Predict metric> and <Challenge goals[].metric>. Shared by the
 * metric-name table's test (each must have a human label).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../..");
export const chaptersDir = path.join(root, "content/chapters");

/** Paths that read as report metrics (not node ids or parameter paths). */
export const metricPathPattern = /^(nodes|edges)\.[a-z0-9-]+\.[A-Za-z][\w.-]*$|^(requests|latencyMs|reasons)\.[A-Za-z]\w*$|^throughputPerSec$/;

export interface NamedMetric {
  chapter: string;
  where: string;
  path: string;
}

function arrayAttribute(tag: string, name: string): string[] {
  const m = new RegExp(`\\b${name}=\\{(\\[[\\s\\S]*?\\])\\}`).exec(tag);
  if (!m) return [];
  try {
    return Function(`return (${m[1]})`)() as string[];
  } catch {
    return [];
  }
}

/** Every metric named in content/chapters/*.mdx, with where it was named. */
export function namedMetrics(dir = chaptersDir): NamedMetric[] {
  const out: NamedMetric[] = [];
  for (const chapter of readdirSync(dir).filter((f) => f.endsWith(".mdx"))) {
    const text = readFileSync(path.join(dir, chapter), "utf8");
    for (const m of text.matchAll(/<BreakIt\b([\s\S]*?)>([\s\S]*?)<\/BreakIt>/g)) {
      for (const p of arrayAttribute(m[1], "watch")) out.push({ chapter, where: "BreakIt watch", path: p });
      const watch = /\*\*Watch\*\*([\s\S]*?)(?:\n\s*\n|$)/.exec(m[2]);
      if (watch) for (const c of watch[1].matchAll(/`([^`]+)`/g)) if (metricPathPattern.test(c[1])) out.push({ chapter, where: "Watch paragraph", path: c[1] });
    }
    for (const m of text.matchAll(/<Predict\b[\s\S]*?\bmetric="([^"]+)"/g)) out.push({ chapter, where: "Predict", path: m[1] });
    for (const m of text.matchAll(/<Challenge\b[\s\S]*?goals=\{(\[[\s\S]*?\])\}/g)) {
      const goals = Function(`return (${m[1]})`)() as { metric: string }[];
      for (const g of goals) out.push({ chapter, where: "Challenge goal", path: g.metric });
    }
  }
  return out;
}
