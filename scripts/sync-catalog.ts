/**
 * Regenerates content/course.json and content/syllabus.json from the shared pattern catalog
 * (../shared/catalog/patterns.json) while preserving local edits: entries already in the
 * local files are kept as they are; only what the catalog adds is merged in.
 *
 *   npx tsx scripts/sync-catalog.ts           write the merged files
 *   npx tsx scripts/sync-catalog.ts --check   exit 1 if the files are behind the catalog
 *
 * The app never reads ../shared at runtime; this script is the only bridge.
 */
import fs from "node:fs";
import path from "node:path";
import { mergeCourse, mergeSyllabus, type CatalogChapter } from "../lib/content/catalog-sync";
import type { CourseManifest, SyllabusEntry } from "../lib/content/types";

const root = path.resolve(import.meta.dirname, "..");
const catalogPath = path.resolve(root, "../shared/catalog/patterns.json");
const coursePath = path.join(root, "content/course.json");
const syllabusPath = path.join(root, "content/syllabus.json");

function readJson<T>(file: string, fallback: T): T {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as T) : fallback;
}

/** One object per line keeps diffs of the big lists reviewable. */
function formatCourse(course: CourseManifest): string {
  const parts = course.parts.map((part) => {
    const chapters = part.chapters.map((c) => `        ${JSON.stringify(c)}`).join(",\n");
    return `    {\n      "title": ${JSON.stringify(part.title)},\n      "chapters": [\n${chapters}\n      ]\n    }`;
  });
  return `{\n  "parts": [\n${parts.join(",\n")}\n  ]\n}\n`;
}

function formatSyllabus(entries: readonly SyllabusEntry[]): string {
  return `[\n${entries.map((e) => `  ${JSON.stringify({ id: e.id, name: e.name, chapter: e.chapter })}`).join(",\n")}\n]\n`;
}

function main(): void {
  const check = process.argv.includes("--check");
  if (!fs.existsSync(catalogPath)) {
    console.log(`sync-catalog: ${path.relative(root, catalogPath)} not found; nothing to do.`);
    return;
  }
  const catalog = JSON.parse(fs.readFileSync(catalogPath, "utf8")) as CatalogChapter[];
  const syllabus = mergeSyllabus(readJson<SyllabusEntry[]>(syllabusPath, []), catalog);
  const course = mergeCourse(readJson<CourseManifest>(coursePath, { parts: [] }), catalog, syllabus);

  const outputs: [string, string][] = [
    [coursePath, formatCourse(course)],
    [syllabusPath, formatSyllabus(syllabus)],
  ];
  let stale = false;
  for (const [file, text] of outputs) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    if (current === text) continue;
    stale = true;
    if (!check) fs.writeFileSync(file, text);
    console.log(`sync-catalog: ${check ? "out of date" : "wrote"} ${path.relative(root, file)}`);
  }
  const chapterCount = course.parts.reduce((n, p) => n + p.chapters.length, 0);
  console.log(`sync-catalog: ${course.parts.length} parts, ${chapterCount} chapters, ${syllabus.length} patterns.`);
  if (check && stale) process.exit(1);
}

main();
