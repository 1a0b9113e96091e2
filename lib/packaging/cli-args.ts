/**
 * The arguments of `npm run package -- <scorm|cmi5> <chapter|lab|challenge> [--base URL] [--out DIR]`,
 * checked: every problem is named, with the usage line.
 */
import { DEFAULT_BASE_URL, parseBaseUrl } from "./activity";
import type { PackageFormat } from "./launch-page";

export const PACKAGE_USAGE = "usage: npm run package -- <scorm|cmi5> <chapter|lab|challenge> [--base https://your-site] [--out dir]";

export interface PackageArgs {
  format: PackageFormat;
  target: string;
  baseUrl: string;
  outDir: string;
}

const FORMATS: Record<string, PackageFormat> = { scorm: "scorm12", scorm12: "scorm12", "scorm1.2": "scorm12", cmi5: "cmi5" };

/** Parses argv (without node and the script). */
export function parsePackageArgs(argv: readonly string[]): { ok: true; args: PackageArgs } | { ok: false; message: string } {
  const positional: string[] = [];
  let base = DEFAULT_BASE_URL;
  let outDir = ".";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith("--") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (flag === "--base" || flag === "--out") {
      const value = inline ?? argv[++i];
      if (value === undefined || value === "") return { ok: false, message: `${flag} needs a value.\n${PACKAGE_USAGE}` };
      if (flag === "--base") base = value;
      else outDir = value;
    } else if (arg.startsWith("-")) return { ok: false, message: `Unknown option ${arg}.\n${PACKAGE_USAGE}` };
    else positional.push(arg);
  }
  if (positional.length === 0) return { ok: false, message: PACKAGE_USAGE };
  const format = FORMATS[positional[0]!.toLowerCase()];
  if (!format) return { ok: false, message: `Unknown package format "${positional[0]}": use scorm (SCORM 1.2) or cmi5.\n${PACKAGE_USAGE}` };
  if (positional.length < 2) return { ok: false, message: `Name what to package after ${positional[0]}: a chapter id, a lab (preset id) or a challenge id.\n${PACKAGE_USAGE}` };
  if (positional.length > 2) return { ok: false, message: `One chapter, lab or challenge per package (got ${positional.slice(1).join(", ")}).\n${PACKAGE_USAGE}` };
  const parsedBase = parseBaseUrl(base);
  if (!parsedBase.ok) return { ok: false, message: parsedBase.message };
  return { ok: true, args: { format, target: positional[1]!, baseUrl: parsedBase.url, outDir } };
}
