/**
 * The visible state of each process of a protocol log at a moment: the last `state` event at or
 * before it, and whether the process was up. Raft servers publish their role, term, commit index and
 * the terms of their newest log entries this way, which is what the lab's log matrix draws.
 */
import type { LogEvent } from "@/simulations";
import type { ProtocolLog } from "./log-store";

export interface ProcessStateAt {
  id: string;
  up: boolean;
  /** Parsed from the last state event; null when none is retained before the moment. */
  state: Record<string, string | number | boolean | null> | null;
}

/** The last event of `lane` at or before `atMs` that satisfies `match` (lanes are in time order). */
function lastBefore(lane: readonly LogEvent[], atMs: number, match: (e: LogEvent) => boolean): LogEvent | null {
  let hi = lane.length;
  let lo = 0;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lane[mid].atMs <= atMs) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) if (match(lane[i])) return lane[i];
  return null;
}

/** Every process's state at `atMs`. */
export function processStatesAt(log: Pick<ProtocolLog, "processes" | "lanes">, atMs: number): ProcessStateAt[] {
  return log.processes.map((id) => {
    const lane = log.lanes.get(id) ?? [];
    const life = lastBefore(lane, atMs, (e) => e.type === "crash" || e.type === "restart");
    const last = lastBefore(lane, atMs, (e) => e.type === "state");
    let state: ProcessStateAt["state"] = null;
    if (last?.detail) {
      try {
        state = JSON.parse(last.detail) as ProcessStateAt["state"];
      } catch {
        state = null;
      }
    }
    return { id, up: life?.type !== "crash", state };
  });
}

/** One row of a Raft log matrix: the terms of a server's entries by index, and its commit index. */
export interface LogRow {
  id: string;
  up: boolean;
  role: string;
  term: number;
  commit: number;
  length: number;
  /** Index → term, for the entries the server showed (its newest ones). */
  terms: Map<number, number>;
}

/** The log matrix of a Raft cluster at `atMs` (empty when the processes are not Raft servers). */
export function raftLogMatrix(log: Pick<ProtocolLog, "processes" | "lanes">, atMs: number): { rows: LogRow[]; from: number; to: number } {
  const rows: LogRow[] = [];
  for (const p of processStatesAt(log, atMs)) {
    const s = p.state;
    if (!s || typeof s.role !== "string" || typeof s.tail !== "string") continue;
    const terms = new Map<number, number>();
    const from = Number(s.tailFrom ?? 1);
    (s.tail ? s.tail.split(",") : []).forEach((t, k) => terms.set(from + k, Number(t)));
    rows.push({ id: p.id, up: p.up, role: s.role, term: Number(s.term ?? 0), commit: Number(s.commit ?? 0), length: Number(s.log ?? 0), terms });
  }
  const to = Math.max(0, ...rows.map((r) => r.length));
  const from = Math.max(1, to - 11);
  return { rows, from, to };
}
