/**
 * Events and operations in words: the view's tooltips, its screen-reader announcements and the rows of
 * its table (the text alternative of the diagram).
 */
import type { LogEvent, Operation } from "@/simulations";
import type { Relation } from "./causality";

/** Simulated time as "1,234.5 ms". */
export function formatMs(ms: number): string {
  return `${(Math.round(ms * 10) / 10).toLocaleString("en-US")} ms`;
}

/** A vector stamp with process names: "[r1:0 r2:3 c1:4]". */
export function formatVector(vector: readonly number[] | undefined, processes: readonly string[]): string {
  if (!vector) return "–";
  return `[${vector.map((v, i) => `${processes[i] ?? i}:${v}`).join(" ")}]`;
}

const reasonText: Record<string, string> = {
  loss: "lost on the link",
  partition: "dropped by the partition",
  "crashed-receiver": "dropped: the receiver was down",
  "crashed-sender": "dropped: the sender was down",
};

/** What happened, without the time: "c2 sends read to r2". */
export function eventPhrase(e: LogEvent): string {
  const p = e.process ?? "network";
  switch (e.type) {
    case "send":
      return `${p} sends ${e.label} to ${e.peer}`;
    case "deliver":
      return `${p} receives ${e.label} from ${e.peer}`;
    case "drop":
      return `${e.label} from ${p} to ${e.peer} ${reasonText[e.reason ?? ""] ?? "dropped"}`;
    case "timer-set":
      return `${p} sets timer ${e.label}`;
    case "timer-fire":
      return `${p}'s timer ${e.label} fires`;
    case "timer-cancel":
      return `${p} cancels timer ${e.label}`;
    case "state":
      return `${p} changes state to ${stateText(e.detail)}`;
    case "crash":
      return `${p} crashes`;
    case "restart":
      return `${p} restarts`;
    case "partition":
      return `the network splits: ${e.label}`;
    case "heal":
      return "the partition heals";
    case "note":
      return `${p}: ${e.detail}`;
  }
}

function stateText(detail: string | undefined): string {
  if (!detail) return "–";
  try {
    const state = JSON.parse(detail) as Record<string, unknown>;
    return Object.entries(state)
      .map(([k, v]) => `${k} ${String(v)}`)
      .join(", ");
  } catch {
    return detail;
  }
}

/** The full description: phrase, time and stamps. */
export function describeEvent(e: LogEvent, processes: readonly string[]): string {
  const stamps = e.lamport !== undefined ? `; Lamport ${e.lamport}, vector ${formatVector(e.vector, processes)}` : "";
  return `${eventPhrase(e)} at ${formatMs(e.atMs)}${stamps}`;
}

export const relationText: Record<Relation, string> = {
  selected: "selected",
  before: "happened before",
  after: "happened after",
  concurrent: "concurrent",
  unrelated: "–",
};

/** An operation in words: "c3 read(key 0) → 12, 265.9–277.9 ms". */
export function describeOp(op: Operation): string {
  const what = op.op === "write" ? `write(key ${String(op.key)}, ${String(op.value)})` : `read(key ${String(op.key)}) → ${op.returnMs === Infinity || Number.isNaN(op.returnMs) ? "?" : String(op.value)}`;
  const when = op.returnMs === Infinity ? `from ${formatMs(op.invokeMs)}, no answer yet` : Number.isNaN(op.returnMs) ? `from ${formatMs(op.invokeMs)}, failed` : `${formatMs(op.invokeMs)} to ${formatMs(op.returnMs)}`;
  return `#${op.id} ${op.process} ${what}, ${when}`;
}
