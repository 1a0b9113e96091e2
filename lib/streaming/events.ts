/**
 * The input of a stream: events that each carry an event time (when the thing happened, on the
 * device or in the shop) and an arrival time (when the pipeline sees it, processing time). The gap
 * between the two is the event's delay; events arrive out of event-time order whenever delays
 * differ. Times are in seconds of a small example, values are small integers the pipeline sums
 * (the Dataflow paper's running example sums scores per window).
 */
import { createStream } from "@/simulations";

export interface StreamEvent {
  /** Stable name shown to the learner ("e1", "e2", …). */
  id: string;
  /** When it happened (event time), s. */
  eventTime: number;
  /** When the pipeline receives it (processing time), s; never before its event time. */
  arrival: number;
  /** What the pipeline sums. */
  value: number;
}

/** Checks an edited stream; returns one message per problem naming the event and field (empty when fine). */
export function streamProblems(events: readonly StreamEvent[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const e of events) {
    if (ids.has(e.id)) problems.push(`${e.id}: the id is used twice`);
    ids.add(e.id);
    if (!Number.isFinite(e.eventTime) || e.eventTime < 0) problems.push(`${e.id}: event time must be a number ≥ 0 (got ${e.eventTime})`);
    if (!Number.isFinite(e.arrival)) problems.push(`${e.id}: arrival must be a number (got ${e.arrival})`);
    else if (e.arrival < e.eventTime) problems.push(`${e.id}: arrival (${e.arrival} s) cannot come before the event time (${e.eventTime} s)`);
    if (!Number.isFinite(e.value)) problems.push(`${e.id}: value must be a number (got ${e.value})`);
  }
  return problems;
}

export interface RandomStreamOptions {
  /** Number of events (default 30). */
  count?: number;
  /** Event times are spread uniformly over [0, spanS) (default 60). */
  spanS?: number;
  /** Every event is delayed at least this much (default 1). */
  minDelayS?: number;
  /** Mean of the exponential extra delay (default 4). */
  meanExtraDelayS?: number;
  /** Chance that an event is a straggler, delayed by `stragglerDelayS` more (default 0.1). */
  stragglerChance?: number;
  stragglerDelayS?: number;
}

/** A seeded random stream: uniform event times, exponential delays, a few stragglers; whole seconds. */
export function randomStream(seed: number, options: RandomStreamOptions = {}): StreamEvent[] {
  const { count = 30, spanS = 60, minDelayS = 1, meanExtraDelayS = 4, stragglerChance = 0.1, stragglerDelayS = 20 } = options;
  const r = createStream(seed, "streaming/events");
  const events: StreamEvent[] = [];
  for (let i = 0; i < count; i++) {
    const eventTime = Math.floor(r.next() * spanS);
    let delay = minDelayS + Math.round(-Math.log(1 - r.next()) * meanExtraDelayS);
    if (r.next() < stragglerChance) delay += stragglerDelayS;
    events.push({ id: `e${i + 1}`, eventTime, arrival: eventTime + delay, value: 1 + r.int(9) });
  }
  return events;
}

/** The chapter's example: twelve scores over two minutes, one of them badly delayed. */
export const EXAMPLE_STREAM: readonly StreamEvent[] = [
  { id: "e1", eventTime: 3, arrival: 5, value: 5 },
  { id: "e2", eventTime: 8, arrival: 15, value: 7 },
  { id: "e3", eventTime: 14, arrival: 16, value: 3 },
  { id: "e4", eventTime: 21, arrival: 24, value: 4 },
  { id: "e5", eventTime: 12, arrival: 37, value: 9 },
  { id: "e6", eventTime: 33, arrival: 35, value: 3 },
  { id: "e7", eventTime: 39, arrival: 42, value: 8 },
  { id: "e8", eventTime: 26, arrival: 44, value: 2 },
  { id: "e9", eventTime: 47, arrival: 50, value: 6 },
  { id: "e10", eventTime: 55, arrival: 57, value: 1 },
  { id: "e11", eventTime: 17, arrival: 62, value: 4 },
  { id: "e12", eventTime: 52, arrival: 66, value: 5 },
];
