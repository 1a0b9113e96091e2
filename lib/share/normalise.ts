/**
 * Turns an untrusted lab state (a decoded and migrated link, or an imported file) into a
 * {@link LabLinkState} that is safe to load: the scenario through the scenario validator (after
 * clamping its plain numbers), every edit checked against it, numbers clamped, enums and strings
 * checked, defaults filled. What can be repaired is repaired with a note; what cannot is refused with
 * a message naming the field. Never throws.
 */
import { FORBIDDEN_KEYS, validateScenario, type FaultSpec, type Scenario } from "@/simulations";
import { applyEdits, splitParamPath, type LabEdits, type TimelineFault } from "@/lib/lab/edit-timeline";
import { clampParam, clampScenario } from "./clamp";
import { DEFAULT_VIEW, MAX_SPEED, MIN_SPEED, MOTIONS, PANELS, SCENARIO_ID_PATTERN, type LabLinkState, type LinkView } from "./link-state";

export type LinkProblemCode =
  | "empty"
  | "too-long"
  | "not-a-link"
  | "newer-version"
  | "unknown-version"
  | "damaged"
  | "too-big"
  | "not-json"
  | "not-an-object"
  | "no-scenario"
  | "invalid-scenario"
  | "invalid-edits"
  | "internal";

/** Why a link or file was refused: a sentence for people, and the field-level details. */
export interface LinkProblem {
  code: LinkProblemCode;
  message: string;
  details: string[];
}

export type NormaliseResult = { ok: true; state: LabLinkState; notes: string[] } | { ok: false; problem: LinkProblem };

const MAX_PARAMS = 200;
const MAX_FAULTS = 1000;
const MAX_EXPOSE = 64;
const MAX_DETAILS = 8;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Plain text of at most `max` characters without control characters; undefined when not a string. */
function plainText(value: unknown, max: number): string | undefined {
  if (typeof value !== "string") return undefined;
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const text = value.replace(/[\u0000-\u001f\u007f]/g, " ").trim();
  return text ? text.slice(0, max) : undefined;
}

function stopMs(scenario: Scenario): number {
  return "durationMs" in scenario.stop ? scenario.stop.durationMs : 1e9;
}

function normaliseView(raw: unknown, notes: string[]): LinkView {
  const v = isRecord(raw) ? raw : {};
  const view: LinkView = { ...DEFAULT_VIEW };
  if (typeof v.tables === "boolean") view.tables = v.tables;
  if (typeof v.panel === "string" && (PANELS as readonly string[]).includes(v.panel)) view.panel = v.panel as LinkView["panel"];
  if (typeof v.motion === "string" && (MOTIONS as readonly string[]).includes(v.motion)) view.motion = v.motion as LinkView["motion"];
  if (typeof v.speed === "number" && Number.isFinite(v.speed)) {
    view.speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, v.speed));
    if (view.speed !== v.speed) notes.push(`view.speed was ${v.speed}, out of range; set to ${view.speed}.`);
  }
  return view;
}

function normaliseFaults(raw: unknown, notes: string[]): TimelineFault[] | null {
  if (!Array.isArray(raw)) return null;
  if (raw.length > MAX_FAULTS) {
    notes.push(`The fault timeline had ${raw.length} faults; only the first ${MAX_FAULTS} were kept.`);
  }
  const wrapper = { faults: raw.slice(0, MAX_FAULTS).filter(isRecord).map((f) => ({ ...f })) };
  notes.push(...clampScenario(wrapper).map((n) => `edits.${n}`));
  const seen = new Set<string>();
  return wrapper.faults.map((f, i) => {
    let id = typeof f.id === "string" && /^[\w-]{1,80}$/.test(f.id) ? f.id : `link-${i}`;
    if (seen.has(id)) id = `${id}-${i}`;
    seen.add(id);
    return { ...f, id, origin: f.origin === "preset" ? "preset" : "learner" } as TimelineFault;
  });
}

function faultIndexOf(path: string): number | null {
  const m = /^faults\[(\d+)\]/.exec(path);
  return m ? Number(m[1]) : null;
}

/** `nodes[3].serviceMs.meanMs` -> { index: 3, fields: "serviceMs.meanMs" }; null for other paths. */
function nodeIssueOf(path: string): { index: number; fields: string } | null {
  const m = /^nodes\[(\d+)\]\.?(.*)$/.exec(path);
  return m ? { index: Number(m[1]), fields: m[2] } : null;
}

const MAX_SETTLE_ROUNDS = 8;

/**
 * Keeps the edits that apply cleanly to the scenario; notes what had to go. Each parameter was
 * already checked against its own field's schema (clampParam), so what is left are rules spanning
 * fields or nodes: validate the edited scenario once, drop the faults and settings its issues name,
 * and repeat until it validates or the issues stop changing (dropping one thing can reveal another:
 * a fault target is only checked once the structure parses). Only when an issue names nothing
 * droppable are the remaining settings tried one at a time, so the cost stays a few validations.
 */
function settleEdits(scenario: Scenario, edits: LabEdits, notes: string[]): LabEdits | LinkProblem {
  let current = edits;
  let result = validateScenario(applyEdits(scenario, current));
  let lastIssues = "";
  for (let round = 0; !result.ok && round < MAX_SETTLE_ROUNDS; round++) {
    const issues = result.issues;
    const key = issues.map((i) => `${i.path}|${i.message}`).join("\n");
    if (key === lastIssues) break;
    lastIssues = key;
    // Faults: an issue under faults[i] names the fault to drop.
    const badFaults = new Set(issues.map((i) => faultIndexOf(i.path)).filter((i): i is number => i !== null));
    for (const i of badFaults) notes.push(`A fault on the timeline was removed: ${issues.find((x) => faultIndexOf(x.path) === i)?.message}.`);
    // Settings: an issue under nodes[i] names the settings on that node it concerns.
    const badParams = new Set<string>();
    for (const issue of issues) {
      const at = nodeIssueOf(issue.path);
      if (!at) continue;
      const nodeId = scenario.nodes[at.index]?.id;
      for (const path of Object.keys(current.params)) {
        const { nodeId: id, fields } = splitParamPath(path);
        if (id !== nodeId) continue;
        const field = fields.join(".");
        if (at.fields === "" || at.fields === field || at.fields.startsWith(field + ".") || at.fields.startsWith(field + "[") || field.startsWith(at.fields + ".")) badParams.add(path);
      }
    }
    if (badFaults.size === 0 && badParams.size === 0) {
      // Nothing named: fall back to trying the settings one at a time against the scenario alone.
      const params: LabEdits["params"] = {};
      for (const [path, value] of Object.entries(current.params)) {
        const alone = validateScenario(applyEdits(scenario, { params: { ...params, [path]: value }, faults: [] }));
        if (alone.ok) params[path] = value;
        else badParams.add(path);
      }
      if (badParams.size === 0) break;
    }
    const params: LabEdits["params"] = {};
    for (const [path, value] of Object.entries(current.params)) {
      if (!badParams.has(path)) params[path] = value;
      else notes.push(`The setting ${path} = ${JSON.stringify(value)} was ignored: ${issues.find((i) => nodeIssueOf(i.path) !== null)?.message ?? "it does not fit the scenario"}.`);
    }
    current = { params, faults: current.faults.filter((_, i) => !badFaults.has(i)) };
    result = validateScenario(applyEdits(scenario, current));
  }
  if (result.ok) return current;
  return { code: "invalid-edits", message: "The link's changes to the lab do not fit its scenario.", details: result.issues.slice(0, MAX_DETAILS).map((i) => i.message) };
}

/**
 * The part of `raw` the validator understood: own keys that also appear in `parsed` (the validated
 * document, whose defaults are left out because `raw` does not have them), recursively. Never copies
 * a key named like a prototype member.
 */
function knownPart(raw: unknown, parsed: unknown): unknown {
  if (Array.isArray(raw)) return Array.isArray(parsed) ? raw.map((v, i) => knownPart(v, parsed[i])) : [];
  if (!isRecord(raw)) return raw;
  const out: Record<string, unknown> = {};
  if (!isRecord(parsed)) return out;
  for (const key of Object.keys(raw)) {
    if (FORBIDDEN_KEYS.has(key) || !Object.hasOwn(parsed, key)) continue;
    out[key] = knownPart(raw[key], parsed[key]);
  }
  return out;
}

/** Validates, repairs and fills an untrusted lab state of the newest shape. */
export function normaliseLabState(raw: unknown): NormaliseResult {
  if (!isRecord(raw)) return { ok: false, problem: { code: "not-an-object", message: "The link's data is not a lab state.", details: [] } };
  if (!isRecord(raw.scenario)) return { ok: false, problem: { code: "no-scenario", message: "The link's data has no scenario in it.", details: [] } };
  const notes: string[] = [];
  let scenarioInput: Record<string, unknown>;
  try {
    scenarioInput = JSON.parse(JSON.stringify(raw.scenario)) as Record<string, unknown>;
  } catch {
    return { ok: false, problem: { code: "no-scenario", message: "The link's scenario could not be read.", details: [] } };
  }
  notes.push(...clampScenario(scenarioInput).map((n) => `scenario.${n}`));
  const validated = validateScenario(scenarioInput);
  if (!validated.ok) {
    return {
      ok: false,
      problem: {
        code: "invalid-scenario",
        message: `The link's scenario is not valid (${validated.issues.length} problem${validated.issues.length === 1 ? "" : "s"}).`,
        details: validated.issues.slice(0, MAX_DETAILS).map((i) => i.message),
      },
    };
  }
  // Keep the scenario as the link gave it (clamped), not with the validator's defaults filled in:
  // a later release may add defaulted fields, and a link must decode to the same state forever. But
  // keep only what the validator understood: no key it did not parse survives into the lab state.
  const scenario = knownPart(scenarioInput, validated.scenario) as Scenario;

  const rawEdits = isRecord(raw.edits) ? raw.edits : {};
  const params: LabEdits["params"] = {};
  if (isRecord(rawEdits.params)) {
    const entries = Object.entries(rawEdits.params);
    if (entries.length > MAX_PARAMS) notes.push(`Only the first ${MAX_PARAMS} settings were kept.`);
    for (const [path, value] of entries.slice(0, MAX_PARAMS)) {
      const checked = clampParam(scenario.nodes, path, value);
      if (checked.ok) {
        params[path] = checked.value;
        if (checked.note) notes.push(checked.note);
      } else notes.push(`A setting was ignored: ${checked.reason}.`);
    }
  }
  const faults =
    normaliseFaults(rawEdits.faults, notes) ??
    (scenario.faults ?? []).map((f: FaultSpec, i: number) => ({ ...f, id: `preset-${i}`, origin: "preset" as const }));
  const edits = settleEdits(scenario, { params, faults: [...faults].sort((a, b) => a.atMs - b.atMs || a.id.localeCompare(b.id)) }, notes);
  if ("code" in edits) return { ok: false, problem: edits };

  let seed = scenario.seed;
  if (typeof raw.seed === "number" && Number.isFinite(raw.seed)) {
    seed = Math.min(4294967295, Math.max(0, Math.round(raw.seed)));
    if (seed !== raw.seed) notes.push(`seed was ${raw.seed}, out of range; set to ${seed}.`);
  } else if (raw.seed !== undefined) notes.push("seed was not a number; the scenario's seed is used.");

  let timeMs = 0;
  if (typeof raw.timeMs === "number" && Number.isFinite(raw.timeMs)) {
    timeMs = Math.min(stopMs(scenario), Math.max(0, raw.timeMs));
    if (timeMs !== raw.timeMs) notes.push(`timeMs was ${raw.timeMs}, out of range; set to ${timeMs}.`);
  }

  const nodeIds = new Set(scenario.nodes.map((n) => n.id));
  const expose = Array.isArray(raw.expose)
    ? [...new Set(raw.expose.filter((p): p is string => typeof p === "string" && p.length <= 200 && p.includes(".") && nodeIds.has(p.split(".")[0])))].slice(0, MAX_EXPOSE)
    : [];

  return {
    ok: true,
    notes,
    state: {
      scenarioId: typeof raw.scenarioId === "string" && SCENARIO_ID_PATTERN.test(raw.scenarioId) ? raw.scenarioId : "shared",
      title: plainText(raw.title, 200) ?? plainText(scenario.title, 200) ?? "Shared lab",
      scenario,
      expose,
      edits,
      seed,
      timeMs,
      view: normaliseView(raw.view, notes),
    },
  };
}
