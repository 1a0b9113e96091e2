/**
 * `npm run package -- <scorm|cmi5> <chapter|lab|challenge> [--base URL] [--out DIR]`: writes a
 * SCORM 1.2 or cmi5 package that embeds the lab(s) from the site at --base (lib/packaging/).
 * Exit code 2 on bad input, with a message naming the problem and close matches.
 */
import fs from "node:fs";
import path from "node:path";
import { buildActivity } from "@/lib/packaging/activity";
import { buildPackage } from "@/lib/packaging/build-package";
import { readCatalog } from "@/lib/packaging/catalog";
import { parsePackageArgs } from "@/lib/packaging/cli-args";
import { resolveTarget } from "@/lib/packaging/resolve-target";

const parsed = parsePackageArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(2);
}
const { format, target, baseUrl, outDir } = parsed.args;
const catalog = readCatalog();
const resolved = resolveTarget(target, catalog);
if (!resolved.ok) {
  console.error(resolved.message);
  process.exit(2);
}
const activity = buildActivity(resolved.target, catalog, baseUrl);
const built = buildPackage(activity, format);
fs.mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, built.fileName);
fs.writeFileSync(file, built.zip);
const labs = activity.frames.length === 1 ? "1 lab" : `${activity.frames.length} labs`;
const challenges = activity.challenges.length ? `, ${activity.challenges.length} challenge${activity.challenges.length === 1 ? "" : "s"} (passed when all goals are met)` : " (completed when played)";
console.log(`${file}: ${format === "scorm12" ? "SCORM 1.2" : "cmi5"} package of ${resolved.target.kind} "${activity.title}", ${labs}${challenges}, embedding from ${baseUrl}; ${(built.zip.length / 1024).toFixed(1)} KiB.`);
