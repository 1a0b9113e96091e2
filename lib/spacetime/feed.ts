/**
 * The worker side of the space-time view: turns a run's protocol views into per-frame news.
 *
 * The kernel's log only grows (its oldest entries are trimmed in bulk), and `seq` numbers every entry,
 * so the news is "entries with seq above the last one sent", found by binary search. Operations are
 * sent when invoked and again when they complete (only the few still open are re-examined).
 */
import type { LinearizabilityResult, LogEvent, Operation, ProtocolView } from "@/simulations";
import type { CheckSummary, ProtocolFrame } from "./types";

const MAX_PREFIX = 50;

/** The checker's result in the frame's compact form. */
export function summariseCheck(result: LinearizabilityResult): CheckSummary {
  const summary: CheckSummary = { verdict: result.verdict, operations: result.keys.reduce((n, k) => n + k.operations, 0), states: result.states };
  const failed = result.keys.find((k) => k.verdict === "not-linearizable");
  if (failed) {
    const prefix = failed.longestPrefix ?? [];
    Object.assign(summary, { key: failed.key, prefix: prefix.slice(-MAX_PREFIX), prefixLength: prefix.length, blockedBy: failed.blockedBy, explanation: result.explanation });
  }
  const undecided = result.keys.filter((k) => k.verdict === "undecided").map((k) => k.key);
  if (undecided.length) summary.undecidedKeys = undecided;
  return summary;
}

/** Index of the first entry with seq > `seq` (the log is in seq order). */
export function firstAfter(log: readonly LogEvent[], seq: number): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (log[mid].seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface NodeCursor {
  lastSeq: number;
  sentOps: number;
  open: Set<number>;
}

/** Per-run state of what was already sent. Call `reset()` when the run is rebuilt. */
export function createProtocolFeed() {
  let cursors = new Map<string, NodeCursor>();
  return {
    reset() {
      cursors = new Map();
    },
    /** The news of every protocol node since the previous call (empty when the run has none). */
    frame(views: Record<string, ProtocolView>): ProtocolFrame[] {
      const frames: ProtocolFrame[] = [];
      for (const [nodeId, view] of Object.entries(views)) {
        let cursor = cursors.get(nodeId);
        const reset = !cursor;
        if (!cursor) cursors.set(nodeId, (cursor = { lastSeq: -1, sentOps: 0, open: new Set() }));
        const events = view.log.slice(firstAfter(view.log, cursor.lastSeq));
        if (events.length) cursor.lastSeq = events[events.length - 1].seq;
        const ops: Operation[] = [];
        for (const id of cursor.open) {
          const op = view.history[id];
          if (op && op.returnMs !== Infinity) {
            ops.push({ ...op });
            cursor.open.delete(id);
          }
        }
        for (let i = cursor.sentOps; i < view.history.length; i++) {
          const op = view.history[i];
          ops.push({ ...op });
          if (op.returnMs === Infinity) cursor.open.add(i);
        }
        cursor.sentOps = view.history.length;
        frames.push({ nodeId, processes: [...view.processes], reset, events, ops, check: summariseCheck(view.check()) });
      }
      return frames;
    },
  };
}
