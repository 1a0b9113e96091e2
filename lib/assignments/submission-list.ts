/**
 * The list of submissions an instructor grades, and the grade table written back.
 *
 * Input: a CSV export (a header row naming a link column, e.g. `learner,link`, plus any other
 * columns; quoted fields per RFC 4180), or plain text with one link per line, optionally after the
 * learner's name (`Ada Lovelace https://…/embed?…#…`). Blank lines and lines starting with `#` are
 * skipped. Links contain commas (`controls=a.b,c.d`), so an unquoted link split by the CSV reader is
 * joined back. Never throws: a line without a link becomes a submission whose link is the line, so
 * it shows up as an error row rather than vanishing.
 *
 * Output: an aligned text table, CSV (one row per learner, one column per goal) or JSON.
 */
import { formatMetric } from "@/lib/lab/metrics";
import type { GradeRow, Submission } from "./grade";

/** Largest list accepted (characters) and most rows. */
export const MAX_LIST_CHARS = 20_000_000;
export const MAX_SUBMISSIONS = 2000;

export type ListResult = { ok: true; submissions: Submission[] } | { ok: false; error: string };

/** Splits one CSV line into fields (quotes, doubled quotes). */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (c === ",") {
      fields.push(field.trim());
      field = "";
    } else field += c;
  }
  fields.push(field.trim());
  return fields;
}

const looksLikeLinkStart = (cell: string) => /^(https?:\/\/|\/embed\b)/i.test(cell);
const LINK_HEADER = /^(link|url|submission|submitted link|share link|answer)$/i;
const LEARNER_HEADER = /^(learner|name|student|email|e-mail|user|username|login|id)$/i;

/** Parses a submissions file (see the module comment). */
export function parseSubmissionList(text: string): ListResult {
  if (text.length > MAX_LIST_CHARS) return { ok: false, error: `The file is too large (${Math.round(text.length / 1e6)} MB; the limit is ${MAX_LIST_CHARS / 1e6} MB).` };
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const submissions: Submission[] = [];
  let linkColumn = -1;
  let learnerColumn = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line || line.startsWith("#")) continue;
    const cells = splitCsvLine(line);
    if (submissions.length === 0 && linkColumn < 0 && !cells.some((c) => looksLikeLinkStart(c) || c.includes("#"))) {
      const header = cells.findIndex((c) => LINK_HEADER.test(c));
      if (header >= 0) {
        linkColumn = header;
        learnerColumn = cells.findIndex((c) => LEARNER_HEADER.test(c));
        continue;
      }
    }
    if (submissions.length >= MAX_SUBMISSIONS) return { ok: false, error: `The file has more than ${MAX_SUBMISSIONS} submissions; split it.` };
    submissions.push(rowToSubmission(line, cells, i + 1, linkColumn, learnerColumn));
  }
  if (submissions.length === 0) return { ok: false, error: "The file has no links in it (one link per line, or a CSV with a \"link\" column)." };
  return { ok: true, submissions };
}

function rowToSubmission(line: string, cells: string[], lineNumber: number, linkColumn: number, learnerColumn: number): Submission {
  const fallbackName = `row ${lineNumber}`;
  // The link starts in the first cell that looks like one; when it was not quoted, its commas split
  // it, so join the cells up to the one holding the fragment.
  let start = cells.findIndex(looksLikeLinkStart);
  if (start < 0 && linkColumn >= 0 && linkColumn < cells.length) start = linkColumn;
  if (start < 0) {
    // "Name https://…" on one line, or nothing recognisable at all.
    const at = line.search(/https?:\/\//i);
    if (at < 0) {
      // "Name something": the last word is what was handed in, the rest the name.
      const words = line.split(/\s+/);
      return words.length > 1 ? { learner: words.slice(0, -1).join(" ").replace(/[,;:]+$/, "").slice(0, 200), link: words[words.length - 1], line: lineNumber } : { learner: fallbackName, link: line, line: lineNumber };
    }
    return { learner: line.slice(0, at).replace(/[\s,;:\t-]+$/, "").trim() || fallbackName, link: line.slice(at).trim(), line: lineNumber };
  }
  let end = start;
  if (!cells[start].includes("#")) {
    const withFragment = cells.findIndex((c, i) => i > start && c.includes("#"));
    if (withFragment > start && cells.slice(start + 1, withFragment + 1).every((c) => !/\s/.test(c))) end = withFragment;
  }
  const link = cells.slice(start, end + 1).join(",");
  const others = cells.filter((_, i) => i < start || i > end);
  const learnerCell = learnerColumn >= 0 && (learnerColumn < start || learnerColumn > end) ? cells[learnerColumn] : undefined;
  const learner = (learnerCell ?? others.find((c) => c.length > 0) ?? "").trim();
  // A name that is itself a link (a line with two links) is no name.
  return { learner: learner && !looksLikeLinkStart(learner) ? learner.slice(0, 200) : fallbackName, link, line: lineNumber };
}

const pad = (text: string, width: number) => (text.length >= width ? text : text + " ".repeat(width - text.length));

/** A readable table: one line per learner, then the flags and errors under it. */
export function formatGradeTable(rows: readonly GradeRow[]): string {
  const header = ["learner", "result", "goals met", "score", "flags"];
  const body = rows.map((r) => [r.learner, r.status, r.status === "error" ? "-" : `${r.goalsMet}/${r.goalsTotal}`, r.status === "error" ? "-" : `${Math.round(r.score * 100)}%`, r.flags.length ? `⚑ ${r.flags.length}` : ""]);
  const widths = header.map((h, i) => Math.min(40, Math.max(h.length, ...body.map((b) => b[i].length))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c.length > 40 ? `${c.slice(0, 39)}…` : c, widths[i])).join("  ").trimEnd();
  const out = [line(header), widths.map((w) => "-".repeat(w)).join("  ")];
  rows.forEach((r, i) => {
    out.push(line(body[i]));
    if (r.error) out.push(`    error: ${r.error}`);
    for (const g of r.goals) if (!g.passed) out.push(`    ✗ ${g.requirement} (replay: ${g.measured === null ? "not reported" : formatMetric(g.metric, g.measured)})`);
    for (const f of r.flags) out.push(`    ⚑ ${f}`);
  });
  return out.join("\n");
}

/** A CSV field, quoted when it must be; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === "string") text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per learner: result, goals met, score, each goal's measured value and verdict, flags, error. */
export function gradeCsv(rows: readonly GradeRow[]): string {
  const goalCount = Math.max(0, ...rows.map((r) => r.goals.length));
  const header = ["learner", "line", "result", "challenge", "goals_met", "goals_total", "score", ...Array.from({ length: goalCount }, (_, i) => [`goal${i + 1}_metric`, `goal${i + 1}_measured`, `goal${i + 1}_met`]).flat(), "flagged", "flags", "error", "seed", "link_hash"];
  const lines = [header.join(",")];
  for (const r of rows) {
    const goals = Array.from({ length: goalCount }, (_, i) => r.goals[i]).flatMap((g) => (g ? [g.metric, g.measured, g.passed ? "yes" : "no"] : ["", "", ""]));
    lines.push([r.learner, r.line, r.status, r.challengeId, r.goalsMet, r.goalsTotal, Number(r.score.toFixed(4)), ...goals, r.flags.length ? "yes" : "no", r.flags.join(" | "), r.error, r.seed, r.linkHash].map((v) => csvField(v as string | number | null)).join(","));
  }
  return lines.join("\n") + "\n";
}

/** The rows as JSON, with a summary. */
export function gradeJson(rows: readonly GradeRow[], engineVersion: string): string {
  return JSON.stringify({ format: "faultline-grades", version: 1, engineVersion, rows }, null, 2) + "\n";
}
