/**
 * Strict validation of chapter frontmatter (the contract in content/README.md). A chapter
 * with a missing, mistyped or unknown field must fail the build with a message naming the
 * file and the field, so every problem is collected and thrown as one ContentError.
 */
import { ContentError } from "./content-error";
import type { ChapterFrontmatter } from "./types";

/** What the validator checks frontmatter against. */
export interface FrontmatterContext {
  /** Project-relative path of the chapter, used as the message prefix. */
  file: string;
  /** Part titles named in content/course.json. */
  partTitles: ReadonlySet<string>;
  /** The part course.json lists this chapter under, if it is listed. */
  manifestPart?: string;
  /** Every pattern id in content/syllabus.json. */
  syllabusIds: ReadonlySet<string>;
}

const allowedFields = ["title", "summary", "part", "minutes", "patterns"] as const;

/**
 * Validates raw frontmatter (as parsed from YAML) and returns it typed.
 * @throws ContentError listing every problem, one per line, each naming the field.
 */
export function validateFrontmatter(data: unknown, context: FrontmatterContext): ChapterFrontmatter {
  const problems: string[] = [];
  if (data === null || typeof data !== "object" || Array.isArray(data) || Object.keys(data).length === 0) {
    throw new ContentError(context.file, ["frontmatter is missing (expected a --- block with title, summary, part, patterns)"]);
  }
  const raw = data as Record<string, unknown>;

  for (const key of Object.keys(raw)) {
    if (!(allowedFields as readonly string[]).includes(key)) {
      problems.push(`frontmatter.${key} is not a known field (allowed: ${allowedFields.join(", ")})`);
    }
  }

  const title = requireText(raw, "title", problems);
  const summary = requireText(raw, "summary", problems);
  const part = requireText(raw, "part", problems);
  if (part !== undefined) {
    if (!context.partTitles.has(part)) {
      problems.push(`frontmatter.part must be a part named in content/course.json (got ${JSON.stringify(part)}; known: ${[...context.partTitles].join(", ")})`);
    } else if (context.manifestPart !== undefined && context.manifestPart !== part) {
      problems.push(`frontmatter.part is ${JSON.stringify(part)} but content/course.json lists this chapter under ${JSON.stringify(context.manifestPart)}`);
    }
  }

  // Deprecated: reading time is computed from the source (lib/content/reading-time.ts). Still
  // accepted, and checked when present, so older chapter files keep building; it is not shown.
  const minutes = raw.minutes;
  if (minutes !== undefined && (typeof minutes !== "number" || !Number.isInteger(minutes) || minutes <= 0)) {
    problems.push(`frontmatter.minutes must be a positive integer (got ${JSON.stringify(minutes)})`);
  }

  const patterns = raw.patterns;
  if (patterns === undefined) {
    problems.push("frontmatter.patterns is required (an array of catalog pattern ids; [] when the chapter has none)");
  } else if (!Array.isArray(patterns)) {
    problems.push(`frontmatter.patterns must be an array of pattern ids (got ${JSON.stringify(patterns)})`);
  } else {
    const seen = new Set<string>();
    patterns.forEach((id: unknown, index) => {
      if (typeof id !== "string") {
        problems.push(`frontmatter.patterns[${index}] must be a pattern id string (got ${JSON.stringify(id)})`);
      } else if (!context.syllabusIds.has(id)) {
        problems.push(`frontmatter.patterns[${index}] ${JSON.stringify(id)} is not a pattern id in content/syllabus.json`);
      } else if (seen.has(id)) {
        problems.push(`frontmatter.patterns[${index}] ${JSON.stringify(id)} is listed twice`);
      } else {
        seen.add(id);
      }
    });
  }

  if (problems.length > 0) throw new ContentError(context.file, problems);
  return { title: title!, summary: summary!, part: part!, ...(minutes !== undefined ? { minutes: minutes as number } : {}), patterns: patterns as string[] };
}

function requireText(raw: Record<string, unknown>, field: string, problems: string[]): string | undefined {
  const value = raw[field];
  if (value === undefined || value === null) {
    problems.push(`frontmatter.${field} is required (a non-empty string)`);
    return undefined;
  }
  if (typeof value !== "string" || value.trim() === "") {
    problems.push(`frontmatter.${field} must be a non-empty string (got ${JSON.stringify(value)})`);
    return undefined;
  }
  return value.trim();
}
