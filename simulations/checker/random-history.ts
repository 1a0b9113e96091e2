/**
 * Random register histories for tests and the benchmark: clients issue operations back to back with
 * random durations against one atomic register per key, each operation taking effect at a random
 * instant inside its interval. Such a history is linearizable by construction; `corrupt` then makes one
 * read return an older value, which usually breaks it.
 */
import { createStream } from "../engine/random";
import type { Operation } from "./history";

export interface RandomHistoryOptions {
  seed: number;
  clients: number;
  keys: number;
  operations: number;
  /** Share of reads, 0..1. Default 0.5. */
  readRatio?: number;
  /** Mean operation duration and mean pause between a client's operations, ms. Defaults 10 and 5. */
  meanDurationMs?: number;
  meanPauseMs?: number;
}

/** A linearizable history with versions (version = position of the write in its key's order). */
export function randomHistory(o: RandomHistoryOptions): Operation[] {
  const random = createStream(o.seed, "checker/random-history");
  const exp = (mean: number) => -mean * Math.log(1 - random.next());
  const clock = new Array<number>(o.clients).fill(0);
  const ops: (Operation & { atMs: number })[] = [];
  for (let id = 0; id < o.operations; id++) {
    const c = random.int(o.clients);
    const invokeMs = clock[c] + exp(o.meanPauseMs ?? 5);
    const returnMs = invokeMs + exp(o.meanDurationMs ?? 10);
    clock[c] = returnMs;
    const isRead = random.next() < (o.readRatio ?? 0.5);
    ops.push({ id, process: `c${c}`, op: isRead ? "read" : "write", key: random.int(o.keys), value: isRead ? null : id, invokeMs, returnMs, atMs: invokeMs + random.next() * (returnMs - invokeMs) });
  }
  const value = new Map<string | number, { value: Operation["value"]; version: number }>();
  for (const op of [...ops].sort((a, b) => a.atMs - b.atMs)) {
    const current = value.get(op.key) ?? { value: null, version: 0 };
    if (op.op === "write") {
      op.version = current.version + 1;
      value.set(op.key, { value: op.value, version: op.version });
    } else {
      op.value = current.value;
      op.version = current.version;
    }
  }
  return ops.map(({ atMs: _atMs, ...op }) => op);
}
