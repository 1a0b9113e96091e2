/**
 * Share links for whole labs: encode the {@link LabLinkState} of a lab into a URL fragment, and
 * decode any link ever published back into a state that is safe to load. Decoding is a pipeline,
 * each step able to refuse with a message that names the problem: size limits and decompression
 * (codec.ts), the migration table (migrations.ts), then validation, clamping and defaults
 * (normalise.ts). It never throws, so a bad link can only ever produce a message.
 */
import type { Scenario } from "@/simulations";
import { applyEdits } from "@/lib/lab/edit-timeline";
import type { LabSnapshot } from "@/lib/lab/lab-controller";
import { decodeSharePayload, encodeSharePayload } from "./codec";
import { migrate } from "./migrations";
import { normaliseLabState, type LinkProblem, type NormaliseResult } from "./normalise";
import { LINK_VERSION, type LabLinkState } from "./link-state";

export type LinkDecodeResult = (NormaliseResult & { ok: true; version: number }) | { ok: false; problem: LinkProblem };

/** Encodes a lab state as a fragment (without the '#'), always in the newest format. */
export function encodeLabLink(state: LabLinkState): string {
  return encodeSharePayload(LINK_VERSION, state);
}

/** Decodes a fragment (with or without '#') of any published format. Never throws. */
export function decodeLabLink(fragment: string): LinkDecodeResult {
  try {
    const payload = decodeSharePayload(fragment, LINK_VERSION);
    if (!payload.ok) return { ok: false, problem: { code: payload.code, message: payload.error, details: [] } };
    const migrated = migrate(payload.version, payload.data);
    if (!migrated) return { ok: false, problem: { code: "not-an-object", message: "The link's data is not a lab state.", details: [] } };
    const result = normaliseLabState(migrated);
    return result.ok ? { ...result, version: payload.version } : result;
  } catch (error) {
    // Unreachable by design (the fuzz test checks); a last guard so a page never crashes on a link.
    return { ok: false, problem: { code: "internal", message: "The link could not be read.", details: [String((error as Error)?.message ?? error)] } };
  }
}

/** The scenario a link runs (edits applied, its seed), for the command-line runner. */
export function scenarioFromLink(fragment: string): { ok: true; scenario: Scenario } | { ok: false; problem: LinkProblem } {
  const decoded = decodeLabLink(fragment);
  if (!decoded.ok) return decoded;
  const { scenario, edits, seed } = decoded.state;
  return { ok: true, scenario: { ...applyEdits(scenario, edits), seed } };
}

/** The link state of a lab, from its controller's snapshot. */
export function linkStateFromSnapshot(snapshot: LabSnapshot, page: { title: string; expose: readonly string[] }): LabLinkState {
  return {
    scenarioId: snapshot.scenarioId,
    title: page.title,
    scenario: snapshot.scenario,
    expose: [...page.expose],
    edits: snapshot.edits,
    seed: snapshot.seed,
    timeMs: snapshot.timeMs,
    view: { tables: snapshot.view.tables, panel: snapshot.view.panel, speed: snapshot.view.speed, motion: snapshot.view.motion },
  };
}

/** The snapshot to restore a controller from a decoded link. */
export function snapshotFromLinkState(state: LabLinkState): LabSnapshot {
  return { scenarioId: state.scenarioId, scenario: state.scenario, edits: state.edits, seed: state.seed, timeMs: state.timeMs, view: state.view };
}

/** A whole URL for a state: `<origin><path>#<code>`. */
export function labUrl(origin: string, path: "/playground" | "/s" | "/embed", state: LabLinkState, query = ""): string {
  return `${origin}${path}${query}#${encodeLabLink(state)}`;
}

/** A one-line explanation of a problem, for messages and logs. */
export function describeProblem(problem: LinkProblem): string {
  return problem.details.length ? `${problem.message} ${problem.details.join("; ")}` : problem.message;
}
