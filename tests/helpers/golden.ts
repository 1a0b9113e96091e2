/**
 * Golden reports: every preset under content/scenarios run in-process at its own seed, its full JSON
 * report pinned in tests/fixtures/golden/<group>.json (one file per folder, keyed by preset name).
 *
 * A model change that moves any figure of any preset shows up as a diff here, even when it stays inside
 * a theory test's tolerance. `npm run golden` checks; `npm run golden -- --update` rewrites the files
 * (commit them in a change of their own, saying why the reports moved).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseScenario, runScenario, type RunReport } from "@/simulations";
import { listPresetFiles, repoRoot } from "./presets";

export const goldenDir = path.join(repoRoot, "tests/fixtures/golden");
const scenariosDir = path.join(repoRoot, "content/scenarios");

/** A preset's group (its folder under content/scenarios) and name (file name without .json). */
export function presetId(file: string): { group: string; name: string } {
  const rel = path.relative(scenariosDir, file).split(path.sep);
  return { group: rel.length > 1 ? rel.slice(0, -1).join("/") : "_root", name: rel[rel.length - 1].replace(/\.json$/, "") };
}

/** Runs one preset to its end at its own seed, as `npm run sim -- <preset> --json` does. */
export function runPreset(file: string): RunReport {
  const parsed = parseScenario(readFileSync(file, "utf8"));
  if (!parsed.ok) throw new Error(`${path.relative(repoRoot, file)} is invalid:\n${parsed.issues.map((i) => i.message).join("\n")}`);
  // Through JSON, as the runner prints it (drops undefined fields, normalises -0).
  return JSON.parse(JSON.stringify(runScenario(parsed.scenario))) as RunReport;
}

/** Preset files grouped by folder, in a stable order. */
export function presetGroups(): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const file of listPresetFiles()) {
    const { group } = presetId(file);
    groups.set(group, [...(groups.get(group) ?? []), file]);
  }
  return groups;
}

export function goldenFile(group: string): string {
  return path.join(goldenDir, `${group}.json`);
}

/** The pinned reports of a group by preset name, or an empty record when the file does not exist. */
export function readGolden(group: string): Record<string, RunReport> {
  const file = goldenFile(group);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, RunReport>) : {};
}

export function writeGolden(group: string, reports: Record<string, RunReport>): void {
  mkdirSync(path.dirname(goldenFile(group)), { recursive: true });
  writeFileSync(goldenFile(group), JSON.stringify(reports, null, 1) + "\n");
}

/** Paths of values that differ between two JSON values, e.g. `nodes.api.served: 10 → 11` (at most `limit`). */
export function jsonDiff(expected: unknown, actual: unknown, at = "", out: string[] = [], limit = 20): string[] {
  if (out.length >= limit) return out;
  if (typeof expected === "object" && expected !== null && typeof actual === "object" && actual !== null) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) {
      jsonDiff((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], at ? `${at}.${key}` : key, out, limit);
    }
    return out;
  }
  if (expected !== actual) out.push(`${at || "(root)"}: ${JSON.stringify(expected)} → ${JSON.stringify(actual)}`);
  return out;
}
