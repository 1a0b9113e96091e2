/**
 * Turns an untrusted lab state (a decoded and migrated link, or an imported file) into a
 * {@link LabLinkState} that is safe to load: the scenario through the scenario validator (after
 * clamping its plain numbers), every edit checked against it, numbers clamped, enums and strings
 * checked, defaults filled. What can be repaired is repaired with a note; what cannot is refused with
 * a message naming the field. Never throws.
 */
import { validateScenario, type FaultSpec, type Scenario } from "@/simulations";
import { applyEdits, type LabEdits, type TimelineFault } from "@/lib/lab/edit-timeline";
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

/** Keeps the edits that apply cleanly to the scenario; notes what had to go. */
function settleEdits(scenario: Scenario, edits: LabEdits, notes: string[]): LabEdits | LinkProblem {
  let current = edits;
  let result = validateScenario(applyEdits(scenario, current));
  if (result.ok) return current;
  // Faults first: an issue under faults[i] names the fault to drop.
  const badFaults = new Set(result.issues.map((i) => faultIndexOf(i.path)).filter((i): i is number => i !== null));
  if (badFaults.size) {
    for (const i of badFaults) notes.push(`A fault on the timeline was removed: ${result.issues.find((x) => faultIndexOf(x.path) === i)?.message}.`);
    current = { ...current, faults: current.faults.filter((_, i) => !badFaults.has(i)) };
    result = validateScenario(applyEdits(scenario, current));
    if (result.ok) return current;
  }
  // Then settings, one at a time against the scenario alone.
  const params: LabEdits["params"] = {};
  for (const [path, value] of Object.entries(current.params)) {
    const alone = validateScenario(applyEdits(scenario, { params: { ...params, [path]: value }, faults: [] }));
    if (alone.ok) params[path] = value;
    else notes.push(`The setting ${path} = ${JSON.stringify(value)} was ignored: ${alone.issues[0]?.message}.`);
  }
  current = { ...current, params };
  result = validateScenario(applyEdits(scenario, current));
  if (result.ok) return current;
  return { code: "invalid-edits", message: "The link's changes to the lab do not fit its scenario.", details: result.issues.slice(0, MAX_DETAILS).map((i) => i.message) };
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
  // a later release may add defaulted fields, and a link must decode to the same state forever.
  const scenario = scenarioInput as unknown as Scenario;

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
      title: plainText(raw.title, 200) ?? scenario.title,
      scenario,
      expose,
      edits,
      seed,
      timeMs,
      view: normaliseView(raw.view, notes),
    },
  };
}
