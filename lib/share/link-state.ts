/**
 * The lab state a share link (or an exported lab file) carries: the whole of a lab, so opening the
 * link puts the lab back exactly as it was. It mirrors `LabSnapshot` (lib/lab/lab-controller.ts) plus
 * what a page around the lab needs (title, exposed controls).
 *
 * Link format history (the number before the '.' of a link):
 * - 1: `{ scenario, timeMs?, seed?, view?, preset? }`: the scenario only, no learner edits.
 * - 2: {@link LabLinkState}: the preset scenario, the learner's edits (parameter settings and the
 *   whole fault timeline), seed, playback time, view options and exposed controls.
 * Old formats are migrated (migrations.ts); every format ever published keeps decoding.
 */
import type { Scenario } from "@/simulations";
import type { LabEdits } from "@/lib/lab/edit-timeline";
import type { LabView, MotionPreference } from "@/lib/stores/lab-store";

/** The newest link format; links are always written in it. */
export const LINK_VERSION = 2;

/** Links longer than this (characters after '#') are offered as a JSON file as well. */
export const COMFORTABLE_LINK_CHARS = 2000;

export type LinkView = LabView & { speed: number; motion: MotionPreference };

export interface LabLinkState {
  /** Where the scenario came from: a preset id (`"queues/mm1-80"`), or `"playground"`/`"shared"`. */
  scenarioId: string;
  /** Shown above the lab. Plain text: rendered by React, never as HTML. */
  title: string;
  /** The base scenario (a preset or a playground design) the edits apply to. */
  scenario: Scenario;
  /** `"nodeId.field"` paths the learner may change. */
  expose: string[];
  /** Parameter settings and the fault timeline. */
  edits: LabEdits;
  seed: number;
  /** Simulated time the learner was looking at, ms. */
  timeMs: number;
  view: LinkView;
}

export const PANELS = ["controls", "faults", "trace"] as const;
export const MOTIONS = ["system", "reduced", "full"] as const;
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;

export const DEFAULT_VIEW: LinkView = { tables: false, panel: "controls", speed: 1, motion: "system" };

/** A valid id for the scenario's origin, or "shared". */
export const SCENARIO_ID_PATTERN = /^[a-z0-9][a-z0-9/-]{0,119}$/;
