/**
 * Canned schedules: one per anomaly of the Hermitage test suite (Kleppmann, github.com/ept/hermitage,
 * PostgreSQL tests), rewritten over rows x and y (Hermitage's ids 1 and 2, values 10 and 20), plus a
 * deadlock and a vacuum horizon. Each says how to tell, from what the transactions observed and
 * which of them committed, whether the anomaly happened; and `hermitage` records PostgreSQL's row of
 * the Hermitage matrix: whether each level prevents it.
 */
import type { RunState } from "./engine";
import type { Level, Predicate, Step, TxId } from "./types";

export type AnomalyId = "G0" | "G1a" | "G1b" | "G1c" | "OTV" | "PMP" | "P4" | "G-single" | "G2-item" | "G2";
export type ScheduleId = AnomalyId | "deadlock" | "vacuum";

export interface Schedule {
  id: ScheduleId;
  title: string;
  /** One sentence: what to watch for. */
  summary: string;
  initial: Record<string, number>;
  steps: Step[];
  /** Whether the anomaly showed (false for the schedules that demonstrate no anomaly). */
  occurred(run: RunState): boolean;
  /** PostgreSQL's Hermitage row for this anomaly: true where the level prevents it. */
  hermitage?: Record<Exclude<Level, "two-phase-locking">, boolean>;
}

const INITIAL = { x: 10, y: 20 };
const divisibleBy3: Predicate = { label: "value % 3 = 0", matches: (v) => v % 3 === 0 };
const equals30: Predicate = { label: "value = 30", matches: (v) => v === 30 };

const r = (tx: TxId, key: string): Step => ({ tx, kind: "read", key });
const w = (tx: TxId, key: string, value: number): Step => ({ tx, kind: "write", key, value });
const ins = (tx: TxId, key: string, value: number): Step => ({ tx, kind: "insert", key, value });
const sel = (tx: TxId, predicate: Predicate): Step => ({ tx, kind: "select", predicate });
const commit = (tx: TxId): Step => ({ tx, kind: "commit" });
const abort = (tx: TxId): Step => ({ tx, kind: "abort" });

/** The values a transaction's reads returned, in order (`x=10`, …), for the anomaly checks. */
export function observed(run: RunState, tx: TxId): string[] {
  return run.events.filter((e) => e.tx === tx && e.result !== undefined && (e.outcome === "done" || e.outcome === "resumed")).map((e) => (e.statement.startsWith("read ") ? `${e.statement.slice(5)}=${e.result}` : `${e.statement}: ${e.result}`));
}

const committed = (run: RunState, ...txs: TxId[]) => txs.every((t) => run.status[t] === "committed");
const PREVENTS_ALL = { "read-committed": true, "repeatable-read": true, serializable: true };
const SNAPSHOT = { "read-committed": false, "repeatable-read": true, serializable: true };
const SERIALIZABLE_ONLY = { "read-committed": false, "repeatable-read": false, serializable: true };

/** Every canned schedule, in the order the lab lists them. */
export const SCHEDULES: readonly Schedule[] = [
  {
    id: "G0", title: "G0: dirty write", summary: "Two transactions write both rows in opposite order of completion; without write locks x could end up T2's and y T1's.",
    initial: INITIAL,
    steps: [w("T1", "x", 11), w("T2", "x", 12), w("T1", "y", 21), commit("T1"), w("T2", "y", 22), commit("T2")],
    occurred: (run) => committed(run, "T1", "T2") && (run.committedRows.x === 11) !== (run.committedRows.y === 21),
    hermitage: PREVENTS_ALL,
  },
  {
    id: "G1a", title: "G1a: aborted read", summary: "T2 reads while T1's update is uncommitted, and T1 then rolls back: did T2 ever see 101?",
    initial: INITIAL,
    steps: [w("T1", "x", 101), r("T2", "x"), abort("T1"), r("T2", "x"), commit("T2")],
    occurred: (run) => observed(run, "T2").includes("x=101"),
    hermitage: PREVENTS_ALL,
  },
  {
    id: "G1b", title: "G1b: intermediate read", summary: "T1 writes x twice; T2 must never see the first, intermediate value.",
    initial: INITIAL,
    steps: [w("T1", "x", 101), r("T2", "x"), w("T1", "x", 11), commit("T1"), r("T2", "x"), commit("T2")],
    occurred: (run) => observed(run, "T2").includes("x=101"),
    hermitage: PREVENTS_ALL,
  },
  {
    id: "G1c", title: "G1c: circular information flow", summary: "Each transaction reads the row the other has written but not committed.",
    initial: INITIAL,
    steps: [w("T1", "x", 11), w("T2", "y", 22), r("T1", "y"), r("T2", "x"), commit("T1"), commit("T2")],
    occurred: (run) => observed(run, "T1").includes("y=22") && observed(run, "T2").includes("x=11"),
    hermitage: PREVENTS_ALL,
  },
  {
    id: "OTV", title: "OTV: observed transaction vanishes", summary: "T3 must not see T2's y and then, afterwards, the x that T2 overwrote.",
    initial: INITIAL,
    steps: [w("T1", "x", 11), w("T1", "y", 19), w("T2", "x", 12), commit("T1"), r("T3", "x"), w("T2", "y", 18), r("T3", "y"), commit("T2"), r("T3", "y"), r("T3", "x"), commit("T3")],
    occurred: (run) => {
      const seen = observed(run, "T3");
      const saw18 = seen.indexOf("y=18");
      return saw18 >= 0 && seen.slice(saw18).includes("x=11");
    },
    hermitage: PREVENTS_ALL,
  },
  {
    id: "PMP", title: "PMP: predicate-many-preceders", summary: "T1 selects by a predicate twice; T2 inserts a matching row in between and commits.",
    initial: INITIAL,
    steps: [sel("T1", equals30), ins("T2", "z", 30), commit("T2"), sel("T1", divisibleBy3), commit("T1")],
    occurred: (run) => observed(run, "T1").some((o) => o.includes("z = 30")),
    hermitage: SNAPSHOT,
  },
  {
    id: "P4", title: "P4: lost update", summary: "Both transactions read x = 10 and write back 11: one increment disappears.",
    initial: INITIAL,
    steps: [r("T1", "x"), r("T2", "x"), w("T1", "x", 11), w("T2", "x", 11), commit("T1"), commit("T2")],
    occurred: (run) => committed(run, "T1", "T2"),
    hermitage: SNAPSHOT,
  },
  {
    id: "G-single", title: "G-single: read skew", summary: "T1 reads x before and y after T2 moves value between them: the total T1 sees is wrong.",
    initial: INITIAL,
    steps: [r("T1", "x"), r("T2", "x"), r("T2", "y"), w("T2", "x", 12), w("T2", "y", 18), commit("T2"), r("T1", "y"), commit("T1")],
    occurred: (run) => observed(run, "T1").includes("x=10") && observed(run, "T1").includes("y=18"),
    hermitage: SNAPSHOT,
  },
  {
    id: "G2-item", title: "G2-item: write skew", summary: "Each reads both rows, then writes a different one: both commit on premises the other broke.",
    initial: INITIAL,
    steps: [r("T1", "x"), r("T1", "y"), r("T2", "x"), r("T2", "y"), w("T1", "x", 11), w("T2", "y", 21), commit("T1"), commit("T2")],
    occurred: (run) => committed(run, "T1", "T2") && run.committedRows.x === 11 && run.committedRows.y === 21,
    hermitage: SERIALIZABLE_ONLY,
  },
  {
    id: "G2", title: "G2: anti-dependency cycle (phantoms)", summary: "Each selects the rows matching a predicate, finds none, and inserts one that would have matched the other's select.",
    initial: INITIAL,
    steps: [sel("T1", divisibleBy3), sel("T2", divisibleBy3), ins("T1", "z", 30), ins("T2", "w", 42), commit("T1"), commit("T2")],
    occurred: (run) => committed(run, "T1", "T2") && run.committedRows.z === 30 && run.committedRows.w === 42,
    hermitage: SERIALIZABLE_ONLY,
  },
  {
    id: "deadlock", title: "Deadlock", summary: "T1 locks x then wants y; T2 locks y then wants x. Someone has to give up.",
    initial: INITIAL,
    steps: [w("T1", "x", 11), w("T2", "y", 22), w("T1", "y", 21), w("T2", "x", 12), commit("T1"), commit("T2")],
    occurred: () => false,
  },
  {
    id: "vacuum", title: "Vacuum and a long reader", summary: "T2 and T3 update x while T1, a long repeatable-read reader, stays open: vacuum cannot remove what T1 might still read.",
    initial: INITIAL,
    steps: [r("T1", "x"), w("T2", "x", 11), commit("T2"), w("T3", "x", 12), commit("T3"), { tx: "vacuum", kind: "vacuum" }, r("T1", "x"), commit("T1"), { tx: "vacuum", kind: "vacuum" }],
    occurred: () => false,
  },
];

/** A schedule by id; throws naming the id when there is none. */
export function scheduleById(id: string): Schedule {
  const s = SCHEDULES.find((x) => x.id === id);
  if (!s) throw new Error(`no transaction schedule "${id}" (known: ${SCHEDULES.map((x) => x.id).join(", ")})`);
  return s;
}
