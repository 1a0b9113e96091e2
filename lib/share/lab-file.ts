/**
 * Labs too big for a comfortable link travel as a JSON file: the lab state wrapper around a scenario
 * in the scenario format, so the file is readable and the scenario part can be copied into a preset
 * or given to `npm run sim`. Importing accepts such a file or a bare scenario document, and runs the
 * same validation as a link.
 */
import { MAX_JSON_BYTES } from "./codec";
import { LINK_VERSION, type LabLinkState } from "./link-state";
import { migrate } from "./migrations";
import { normaliseLabState, type NormaliseResult } from "./normalise";

/** The `format` marker of an exported lab file. */
export const LAB_FILE_FORMAT = "faultline-lab";

export interface LabFile extends LabLinkState {
  format: typeof LAB_FILE_FORMAT;
  /** The link format of the state inside. */
  version: number;
}

/** The text of an exported lab file. */
export function labFileText(state: LabLinkState): string {
  const file: LabFile = { format: LAB_FILE_FORMAT, version: LINK_VERSION, ...state };
  return JSON.stringify(file, null, 2) + "\n";
}

/** A file name for a state: `faultline-<scenario id>.json`. */
export function labFileName(state: LabLinkState): string {
  return `faultline-${state.scenarioId.replace(/[^a-z0-9-]+/g, "-")}.json`;
}

/** Reads an imported file's text: a lab file or a bare scenario. Never throws. */
export function readLabFile(text: string): NormaliseResult {
  if (text.length > MAX_JSON_BYTES) return { ok: false, problem: { code: "too-big", message: `The file is larger than ${MAX_JSON_BYTES / 1000} kB, which no lab needs.`, details: [] } };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problem: { code: "not-json", message: "The file is not valid JSON.", details: [] } };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { ok: false, problem: { code: "not-an-object", message: "The file holds no lab.", details: [] } };
  const record = data as Record<string, unknown>;
  if (record.format === LAB_FILE_FORMAT) {
    const version = typeof record.version === "number" && Number.isInteger(record.version) ? record.version : 0;
    if (version > LINK_VERSION) return { ok: false, problem: { code: "newer-version", message: `The file was made by a newer Faultline (format ${version}; this site reads up to ${LINK_VERSION}).`, details: [] } };
    if (version < 1) return { ok: false, problem: { code: "unknown-version", message: "The file's format version is missing or not known.", details: [] } };
    const { format: _format, version: _version, ...state } = record;
    return normaliseLabState(migrate(version, state));
  }
  if ("nodes" in record) return normaliseLabState({ scenarioId: "imported", scenario: record });
  return { ok: false, problem: { code: "no-scenario", message: "The file is neither a Faultline lab file nor a scenario.", details: [] } };
}
