/**
 * Building assignment and submission links (the format is described in assignment.ts).
 */
import type { Scenario } from "@/simulations";
import type { Goal } from "@/lib/lab/goals";
import { initialEdits } from "@/lib/lab/edit-timeline";
import { encodeLabLink } from "@/lib/share/lab-link";
import { DEFAULT_VIEW, type LabLinkState } from "@/lib/share/link-state";
import { assignmentQuery, encodeAssignment, encodeClaim, type Assignment, type Claim } from "./assignment";
import { ENGINE_VERSION } from "./engine-version";
import { scenarioHash } from "./hash";

/** The assignment for a preset: pins its fingerprint, the seed and this engine. */
export function makeAssignment(input: { title: string; scenarioId: string; scenario: Scenario; seed?: number; goals: Goal[]; expose: string[]; challengeId?: string }): Assignment {
  const assignment: Assignment = {
    title: input.title,
    scenarioId: input.scenarioId,
    scenarioHash: scenarioHash(input.scenario),
    seed: input.seed ?? input.scenario.seed,
    engineVersion: ENGINE_VERSION,
    goals: input.goals.map((g) => ({ ...g })),
    expose: [...input.expose],
  };
  if (input.challengeId) assignment.challengeId = input.challengeId;
  return assignment;
}

/** The lab state an assignment starts from: the preset untouched, at its seed, time 0. */
export function startingState(assignment: Assignment, scenario: Scenario): LabLinkState {
  return { scenarioId: assignment.scenarioId, title: assignment.title, scenario, expose: [...assignment.expose], edits: initialEdits(scenario), seed: assignment.seed, timeMs: 0, view: { ...DEFAULT_VIEW } };
}

/** `<origin>/embed?<options>&assignment=…#<starting lab state>`. */
export function assignmentLink(origin: string, assignment: Assignment, scenario: Scenario, embedOptions: URLSearchParams | string = ""): string {
  return `${origin}/embed${assignmentQuery(embedOptions, encodeAssignment(assignment))}#${encodeLabLink(startingState(assignment, scenario))}`;
}

/** `<origin>/embed?<the same options>&assignment=…&claim=…#<final lab state>`. */
export function submissionLink(origin: string, search: string, assignment: Assignment, state: LabLinkState, claim: Claim): string {
  return `${origin}/embed${assignmentQuery(search, encodeAssignment(assignment), encodeClaim(claim))}#${encodeLabLink(state)}`;
}

/** The claim a submission carries: the learner's own check of each goal on the run's report. */
export function claimFromResults(results: readonly { passed: boolean; measured: number | null }[]): Claim {
  return { goalsMet: results.map((r) => r.passed), measured: results.map((r) => r.measured) };
}
