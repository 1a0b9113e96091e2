/**
 * The transaction engine: runs a schedule of statements from two or three transactions over shared,
 * multi-versioned rows, under one isolation level, one statement at a time and deterministically.
 *
 * - Read committed (PostgreSQL 16): every statement reads a fresh snapshot of committed data; an
 *   update waits for the row's uncommitted writer, then applies to the newest committed version.
 * - Repeatable read (snapshot isolation): one snapshot from the transaction's first statement; an
 *   update of a row someone committed after that snapshot aborts ("concurrent update",
 *   first updater wins).
 * - Serializable (SSI, Cahill et al. 2008 as in PostgreSQL): snapshot isolation plus tracking of
 *   read-write antidependencies between concurrent transactions; a transaction that would commit
 *   into a pivot (an rw edge in and an rw edge out, the outgoing one to an already committed
 *   transaction) aborts instead.
 * - Strict two-phase locking: shared locks to read, exclusive to write, all held to the end; one
 *   table lock stands in for predicate locks.
 *
 * On every level, a statement that must wait blocks its transaction (later statements of it queue
 * behind); when waits form a cycle the transaction whose wait closed it is aborted as the deadlock
 * victim. When a transaction ends, waiting statements are retried in the order they blocked.
 */
import { findWaitCycle, LockTable } from "./locks";
import type { Level, Predicate, RunEvent, Step, TxId, Version } from "./types";

export type TxStatus = "active" | "committed" | "aborted";

/** A read of one row, as the dependency graph needs it. */
export interface ReadRecord { tx: TxId; key: string; versionId: string; writer: TxId }
/** A predicate read: which version of every row it saw (null: none visible). */
export interface SelectRecord { tx: TxId; predicate: Predicate; seen: Record<string, string | null> }

/** A version as the lab draws it. */
export interface VersionView extends Version {
  state: "committed" | "uncommitted" | "aborted";
  /** No transaction can see it any more: vacuum may remove it. */
  dead: boolean;
}

/** The engine's state after the steps run so far. */
export interface RunState {
  level: Level;
  events: RunEvent[];
  status: Record<TxId, TxStatus>;
  abortReasons: Record<TxId, string>;
  /** Transactions waiting, and for whom. */
  waiting: Record<TxId, TxId[]>;
  /** The newest committed value of every row (absent: no committed row). */
  committedRows: Record<string, number>;
  versions: VersionView[];
  reads: ReadRecord[];
  selects: SelectRecord[];
  /** Commit order (T0, the initial rows, first). */
  commitOrder: TxId[];
  deadlocks: number;
  vacuumed: number;
  /** Locks held per transaction (two-phase locking only). */
  locks: Record<TxId, string[]>;
}

interface TxState {
  id: TxId;
  status: TxStatus;
  started: boolean;
  snapshot: number;
  commitSeq: number | null;
  pending: { step: Step; index: number }[];
  waitingFor: TxId[];
}

const INITIAL: TxId = "T0";

/** Runs steps one at a time under one level. */
export class TransactionEngine {
  private readonly rows = new Map<string, Version[]>();
  private readonly txs = new Map<TxId, TxState>();
  private readonly locks = new LockTable();
  private readonly sireads = new Map<string, Set<TxId>>();
  private readonly predicateReads: { tx: TxId; predicate: Predicate }[] = [];
  private readonly rwEdges = new Set<string>();
  private readonly abortReasons: Record<TxId, string> = {};
  private readonly events: RunEvent[] = [];
  private readonly reads: ReadRecord[] = [];
  private readonly selects: SelectRecord[] = [];
  private readonly commitOrder: TxId[] = [INITIAL];
  private readonly blockOrder: TxId[] = [];
  private commits = 0;
  private versionCount = 0;
  private deadlocks = 0;
  private vacuumed = 0;
  private waking = false;

  constructor(readonly level: Level, initial: Readonly<Record<string, number>>) {
    this.txs.set(INITIAL, { id: INITIAL, status: "committed", started: true, snapshot: 0, commitSeq: 0, pending: [], waitingFor: [] });
    for (const [key, value] of Object.entries(initial)) this.rows.set(key, [{ id: `${key}0`, key, value, creator: INITIAL }]);
  }

  /** Runs (or queues, or skips) the step at `index` of the schedule. */
  submit(step: Step, index: number): void {
    if (step.kind === "vacuum") {
      const removed = this.vacuum();
      this.log(index, "vacuum", "done", "VACUUM", `Vacuum removes ${removed} dead version${removed === 1 ? "" : "s"}${removed === 0 ? ": every old version may still be seen by a running transaction, or none is dead" : ""}.`);
      return;
    }
    const tx = this.tx(step.tx);
    if (tx.status !== "active") {
      this.log(index, tx.id, "skipped", statementText(step), `${tx.id} has ${tx.status === "aborted" ? "been aborted" : "committed"}, so "${statementText(step)}" does not run.`);
      return;
    }
    if (tx.pending.length > 0) {
      tx.pending.push({ step, index });
      this.log(index, tx.id, "blocked", statementText(step), `${tx.id} is still waiting, so "${statementText(step)}" queues behind its blocked statement.`);
      return;
    }
    this.attempt(tx, step, index, false);
  }

  /** The state so far, as plain data. */
  state(): RunState {
    const status: Record<TxId, TxStatus> = {};
    const waiting: Record<TxId, TxId[]> = {};
    const locks: Record<TxId, string[]> = {};
    for (const tx of this.txs.values()) {
      if (tx.id === INITIAL) continue;
      status[tx.id] = tx.status;
      if (tx.waitingFor.length > 0) waiting[tx.id] = [...tx.waitingFor];
      if (this.level === "two-phase-locking") locks[tx.id] = this.locks.heldBy(tx.id);
    }
    const committedRows: Record<string, number> = {};
    for (const [key, versions] of this.rows) {
      const v = this.newestCommitted(versions);
      if (v) committedRows[key] = v.value;
    }
    const horizon = this.horizon();
    const versions: VersionView[] = [];
    for (const list of this.rows.values())
      for (const v of list) versions.push({ ...v, state: this.versionState(v), dead: this.isDead(v, list, horizon) });
    return {
      level: this.level, events: [...this.events], status, abortReasons: { ...this.abortReasons }, waiting, committedRows, versions,
      reads: [...this.reads], selects: [...this.selects], commitOrder: [...this.commitOrder], deadlocks: this.deadlocks, vacuumed: this.vacuumed, locks,
    };
  }

  // ---- executing one statement ----

  /** Tries the statement; false when it blocked. */
  private attempt(tx: TxState, step: Step, index: number, resumed: boolean): boolean {
    // Snapshot isolation keeps the snapshot of the first statement; the others read the newest committed data.
    if (!tx.started || this.level === "read-committed" || this.level === "two-phase-locking") tx.snapshot = this.commits;
    tx.started = true;
    const blockers = this.execute(tx, step, index, resumed);
    if (blockers.length === 0) return true;
    if (tx.pending[0]?.index !== index) tx.pending.unshift({ step, index });
    tx.waitingFor = blockers;
    if (!this.blockOrder.includes(tx.id)) this.blockOrder.push(tx.id);
    const why = blockers.join(" and ");
    if (!resumed) this.log(index, tx.id, "blocked", statementText(step), `${tx.id} must wait for ${why}: "${statementText(step)}" ${this.level === "two-phase-locking" ? "needs a lock held by" : "touches a row locked by"} ${why}.`);
    const waitsFor = new Map<TxId, TxId[]>();
    for (const t of this.txs.values()) if (t.status === "active" && t.waitingFor.length > 0) waitsFor.set(t.id, t.waitingFor);
    const cycle = findWaitCycle(waitsFor, tx.id);
    if (cycle) {
      this.deadlocks++;
      const loop = [...cycle, cycle[0]].join(" waits for ");
      this.abort(tx, index, `deadlock detected (${loop}); ${tx.id}, whose wait closed the cycle, is the victim`);
    }
    return false;
  }

  /** Runs the statement, returning [] when it ran (or aborted) or the transactions it waits for. */
  private execute(tx: TxState, step: Step, index: number, resumed: boolean): TxId[] {
    const outcome = resumed ? "resumed" : "done";
    switch (step.kind) {
      case "read": {
        if (this.level === "two-phase-locking") {
          const blockers = this.locks.acquire(tx.id, step.key, "S");
          if (blockers.length > 0) return blockers;
        }
        const list = this.rows.get(step.key) ?? [];
        const v = this.visible(tx, list);
        if (!v) {
          this.log(index, tx.id, outcome, statementText(step), `${tx.id} reads ${step.key}: no row is visible.`, "no row");
          return [];
        }
        if (this.level === "serializable") {
          this.siread(step.key).add(tx.id);
          for (const newer of list.slice(list.indexOf(v) + 1)) if (newer.creator !== tx.id && this.status(newer.creator) !== "aborted") this.addRw(tx.id, newer.creator);
        }
        this.reads.push({ tx: tx.id, key: step.key, versionId: v.id, writer: v.creator });
        this.log(index, tx.id, outcome, statementText(step), `${tx.id} reads ${step.key} = ${v.value} (the version ${v.creator === tx.id ? "it wrote itself" : `written by ${v.creator}`}).`, String(v.value));
        return [];
      }
      case "select": {
        if (this.level === "two-phase-locking") {
          const blockers = this.locks.acquire(tx.id, "table", "S");
          if (blockers.length > 0) return blockers;
          for (const key of this.rows.keys()) {
            const b = this.locks.acquire(tx.id, key, "S");
            if (b.length > 0) return b;
          }
        }
        const seen: Record<string, string | null> = {};
        const matched: string[] = [];
        for (const [key, list] of this.rows) {
          const v = this.visible(tx, list);
          seen[key] = v?.id ?? null;
          if (v && step.predicate.matches(v.value)) matched.push(`${key} = ${v.value}`);
          if (this.level === "serializable") {
            const from = v ? list.indexOf(v) + 1 : 0;
            for (const newer of list.slice(from))
              if (newer.creator !== tx.id && this.status(newer.creator) !== "aborted" && (step.predicate.matches(newer.value) || (v !== undefined && step.predicate.matches(v.value)))) this.addRw(tx.id, newer.creator);
          }
        }
        if (this.level === "serializable") this.predicateReads.push({ tx: tx.id, predicate: step.predicate });
        this.selects.push({ tx: tx.id, predicate: step.predicate, seen });
        const result = matched.length === 0 ? "no rows" : matched.join(", ");
        this.log(index, tx.id, outcome, statementText(step), `${tx.id} selects where ${step.predicate.label}: ${result}.`, result);
        return [];
      }
      case "write":
      case "insert": {
        const list = this.rows.get(step.key);
        if (step.kind === "write" && !list) {
          this.log(index, tx.id, outcome, statementText(step), `${tx.id} updates ${step.key}: no such row, nothing changes.`);
          return [];
        }
        if (this.level === "two-phase-locking") {
          const blockers = [...(step.kind === "insert" ? this.locks.acquire(tx.id, "table", "X") : [])];
          if (blockers.length > 0) return blockers;
          const b = this.locks.acquire(tx.id, step.key, "X");
          if (b.length > 0) return b;
        } else if (list) {
          const latest = [...list].reverse().find((v) => this.status(v.creator) !== "aborted");
          if (latest && latest.creator !== tx.id) {
            if (this.status(latest.creator) === "active") return [latest.creator];
            if (this.level !== "read-committed" && this.commitSeqOf(latest.creator) > tx.snapshot) {
              this.abort(tx, index, `could not serialize access due to concurrent update: ${latest.creator} committed a newer ${step.key} after ${tx.id}'s snapshot`);
              return [];
            }
          }
        }
        if (this.level === "serializable") {
          for (const reader of this.sireads.get(step.key) ?? []) this.addRw(reader, tx.id);
          const old = list ? this.newestCommitted(list) : undefined;
          for (const p of this.predicateReads) if (p.predicate.matches(step.value) || (old && p.predicate.matches(old.value))) this.addRw(p.tx, tx.id);
        }
        const version: Version = { id: `${step.key}${++this.versionCount}`, key: step.key, value: step.value, creator: tx.id };
        if (list) list.push(version);
        else this.rows.set(step.key, [version]);
        this.log(index, tx.id, outcome, statementText(step), `${tx.id} ${step.kind === "insert" ? "inserts" : "updates"} ${step.key} = ${step.value} (version ${version.id}, not yet committed).`);
        return [];
      }
      case "commit":
        this.commit(tx, index);
        return [];
      case "abort":
        this.abort(tx, index, "the transaction asked to roll back");
        return [];
      case "vacuum":
        return [];
    }
  }

  private commit(tx: TxState, index: number): void {
    if (this.level === "serializable") {
      const pivot = this.dangerousStructure(tx.id);
      if (pivot) {
        this.abort(tx, index, `could not serialize access due to read/write dependencies among transactions (${pivot})`);
        return;
      }
    }
    tx.status = "committed";
    tx.commitSeq = ++this.commits;
    this.commitOrder.push(tx.id);
    this.locks.releaseAll(tx.id);
    this.log(index, tx.id, "done", "commit", `${tx.id} commits.`);
    this.wake();
  }

  private abort(tx: TxState, index: number, reason: string): void {
    tx.status = "aborted";
    tx.pending = [];
    tx.waitingFor = [];
    this.abortReasons[tx.id] = reason;
    this.locks.releaseAll(tx.id);
    this.log(index, tx.id, "aborted", "abort", `${tx.id} aborts: ${reason}.`);
    this.wake();
  }

  /** Retries blocked statements, in the order their transactions blocked, until nothing moves. */
  private wake(): void {
    if (this.waking) return;
    this.waking = true;
    try {
      let progress = true;
      while (progress) {
        progress = false;
        for (const id of this.blockOrder) {
          const tx = this.tx(id);
          while (tx.status === "active" && tx.pending.length > 0) {
            const head = tx.pending[0];
            if (tx.waitingFor.some((w) => this.status(w) === "active")) break;
            tx.pending.shift();
            tx.waitingFor = [];
            if (!this.attempt(tx, head.step, head.index, true)) break;
            progress = true;
          }
        }
      }
    } finally {
      this.waking = false;
    }
  }

  // ---- SSI ----

  private addRw(from: TxId, to: TxId): void {
    if (from === to || from === INITIAL || to === INITIAL) return;
    if (this.status(from) === "aborted" || this.status(to) === "aborted") return;
    const reader = this.tx(from);
    const writer = this.tx(to);
    // Not concurrent when the reader committed before the writer's snapshot.
    if (reader.commitSeq !== null && writer.started && reader.commitSeq <= writer.snapshot) return;
    this.rwEdges.add(`${from}>${to}`);
  }

  /** A dangerous structure `in →rw pivot →rw out` that committing `tx` would complete, with `out` already committed. */
  private dangerousStructure(tx: TxId): string | null {
    const edges = [...this.rwEdges].map((e) => e.split(">") as [TxId, TxId]).filter(([a, b]) => this.status(a) !== "aborted" && this.status(b) !== "aborted");
    for (const [a, p] of edges)
      for (const [p2, b] of edges) {
        if (p2 !== p || b === tx || this.status(b) !== "committed") continue;
        if (tx === a || tx === p) return `${a} →rw ${p} →rw ${b}, and ${b} has committed`;
      }
    return null;
  }

  private siread(key: string): Set<TxId> {
    const s = this.sireads.get(key) ?? new Set<TxId>();
    this.sireads.set(key, s);
    return s;
  }

  // ---- versions and visibility ----

  private visible(tx: TxState, list: readonly Version[]): Version | undefined {
    for (let i = list.length - 1; i >= 0; i--) {
      const v = list[i];
      if (v.creator === tx.id) return v;
      if (this.status(v.creator) === "committed" && this.commitSeqOf(v.creator) <= tx.snapshot) return v;
    }
    return undefined;
  }

  private newestCommitted(list: readonly Version[]): Version | undefined {
    for (let i = list.length - 1; i >= 0; i--) if (this.status(list[i].creator) === "committed") return list[i];
    return undefined;
  }

  /**
   * The oldest snapshot a running transaction may still read from. Under read committed (and 2PL)
   * a snapshot lasts one statement, so an idle transaction holds nothing back.
   */
  private horizon(): number {
    let h = this.commits;
    if (this.level === "read-committed" || this.level === "two-phase-locking") return h;
    for (const t of this.txs.values()) if (t.status === "active" && t.started) h = Math.min(h, t.snapshot);
    return h;
  }

  private isDead(v: Version, list: readonly Version[], horizon: number): boolean {
    const state = this.versionState(v);
    if (state === "aborted") return true;
    const later = list.slice(list.indexOf(v) + 1);
    if (state === "uncommitted") return false;
    // A version is dead when a newer committed version is visible to every running snapshot, or its creator replaced it itself.
    return later.some((n) => this.status(n.creator) === "committed" && (n.creator === v.creator || this.commitSeqOf(n.creator) <= horizon));
  }

  private vacuum(): number {
    const horizon = this.horizon();
    let removed = 0;
    for (const [key, list] of this.rows) {
      const keep = list.filter((v) => !this.isDead(v, list, horizon));
      removed += list.length - keep.length;
      this.rows.set(key, keep);
    }
    this.vacuumed += removed;
    return removed;
  }

  private versionState(v: Version): VersionView["state"] {
    const s = this.status(v.creator);
    return s === "committed" ? "committed" : s === "aborted" ? "aborted" : "uncommitted";
  }

  private tx(id: TxId): TxState {
    let t = this.txs.get(id);
    if (!t) {
      t = { id, status: "active", started: false, snapshot: 0, commitSeq: null, pending: [], waitingFor: [] };
      this.txs.set(id, t);
    }
    return t;
  }

  private status(id: TxId): TxStatus {
    return this.tx(id).status;
  }

  private commitSeqOf(id: TxId): number {
    return this.tx(id).commitSeq ?? Number.POSITIVE_INFINITY;
  }

  private log(step: number, tx: TxId, outcome: RunEvent["outcome"], statement: string, text: string, result?: string): void {
    this.events.push({ step, tx, outcome, statement, text, ...(result === undefined ? {} : { result }) });
  }
}

/** A statement as SQL-like text ("update x = 11", "select where value % 3 = 0"). */
export function statementText(step: Step): string {
  switch (step.kind) {
    case "read": return `read ${step.key}`;
    case "write": return `update ${step.key} = ${step.value}`;
    case "insert": return `insert ${step.key} = ${step.value}`;
    case "select": return `select where ${step.predicate.label}`;
    case "commit": return "commit";
    case "abort": return "abort";
    case "vacuum": return "VACUUM";
  }
}

/** Runs the first `upTo` steps (all by default) of a schedule from the initial rows. */
export function runSchedule(steps: readonly Step[], level: Level, initial: Readonly<Record<string, number>>, upTo = steps.length): RunState {
  const engine = new TransactionEngine(level, initial);
  steps.slice(0, upTo).forEach((s, i) => engine.submit(s, i));
  return engine.state();
}
