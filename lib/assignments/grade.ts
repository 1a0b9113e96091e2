/**
 * Grading by replay. A submission is a link (assignment.ts); grading decodes it, checks it against
 * the assignment (and, when given, the instructor's own assignment link and this site's presets),
 * replays the learner's lab state with the deterministic engine, checks the goals on the replay's
 * report, and compares the replay with what the link claims. Pure: the replay itself is passed in
 * (`runHeadless` in Node, a Web Worker in the browser), so the same rules run in both.
 *
 * What a pass proves: these settings, on this preset and seed, with this engine, meet the goals. It
 * cannot say who made the link: anyone holding a passing link can hand it in.
 */
import type { RunReport, Scenario } from "@/simulations";
import { checkGoals, type Goal } from "@/lib/lab/goals";
import type { LabEdits } from "@/lib/lab/edit-timeline";
import { decodeLabLink, describeProblem } from "@/lib/share/lab-link";
import { assignmentChallengeId, decodeAssignment, decodeClaim, linkHash, splitAssignmentLink, type Assignment, type Claim } from "./assignment";
import { ENGINE_VERSION } from "./engine-version";
import { canonicalJson, scenarioHash } from "./hash";

/** One line of the list of submissions. */
export interface Submission {
  /** Who handed it in (a name, an e-mail, or "row N" when the list has none). */
  learner: string;
  link: string;
  /** 1-based line of the file it came from. */
  line: number;
}

export interface GradeOptions {
  /** The assignment the instructor handed out: submissions are graded against its goals, and any other assignment is flagged. */
  expected?: Assignment;
  /** This site's preset fingerprints (`scenarioHash` of each preset), to flag a preset that changed since the assignment was made. */
  presetHashes?: Readonly<Record<string, string>>;
}

/** A submission ready to replay, or the reason it cannot be. */
export type PreparedSubmission =
  | { ok: true; submission: Submission; assignment: Assignment; goals: Goal[]; claim: Claim | null; preset: Scenario; edits: LabEdits; seed: number; flags: string[]; linkHash: string }
  | { ok: false; submission: Submission; error: string; linkHash: string };

export interface GoalOutcome {
  metric: string;
  requirement: string;
  measured: number | null;
  passed: boolean;
}

/** One row of the grade table. */
export interface GradeRow {
  learner: string;
  line: number;
  /** pass: every goal met on the replay; fail: not; error: the link could not be graded. */
  status: "pass" | "fail" | "error";
  challengeId: string | null;
  goalsMet: number;
  goalsTotal: number;
  /** goalsMet / goalsTotal, 0..1. */
  score: number;
  goals: GoalOutcome[];
  /** Why the row deserves a look: a claim that the replay does not reproduce, a changed seed or preset, settings outside the assignment. */
  flags: string[];
  error: string | null;
  seed: number | null;
  linkHash: string;
}

/** Relative tolerance when comparing a claimed measurement with the replay's (the engine is deterministic; this only absorbs printing). */
const CLAIM_TOLERANCE = 1e-9;

const sameNumber = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= CLAIM_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b)));

/** Decodes and checks one submission; never throws. */
export function prepareSubmission(submission: Submission, options: GradeOptions = {}): PreparedSubmission {
  const hash = linkHash(submission.link);
  const fail = (error: string): PreparedSubmission => ({ ok: false, submission, error, linkHash: hash });
  try {
    const parts = splitAssignmentLink(submission.link);
    if (!parts.ok) return fail(parts.error);
    const { assignment: assignmentCode, claim: claimCode, fragment } = parts.value;
    if (!assignmentCode) return fail("The link carries no assignment (it is not a submission from an assignment link).");
    const assignment = decodeAssignment(assignmentCode);
    if (!assignment.ok) return fail(assignment.error);
    if (!fragment) return fail("The link has no lab state in it (nothing after '#').");
    const lab = decodeLabLink(fragment);
    if (!lab.ok) return fail(`The lab state could not be read: ${describeProblem(lab.problem)}`);
    const flags: string[] = [];
    let claim: Claim | null = null;
    if (claimCode === null) flags.push("no claimed result: the link was not made with Submit");
    else {
      const decoded = decodeClaim(claimCode);
      if (!decoded.ok) flags.push(decoded.error);
      else claim = decoded.value;
    }
    const a = assignment.value;
    const expected = options.expected;
    if (expected && canonicalJson(expected) !== canonicalJson(a)) flags.push(`the assignment in the link differs from yours (${describeAssignmentDifference(expected, a)}); graded against yours`);
    const pinned = expected ?? a;
    const { state, notes } = lab;
    if (notes.length) flags.push(`the lab state needed repairs: ${notes.slice(0, 3).join("; ")}`);
    if (state.scenarioId !== pinned.scenarioId) flags.push(`the lab is "${state.scenarioId}", not the assigned "${pinned.scenarioId}"`);
    if (scenarioHash(state.scenario) !== pinned.scenarioHash) flags.push("the lab's base scenario is not the assigned preset (it was edited outside the lab)");
    const shipped = options.presetHashes && Object.hasOwn(options.presetHashes, pinned.scenarioId) ? options.presetHashes[pinned.scenarioId] : undefined;
    if (options.presetHashes && shipped === undefined) flags.push(`this site has no preset "${pinned.scenarioId}"`);
    else if (shipped !== undefined && shipped !== pinned.scenarioHash) flags.push(`the preset "${pinned.scenarioId}" changed since the assignment was made`);
    if (state.seed !== pinned.seed) flags.push(`seed ${state.seed} instead of the assigned ${pinned.seed}`);
    if (pinned.engineVersion !== ENGINE_VERSION) flags.push(`assigned on engine ${pinned.engineVersion}, replayed on engine ${ENGINE_VERSION}: results may differ`);
    const outside = Object.keys(state.edits.params).filter((p) => !pinned.expose.includes(p));
    if (outside.length) flags.push(`changed settings the assignment does not offer: ${outside.slice(0, 5).join(", ")}`);
    const baseFaults = canonicalJson(state.scenario.faults ?? []);
    const faults = canonicalJson(state.edits.faults.map(({ id: _id, origin: _origin, ...f }) => f));
    if (faults !== baseFaults) flags.push("changed the fault timeline");
    if (claim && claim.goalsMet.length !== pinned.goals.length) {
      flags.push(`the claim lists ${claim.goalsMet.length} goals, the assignment has ${pinned.goals.length}`);
      claim = null;
    }
    return { ok: true, submission, assignment: a, goals: pinned.goals, claim, preset: state.scenario, edits: state.edits, seed: state.seed, flags, linkHash: hash };
  } catch (error) {
    // Unreachable by design (the decoders never throw); a last guard so one row never stops a batch.
    return fail(`The link could not be read (${error instanceof Error ? error.message : String(error)}).`);
  }
}

function describeAssignmentDifference(expected: Assignment, actual: Assignment): string {
  const fields = (["title", "scenarioId", "scenarioHash", "seed", "engineVersion", "goals", "expose", "challengeId"] as const).filter((k) => canonicalJson(expected[k] ?? null) !== canonicalJson(actual[k] ?? null));
  return fields.length ? `${fields.join(", ")} differ` : "different";
}

/** The row for a submission that could not be replayed. */
export function errorRow(prepared: Extract<PreparedSubmission, { ok: false }> | PreparedSubmission, error: string): GradeRow {
  const ok = prepared.ok;
  return {
    learner: prepared.submission.learner,
    line: prepared.submission.line,
    status: "error",
    challengeId: ok ? assignmentChallengeId(prepared.assignment) : null,
    goalsMet: 0,
    goalsTotal: ok ? prepared.goals.length : 0,
    score: 0,
    goals: [],
    flags: ok ? prepared.flags : [],
    error,
    seed: ok ? prepared.seed : null,
    linkHash: prepared.linkHash,
  };
}

/** Checks the goals on the replay's report and compares with the claim. */
export function judgeReplay(prepared: Extract<PreparedSubmission, { ok: true }>, report: RunReport): GradeRow {
  const outcome = checkGoals(report, prepared.goals);
  const goals = outcome.results.map((r) => ({ metric: r.goal.metric, requirement: r.requirement, measured: r.measured, passed: r.passed }));
  const goalsMet = goals.filter((g) => g.passed).length;
  const flags = [...prepared.flags];
  const { claim } = prepared;
  if (claim) {
    const claimedMet = claim.goalsMet.filter(Boolean).length;
    const wrongVerdicts = goals.filter((g, i) => g.passed !== claim.goalsMet[i]).map((g) => g.metric);
    const wrongNumbers = goals.flatMap((g, i) => (sameNumber(g.measured, claim.measured[i]) ? [] : [`${g.metric} claimed ${claim.measured[i] ?? "none"}, replay ${g.measured ?? "none"}`]));
    if (wrongVerdicts.length) flags.push(`claim differs from replay: claims ${claimedMet}/${goals.length} goals met, replay meets ${goalsMet}/${goals.length} (${wrongVerdicts.join(", ")})`);
    else if (wrongNumbers.length) flags.push(`claimed measurements differ from replay: ${wrongNumbers.slice(0, 3).join("; ")}`);
  }
  return {
    learner: prepared.submission.learner,
    line: prepared.submission.line,
    status: outcome.passed ? "pass" : "fail",
    challengeId: assignmentChallengeId(prepared.assignment),
    goalsMet,
    goalsTotal: goals.length,
    score: goals.length ? goalsMet / goals.length : 0,
    goals,
    flags,
    error: null,
    seed: prepared.seed,
    linkHash: prepared.linkHash,
  };
}

/** Replays one run: synchronous in Node, a worker in the browser. */
export type Replay = (preset: Scenario, edits: LabEdits, seed: number) => RunReport | Promise<RunReport>;

/** Grades one submission; never throws (a failed replay is an error row). */
export async function gradeSubmission(submission: Submission, replay: Replay, options: GradeOptions = {}): Promise<GradeRow> {
  const prepared = prepareSubmission(submission, options);
  if (!prepared.ok) return errorRow(prepared, prepared.error);
  try {
    return judgeReplay(prepared, await replay(prepared.preset, prepared.edits, prepared.seed));
  } catch (error) {
    return errorRow(prepared, `The replay failed: ${error instanceof Error ? error.message.split("\n").slice(0, 3).join("; ") : String(error)}`);
  }
}

/** Totals for the end of a report. */
export function summarise(rows: readonly GradeRow[]): { total: number; passed: number; failed: number; errors: number; flagged: number } {
  return {
    total: rows.length,
    passed: rows.filter((r) => r.status === "pass").length,
    failed: rows.filter((r) => r.status === "fail").length,
    errors: rows.filter((r) => r.status === "error").length,
    flagged: rows.filter((r) => r.flags.length > 0).length,
  };
}
