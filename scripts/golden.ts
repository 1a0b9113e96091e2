/**
 * Golden reports of every preset: `npm run golden` checks them against tests/fixtures/golden/,
 * `npm run golden -- --update` rewrites the pinned files after a reviewed change (exit code 1 on a
 * difference when checking). The unit test tests/unit/simulations/golden.test.ts does the same check.
 */
import path from "node:path";
import { goldenFile, jsonDiff, presetGroups, presetId, readGolden, runPreset, writeGolden } from "../tests/helpers/golden";
import type { RunReport } from "@/simulations";

const update = process.argv.includes("--update") || process.env.GOLDEN_UPDATE === "1";
const started = performance.now();
let changed = 0;
let presets = 0;
for (const [group, files] of presetGroups()) {
  const pinned = readGolden(group);
  const reports: Record<string, RunReport> = {};
  for (const file of files) {
    const { name } = presetId(file);
    reports[name] = runPreset(file);
    presets++;
    const diff = jsonDiff(pinned[name], reports[name]);
    if (diff.length) {
      changed++;
      process.stdout.write(`${group}/${name}: ${pinned[name] ? `${diff.length >= 20 ? "20+" : diff.length} values differ` : "no pinned report"}\n  ${diff.slice(0, 5).join("\n  ")}\n`);
    }
  }
  for (const name of Object.keys(pinned)) if (!(name in reports)) {
    changed++;
    process.stdout.write(`${group}/${name}: pinned, but the preset is gone\n`);
  }
  if (update) writeGolden(group, reports);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (update) process.stdout.write(`golden: ${presets} presets run in ${seconds} s; ${changed} changed; files rewritten under ${path.dirname(goldenFile("x"))}\n`);
else {
  process.stdout.write(`golden: ${presets} presets run in ${seconds} s; ${changed} differ from the pinned reports\n`);
  if (changed) process.exit(1);
}
