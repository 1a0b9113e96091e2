/**
 * A write-ahead log, stepped. Transaction T1 moves 30 from account A to account B and commits;
 * T2 changes C and never commits. The buffer manager writes C's page to disk early (a "steal"),
 * which the WAL rule allows only after the log is flushed past C's change. The commit is durable
 * once the log is fsynced past T1's COMMIT record, and only then is the client told.
 *
 * Crash after any step: recovery (ARIES-style, simplified to one page per account) redoes every
 * durable update whose page on disk is older than the record, then undoes, newest first, every
 * update of a transaction with no durable COMMIT. Records still in the log buffer are gone.
 */

export type Account = "A" | "B" | "C";
export interface LogRecord {
  lsn: number;
  tx: "T1" | "T2";
  kind: "begin" | "update" | "commit";
  account?: Account;
  before?: number;
  after?: number;
}
export interface Page {
  value: number;
  /** LSN of the last change applied to this copy of the page (0 = initial). */
  pageLsn: number;
}
export type Pages = Record<Account, Page>;
export interface WalStep {
  index: number;
  text: string;
  /** Records appended so far (in the log buffer or on disk). */
  log: LogRecord[];
  /** Highest LSN fsynced to the log file. */
  flushedLsn: number;
  memory: Pages;
  disk: Pages;
  clientToldCommitted: boolean;
}

export const INITIAL: Record<Account, number> = { A: 100, B: 50, C: 10 };
const RECORDS: LogRecord[] = [
  { lsn: 1, tx: "T1", kind: "begin" },
  { lsn: 2, tx: "T1", kind: "update", account: "A", before: 100, after: 70 },
  { lsn: 3, tx: "T2", kind: "begin" },
  { lsn: 4, tx: "T2", kind: "update", account: "C", before: 10, after: 99 },
  { lsn: 5, tx: "T1", kind: "update", account: "B", before: 50, after: 80 },
  { lsn: 6, tx: "T1", kind: "commit" },
];
/** The step at which the log is fsynced past T1's COMMIT. */
export const COMMIT_FSYNC_STEP = 8;

const pages = (): Pages => ({ A: { value: INITIAL.A, pageLsn: 0 }, B: { value: INITIAL.B, pageLsn: 0 }, C: { value: INITIAL.C, pageLsn: 0 } });
const clone = (p: Pages): Pages => ({ A: { ...p.A }, B: { ...p.B }, C: { ...p.C } });

/** The ten states, from before T1 starts to after the client is told. */
export function walSteps(): WalStep[] {
  const steps: WalStep[] = [];
  let log: LogRecord[] = [];
  let flushedLsn = 0;
  let memory = pages();
  let disk = pages();
  let told = false;
  const push = (text: string) => steps.push({ index: steps.length, text, log: [...log], flushedLsn, memory: clone(memory), disk: clone(disk), clientToldCommitted: told });
  const append = (r: LogRecord) => {
    log = [...log, r];
    if (r.kind === "update") memory = { ...clone(memory), [r.account!]: { value: r.after!, pageLsn: r.lsn } };
  };
  push("Start: A = 100, B = 50, C = 10 on disk; the log is empty.");
  append(RECORDS[0]);
  push("T1 begins (LSN 1, in the log buffer in memory).");
  append(RECORDS[1]);
  push("T1 sets A from 100 to 70: log record LSN 2, and A's page changes in memory only.");
  append(RECORDS[2]);
  push("T2 begins (LSN 3).");
  append(RECORDS[3]);
  push("T2 sets C from 10 to 99: LSN 4, in memory only.");
  flushedLsn = 4;
  disk = { ...clone(disk), C: { ...memory.C } };
  push("The buffer manager needs room and writes C's page to disk. The WAL rule forces the log to disk up to LSN 4 first, so the uncommitted 99 on disk can be undone.");
  append(RECORDS[4]);
  push("T1 sets B from 50 to 80: LSN 5, in memory only.");
  append(RECORDS[5]);
  push("T1 appends its COMMIT record (LSN 6) to the log buffer. Nothing of it is on disk yet.");
  flushedLsn = 6;
  push("fsync: the log is on disk up to LSN 6. T1's commit is now durable, though A and B are still only in memory.");
  told = true;
  push("The database tells the client: committed.");
  return steps;
}

export interface Recovery {
  /** Records that survived the crash (LSN ≤ flushed). */
  durable: LogRecord[];
  /** Records lost with the log buffer. */
  lost: LogRecord[];
  redone: LogRecord[];
  /** Durable updates skipped by redo because the page on disk already had them. */
  skipped: LogRecord[];
  undone: LogRecord[];
  final: Record<Account, number>;
  committed: boolean;
  clientToldCommitted: boolean;
  summary: string;
}

/** Crash right after `steps[at]` and recover from the disk and the durable log. */
export function recoverAfter(at: number): Recovery {
  const steps = walSteps();
  if (!Number.isInteger(at) || at < 0 || at >= steps.length) throw new Error(`crash step must be a whole number from 0 to ${steps.length - 1} (got ${at})`);
  const s = steps[at];
  const durable = s.log.filter((r) => r.lsn <= s.flushedLsn);
  const lost = s.log.filter((r) => r.lsn > s.flushedLsn);
  const disk = clone(s.disk);
  const redone: LogRecord[] = [];
  const skipped: LogRecord[] = [];
  for (const r of durable) {
    if (r.kind !== "update") continue;
    const page = disk[r.account!];
    if (page.pageLsn >= r.lsn) skipped.push(r);
    else {
      disk[r.account!] = { value: r.after!, pageLsn: r.lsn };
      redone.push(r);
    }
  }
  const winners = new Set(durable.filter((r) => r.kind === "commit").map((r) => r.tx));
  const undone = durable.filter((r) => r.kind === "update" && !winners.has(r.tx)).reverse();
  for (const r of undone) disk[r.account!] = { value: r.before!, pageLsn: disk[r.account!].pageLsn };
  const final = { A: disk.A.value, B: disk.B.value, C: disk.C.value };
  const committed = winners.has("T1");
  const lsns = (rs: LogRecord[]) => (rs.length ? rs.map((r) => r.lsn).join(", ") : "nothing");
  const summary =
    `Crash after step ${at}: the log on disk ends at LSN ${s.flushedLsn}${lost.length ? ` and LSN ${lsns(lost)} died with the buffer` : ""}. ` +
    `Recovery redoes ${lsns(redone)}${skipped.length ? ` (skips ${lsns(skipped)}, already on disk)` : ""} and undoes ${lsns(undone)}. ` +
    `Result: A = ${final.A}, B = ${final.B}, C = ${final.C}. ` +
    (committed
      ? s.clientToldCommitted
        ? "T1's commit survives, as the client was told."
        : "T1's commit survives even though the client never heard back: a retry must not apply the transfer twice."
      : "T1 is rolled back; the client was never told it committed, so nothing promised is lost.");
  return { durable, lost, redone, skipped, undone, final, committed, clientToldCommitted: s.clientToldCommitted, summary };
}
