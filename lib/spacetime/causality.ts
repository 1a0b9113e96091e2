/**
 * Causal relations between logged events, from their vector stamps (Fidge/Mattern): the selected
 * event's past (happened before it), its future (happened after), and the events concurrent with it.
 * Events without stamps (drops, partitions) relate to nothing.
 */
import { compareVectors, type LogEvent } from "@/simulations";

export type Relation = "selected" | "before" | "after" | "concurrent" | "unrelated";

/** How `event` relates to `selected`: before/after means happened before/after it. */
export function relationTo(selected: LogEvent, event: LogEvent): Relation {
  if (event.seq === selected.seq) return "selected";
  if (!selected.vector || !event.vector) return "unrelated";
  const order = compareVectors(event.vector, selected.vector);
  // Two distinct events never have equal vectors (each ticks its own entry); be safe anyway.
  return order === "equal" ? "concurrent" : order;
}

/** Relations of every event in `events` to `selected` (by seq). */
export function relations(selected: LogEvent | null, events: readonly LogEvent[]): Map<number, Relation> {
  const out = new Map<number, Relation>();
  if (!selected) return out;
  for (const e of events) out.set(e.seq, relationTo(selected, e));
  return out;
}

/** Counts of each relation, for the caption ("12 concurrent events in view"). */
export function relationCounts(rel: Map<number, Relation>): Record<Relation, number> {
  const counts: Record<Relation, number> = { selected: 0, before: 0, after: 0, concurrent: 0, unrelated: 0 };
  for (const r of rel.values()) counts[r]++;
  return counts;
}
