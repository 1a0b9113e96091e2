/**
 * The learner's edits to a preset, kept as data so that any moment of a lab can be rebuilt exactly.
 *
 * Two kinds of edit:
 * - **Parameter settings** (`params`, keyed by `"nodeId.field.path"`): the models fix their parameters
 *   when a run is built, so a setting applies to the whole run. Changing one re-simulates from 0 with
 *   the same seed up to the time the learner was looking at.
 * - **The fault timeline** (`faults`): every fault, from the preset or injected by the learner, stamped
 *   with the simulated time it starts (and ends). Injecting a fault "now" appends one stamped with the
 *   current simulated time; "recover" closes the open faults on a target at the current time.
 *
 * The simulation is deterministic for a seed, so (preset, edits, seed) -> state at time t is a pure
 * function: seeking re-simulates from 0, and rewinding then playing again reproduces the same state.
 */
import type { FaultSpec, Scenario } from "@/simulations";

/** A fault on the timeline, with a stable id for editing and a note of who added it. */
export type TimelineFault = FaultSpec & { id: string; origin: "preset" | "learner" };

/** A parameter's value: numbers, enum or string values, booleans, and null for "none". */
export type ParamValue = number | string | boolean | null;

export interface LabEdits {
  /** `"nodeId.field"` or `"nodeId.field.sub"` -> value. */
  params: Record<string, ParamValue>;
  /** The whole fault timeline, sorted by start time. */
  faults: TimelineFault[];
}

/** The edits a preset starts with: no settings, the preset's own faults on the timeline. */
export function initialEdits(preset: Scenario): LabEdits {
  return {
    params: {},
    faults: sortFaults((preset.faults ?? []).map((f, i) => ({ ...f, id: `preset-${i}`, origin: "preset" as const }))),
  };
}

function sortFaults(faults: TimelineFault[]): TimelineFault[] {
  return [...faults].sort((a, b) => a.atMs - b.atMs || a.id.localeCompare(b.id));
}

/** Splits `"api.serviceMs.meanMs"` into the node id and the field path inside the node. */
export function splitParamPath(path: string): { nodeId: string; fields: string[] } {
  const [nodeId, ...fields] = path.split(".");
  return { nodeId, fields };
}

/** Reads a parameter from a scenario (undefined when the node or field is missing). */
export function readParam(scenario: Scenario, path: string): unknown {
  const { nodeId, fields } = splitParamPath(path);
  let value: unknown = scenario.nodes.find((n) => n.id === nodeId);
  for (const field of fields) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[field];
  }
  return value;
}

/** Index of the node a parameter path names, or -1. */
export function nodeIndexOf(scenario: Scenario, path: string): number {
  return scenario.nodes.findIndex((n) => n.id === splitParamPath(path).nodeId);
}

/**
 * The scenario the simulation runs: the preset with the settings applied and the timeline as its
 * faults. Never mutates the preset. Unknown nodes are skipped (the validator reports bad values).
 */
export function applyEdits(preset: Scenario, edits: LabEdits): Scenario {
  const scenario = structuredClone(preset) as Scenario;
  for (const [path, value] of Object.entries(edits.params)) {
    const { nodeId, fields } = splitParamPath(path);
    const node = scenario.nodes.find((n) => n.id === nodeId) as Record<string, unknown> | undefined;
    if (!node || fields.length === 0) continue;
    let target = node;
    for (const field of fields.slice(0, -1)) {
      const next = target[field];
      if (typeof next !== "object" || next === null) {
        target[field] = {};
      }
      target = target[field] as Record<string, unknown>;
    }
    target[fields[fields.length - 1]] = value;
  }
  scenario.faults = edits.faults.map(({ id: _id, origin: _origin, ...fault }) => fault as FaultSpec);
  return scenario;
}

/** Sets one parameter (returns new edits). */
export function withParam(edits: LabEdits, path: string, value: number | string): LabEdits {
  return { ...edits, params: { ...edits.params, [path]: value } };
}

/** Whether a fault is in effect at `timeMs`. */
export function isFaultActive(fault: FaultSpec, timeMs: number): boolean {
  return fault.atMs <= timeMs && (fault.durationMs == null || timeMs < fault.atMs + fault.durationMs);
}

let learnerFaultCounter = 0;

/** Adds a fault starting at `atMs` (the learner's "inject now"). */
export function withFault(edits: LabEdits, fault: FaultSpec, id = `learner-${Date.now().toString(36)}-${learnerFaultCounter++}`): LabEdits {
  return { ...edits, faults: sortFaults([...edits.faults, { ...fault, id, origin: "learner" }]) };
}

/**
 * Ends, at `atMs`, every fault on `target` that is still in effect then ("recover"). Faults that
 * would start later stay on the timeline.
 */
export function withRecovery(edits: LabEdits, target: string, atMs: number): LabEdits {
  const faults: TimelineFault[] = [];
  for (const fault of edits.faults) {
    if (fault.target !== target || !isFaultActive(fault, atMs)) {
      faults.push(fault);
    } else if (atMs > fault.atMs) {
      faults.push({ ...fault, durationMs: atMs - fault.atMs });
    }
    // A fault that starts exactly now is simply removed.
  }
  return { ...edits, faults: sortFaults(faults) };
}

/** Replaces one fault of the timeline (edit its start, duration or size). */
export function withFaultChanged(edits: LabEdits, id: string, change: Partial<FaultSpec>): LabEdits {
  return { ...edits, faults: sortFaults(edits.faults.map((f) => (f.id === id ? ({ ...f, ...change } as TimelineFault) : f))) };
}

/** Removes one fault from the timeline. */
export function withoutFault(edits: LabEdits, id: string): LabEdits {
  return { ...edits, faults: edits.faults.filter((f) => f.id !== id) };
}
