/**
 * Break-it cards and challenges make promises about runs: a card's `change` must be a parameter the
 * learner could set in its lab and its `watch` metrics must be in the report of the changed run; a
 * challenge must fail with its preset as shipped and pass with its worked solution, which may only
 * touch the fields the challenge exposes. This runs every one of them.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { validateScenario, type FaultSpec, type Scenario } from "@/simulations";
import { controlFor } from "@/lib/lab/controls";
import { initialEdits, type LabEdits } from "@/lib/lab/edit-timeline";
import { runHeadless } from "@/lib/lab/lab-engine";
import { checkGoals, type Goal } from "@/lib/lab/goals";
import { readMetric } from "@/lib/lab/metrics";
import { openingTag, tagAttribute } from "@/lib/content/mdx-tags";
import { challengeSolutions } from "./challenge-solutions";

const root = path.resolve(import.meta.dirname, "../../..");
const chaptersDir = path.join(root, "content/chapters");

// Tags are read the way the packager and the assignment list read them (lib/content/mdx-tags.ts).
const tagAt = openingTag;
const read = <T,>(tag: string, name: string): T | undefined => tagAttribute(tag, name) as T | undefined;

interface Card { where: string; lab?: string; change?: Record<string, number | string | boolean>; faults?: FaultSpec[]; watch?: string[] }
interface ChallengeRef { where: string; id: string; scenario: string; expose: string[]; goals: Goal[]; hints: number; solutions: number }

const cards: Card[] = [];
const challenges: ChallengeRef[] = [];
for (const file of readdirSync(chaptersDir).filter((f) => f.endsWith(".mdx"))) {
  const text = readFileSync(path.join(chaptersDir, file), "utf8");
  const re = /<(Lab|BreakIt|Challenge)\b/g;
  let lastLab: string | undefined;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const tag = tagAt(text, m.index);
    const line = text.slice(0, m.index).split("\n").length;
    const where = `${file}:${line}`;
    if (m[1] === "Lab") lastLab = read<string>(tag, "scenario");
    else if (m[1] === "BreakIt") {
      cards.push({ where, lab: read<string>(tag, "lab") ?? lastLab, change: read(tag, "change"), faults: read(tag, "faults"), watch: read(tag, "watch") });
    } else {
      const close = text.indexOf("</Challenge>", m.index);
      const body = text.slice(m.index, close);
      challenges.push({
        where,
        id: read<string>(tag, "id") ?? "?",
        scenario: read<string>(tag, "scenario") ?? "?",
        expose: read<string[]>(tag, "expose") ?? [],
        goals: read<Goal[]>(tag, "goals") ?? [],
        hints: (body.match(/<Hint>/g) ?? []).length,
        solutions: (body.match(/<Solution>/g) ?? []).length,
      });
    }
  }
}

const presets = new Map<string, Scenario>();
function preset(id: string): Scenario {
  if (!presets.has(id)) {
    const file = path.join(root, "content/scenarios", `${id}.json`);
    if (!existsSync(file)) throw new Error(`no preset ${id}`);
    const v = validateScenario(JSON.parse(readFileSync(file, "utf8")));
    if (!v.ok) throw new Error(`preset ${id} does not validate`);
    presets.set(id, v.scenario);
  }
  return presets.get(id)!;
}

function run(id: string, params: Record<string, number | string | boolean | null> = {}, faults: FaultSpec[] = []) {
  const p = preset(id);
  const base = initialEdits(p);
  const edits: LabEdits = { params: params as LabEdits["params"], faults: [...base.faults, ...faults.map((f, i) => ({ ...f, id: `card-${i}`, origin: "learner" as const }))] };
  return runHeadless(p, edits, p.seed);
}

describe("break-it cards", () => {
  const withData = cards.filter((c) => c.change || c.faults || c.watch);

  it("every card carries its Watch as data, so the lab can show the metrics it names", () => {
    expect(cards.length).toBeGreaterThan(10);
    expect(cards.filter((c) => !c.watch?.length).map((c) => c.where)).toEqual([]);
  });

  it("every card with data names a lab, changes only settable fields and watches metrics its run reports", () => {
    const problems: string[] = [];
    for (const card of withData) {
      if (!card.lab) { problems.push(`${card.where}: no <Lab> above it and no lab="…"`); continue; }
      const scenario = preset(card.lab);
      for (const [field, value] of Object.entries(card.change ?? {})) {
        // The lab's control for the field must be able to hold the card's value.
        const control = controlFor(scenario, field);
        const fits = typeof value === "number" ? control.type === "number"
          : typeof value === "boolean" ? control.type === "boolean"
          : value === null ? control.type === "reference"
          : ["text", "choice", "reference"].includes(control.type);
        if (!fits) problems.push(`${card.where}: ${card.lab} shows "${field}" as a ${control.type} control, which cannot hold ${JSON.stringify(value)}`);
      }
      if (!card.watch?.length) problems.push(`${card.where}: watches nothing`);
      let report;
      try {
        report = run(card.lab, card.change, card.faults);
      } catch (error) {
        problems.push(`${card.where}: the changed run is invalid: ${(error as Error).message}`);
        continue;
      }
      for (const metric of card.watch ?? []) if (readMetric(report, metric) === null) problems.push(`${card.where}: "${metric}" is not a number in the report of ${card.lab}`);
    }
    expect(problems).toEqual([]);
  }, 600_000);
});

describe("challenges", () => {
  it("each has a hint ladder (two or more hints) and a worked solution", () => {
    const missing = challenges.filter((c) => c.hints < 2 || c.solutions !== 1).map((c) => `${c.where} ${c.id}: ${c.hints} hints, ${c.solutions} solutions`);
    expect(missing).toEqual([]);
  });

  it("each has a recorded solution that only touches exposed fields", () => {
    const problems: string[] = [];
    for (const c of challenges) {
      const solution = challengeSolutions[c.id];
      if (!solution) { problems.push(`${c.where} ${c.id}: no entry in challenge-solutions.ts`); continue; }
      for (const field of Object.keys(solution)) if (!c.expose.includes(field)) problems.push(`${c.where} ${c.id}: the solution sets "${field}", which the challenge does not expose`);
    }
    expect(problems).toEqual([]);
  });

  it("each fails as shipped and passes with its solution", () => {
    const problems: string[] = [];
    for (const c of challenges) {
      const solution = challengeSolutions[c.id];
      if (!solution) continue;
      if (checkGoals(run(c.scenario), c.goals).passed) problems.push(`${c.where} ${c.id}: already passes as shipped`);
      const solved = checkGoals(run(c.scenario, solution), c.goals);
      if (!solved.passed) problems.push(`${c.where} ${c.id}: the solution fails: ${solved.results.filter((r) => !r.passed).map((r) => r.message).join("; ")}`);
    }
    expect(problems).toEqual([]);
  }, 600_000);
});
