/**
 * The postMessage API between an embedded lab (`/embed`) and the page around it. Documented in
 * lib/share/README.md (embedding labs).
 *
 * The lab posts events to `window.parent`, every one `{ type: "faultline:<name>", ... }`:
 * `faultline:ready`, `faultline:resize` (`heightPx`, for auto-resizing iframes), `faultline:played`,
 * `faultline:paused`, `faultline:fault-injected` (`fault`), `faultline:prediction-answered`
 * (`metric`, `guess`, `measured`), each with `timeMs`, the simulated time.
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
  | { type: "faultline:prediction-answered"; timeMs: number; metric: string; guess: number; measured: number };

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
