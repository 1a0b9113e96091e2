/**
 * The postMessage API between an embedded lab (`/embed`) and the page around it. Documented in
 * lib/share/README.md (embedding labs).
 *
 * The lab posts events to `window.parent`, every one `{ type: "faultline:<name>", ... }`:
 * `faultline:ready`, `faultline:resize` (`heightPx`, for auto-resizing iframes), `faultline:played`,
 * `faultline:paused`, `faultline:fault-injected` (`fault`), `faultline:prediction-answered`
 * (`metric`, `guess`, `measured`), each with `timeMs`, the simulated time. An assignment embed adds
 * `faultline:challenge-started`, `faultline:progress` and `faultline:challenge-completed`.
 * The lab also speaks the player.js protocol (player-js.ts) for hosts that use that library.
 *
 * The parent may send `{ type: "faultline:play" }`, `{ type: "faultline:pause" }` and
 * `{ type: "faultline:seek", timeMs }`. Anything else, extra fields included, is ignored: the check
 * is strict because any page may frame an embed and post to it.
 */

export const MESSAGE_PREFIX = "faultline:";

export type EmbedEvent =
  | { type: "faultline:ready"; timeMs: number; title: string }
  | { type: "faultline:resize"; heightPx: number }
  | { type: "faultline:played"; timeMs: number }
  | { type: "faultline:paused"; timeMs: number }
  | { type: "faultline:fault-injected"; timeMs: number; fault: { kind: string; target: string } }
  | { type: "faultline:prediction-answered"; timeMs: number; metric: string; guess: number; measured: number }
  | ChallengeStartedEvent
  | ProgressEvent
  | ChallengeCompletedEvent;

/** An assignment embed has loaded its lab (lib/assignments): the learner can start. */
export interface ChallengeStartedEvent {
  type: "faultline:challenge-started";
  challengeId: string;
  goalsTotal: number;
  seed: number;
  engineVersion: string;
}

/** The learner checked the goals (the "Check" button of an assignment embed). `score` is goalsMet / goalsTotal, 0..1. */
export interface ProgressEvent {
  type: "faultline:progress";
  challengeId: string;
  goalsMet: number;
  goalsTotal: number;
  score: number;
  passed: boolean;
}

/**
 * The learner submitted (copied the submission link). `score` is goalsMet / goalsTotal, 0..1;
 * `passed` is every goal met; `linkHash` is lib/assignments `linkHash` of the submitted link, the
 * same value `npm run grade` and /teach/grade print, so a host can match the event to the link.
 */
export interface ChallengeCompletedEvent {
  type: "faultline:challenge-completed";
  challengeId: string;
  goalsMet: number;
  goalsTotal: number;
  score: number;
  passed: boolean;
  seed: number;
  engineVersion: string;
  linkHash: string;
}

/** The progress payload for `goalsMet` of `goalsTotal`. */
export function progressEvent(challengeId: string, goalsMet: number, goalsTotal: number): ProgressEvent {
  return { type: "faultline:progress", challengeId, goalsMet, goalsTotal, score: scoreOf(goalsMet, goalsTotal), passed: goalsTotal > 0 && goalsMet === goalsTotal };
}

/** The completion payload of a submission. */
export function challengeCompletedEvent(input: { challengeId: string; goalsMet: number; goalsTotal: number; seed: number; engineVersion: string; linkHash: string }): ChallengeCompletedEvent {
  return { type: "faultline:challenge-completed", ...input, score: scoreOf(input.goalsMet, input.goalsTotal), passed: input.goalsTotal > 0 && input.goalsMet === input.goalsTotal };
}

const scoreOf = (met: number, total: number) => (total > 0 ? Math.round((met / total) * 10000) / 10000 : 0);

export type ParentCommand = { type: "faultline:play" } | { type: "faultline:pause" } | { type: "faultline:seek"; timeMs: number };

const MAX_SEEK_MS = 1e9;

/** The command a parent's message carries, or null for anything that is not exactly one. */
export function parseParentCommand(data: unknown): ParentCommand | null {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return null;
  if (Object.getPrototypeOf(data) !== Object.prototype) return null;
  const keys = Object.keys(data);
  const record = data as Record<string, unknown>;
  switch (record.type) {
    case "faultline:play":
    case "faultline:pause":
      return keys.length === 1 ? { type: record.type } : null;
    case "faultline:seek": {
      const t = record.timeMs;
      if (keys.length !== 2 || !keys.includes("timeMs")) return null;
      if (typeof t !== "number" || !Number.isFinite(t) || t < 0 || t > MAX_SEEK_MS) return null;
      return { type: "faultline:seek", timeMs: t };
    }
    default:
      return null;
  }
}
