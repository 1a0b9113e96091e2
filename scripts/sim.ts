/**
 * The headless runner: `npm run sim -- <scenario.json | share-link URL> [--seed N] [--json]`.
 *
 * Reads a scenario, validates it (exit code 2 and one message per problem on stderr when invalid),
 * runs it to its stop condition and prints either a readable summary or, with --json, exactly one
 * JSON object on stdout (the report of SCENARIO.md).
 */
import { readFileSync, existsSync } from "node:fs";
import { parseScenario, runScenario, validateScenario, type RunReport, type ValidationResult } from "@/simulations";
import { describeProblem, scenarioFromLink } from "@/lib/share/lab-link";

function usage(message?: string): never {
  if (message) process.stderr.write(`sim: ${message}\n`);
  process.stderr.write("usage: npm run sim -- <scenario.json | share-link URL | preset id> [--seed N] [--json]\n");
  process.exit(2);
}

function parseArgs(argv: string[]) {
  let input: string | undefined;
  let seed: number | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") json = true;
    else if (arg === "--seed") {
      const value = argv[++i];
      if (value === undefined || !/^-?\d+$/.test(value)) usage("--seed needs an integer");
      seed = Number(value);
    } else if (arg === "--help" || arg === "-h") usage();
    else if (arg.startsWith("--")) usage(`unknown option ${arg}`);
    else if (input === undefined) input = arg;
    else usage(`unexpected argument ${arg}`);
  }
  if (!input) usage("give a scenario file, a share link or a preset id");
  return { input, seed, json };
}

function load(input: string): ValidationResult {
  if (/^https?:\/\//.test(input) || input.includes("#")) {
    const hash = input.slice(input.indexOf("#") + 1);
    // Any link format ever published: migrated, clamped, with the learner's edits and seed applied.
    const decoded = scenarioFromLink(hash);
    if (!decoded.ok) return { ok: false, issues: [{ path: "link", message: describeProblem(decoded.problem) }] };
    return validateScenario(decoded.scenario);
  }
  let path = input;
  if (!existsSync(path) && existsSync(`content/scenarios/${input}.json`)) path = `content/scenarios/${input}.json`;
  if (!existsSync(path)) return { ok: false, issues: [{ path: "", message: `no such file or preset: ${input}` }] };
  return parseScenario(readFileSync(path, "utf8"));
}

function pad(text: string, width: number) {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

function summary(title: string, r: RunReport): string {
  const lines: string[] = [];
  const n = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
  lines.push(`${title}  (seed ${r.seed}, ${n(r.simulatedMs / 1000)} s simulated, ${r.events} events)`, "");
  const q = r.requests;
  lines.push(`requests   arrived ${q.arrived}  completed ${q.completed}  failed ${q.failed}  dropped ${q.dropped}  in flight ${q.inFlight}`);
  lines.push(`throughput ${n(r.throughputPerSec)} req/s`);
  const l = r.latencyMs;
  lines.push(`latency ms mean ${n(l.mean)}  p50 ${n(l.p50)}  p90 ${n(l.p90)}  p95 ${n(l.p95)}  p99 ${n(l.p99)}  p99.9 ${n(l.p999)}  max ${n(l.max)}`);
  const reasons = Object.entries(r.reasons);
  if (reasons.length) lines.push(`not ok     ${reasons.map(([k, v]) => `${k} ${v}`).join("  ")}`);
  lines.push("", "node");
  for (const [id, metrics] of Object.entries(r.nodes)) {
    const parts = Object.entries(metrics).map(([k, v]) => `${k} ${typeof v === "number" ? n(v) : typeof v === "object" ? JSON.stringify(v) : v}`);
    lines.push(`  ${pad(id, 18)} ${parts.join("  ")}`);
  }
  return lines.join("\n");
}

const { input, seed, json } = parseArgs(process.argv.slice(2));
const result = load(input);
if (!result.ok) {
  for (const issue of result.issues) process.stderr.write(`${issue.message}\n`);
  process.exit(2);
}
let report: RunReport;
try {
  report = runScenario(result.scenario, { seed });
} catch (error) {
  // A scenario the validator passed but the models could not build (a validator gap): still one
  // message and exit code 2, never a stack trace.
  process.stderr.write(`the scenario could not be run: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(2);
}
if (json) process.stdout.write(JSON.stringify(report) + "\n");
else process.stdout.write(summary(result.scenario.title, report) + "\n");
