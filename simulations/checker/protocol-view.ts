/**
 * What a protocol node shows its observers: the processes (lanes of a space-time diagram), the kernel's
 * message log with Lamport and vector stamps, the client history, and the checker's verdict on it.
 *
 * A node kind built on the kernel (a `ProcessNetwork` plus a `HistoryRecorder`) offers this through a
 * `protocol()` method on its `SimNode`; `ScenarioRun.protocolViews()` collects them, so the lab's
 * space-time view works for every protocol kind without knowing its messages.
 */
import type { Operation } from "./history";
import type { LinearizabilityResult } from "./linearizability";
import type { LogEvent, ProcessSnapshot } from "../kernel/network";

/** A protocol node's live view: read it between simulation steps (the arrays are the live ones). */
export interface ProtocolView {
  /** Process ids in lane order as the network added them. */
  processes: readonly string[];
  /** The message log (bounded: the oldest entries go first; `seq` keeps counting). */
  log: readonly LogEvent[];
  snapshot: ProcessSnapshot[];
  /** Client operations in invocation order; an operation's `returnMs` changes when it completes. */
  history: readonly Operation[];
  /** The linearizability verdict on the settled history so far (cached while it has not grown). */
  check(): LinearizabilityResult;
}

/** Whether a node offers a protocol view. */
export function hasProtocolView(node: unknown): node is { protocol(): ProtocolView } {
  return typeof (node as { protocol?: unknown } | null)?.protocol === "function";
}
