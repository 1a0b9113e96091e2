/**
 * The story of a run on one time axis: the scheduled faults (known from the timeline before the run
 * gets there) and the state transitions the models announce (a breaker opening, half-opening and
 * closing, a database failing over, an autoscaler adding instances). The scrubber draws them as
 * markers, "Next event" jumps to them, "Steady state" never runs past a scheduled fault, and
 * playback holds briefly on a transition whose state would otherwise flash by unseen.
 *
 * Pure functions over data, so each rule is unit-tested without a browser.
 */
import type { FaultSpec, TraceRecord } from "@/simulations";
import type { LabEdits } from "./edit-timeline";
import { formatSimTime } from "./narration";

export type TimelineEventKind = "fault-start" | "fault-end" | "transition";

/** One marker on the run's time axis. */
export interface TimelineEvent {
  atMs: number;
  kind: TimelineEventKind;
  /** What happens, in words: "outage of recs", "recs-breaker opened". */
  label: string;
  /** Trouble starts (drawn red), things recover (green), or neither. */
  tone: "alarm" | "recover" | "info";
  /** The node (or edge) it concerns. */
  target?: string;
  /** For transitions: the record type ("breaker.half-opened"). */
  type?: string;
  /** For transitions: the state entered ("half-open"), which may need holding on screen. */
  state?: string;
}

/** The transitions worth a marker, by record type. Per-request noise (drops, retries) is left out. */
export const storyTransitions: Record<string, { label: (node: string) => string; tone: TimelineEvent["tone"]; state?: string }> = {
  "breaker.opened": { label: (n) => `${n} opened`, tone: "alarm", state: "open" },
  "breaker.half-opened": { label: (n) => `${n} half-open`, tone: "info", state: "half-open" },
  "breaker.closed": { label: (n) => `${n} closed`, tone: "recover", state: "closed" },
  "database.primary-lost": { label: (n) => `${n} lost its primary`, tone: "alarm" },
  "database.failed-over": { label: (n) => `${n} failed over`, tone: "recover" },
  "autoscaler.scaled-out": { label: (n) => `${n} scaled out`, tone: "info" },
  "autoscaler.scaled-in": { label: (n) => `${n} scaled in`, tone: "info" },
  "balancer.target-removed": { label: (n) => `${n} took a target out`, tone: "alarm" },
  "balancer.target-restored": { label: (n) => `${n} put a target back`, tone: "recover" },
  "balancer.canary-rolled-back": { label: (n) => `${n} rolled the canary back`, tone: "recover" },
  "broker.publishers-blocked": { label: (n) => `${n} blocked publishers`, tone: "alarm" },
  "broker.publishers-unblocked": { label: (n) => `${n} unblocked publishers`, tone: "recover" },
  "consumer.crashed": { label: (n) => `${n} crashed`, tone: "alarm" },
};

/** Most transitions kept for one run (a flapping breaker can produce thousands). */
export const MAX_TRANSITIONS = 400;

/** Whether a record is a story transition (kept by the timeline preview). */
export function isStoryRecord(record: TraceRecord): boolean {
  return record.type in storyTransitions;
}

/**
 * A fault's start in words: "outage of recs", "api-2 crashes", "+200 ms on db". The same words as the
 * fault kinds' `describeStart` in simulations/kernel/faults.ts (a test keeps them equal); written
 * out here so light widgets that only import this file do not pull the simulation library in.
 */
export function describeFaultStart(fault: FaultSpec): string {
  switch (fault.kind) {
    case "crash":
      return `${fault.target} crashes`;
    case "errors":
      return fault.rate >= 1 ? `outage of ${fault.target}` : `${fault.target} fails ${Math.round(fault.rate * 100)}% of calls`;
    case "latency":
      return `${fault.target} slows by ${Math.round(fault.addMs)} ms`;
    case "partition":
      return `link ${fault.target} cut`;
  }
}

/** A fault's end in words: "recs recovers", "link a->b heals". */
export function describeFaultEnd(fault: FaultSpec): string {
  return fault.kind === "partition" ? `link ${fault.target} heals` : `${fault.target} recovers`;
}

/** Start (and end, when it has a duration) of every fault on the timeline. */
export function faultEvents(faults: readonly FaultSpec[]): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const fault of faults) {
    events.push({ atMs: fault.atMs, kind: "fault-start", label: describeFaultStart(fault), tone: "alarm", target: fault.target });
    if (fault.durationMs != null && fault.durationMs > 0) {
      events.push({ atMs: fault.atMs + fault.durationMs, kind: "fault-end", label: describeFaultEnd(fault), tone: "recover", target: fault.target });
    }
  }
  return events;
}

/** The story transitions among trace records, as events (at most {@link MAX_TRANSITIONS}). */
export function transitionEvents(records: readonly TraceRecord[]): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const record of records) {
    const story = storyTransitions[record.type];
    if (!story) continue;
    const node = record.node ?? "a node";
    events.push({ atMs: record.atMs, kind: "transition", label: story.label(node), tone: story.tone, target: record.node, type: record.type, state: story.state });
    if (events.length >= MAX_TRANSITIONS) break;
  }
  return events;
}

/** Faults and transitions together, in time order (faults first at equal times), within [0, endMs]. */
export function timelineEvents(faults: readonly FaultSpec[], records: readonly TraceRecord[], endMs = Infinity): TimelineEvent[] {
  const order: Record<TimelineEventKind, number> = { "fault-start": 0, "fault-end": 1, transition: 2 };
  return [...faultEvents(faults), ...transitionEvents(records)]
    .filter((e) => e.atMs >= 0 && e.atMs <= endMs)
    .sort((a, b) => a.atMs - b.atMs || order[a.kind] - order[b.kind]);
}

/** The first event strictly after `timeMs` (a 1-ms tolerance, so jumping to an event then asking again moves on). */
export function nextEvent(events: readonly TimelineEvent[], timeMs: number): TimelineEvent | null {
  return events.find((e) => e.atMs > timeMs + 1) ?? null;
}

/** "outage of recs at 30.0 s" */
export function describeEvent(event: TimelineEvent): string {
  return `${event.label} at ${formatSimTime(event.atMs)}`;
}

/**
 * The steady-state rule: where "Steady state" must stop at the latest. A scheduled fault that starts
 * after `nowMs` is the lesson, so fast-forwarding stops where it starts (the learner then plays
 * through it) instead of declaring the system steady before it and hiding it. Undefined when no
 * fault lies ahead.
 */
export function steadyStateLimitMs(faults: readonly Pick<FaultSpec, "atMs">[], nowMs: number): number | undefined {
  let limit: number | undefined;
  for (const fault of faults) if (fault.atMs > nowMs && (limit === undefined || fault.atMs < limit)) limit = fault.atMs;
  return limit;
}

/** How long a state must stay on screen, in real milliseconds, for a learner to see it. */
export const MIN_VISIBLE_MS = 700;
/** Above this speed transitions are not held (they are marked on the scrubber instead). */
export const MAX_HOLD_SPEED = 10;

/**
 * Real milliseconds playback should pause on the transition `events[index]` so the state it enters
 * is visible for {@link MIN_VISIBLE_MS}: 0 when the state lasts long enough at `speed` anyway, when it
 * is not a state transition, or above {@link MAX_HOLD_SPEED}.
 */
export function transitionHoldMs(events: readonly TimelineEvent[], index: number, speed: number, endMs = Infinity): number {
  const event = events[index];
  if (!event || event.kind !== "transition" || !event.state || speed > MAX_HOLD_SPEED) return 0;
  let until = endMs;
  for (let i = index + 1; i < events.length; i++) {
    const other = events[i];
    if (other.kind === "transition" && other.target === event.target && other.state) {
      until = other.atMs;
      break;
    }
  }
  const visibleRealMs = (until - event.atMs) / Math.max(0.01, speed);
  return visibleRealMs >= MIN_VISIBLE_MS ? 0 : Math.round(MIN_VISIBLE_MS - visibleRealMs);
}

/** Identifies the (edits, seed) a transition preview was computed for, so a stale one is ignored. */
export function timelineKey(edits: LabEdits, seed: number): string {
  return JSON.stringify([edits.params, edits.faults, seed]);
}
