/**
 * Assignments: what an instructor hands out, and what a learner hands back.
 *
 * An **assignment** pins a preset (`scenarioId` and the fingerprint of its JSON), the seed, the
 * engine version and the goals (a challenge's, or the instructor's own), and lists the controls the
 * learner may change. An **assignment link** is an embed link whose query carries the assignment and
 * whose fragment is an ordinary lab link (the preset as it starts):
 *
 *     <site>/embed?<embed options>&assignment=1.<base64url(deflate(JSON))>#2.<lab link>
 *
 * A **submission** is the same link after the learner's work: the fragment is the lab's final state
 * and `claim=1.<…>` says which goals the learner's own check met, with the measured values:
 *
 *     <site>/embed?assignment=1.<…>&claim=1.<…>#2.<final lab link>
 *
 * Both parts decode strictly (size caps before decompression, only known fields, no `__proto__`,
 * every number and string checked) and never throw: a bad part gives a message naming the problem.
 * The lab fragment goes through the share-link decoder (lib/share/lab-link.ts) like every link.
 */
import { FORBIDDEN_KEYS } from "@/simulations";
import { decodeSharePayload, encodeSharePayload } from "@/lib/share/codec";
import { SCENARIO_ID_PATTERN } from "@/lib/share/link-state";
import type { Goal } from "@/lib/lab/goals";
import { fnv1a64 } from "./hash";

/** Format number of the assignment and claim payloads (the digits before the '.'). */
export const ASSIGNMENT_FORMAT = 1;
/** Longest `assignment=` value accepted, checked before decompression. */
export const MAX_ASSIGNMENT_CHARS = 4000;
/** Longest `claim=` value accepted. */
export const MAX_CLAIM_CHARS = 2000;
export const MAX_GOALS = 10;
export const MAX_EXPOSE = 40;
export const MAX_TITLE = 120;

export interface Assignment {
  /** Shown above the lab. Plain text. */
  title: string;
  /** The preset the learner starts from (`"queues/mm1-80"`). */
  scenarioId: string;
  /** {@link scenarioHash} of the preset's JSON when the assignment was made. */
  scenarioHash: string;
  seed: number;
  /** `ENGINE_VERSION` when the assignment was made. */
  engineVersion: string;
  goals: Goal[];
  /** `"nodeId.field"` paths the learner may change. */
  expose: string[];
  /** The chapter challenge the goals come from; absent when the instructor wrote them. */
  challengeId?: string;
}

/** What a submission claims: per goal, met or not and the measured value (null: not reported). */
export interface Claim {
  goalsMet: boolean[];
  measured: (number | null)[];
}

export type PartResult<T> = { ok: true; value: T } | { ok: false; error: string };

const ASSIGNMENT_KEYS = new Set(["title", "scenarioId", "scenarioHash", "seed", "engineVersion", "goals", "expose", "challengeId"]);
const GOAL_KEYS = new Set(["metric", "atMost", "atLeast"]);
const CLAIM_KEYS = new Set(["goalsMet", "measured"]);
const METRIC_PATTERN = /^[A-Za-z0-9_-]{1,60}(\.[A-Za-z0-9_-]{1,60}){0,4}$/;
const PARAM_PATTERN = /^[a-z0-9][a-z0-9-]{0,59}(\.[A-Za-z0-9_]{1,60}){1,4}$/;
const CHALLENGE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;
const ENGINE_PATTERN = /^[0-9A-Za-z.+-]{1,32}$/;
const HASH_PATTERN = /^[0-9a-f]{16}$/;

/** A plain JSON object (not an array, not null, no prototype tricks). */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** The first key that is not allowed (forbidden or unknown), or null. */
function badKey(record: Record<string, unknown>, allowed: Set<string>): string | null {
  for (const key of Object.keys(record)) if (FORBIDDEN_KEYS.has(key) || !allowed.has(key)) return key;
  return null;
}

const hasForbiddenSegment = (path: string) => path.split(".").some((s) => FORBIDDEN_KEYS.has(s));

// eslint-disable-next-line no-control-regex -- a title is one line of plain text
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** Checks one goal; returns the goal (own fields only) or a message. */
export function parseGoal(raw: unknown, where: string): PartResult<Goal> {
  if (!isPlainRecord(raw)) return { ok: false, error: `${where} is not an object.` };
  const key = badKey(raw, GOAL_KEYS);
  if (key !== null) return { ok: false, error: `${where} has a field "${key}" that goals do not have (metric, atMost, atLeast).` };
  const { metric, atMost, atLeast } = raw;
  if (typeof metric !== "string" || !METRIC_PATTERN.test(metric) || hasForbiddenSegment(metric)) return { ok: false, error: `${where}: the metric must be a report path such as "latencyMs.p99".` };
  for (const [name, bound] of [["atMost", atMost], ["atLeast", atLeast]] as const) {
    if (bound !== undefined && (typeof bound !== "number" || !Number.isFinite(bound) || Math.abs(bound) > 1e12)) return { ok: false, error: `${where}: ${name} must be a finite number.` };
  }
  if (atMost === undefined && atLeast === undefined) return { ok: false, error: `${where} (${metric}) needs atMost, atLeast or both.` };
  if (typeof atMost === "number" && typeof atLeast === "number" && atLeast > atMost) return { ok: false, error: `${where} (${metric}): atLeast ${atLeast} is above atMost ${atMost}, so no run can meet it.` };
  const goal: Goal = { metric };
  if (typeof atLeast === "number") goal.atLeast = atLeast;
  if (typeof atMost === "number") goal.atMost = atMost;
  return { ok: true, value: goal };
}

/** Checks an untrusted assignment object; returns a clean copy or the first problem. */
export function parseAssignment(raw: unknown): PartResult<Assignment> {
  if (!isPlainRecord(raw)) return { ok: false, error: "The assignment is not an object." };
  const key = badKey(raw, ASSIGNMENT_KEYS);
  if (key !== null) return { ok: false, error: `The assignment has an unknown field "${key}".` };
  const { title, scenarioId, scenarioHash, seed, engineVersion, goals, expose, challengeId } = raw;
  if (typeof title !== "string" || title.trim().length === 0 || title.length > MAX_TITLE || CONTROL_CHARS.test(title)) return { ok: false, error: `The assignment's title must be one line of 1 to ${MAX_TITLE} characters.` };
  if (typeof scenarioId !== "string" || !SCENARIO_ID_PATTERN.test(scenarioId)) return { ok: false, error: "The assignment's scenario id is not a preset id such as \"queues/mm1-80\"." };
  if (typeof scenarioHash !== "string" || !HASH_PATTERN.test(scenarioHash)) return { ok: false, error: "The assignment's scenario fingerprint is missing or malformed." };
  if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > 4294967295) return { ok: false, error: "The assignment's seed must be a whole number from 0 to 4294967295." };
  if (typeof engineVersion !== "string" || !ENGINE_PATTERN.test(engineVersion)) return { ok: false, error: "The assignment's engine version is missing or malformed." };
  if (!Array.isArray(goals) || goals.length === 0 || goals.length > MAX_GOALS) return { ok: false, error: `The assignment needs 1 to ${MAX_GOALS} goals.` };
  const cleanGoals: Goal[] = [];
  for (let i = 0; i < goals.length; i++) {
    const goal = parseGoal(goals[i], `Goal ${i + 1}`);
    if (!goal.ok) return goal;
    cleanGoals.push(goal.value);
  }
  if (!Array.isArray(expose) || expose.length > MAX_EXPOSE) return { ok: false, error: `The assignment's controls must be a list of at most ${MAX_EXPOSE}.` };
  for (const path of expose) {
    if (typeof path !== "string" || !PARAM_PATTERN.test(path) || hasForbiddenSegment(path)) return { ok: false, error: `The assignment's control "${String(path).slice(0, 80)}" is not a "node.field" path.` };
  }
  if (new Set(expose).size !== expose.length) return { ok: false, error: "The assignment lists a control twice." };
  if (challengeId !== undefined && (typeof challengeId !== "string" || !CHALLENGE_ID_PATTERN.test(challengeId))) return { ok: false, error: "The assignment's challenge id is malformed." };
  const assignment: Assignment = { title: title.trim(), scenarioId, scenarioHash, seed, engineVersion, goals: cleanGoals, expose: [...(expose as string[])] };
  if (typeof challengeId === "string") assignment.challengeId = challengeId;
  return { ok: true, value: assignment };
}

/** Checks an untrusted claim object. */
export function parseClaim(raw: unknown): PartResult<Claim> {
  if (!isPlainRecord(raw)) return { ok: false, error: "The claimed result is not an object." };
  const key = badKey(raw, CLAIM_KEYS);
  if (key !== null) return { ok: false, error: `The claimed result has an unknown field "${key}".` };
  const { goalsMet, measured } = raw;
  if (!Array.isArray(goalsMet) || goalsMet.length === 0 || goalsMet.length > MAX_GOALS || !goalsMet.every((g) => typeof g === "boolean")) return { ok: false, error: "The claimed result's goalsMet must be a list of true/false." };
  if (!Array.isArray(measured) || measured.length !== goalsMet.length || !measured.every((m) => m === null || (typeof m === "number" && Number.isFinite(m)))) return { ok: false, error: "The claimed result's measured values must be numbers (or null), one per goal." };
  return { ok: true, value: { goalsMet: [...goalsMet] as boolean[], measured: [...measured] as (number | null)[] } };
}

/** Decodes a `1.<…>` payload with a size cap, then checks it with `parse`. */
function decodePart<T>(code: string, maxChars: number, what: string, parse: (raw: unknown) => PartResult<T>): PartResult<T> {
  if (code.length > maxChars) return { ok: false, error: `The ${what} is too long (${code.length} characters; the limit is ${maxChars}).` };
  const payload = decodeSharePayload(code, ASSIGNMENT_FORMAT);
  if (!payload.ok) return { ok: false, error: `The ${what} could not be read: ${payload.error.replace(/lab link/g, `${what}`)}` };
  return parse(payload.data);
}

export const encodeAssignment = (assignment: Assignment): string => encodeSharePayload(ASSIGNMENT_FORMAT, assignment);
export const encodeClaim = (claim: Claim): string => encodeSharePayload(ASSIGNMENT_FORMAT, claim);
/** Decodes an `assignment=` value; never throws. */
export const decodeAssignment = (code: string): PartResult<Assignment> => decodePart(code, MAX_ASSIGNMENT_CHARS, "assignment", parseAssignment);
/** Decodes a `claim=` value; never throws. */
export const decodeClaim = (code: string): PartResult<Claim> => decodePart(code, MAX_CLAIM_CHARS, "claimed result", parseClaim);

/** The id hosts see in events: the challenge's, or one derived from the assignment's content. */
export function assignmentChallengeId(assignment: Assignment): string {
  return assignment.challengeId ?? `assignment-${fnv1a64(encodeAssignment(assignment)).slice(0, 10)}`;
}

/** The parts of a link this module reads. */
export interface SubmissionParts {
  /** The raw `assignment=` value, or null. */
  assignment: string | null;
  claim: string | null;
  /** The fragment after '#' (the lab link), or "". */
  fragment: string;
  /** Everything from the path on (`/embed?…#…`), what {@link linkHash} hashes. */
  pathAndRest: string;
}

/** Longest link accepted anywhere (fragment cap plus room for the query). */
export const MAX_LINK_CHARS = 40_000;

/** Splits an assignment or submission link (absolute, or starting with `/embed`). Never throws. */
export function splitAssignmentLink(text: string): PartResult<SubmissionParts> {
  const link = text.trim();
  if (link.length === 0) return { ok: false, error: "The link is empty." };
  if (link.length > MAX_LINK_CHARS) return { ok: false, error: `The link is too long (${link.length} characters; the limit is ${MAX_LINK_CHARS}).` };
  if (!/^(https?:\/\/|\/)/i.test(link)) return { ok: false, error: `This is not a link: "${link.slice(0, 40)}${link.length > 40 ? "…" : ""}" (a submission starts with https://).` };
  let url: URL;
  try {
    url = new URL(link, "https://faultline.invalid");
  } catch {
    return { ok: false, error: "This is not a link." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, error: `This is not a web link (${url.protocol.slice(0, 20)}).` };
  const params = url.searchParams;
  if (params.getAll("assignment").length > 1 || params.getAll("claim").length > 1) return { ok: false, error: "The link has more than one assignment or claim in it." };
  const fragment = url.hash.startsWith("#") ? url.hash.slice(1) : url.hash;
  return { ok: true, value: { assignment: params.get("assignment"), claim: params.get("claim"), fragment, pathAndRest: `${url.pathname}${url.search}${url.hash}` } };
}

/** The fingerprint of a submitted link as events report it (`linkHash`): FNV-1a 64 of its path, query and fragment, so the same link hashes alike on any host name. */
export function linkHash(link: string): string {
  const parts = splitAssignmentLink(link);
  return fnv1a64(parts.ok ? parts.value.pathAndRest : link.trim());
}

/**
 * The query of an assignment link: the embed options the instructor chose plus the assignment
 * (and, for a submission, the claim). Any earlier `assignment`/`claim` is replaced.
 */
export function assignmentQuery(options: URLSearchParams | string, assignment: string, claim?: string): string {
  const params = new URLSearchParams(options);
  params.delete("assignment");
  params.delete("claim");
  params.set("assignment", assignment);
  if (claim !== undefined) params.set("claim", claim);
  // URLSearchParams escapes ',' in embed options (controls=a.b,c.d); keep them readable.
  return `?${params.toString().replace(/%2C/gi, ",")}`;
}
