/** The preset files under content/scenarios, for tests that check every one of them. */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../..");

/** Absolute paths of every preset JSON file, sorted. */
export function listPresetFiles(dir = path.join(repoRoot, "content/scenarios")): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listPresetFiles(p));
    else if (name.endsWith(".json")) out.push(p);
  }
  return out.sort();
}
