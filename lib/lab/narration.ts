/**
 * Plain-language narration of notable simulation events, for the lab's event log and its
 * screen-reader live region. Records are past tense and namespaced (`node.crashed`); unknown types
 * fall back to a readable form of the type itself, so new models narrate without code here.
 */
import type { TraceRecord } from "@/simulations";

export interface NarrationItem {
  key: string;
  atMs: number;
  text: string;
  /** Higher is more important: the live region announces the most important first. */
  weight: number;
  /** Whether it describes trouble (drawn with a warning icon, not colour alone). */
  alarm: boolean;
}

/** Formats simulated milliseconds as "12.3 s" or "850 ms". */
export function formatSimTime(ms: number): string {
  if (!Number.isFinite(ms)) return "∞";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${minutes} min ${seconds.toString().padStart(2, "0")} s`;
}

const known: Record<string, { text: (r: TraceRecord) => string; weight: number; alarm: boolean }> = {
  "node.crashed": { text: (r) => `${r.node} crashed`, weight: 10, alarm: true },
  "node.recovered": { text: (r) => `${r.node} recovered`, weight: 8, alarm: false },
  "edge.partitioned": { text: (r) => `link ${r.detail} partitioned: nothing gets through`, weight: 9, alarm: true },
  "edge.healed": { text: (r) => `link ${r.detail} healed`, weight: 7, alarm: false },
  "balancer.target-removed": { text: (r) => `${r.node} took ${r.detail} out of rotation (health check failed)`, weight: 9, alarm: false },
  "balancer.target-restored": { text: (r) => `${r.node} put ${r.detail} back into rotation`, weight: 7, alarm: false },
  "request.dropped": { text: (r) => `${r.node} dropped requests: ${r.detail ?? "queue full"}`, weight: 5, alarm: true },
  "request.lost": { text: (r) => `requests lost on the way to ${r.node}`, weight: 4, alarm: true },
  "breaker.opened": { text: (r) => `${r.node}: circuit breaker opened${r.detail ? ` (${r.detail})` : ""}`, weight: 9, alarm: true },
  "breaker.half-opened": { text: (r) => `${r.node}: circuit breaker half-open, letting a probe through`, weight: 7, alarm: false },
  "breaker.closed": { text: (r) => `${r.node}: circuit breaker closed again`, weight: 7, alarm: false },
};

let counter = 0;

/** One narration line for a record. */
export function narrate(record: TraceRecord): NarrationItem {
  const entry = known[record.type];
  const generic = `${record.node ? record.node + ": " : ""}${record.type.replace(/[.-]/g, " ")}${record.detail ? ` (${record.detail})` : ""}`;
  const alarm = entry?.alarm ?? /(crash|fail|drop|reject|open|overflow|lost|timeout|exhaust)/.test(record.type);
  return {
    key: `${record.atMs}-${counter++}`,
    atMs: record.atMs,
    text: entry ? entry.text(record) : generic,
    weight: entry?.weight ?? (alarm ? 6 : 3),
    alarm,
  };
}
