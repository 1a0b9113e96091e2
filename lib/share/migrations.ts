/**
 * The migration table of link formats: `migrations[n]` turns a format-n payload into format n+1.
 * A migration only reshapes; it fills what the old format lacked with what the old link meant (a
 * format-1 link had no edits, so its scenario's faults become the timeline). Validation and clamping
 * happen afterwards on the newest shape (normalise.ts), so a migration never has to distrust input
 * beyond not throwing.
 */
import { LINK_VERSION } from "./link-state";

type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export const migrations: Record<number, Migration> = {
  // 1 -> 2: `preset` became `scenarioId`; edits appear (none), the scenario's faults are the timeline.
  1: (d) => {
    const scenario = d.scenario;
    const faults = isRecord(scenario) && Array.isArray(scenario.faults) ? scenario.faults : [];
    const oldView = isRecord(d.view) ? d.view : {};
    return {
      scenarioId: typeof d.preset === "string" ? d.preset : "shared",
      title: isRecord(scenario) ? scenario.title : undefined,
      scenario,
      expose: Array.isArray(oldView.expose) ? oldView.expose : [],
      edits: { params: {}, faults: faults.map((f, i) => (isRecord(f) ? { ...f, id: `preset-${i}`, origin: "preset" } : f)) },
      seed: d.seed,
      timeMs: d.timeMs,
      view: { tables: oldView.tables, panel: oldView.panel, speed: oldView.speed, motion: oldView.motion },
    };
  },
};

/** Brings a payload of format `version` up to {@link LINK_VERSION}; null when a step is missing. */
export function migrate(version: number, data: unknown): Record<string, unknown> | null {
  if (!isRecord(data)) return null;
  let current = data;
  for (let v = version; v < LINK_VERSION; v++) {
    const step = migrations[v];
    if (!step) return null;
    current = step(current);
  }
  return current;
}
