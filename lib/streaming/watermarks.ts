/**
 * A watermark is the pipeline's claim, at processing time p, that no more events with event time
 * below W(p) will arrive. A perfect watermark knows the whole input: W(p) is the earliest event time
 * still on its way, so it is never wrong but it waits for the slowest event. A heuristic watermark
 * only sees what has arrived: here the largest event time seen minus a fixed allowance (Apache Flink
 * 1.19's "bounded out-of-orderness" strategy), so it is fast but runs ahead of any event delayed by
 * more than the allowance, and that event becomes late. Both never go backwards, and both jump to
 * +∞ when the input ends.
 */
import type { StreamEvent } from "./events";

export type WatermarkSpec = { kind: "perfect" } | { kind: "heuristic"; allowanceS: number };

/** W(p): the watermark at processing time p, after the events arriving at p are seen. */
export type Watermark = (processingTime: number) => number;

/** Builds the watermark function for a stream (events need not be sorted). */
export function watermarkFor(spec: WatermarkSpec, events: readonly StreamEvent[]): Watermark {
  const byArrival = [...events].sort((a, b) => a.arrival - b.arrival || a.eventTime - b.eventTime);
  const lastArrival = byArrival.length ? byArrival[byArrival.length - 1].arrival : 0;
  if (spec.kind === "perfect") {
    // suffixMin[i]: the earliest event time among events i.. (in arrival order).
    const suffixMin = new Array<number>(byArrival.length + 1).fill(Infinity);
    for (let i = byArrival.length - 1; i >= 0; i--) suffixMin[i] = Math.min(byArrival[i].eventTime, suffixMin[i + 1]);
    return (p) => {
      if (p >= lastArrival) return Infinity;
      const firstUnarrived = byArrival.findIndex((e) => e.arrival > p);
      return firstUnarrived < 0 ? Infinity : suffixMin[firstUnarrived];
    };
  }
  return (p) => {
    if (byArrival.length && p >= lastArrival) return Infinity;
    let seen = -Infinity;
    for (const e of byArrival) {
      if (e.arrival > p) break;
      seen = Math.max(seen, e.eventTime);
    }
    return seen - spec.allowanceS;
  };
}
