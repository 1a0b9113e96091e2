/**
 * Writes a package's files and zips them (fflate): SCORM 1.2 (imsmanifest.xml + index.html) or cmi5
 * (cmi5.xml + index.html). Pure: returns bytes, the caller writes them.
 */
import { zipSync, strToU8 } from "fflate";
import type { PackageActivity } from "./activity";
import { cmi5CourseStructure } from "./cmi5";
import { launchPageHtml, type PackageFormat } from "./launch-page";
import { LAUNCH_FILE, scormManifest } from "./scorm";

export interface BuiltPackage {
  fileName: string;
  files: Record<string, string>;
  zip: Uint8Array;
}

/** The package for an activity. A fixed mtime keeps the zip byte-identical for the same input. */
export function buildPackage(activity: PackageActivity, format: PackageFormat): BuiltPackage {
  const files: Record<string, string> = format === "scorm12"
    ? { "imsmanifest.xml": scormManifest(activity), [LAUNCH_FILE]: launchPageHtml(activity, format) }
    : { "cmi5.xml": cmi5CourseStructure(activity), [LAUNCH_FILE]: launchPageHtml(activity, format) };
  const mtime = new Date("2026-01-01T00:00:00Z");
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, [strToU8(text), { mtime }]])), { level: 9 });
  const slug = `${activity.kind}-${activity.id}`.replace(/[^a-z0-9-]+/gi, "-");
  return { fileName: `faultline-${format === "scorm12" ? "scorm12" : "cmi5"}-${slug}.zip`, files, zip };
}
