/**
 * Turns a traced request's spans into hops along the scenario's edges, for the particle overlay.
 *
 * The runtime records a `call` span each time a request crosses an edge (named by the node it went
 * to) and a `rejected` span when the target refused it (a crashed node, a full queue). The caller of
 * a hop is the target's parent in the graph; when a node has several parents, the one whose own call
 * encloses this one in time (or the request's source) is the caller.
 */
import type { RequestTrace, Scenario } from "@/simulations";
import type { Hop, HopOutcome } from "./protocol";

export interface EdgeIndex {
  /** `"from->to"` -> index into scenario.edges. */
  byPair: Map<string, number>;
  /** node id -> ids of nodes with an edge into it. */
  parents: Map<string, string[]>;
}

export function createEdgeIndex(scenario: Scenario): EdgeIndex {
  const byPair = new Map<string, number>();
  const parents = new Map<string, string[]>();
  scenario.edges.forEach((edge, index) => {
    byPair.set(`${edge.from}->${edge.to}`, index);
    parents.set(edge.to, [...(parents.get(edge.to) ?? []), edge.from]);
  });
  return { byPair, parents };
}

function hopOutcome(kind: string, outcome: string | undefined, detail: string | undefined): HopOutcome {
  if (kind === "retry") return "retry";
  if (kind === "rejected") return detail === "node down" || outcome === "error" ? "rejected" : "dropped";
  if (outcome === "ok" || outcome === undefined) return "ok";
  if (outcome === "dropped") return "dropped";
  return "error";
}

/** The hops of one traced request, in span order. */
export function traceToHops(trace: RequestTrace, index: EdgeIndex): Hop[] {
  const calls = trace.spans.filter((s) => s.kind === "call");
  const hops: Hop[] = [];
  for (const span of trace.spans) {
    if (span.kind !== "call" && span.kind !== "rejected" && span.kind !== "retry") continue;
    // A full queue records both a rejection and the call it answered; draw it once.
    if (span.kind === "rejected" && calls.some((c) => c.node === span.node && c.startMs === span.startMs)) continue;
    const parents = index.parents.get(span.node) ?? [];
    let from = parents[0];
    if (parents.length > 1) {
      from =
        parents.find((p) => p === trace.sourceId) ??
        parents.find((p) => calls.some((c) => c.node === p && c.startMs <= span.startMs && c.endMs >= span.endMs)) ??
        parents[0];
    }
    if (from === undefined) continue;
    const edge = index.byPair.get(`${from}->${span.node}`);
    if (edge === undefined) continue;
    hops.push({ edge, startMs: span.startMs, endMs: span.endMs, outcome: hopOutcome(span.kind, span.outcome, span.detail), requestId: trace.id });
  }
  return hops;
}
