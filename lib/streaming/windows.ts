/**
 * Windows slice an unbounded stream by event time. A tumbling window of size s puts each event in
 * exactly one slot [k·s, (k+1)·s); a sliding (hopping) window of size s every p puts it in every slot
 * [k·p, k·p + s) that covers it, so an event counts s/p times; a session window starts at an event,
 * lasts until `gap` after it, and merges with any other session it overlaps, so two events share a
 * session exactly when a chain of gaps shorter than the timeout links them. The batch result (all
 * events known, no clock) is what a streaming pipeline's answer should converge to.
 */
import type { StreamEvent } from "./events";

export type WindowSpec =
  | { kind: "tumbling"; sizeS: number }
  | { kind: "sliding"; sizeS: number; everyS: number }
  | { kind: "session"; gapS: number };

/** A half-open event-time interval [start, end). */
export interface EventWindow {
  start: number;
  end: number;
}

export const windowKey = (w: EventWindow) => `${w.start}-${w.end}`;
export const windowLabel = (w: EventWindow) => `[${w.start}, ${w.end})`;

/** Checks a window spec; one message per problem (empty when fine). */
export function windowProblems(spec: WindowSpec): string[] {
  const positive = (name: string, v: number) => (Number.isFinite(v) && v > 0 ? [] : [`${name} must be a number > 0 (got ${v})`]);
  if (spec.kind === "tumbling") return positive("sizeS", spec.sizeS);
  if (spec.kind === "sliding") return [...positive("sizeS", spec.sizeS), ...positive("everyS", spec.everyS)];
  return positive("gapS", spec.gapS);
}

/**
 * The windows an event time falls in, before any merging: one for tumbling, ⌈size/every⌉ or so for
 * sliding, and for sessions the event's own proto-session [t, t + gap).
 */
export function assignWindows(spec: WindowSpec, t: number): EventWindow[] {
  if (spec.kind === "tumbling") {
    const start = Math.floor(t / spec.sizeS) * spec.sizeS;
    return [{ start, end: start + spec.sizeS }];
  }
  if (spec.kind === "sliding") {
    const out: EventWindow[] = [];
    // Slots start at multiples of `everyS`; the last one starting at or before t, back while it still covers t.
    for (let start = Math.floor(t / spec.everyS) * spec.everyS; start > t - spec.sizeS; start -= spec.everyS) out.unshift({ start, end: start + spec.sizeS });
    return out;
  }
  return [{ start: t, end: t + spec.gapS }];
}

/** True when two half-open windows share some time (touching ends do not). */
export const overlaps = (a: EventWindow, b: EventWindow) => a.start < b.end && b.start < a.end;

export interface BatchWindow extends EventWindow {
  /** Sum of the values of the events in the window. */
  sum: number;
  count: number;
}

/** The batch answer: every window with its sum, ordered by start, computed with all events known. */
export function batchResult(spec: WindowSpec, events: readonly StreamEvent[]): BatchWindow[] {
  if (spec.kind === "session") {
    const sorted = [...events].sort((a, b) => a.eventTime - b.eventTime);
    const sessions: BatchWindow[] = [];
    for (const e of sorted) {
      const last = sessions[sessions.length - 1];
      if (last && e.eventTime < last.end) {
        last.end = Math.max(last.end, e.eventTime + spec.gapS);
        last.sum += e.value;
        last.count++;
      } else sessions.push({ start: e.eventTime, end: e.eventTime + spec.gapS, sum: e.value, count: 1 });
    }
    return sessions;
  }
  const byKey = new Map<string, BatchWindow>();
  for (const e of events)
    for (const w of assignWindows(spec, e.eventTime)) {
      const k = windowKey(w);
      const b = byKey.get(k) ?? { ...w, sum: 0, count: 0 };
      b.sum += e.value;
      b.count++;
      byKey.set(k, b);
    }
  return [...byKey.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}
