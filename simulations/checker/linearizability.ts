/**
 * Linearizability of a key-value register history (Herlihy and Wing 1990), decided by the Wing & Gong
 * search with Lowe's memoisation, per key, in the manner of Porcupine and Knossos (our own code).
 *
 * A history is linearizable when each operation can be given a single instant between its invocation
 * and its return such that, in that order, every read returns the latest written value. Registers are
 * independent per key (linearizability is local, Herlihy and Wing), so each key is checked alone and
 * the history is linearizable iff every key's is.
 *
 * The search walks a list of call and return events in time order. At a call it tries to linearize the
 * operation now (the register model must accept it); at a return whose operation is not yet linearized
 * it backtracks: that operation had to take effect before its answer. A cache of (set of linearized
 * operations, register value) configurations already explored prunes repeated work, which makes typical
 * histories near linear. Writes whose outcome is unknown (no return) may be linearized or never.
 *
 * On failure the checker explains: the longest linearizable prefix it found (operations in their
 * linearization order) and the operation that cannot be placed after it. The search is bounded: past
 * `maxStates` configurations the answer is "undecided", never a hang.
 */
import type { Operation } from "./history";

export type Verdict = "linearizable" | "not-linearizable" | "undecided";

export interface KeyResult {
  key: string | number;
  verdict: Verdict;
  operations: number;
  /** Configurations explored. */
  states: number;
  /** When not linearizable: the longest linearizable prefix found, ids in linearization order. */
  longestPrefix?: number[];
  /** When not linearizable: the operation that cannot be placed after that prefix. */
  blockedBy?: number;
}

export interface LinearizabilityResult {
  verdict: Verdict;
  /** Per key, in key order; all keys are checked even after one fails. */
  keys: KeyResult[];
  states: number;
  /** The first failing key's explanation, in words. */
  explanation?: string;
}

export interface CheckOptions {
  /** Cap on configurations explored per key before answering "undecided". Default 200,000. */
  maxStates?: number;
}

interface Entry {
  op: Operation;
  index: number;
  isCall: boolean;
  time: number;
  match: Entry | null;
  prev: Entry | null;
  next: Entry | null;
}

/** Applies `op` to register value `value`: the new value, or undefined when the op is not allowed here. */
function step(value: Operation["value"], op: Operation): { ok: boolean; value: Operation["value"] } {
  if (op.op === "write") return { ok: true, value: op.value };
  return { ok: op.value === value, value };
}

/** Builds the doubly linked list of call/return events of one key's operations (with a sentinel head). */
function buildEntries(ops: Operation[]): Entry {
  const events: Entry[] = [];
  ops.forEach((op, index) => {
    const call: Entry = { op, index, isCall: true, time: op.invokeMs, match: null, prev: null, next: null };
    const ret: Entry = { op, index, isCall: false, time: op.returnMs, match: null, prev: null, next: null };
    call.match = ret;
    events.push(call, ret);
  });
  // Time order; at equal times calls first (touching intervals count as concurrent), then by index.
  events.sort((a, b) => a.time - b.time || (a.isCall === b.isCall ? a.index - b.index : a.isCall ? -1 : 1));
  const head: Entry = { op: ops[0], index: -1, isCall: false, time: -Infinity, match: null, prev: null, next: null };
  let last = head;
  for (const e of events) {
    last.next = e;
    e.prev = last;
    last = e;
  }
  return head;
}

function lift(call: Entry): void {
  call.prev!.next = call.next;
  if (call.next) call.next.prev = call.prev;
  const ret = call.match!;
  ret.prev!.next = ret.next;
  if (ret.next) ret.next.prev = ret.prev;
}

function unlift(call: Entry): void {
  const ret = call.match!;
  ret.prev!.next = ret;
  if (ret.next) ret.next.prev = ret;
  call.prev!.next = call;
  if (call.next) call.next.prev = call;
}

/** Checks one key's operations. */
export function checkKey(key: string | number, ops: Operation[], maxStates = 200_000): KeyResult {
  if (ops.length === 0) return { key, verdict: "linearizable", operations: 0, states: 0 };
  const head = buildEntries(ops);
  const words = Math.ceil(ops.length / 32);
  const linearized = new Uint32Array(words);
  const seen = new Set<string>();
  const stack: { entry: Entry; value: Operation["value"] }[] = [];
  let value: Operation["value"] = null;
  let states = 0;
  let best: { prefix: number[]; blockedBy: number } | null = null;
  let entry = head.next;
  while (entry !== null) {
    if (entry.isCall) {
      const r = step(value, entry.op);
      if (r.ok) {
        linearized[entry.index >>> 5] |= 1 << (entry.index & 31);
        const configuration = `${linearized.join(",")}|${String(r.value)}`;
        if (!seen.has(configuration)) {
          seen.add(configuration);
          states++;
          if (states > maxStates) return { key, verdict: "undecided", operations: ops.length, states };
          stack.push({ entry, value });
          value = r.value;
          lift(entry);
          entry = head.next;
          continue;
        }
        linearized[entry.index >>> 5] &= ~(1 << (entry.index & 31));
      }
      entry = entry.next;
    } else {
      // A return whose operation is not linearized yet. An unknown-outcome write (return at infinity)
      // is only reached once every completed operation is placed: the history is explained.
      if (entry.time === Infinity) return { key, verdict: "linearizable", operations: ops.length, states };
      if (best === null || stack.length > best.prefix.length) best = { prefix: stack.map((s) => s.entry.op.id), blockedBy: entry.op.id };
      const top = stack.pop();
      if (!top) return { key, verdict: "not-linearizable", operations: ops.length, states, longestPrefix: best.prefix, blockedBy: best.blockedBy };
      linearized[top.entry.index >>> 5] &= ~(1 << (top.entry.index & 31));
      value = top.value;
      unlift(top.entry);
      entry = top.entry.next;
    }
  }
  return { key, verdict: "linearizable", operations: ops.length, states };
}

/** Splits a history by key (ordered by key) and checks each. */
export function checkLinearizability(history: readonly Operation[], options: CheckOptions = {}): LinearizabilityResult {
  const byKey = new Map<string | number, Operation[]>();
  for (const op of history) {
    let list = byKey.get(op.key);
    if (!list) byKey.set(op.key, (list = []));
    list.push(op);
  }
  const keys = [...byKey.keys()].sort((a, b) => (typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b))));
  const results = keys.map((k) => checkKey(k, byKey.get(k)!, options.maxStates));
  const failed = results.find((r) => r.verdict === "not-linearizable");
  const verdict: Verdict = failed ? "not-linearizable" : results.some((r) => r.verdict === "undecided") ? "undecided" : "linearizable";
  const states = results.reduce((s, r) => s + r.states, 0);
  return { verdict, keys: results, states, ...(failed ? { explanation: explain(failed, history) } : {}) };
}

function describeOp(o: Operation): string {
  const ms = (x: number) => String(Math.round(x * 10) / 10);
  const answered = o.returnMs === Infinity ? "no answer" : `${ms(o.invokeMs)}–${ms(o.returnMs)} ms`;
  return `#${o.id} ${o.process} ${o.op}(${String(o.key)}${o.op === "write" ? ` := ${String(o.value)}` : ` → ${String(o.value)}`}) [${answered}]`;
}

/** The failure in words: the prefix that works and the operation that cannot follow it. */
export function explain(result: KeyResult, history: readonly Operation[]): string {
  const byId = new Map(history.map((o) => [o.id, o]));
  const prefix = (result.longestPrefix ?? []).map((id) => describeOp(byId.get(id)!));
  const blocked = result.blockedBy !== undefined ? describeOp(byId.get(result.blockedBy)!) : "?";
  return `key ${String(result.key)}: the longest linearizable prefix has ${prefix.length} operation(s)${prefix.length ? ` (${prefix.slice(-5).join("; ")}${prefix.length > 5 ? "; …" : ""})` : ""}; ${blocked} cannot be placed after it: it must take effect before it returns, and no order allows it.`;
}
