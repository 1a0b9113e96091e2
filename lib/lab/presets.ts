/**
 * Server-side access to the scenario presets in content/scenarios/<group>/<name>.json (id
 * "<group>/<name>"). Validated on load, so a broken preset fails loudly with its field paths.
 * Node-only (reads files): import it from server components and scripts, never from the browser.
 */
import fs from "node:fs";
import path from "node:path";
import { validateScenario, type Scenario } from "@/simulations";

const root = path.join(process.cwd(), "content", "scenarios");
const idPattern = /^[a-z0-9-]+\/[a-z0-9-]+$/;

/** Every preset id, sorted. */
export function listPresetIds(): string[] {
  const ids: string[] = [];
  for (const group of fs.readdirSync(root, { withFileTypes: true })) {
    if (!group.isDirectory()) continue;
    for (const file of fs.readdirSync(path.join(root, group.name))) if (file.endsWith(".json")) ids.push(`${group.name}/${file.slice(0, -5)}`);
  }
  return ids.sort();
}

/** The preset with this id, or null when there is none. Throws when the preset is invalid. */
export function loadPreset(id: string): Scenario | null {
  if (!idPattern.test(id)) return null;
  const file = path.join(root, `${id}.json`);
  if (!fs.existsSync(file)) return null;
  const result = validateScenario(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!result.ok) throw new Error(`content/scenarios/${id}.json is invalid:\n${result.issues.map((i) => i.message).join("\n")}`);
  return result.scenario;
}
