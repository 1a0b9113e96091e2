/**
 * Grading by replay: `npm run grade -- <links.csv | links.txt | link> [--assignment <link>] [--csv | --json]`.
 *
 * Reads the learners' submitted links (lib/assignments/submission-list.ts), replays each one with the
 * deterministic engine, checks the assignment's goals on the replay and prints a table of goals met
 * per learner (or CSV / JSON on stdout). A submission whose claimed result differs from its replay,
 * or whose preset, seed or settings are not the assignment's, is flagged; a link that cannot be read
 * is a row with its error. Exit code 0 when every row was graded (pass or fail), 1 when some rows
 * are errors, 2 for a usage or file problem.
 */
import { existsSync, readFileSync } from "node:fs";
import { listPresetIds, loadPreset } from "@/lib/lab/presets";
import { runHeadless } from "@/lib/lab/lab-engine";
import { decodeAssignment, splitAssignmentLink, type Assignment } from "@/lib/assignments/assignment";
import { ENGINE_VERSION } from "@/lib/assignments/engine-version";
import { gradeSubmission, summarise, type GradeRow } from "@/lib/assignments/grade";
import { scenarioHash } from "@/lib/assignments/hash";
import { formatGradeTable, gradeCsv, gradeJson, parseSubmissionList } from "@/lib/assignments/submission-list";

function usage(message?: string): never {
  if (message) process.stderr.write(`grade: ${message}\n`);
  process.stderr.write("usage: npm run grade -- <links.csv | links.txt | link> [--assignment <assignment link>] [--csv | --json]\n");
  process.exit(2);
}

function parseArgs(argv: string[]) {
  let input: string | undefined;
  let format: "table" | "csv" | "json" = "table";
  let assignmentLink: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--csv") format = "csv";
    else if (arg === "--json") format = "json";
    else if (arg === "--assignment") {
      assignmentLink = argv[++i];
      if (!assignmentLink) usage("--assignment needs the assignment link you handed out");
    } else if (arg === "--help" || arg === "-h") usage();
    else if (arg.startsWith("--")) usage(`unknown option ${arg}`);
    else if (input === undefined) input = arg;
    else usage(`unexpected argument ${arg}`);
  }
  if (!input) usage("give a file of submitted links (CSV or one per line), or one link");
  return { input, format, assignmentLink };
}

function expectedAssignment(link: string): Assignment {
  const parts = splitAssignmentLink(link);
  if (!parts.ok) usage(`--assignment: ${parts.error}`);
  if (!parts.value.assignment) usage("--assignment: that link carries no assignment");
  const decoded = decodeAssignment(parts.value.assignment);
  if (!decoded.ok) usage(`--assignment: ${decoded.error}`);
  return decoded.value;
}

/** Every preset's fingerprint, to tell a preset that changed since the assignment was made. */
function presetHashes(): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const id of listPresetIds()) {
    try {
      const preset = loadPreset(id);
      if (preset) hashes[id] = scenarioHash(preset);
    } catch {
      // An invalid preset is missing from the map; submissions on it are flagged.
    }
  }
  return hashes;
}

const { input, format, assignmentLink } = parseArgs(process.argv.slice(2));
let text: string;
if (existsSync(input)) {
  try {
    text = readFileSync(input, "utf8");
  } catch (error) {
    usage(`cannot read ${input}: ${(error as Error).message}`);
  }
} else if (/^https?:\/\//.test(input) || input.startsWith("/embed")) text = input;
else usage(`no such file: ${input}`);

const list = parseSubmissionList(text);
if (!list.ok) usage(list.error);
const options = { expected: assignmentLink ? expectedAssignment(assignmentLink) : undefined, presetHashes: presetHashes() };
const rows: GradeRow[] = [];
for (const submission of list.submissions) rows.push(await gradeSubmission(submission, runHeadless, options));

const totals = summarise(rows);
if (format === "csv") process.stdout.write(gradeCsv(rows));
else if (format === "json") process.stdout.write(gradeJson(rows, ENGINE_VERSION));
else {
  process.stdout.write(formatGradeTable(rows) + "\n\n");
  process.stdout.write(`${totals.total} submissions: ${totals.passed} pass, ${totals.failed} fail, ${totals.errors} could not be graded, ${totals.flagged} flagged (engine ${ENGINE_VERSION})\n`);
}
process.exit(totals.errors > 0 ? 1 : 0);
