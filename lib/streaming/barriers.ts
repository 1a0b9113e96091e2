/**
 * An aligned barrier checkpoint (Chandy–Lamport style, as Apache Flink takes it) through a tiny job:
 * two sources → a running sum → a sink, then a crash and a restore. Each step is computed from the
 * one before by a small interpreter, so the snapshot, the replay and the sink's output follow from
 * the rules: the sum blocks an input whose barrier has arrived (alignment) until the other's
 * arrives, snapshots its state, and forwards the barrier; a restore rewinds the sources to the
 * snapshot's offsets and the sum to its saved total. A plain sink keeps what it wrote after the
 * checkpoint, so the replay duplicates it; a transactional sink only makes output visible when a
 * checkpoint completes, so the aborted part is written once, by the replay.
 */

export type SinkMode = "plain" | "transactional";
export type Item = { kind: "record"; source: "A" | "B"; index: number; value: number } | { kind: "barrier"; id: number };

export interface CheckpointStep {
  caption: string;
  /** What waits on each input channel of the sum, first item next. */
  channelA: Item[];
  channelB: Item[];
  /** True while the sum holds back input A (its barrier arrived, B's has not). */
  blockedA: boolean;
  sum: number;
  /** The completed checkpoint, if any: source offsets and the sum's total. */
  snapshot: { offsetA: number; offsetB: number; sum: number } | null;
  /** Output a reader of the sink can see. */
  visible: number[];
  /** Output written but not yet visible (a transactional sink's open transaction). */
  pending: number[];
  crashed: boolean;
}

export const RECORDS_A = [3, 5];
export const RECORDS_B = [1, 6, 2];

const rec = (source: "A" | "B", index: number): Item => ({ kind: "record", source, index, value: (source === "A" ? RECORDS_A : RECORDS_B)[index] });
const label = (i: Item) => (i.kind === "barrier" ? `barrier ${i.id}` : `${i.source.toLowerCase()}${i.index + 1} (${i.value})`);
export const itemLabel = label;

/** The steps for one sink mode. Pure and deterministic. */
export function checkpointSteps(mode: SinkMode): CheckpointStep[] {
  const steps: CheckpointStep[] = [];
  let s: CheckpointStep = { caption: "", channelA: [rec("A", 0), rec("A", 1)], channelB: [rec("B", 0), rec("B", 1), rec("B", 2)], blockedA: false, sum: 0, snapshot: null, visible: [], pending: [], crashed: false };
  const push = (caption: string, next: Partial<CheckpointStep>) => {
    s = { ...s, ...next, caption };
    steps.push({ ...s, channelA: [...s.channelA], channelB: [...s.channelB], visible: [...s.visible], pending: [...s.pending] });
  };
  const write = (v: number) => (mode === "plain" ? { visible: [...s.visible, v] } : { pending: [...s.pending, v] });
  const take = (ch: "A" | "B") => {
    const list = ch === "A" ? s.channelA : s.channelB;
    const [head, ...rest] = list;
    return { head, rest };
  };
  const process = (ch: "A" | "B", caption: (i: Item, total: number) => string) => {
    const { head, rest } = take(ch);
    if (head.kind !== "record") throw new Error("not a record");
    const sum = s.sum + head.value;
    push(caption(head, sum), { sum, ...(ch === "A" ? { channelA: rest } : { channelB: rest }), ...write(sum) });
  };

  push("The job runs: two sources feed a running sum, which writes each new total to the sink.", {});
  process("A", (i, t) => `The sum takes ${label(i)} and writes ${t}.`);
  process("B", (i, t) => `The sum takes ${label(i)} and writes ${t}.`);
  // Checkpoint 1: each source records its offset and puts barrier 1 into its channel. B's channel still holds b2 ahead of it.
  const bar: Item = { kind: "barrier", id: 1 };
  const offsetA = 1;
  const offsetB = 2;
  push("Checkpoint 1 starts. Source A has sent 1 record, source B 2: each saves its offset and sends barrier 1, which queues behind b2 on B's channel.", { channelA: [bar, ...s.channelA], channelB: [s.channelB[0], bar, ...s.channelB.slice(1)] });
  push("Barrier 1 from A reaches the sum first. The sum holds back input A (alignment): a2 must not change the state before it is saved.", { channelA: s.channelA.slice(1), blockedA: true });
  process("B", (i, t) => `Input B is still before its barrier, so the sum takes ${label(i)} and writes ${t}.`);
  const snapshot = { offsetA, offsetB, sum: s.sum };
  const commit = mode === "transactional" ? { visible: [...s.visible, ...s.pending], pending: [] } : {};
  push(`Barrier 1 from B arrives. The sum saves its total, ${s.sum}, forwards the barrier and takes input A again; the sink acknowledges and checkpoint 1 completes${mode === "transactional" ? ", which commits the sink's transaction: its output becomes visible" : ""}.`, { channelB: s.channelB.slice(1), blockedA: false, snapshot, ...commit });
  process("A", (i, t) => `The sum takes ${label(i)} and writes ${t}${mode === "transactional" ? " into a new transaction" : ""}.`);
  process("B", (i, t) => `The sum takes ${label(i)} and writes ${t}${mode === "transactional" ? ", still uncommitted" : ""}.`);
  const lost = mode === "transactional" ? "its open transaction is aborted" : `the ${s.visible.length - 3} results written after the checkpoint stay in the sink`;
  push(`The machine running the sum crashes. The sum's total is gone; ${lost}.`, { crashed: true, sum: 0, pending: [] });
  push(`Restore from checkpoint 1: the sum reloads ${snapshot.sum}, source A rewinds to offset ${offsetA} and source B to ${offsetB}, so a2 and b3 will be read again.`, { crashed: false, sum: snapshot.sum, channelA: [rec("A", 1)], channelB: [rec("B", 2)] });
  process("A", (i, t) => `The replay: the sum takes ${label(i)} again and writes ${t}${mode === "plain" ? ", a second time" : ""}.`);
  process("B", (i, t) => `The sum takes ${label(i)} and writes ${t}${mode === "plain" ? ", also a second time" : ""}.`);
  const final = mode === "transactional" ? { visible: [...s.visible, ...s.pending], pending: [] } : {};
  push(mode === "transactional" ? "The next checkpoint commits the transaction: every total is visible exactly once." : "The sink shows the totals after the checkpoint twice: the state is exact, the output is not.", final);
  return steps;
}

/** What the sink should show if nothing had crashed: each running total once. */
export function expectedOutput(): number[] {
  const order = [RECORDS_A[0], RECORDS_B[0], RECORDS_B[1], RECORDS_A[1], RECORDS_B[2]];
  let t = 0;
  return order.map((v) => (t += v));
}
