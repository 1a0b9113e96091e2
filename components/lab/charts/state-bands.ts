/**
 * State charts as coloured bands: one row per breaker, a segment per stretch of time in one state
 * (closed, half-open, open), named in words. Built from the run's exact transitions when the
 * worker's preview has them (a half-open lasting 40 ms is not lost between two samples), and from
 * the sampled series otherwise. Pure, for tests.
 */
import type { Sample, Scenario, TraceRecord } from "@/simulations";

export interface StateSegment {
  fromMs: number;
  toMs: number;
  state: string;
}

export interface StateBandRow {
  key: string;
  label: string;
  segments: StateSegment[];
}

/** Each state's name, colour and pattern (so colour is not the only signal). */
export const breakerStateStyles: Record<string, { label: string; colour: string; pattern?: "stripes" | "dots" }> = {
  closed: { label: "closed (calls flow)", colour: "var(--fl-ok)" },
  "half-open": { label: "half-open (probing)", colour: "var(--fl-warn)", pattern: "dots" },
  open: { label: "open (calls refused)", colour: "var(--fl-danger, #dc2626)", pattern: "stripes" },
  disabled: { label: "off (no breaker)", colour: "var(--fl-muted)" },
};

const stateOf: Record<string, string> = { "breaker.opened": "open", "breaker.half-opened": "half-open", "breaker.closed": "closed" };

function merge(segments: StateSegment[]): StateSegment[] {
  const out: StateSegment[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (last && last.state === s.state && Math.abs(last.toMs - s.fromMs) < 1e-6) last.toMs = s.toMs;
    else if (s.toMs > s.fromMs || s.state === "half-open") out.push({ ...s });
  }
  return out;
}

/** Segments of one node from its transition records, from 0 up to `untilMs`. */
export function bandsFromTransitions(records: readonly TraceRecord[], node: string, untilMs: number, initial = "closed"): StateSegment[] {
  const segments: StateSegment[] = [];
  let state = initial;
  let from = 0;
  for (const r of records) {
    if (r.node !== node || !(r.type in stateOf) || r.atMs > untilMs) continue;
    segments.push({ fromMs: from, toMs: r.atMs, state });
    state = stateOf[r.type];
    from = r.atMs;
  }
  segments.push({ fromMs: from, toMs: untilMs, state });
  return merge(segments);
}

/** Segments of one node (or edge) from the sampled series (each sample's state holds until the next). */
export function bandsFromSeries(series: readonly Sample[], node: string, onEdge = false): StateSegment[] {
  const segments: StateSegment[] = [];
  let previous = 0;
  for (const s of series) {
    const state = (onEdge ? s.edges?.[node] : s.nodes[node])?.breakerState;
    if (typeof state === "string") segments.push({ fromMs: previous, toMs: s.tMs, state });
    previous = s.tMs;
  }
  return merge(segments);
}

/** One band row per breaker in the series; exact transitions when given. */
export function breakerBands(series: readonly Sample[], transitions: readonly TraceRecord[] | null, untilMs: number): StateBandRow[] {
  const last = series[series.length - 1]?.nodes ?? {};
  const breakers = Object.keys(last).filter((id) => typeof last[id].breakerState === "string");
  const rows = breakers.map((id) => {
    const disabled = last[id].breakerState === "disabled";
    const segments = transitions && !disabled ? bandsFromTransitions(transitions, id, untilMs) : bandsFromSeries(series, id);
    return { key: id, label: id, segments };
  });
  const lastEdges = series[series.length - 1]?.edges ?? {};
  const edgeBreakers = Object.keys(lastEdges).filter((id) => typeof lastEdges[id].breakerState === "string");
  return [...rows, ...edgeBreakers.map((id) => ({ key: `edge-${id}`, label: `${id} (edge)`, segments: bandsFromSeries(series, id, true) }))];
}

/** The chart a chapter's lab leads with, inferred from the kinds in its scenario. */
export type KeyChart = "latency" | "throughput" | "queues" | "hit-ratio" | "breaker" | "replicas";

export function inferKeyChart(scenario: Pick<Scenario, "nodes" | "edges">): KeyChart {
  const kinds = new Set(scenario.nodes.map((n) => n.kind));
  const edgeBreaker = scenario.edges.some((e) => Boolean((e as { circuitBreaker?: unknown }).circuitBreaker));
  if (kinds.has("circuit-breaker") || edgeBreaker) return "breaker";
  if (kinds.has("broker") || kinds.has("consumer")) return "queues";
  if (kinds.has("cache")) return "hit-ratio";
  if (kinds.has("autoscaled-pool")) return "replicas";
  return "latency";
}

/** The charts with the key chart first (the rest keep their order). */
export function orderCharts<T extends { id: string }>(charts: readonly T[], key: string): T[] {
  const first = charts.find((c) => c.id === key);
  return first ? [first, ...charts.filter((c) => c !== first)] : [...charts];
}
