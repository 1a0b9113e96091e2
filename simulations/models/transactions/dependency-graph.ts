/**
 * The direct serialization graph of an executed history (Adya, Liskov & O'Neil, ICDE 2000): one node
 * per committed transaction and an edge for every dependency between two of them.
 *
 * - ww (write dependency): Ti installed a version of x and Tj installed the next one.
 * - wr (read dependency): Tj read a version Ti installed (or a predicate read saw it).
 * - rw (antidependency): Ti read a version of x and Tj installed the next one; for a predicate
 *   read, Tj installed a version that changes whether a row matches what Ti's predicate saw.
 *
 * The history is serializable when the graph has no cycle; a cycle is named by its edges: only ww is
 * G0 (dirty writes), ww and wr is G1c (circular information flow), exactly one rw is G-single (read
 * skew, lost update), more than one rw is G2-item, or G2 when a predicate rw edge is needed. Two
 * phenomena need no cycle: G1a, a committed transaction read an aborted write, and G1b, it read a
 * version its writer later replaced.
 */
import type { RunState } from "./engine";
import type { TxId, Version } from "./types";

export type EdgeKind = "ww" | "wr" | "rw";
export type CycleKind = "G0" | "G1c" | "G-single" | "G2-item" | "G2";

export interface DependencyEdge {
  from: TxId;
  to: TxId;
  kind: EdgeKind;
  /** The row it is about, or the predicate's text. */
  on: string;
  predicate: boolean;
}

export interface DependencyGraph {
  nodes: TxId[];
  edges: DependencyEdge[];
  /** The most severe cycle, its edges in order, or null when the history is serializable. */
  cycle: { kind: CycleKind; edges: DependencyEdge[] } | null;
  /** G1a and G1b reads, as sentences. */
  phenomena: { kind: "G1a" | "G1b"; text: string }[];
}

/** What each cycle kind means, for the lab's sentence. */
export const CYCLE_NAMES: Record<CycleKind, string> = {
  G0: "G0, a write cycle (dirty writes)",
  G1c: "G1c, circular information flow",
  "G-single": "G-single, a cycle with one antidependency (read skew or lost update)",
  "G2-item": "G2-item, a cycle of item antidependencies (write skew)",
  G2: "G2, a cycle through a predicate antidependency (phantom write skew)",
};

/**
 * Builds the graph of the committed transactions in a run and names its worst cycle. With
 * `provisional`, transactions still running count as if they committed now, in the order they
 * appear (the lab draws the graph as it grows; Adya's graph proper has committed ones only).
 */
export function dependencyGraph(run: RunState, provisional = false): DependencyGraph {
  const order = provisional ? [...run.commitOrder, ...Object.keys(run.status).filter((t) => run.status[t] === "active")] : run.commitOrder;
  run = { ...run, commitOrder: order };
  const committed = new Set(run.commitOrder);
  const nodes = run.commitOrder.filter((t) => t !== "T0");
  const byId = new Map(run.versions.map((v) => [v.id, v]));
  // Installed versions per row: each committed creator's last version, in commit order.
  const installed = new Map<string, Version[]>();
  for (const v of run.versions) {
    if (!committed.has(v.creator)) continue;
    const list = installed.get(v.key) ?? [];
    const own = list.findIndex((o) => o.creator === v.creator);
    if (own >= 0) list.splice(own, 1);
    list.push(v);
    installed.set(v.key, list);
  }
  for (const list of installed.values()) list.sort((a, b) => run.commitOrder.indexOf(a.creator) - run.commitOrder.indexOf(b.creator));
  const isInstalled = (id: string) => [...installed.values()].some((l) => l.some((v) => v.id === id));
  const nextAfter = (key: string, id: string | null): Version | undefined => {
    const list = installed.get(key) ?? [];
    if (id === null) return list[0];
    const i = list.findIndex((v) => v.id === id);
    return i >= 0 ? list[i + 1] : undefined;
  };

  const edges: DependencyEdge[] = [];
  const add = (from: TxId, to: TxId, kind: EdgeKind, on: string, predicate = false) => {
    if (from === to || from === "T0" || to === "T0" || !committed.has(from) || !committed.has(to)) return;
    if (!edges.some((e) => e.from === from && e.to === to && e.kind === kind && e.on === on)) edges.push({ from, to, kind, on, predicate });
  };
  for (const [key, list] of installed) for (let i = 1; i < list.length; i++) add(list[i - 1].creator, list[i].creator, "ww", key);

  const phenomena: DependencyGraph["phenomena"] = [];
  for (const r of run.reads) {
    if (!committed.has(r.tx)) continue;
    if (r.writer !== r.tx && !committed.has(r.writer)) phenomena.push({ kind: "G1a", text: `${r.tx} read ${r.key} from ${r.writer}, which aborted` });
    else if (r.writer !== r.tx && !isInstalled(r.versionId) && byId.has(r.versionId)) phenomena.push({ kind: "G1b", text: `${r.tx} read an intermediate ${r.key} that ${r.writer} later replaced` });
    if (!committed.has(r.writer) && r.writer !== r.tx) continue;
    add(r.writer, r.tx, "wr", r.key);
    const next = nextAfter(r.key, r.versionId);
    if (next) add(r.tx, next.creator, "rw", r.key);
  }
  for (const s of run.selects) {
    if (!committed.has(s.tx)) continue;
    for (const key of installed.keys()) {
      const seenId = s.seen[key] ?? null;
      const seen = seenId === null ? undefined : byId.get(seenId) ?? run.versions.find((v) => v.id === seenId);
      if (seen && s.predicate.matches(seen.value)) add(seen.creator, s.tx, "wr", s.predicate.label, true);
      const next = nextAfter(key, seen && isInstalled(seen.id) ? seen.id : null);
      if (!next || (seen && next.id === seen.id)) continue;
      const before = seen !== undefined && s.predicate.matches(seen.value);
      if (before !== s.predicate.matches(next.value)) add(s.tx, next.creator, "rw", s.predicate.label, true);
    }
  }
  return { nodes, edges, cycle: worstCycle(edges), phenomena };
}

/** The most severe cycle: G0 before G1c before G-single before G2-item before G2. */
function worstCycle(edges: readonly DependencyEdge[]): DependencyGraph["cycle"] {
  const ww = edges.filter((e) => e.kind === "ww");
  const g0 = anyCycle(ww);
  if (g0) return { kind: "G0", edges: g0 };
  const dep = edges.filter((e) => e.kind !== "rw");
  const g1c = anyCycle(dep);
  if (g1c) return { kind: "G1c", edges: g1c };
  for (const rw of edges.filter((e) => e.kind === "rw")) {
    const back = path(rw.to, rw.from, dep);
    if (back) return { kind: "G-single", edges: [rw, ...back] };
  }
  const item = anyCycle(edges.filter((e) => !e.predicate));
  if (item) return { kind: "G2-item", edges: item };
  const all = anyCycle(edges);
  return all ? { kind: "G2", edges: all } : null;
}

function anyCycle(edges: readonly DependencyEdge[]): DependencyEdge[] | null {
  for (const e of edges) {
    if (e.from === e.to) return [e];
    const back = path(e.to, e.from, edges);
    if (back) return [e, ...back];
  }
  return null;
}

/** Shortest path of edges from `from` to `to` (breadth first), or null. */
function path(from: TxId, to: TxId, edges: readonly DependencyEdge[]): DependencyEdge[] | null {
  const prev = new Map<TxId, DependencyEdge>();
  const queue: TxId[] = [from];
  const seen = new Set<TxId>([from]);
  while (queue.length > 0) {
    const at = queue.shift() as TxId;
    if (at === to) {
      const out: DependencyEdge[] = [];
      let cur = to;
      while (cur !== from) {
        const e = prev.get(cur) as DependencyEdge;
        out.unshift(e);
        cur = e.from;
      }
      return out;
    }
    for (const e of edges)
      if (e.from === at && !seen.has(e.to)) {
        seen.add(e.to);
        prev.set(e.to, e);
        queue.push(e.to);
      }
  }
  return null;
}
