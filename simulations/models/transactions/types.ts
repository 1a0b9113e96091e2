/**
 * The vocabulary of the transaction lab: transactions (T1, T2, T3) run statements over a few shared
 * rows, interleaved by a schedule. A statement reads one row, updates one row, inserts a row, or
 * selects every row matching a predicate; a transaction ends with commit or abort. Rows are
 * multi-versioned (MVCC): every update appends a version stamped with the transaction that made it.
 */

/** A transaction's name in a schedule: "T1", "T2", "T3". "T0" wrote the initial rows. */
export type TxId = string;

/** The isolation levels the engine runs, named as PostgreSQL 16 names them, plus strict two-phase locking. */
export type Level = "read-committed" | "repeatable-read" | "serializable" | "two-phase-locking";

export const LEVELS: readonly Level[] = ["read-committed", "repeatable-read", "serializable", "two-phase-locking"];

/** A predicate a `select … where` reads: which rows' values it matches. */
export interface Predicate {
  /** As written in SQL after `where`, e.g. "value % 3 = 0". */
  label: string;
  matches(value: number): boolean;
}

/** One statement of one transaction, in schedule order. */
export type Step =
  | { tx: TxId; kind: "read"; key: string }
  | { tx: TxId; kind: "write"; key: string; value: number }
  | { tx: TxId; kind: "insert"; key: string; value: number }
  | { tx: TxId; kind: "select"; predicate: Predicate }
  | { tx: TxId; kind: "commit" }
  | { tx: TxId; kind: "abort" }
  /** Not a transaction's statement: the vacuum process removing versions no one can see any more. */
  | { tx: "vacuum"; kind: "vacuum" };

/** One version of a row. `creator` made it; `id` is unique in the run ("x0" initial, "x1", …). */
export interface Version {
  id: string;
  key: string;
  value: number;
  creator: TxId;
}

/** What happened to one statement. */
export type Outcome = "done" | "blocked" | "resumed" | "aborted" | "skipped";

/** One entry of the run's log, in the order things happened. */
export interface RunEvent {
  /** Index of the schedule step this belongs to. */
  step: number;
  tx: TxId;
  outcome: Outcome;
  /** The statement as SQL-like text, e.g. "update x = 11". */
  statement: string;
  /** For reads and selects: what the statement returned. */
  result?: string;
  /** A sentence for the live region and the table. */
  text: string;
}
