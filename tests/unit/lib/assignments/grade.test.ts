/**
 * The grader on a real preset and real replays (no mocked reports): a submission that meets the
 * goals passes, an untouched one fails, a tampered claim and a changed seed or setting are flagged,
 * a corrupt link is an error row, and a whole file grades without throwing.
 */
import { describe, expect, it } from "vitest";
import { loadPreset } from "@/lib/lab/presets";
import { runHeadless } from "@/lib/lab/lab-engine";
import { checkGoals } from "@/lib/lab/goals";
import { withParam, type LabEdits } from "@/lib/lab/edit-timeline";
import { decodeAssignment, encodeClaim, splitAssignmentLink } from "@/lib/assignments/assignment";
import { assignmentLink, claimFromResults, makeAssignment, startingState, submissionLink } from "@/lib/assignments/links";
import { gradeSubmission, summarise, type GradeRow } from "@/lib/assignments/grade";
import { scenarioHash } from "@/lib/assignments/hash";
import { formatGradeTable, gradeCsv, gradeJson, parseSubmissionList } from "@/lib/assignments/submission-list";

const origin = "https://example.org";
const scenarioId = "bulkheads/unbounded-queue";
const scenario = loadPreset(scenarioId)!;
const goals = [{ metric: "latencyMs.p99", atMost: 350 }, { metric: "requests.dropped", atMost: 2900 }];
const assignment = makeAssignment({ title: "A queue that fits the overload", scenarioId, scenario, goals, expose: ["api.queueCapacity"], challengeId: "size-the-queue" });
const presetHashes = { [scenarioId]: scenarioHash(scenario) };

/** What the embed's Submit does: the learner's own run, checked, in the link. */
function submit(edits: LabEdits, seed = assignment.seed, search = "hide=charts"): string {
  const report = runHeadless(scenario, edits, seed);
  const claim = claimFromResults(checkGoals(report, goals).results);
  return submissionLink(origin, search, assignment, { ...startingState(assignment, scenario), edits, seed, timeMs: 30_000 }, claim);
}

const untouched = startingState(assignment, scenario).edits;
const solved = withParam(untouched, "api.queueCapacity", 10);
const grade = (link: string, learner = "ada", options = {}) => gradeSubmission({ learner, link, line: 1 }, runHeadless, { presetHashes, ...options });

describe("grading by replay", () => {
  it("passes a submission whose settings meet the goals, with nothing flagged", async () => {
    const row = await grade(submit(solved));
    expect(row).toMatchObject({ status: "pass", goalsMet: 2, goalsTotal: 2, score: 1, flags: [], error: null, challengeId: "size-the-queue" });
    expect(row.goals[0].measured).toBeLessThanOrEqual(350);
  });

  it("fails an untouched submission, with its measured values", async () => {
    const row = await grade(submit(untouched));
    expect(row.status).toBe("fail");
    expect(row.flags).toEqual([]);
    expect(row.goals[0]).toMatchObject({ metric: "latencyMs.p99", passed: false });
    expect(row.goals[0].measured).toBeGreaterThan(350);
  });

  it("flags a claim the replay does not reproduce", async () => {
    const honest = submit(untouched);
    const parts = splitAssignmentLink(honest);
    if (!parts.ok) throw new Error(parts.error);
    const tampered = honest.replace(`claim=${parts.value.claim}`, `claim=${encodeClaim({ goalsMet: [true, true], measured: [120, 0] })}`);
    const row = await grade(tampered);
    expect(row.status).toBe("fail");
    expect(row.flags.join(" ")).toMatch(/claims 2\/2 goals met, replay meets \d\/2/);
  });

  it("flags a changed seed, a setting the assignment does not offer and a missing claim", async () => {
    const reseeded = await grade(submit(solved, assignment.seed + 1));
    expect(reseeded.flags.join(" ")).toMatch(/seed \d+ instead of the assigned/);
    const outside = await grade(submit(withParam(solved, "api.workers", 50)));
    expect(outside.flags.join(" ")).toMatch(/does not offer: api\.workers/);
    const noClaim = submit(solved).replace(/&claim=[^#]*/, "");
    expect((await grade(noClaim)).flags.join(" ")).toMatch(/no claimed result/);
  });

  it("grades against the instructor's assignment when given, flagging a link whose goals were edited", async () => {
    const easier = makeAssignment({ title: assignment.title, scenarioId, scenario, goals: [{ metric: "latencyMs.p99", atMost: 1e9 }, { metric: "requests.dropped", atMost: 1e9 }], expose: assignment.expose, challengeId: "size-the-queue" });
    const report = runHeadless(scenario, untouched, assignment.seed);
    const forged = submissionLink(origin, "", easier, startingState(easier, scenario), claimFromResults(checkGoals(report, easier.goals).results));
    expect((await grade(forged)).status).toBe("pass"); // on its own, the link is consistent...
    const row = await grade(forged, "eve", { expected: assignment });
    expect(row.status).toBe("fail"); // ...but against the real assignment it fails
    expect(row.flags.join(" ")).toMatch(/differs from yours \(goals differ\)/);
  });

  it("flags a base scenario edited outside the lab", async () => {
    const state = { ...startingState(assignment, scenario), scenario: { ...scenario, title: "easier" } };
    const link = submissionLink(origin, "", assignment, state, { goalsMet: [false, false], measured: [null, null] });
    const row = await grade(link);
    expect(row.flags.join(" ")).toMatch(/not the assigned preset/);
  });

  it("turns corrupt links into error rows", async () => {
    const good = submit(solved);
    const rows = await Promise.all([
      grade("not a link at all"),
      grade(good.slice(0, good.length - 40)),
      grade(good.replace(/assignment=1\.[^&]+/, "assignment=1.AAAA")),
      grade(`${origin}/s#${good.split("#")[1]}`),
    ]);
    for (const row of rows) {
      expect(row.status).toBe("error");
      expect(row.error).toBeTruthy();
    }
    expect(rows[3].error).toMatch(/carries no assignment/);
  });
});

describe("submission lists and output", () => {
  it("reads CSV with a header, unquoted links with commas, plain lines, and keeps unreadable lines as rows", async () => {
    const pass = submit(solved, assignment.seed, "hide=charts,trace");
    const fail = submit(untouched);
    const text = [
      "learner,submitted at,link",
      `Ada Lovelace,2026-12-05,${pass}`,
      `"Grace, Hopper",2026-12-05,"${fail}"`,
      "",
      "# a comment",
      `Edsger ${pass}`,
      "Mallory,2026-12-05,garbage",
    ].join("\n");
    const list = parseSubmissionList(text);
    expect(list.ok).toBe(true);
    if (!list.ok) return;
    expect(list.submissions.map((s) => s.learner)).toEqual(["Ada Lovelace", "Grace, Hopper", "Edsger", "Mallory"]);
    expect(list.submissions[0].link).toBe(pass);
    const rows: GradeRow[] = [];
    for (const s of list.submissions) rows.push(await gradeSubmission(s, runHeadless, { presetHashes }));
    expect(rows.map((r) => r.status)).toEqual(["pass", "fail", "pass", "error"]);
    expect(summarise(rows)).toEqual({ total: 4, passed: 2, failed: 1, errors: 1, flagged: 0 });

    const table = formatGradeTable(rows);
    expect(table).toMatch(/Ada Lovelace\s+pass\s+2\/2\s+100%/);
    const csv = gradeCsv(rows).trim().split("\n");
    expect(csv[0]).toBe("learner,line,result,challenge,goals_met,goals_total,score,goal1_metric,goal1_measured,goal1_met,goal2_metric,goal2_measured,goal2_met,flagged,flags,error,seed,link_hash");
    expect(csv[2]).toMatch(/^"Grace, Hopper",3,fail,size-the-queue,/);
    const json = JSON.parse(gradeJson(rows, "1"));
    expect(json.rows).toHaveLength(4);
    expect(json.rows[3].error).toBeTruthy();
  });

  it("refuses a file with no links and neutralises spreadsheet formulas in names", async () => {
    expect(parseSubmissionList("\n\n")).toMatchObject({ ok: false, error: expect.stringMatching(/no links/) });
    const row = await grade("nope", "=HYPERLINK(\"x\")");
    expect(gradeCsv([row]).split("\n")[1]).toMatch(/^"'=HYPERLINK/);
  });

  it("keeps the assignment in the submission decodable", () => {
    const parts = splitAssignmentLink(submit(solved));
    expect(parts.ok && decodeAssignment(parts.value.assignment!)).toEqual({ ok: true, value: assignment });
    expect(assignmentLink(origin, assignment, scenario)).toContain("/embed?assignment=1.");
  });
});
