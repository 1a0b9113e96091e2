/**
 * What the lab's worker sends the space-time view each frame, per protocol node: the log entries new
 * since the previous frame (or the whole retained log after a rebuild), the client operations that
 * started or finished, and the checker's verdict in a compact form.
 */
import type { LogEvent, Operation, Verdict } from "@/simulations";

/** The checker's verdict, with the failing key's explanation as operation ids. */
export interface CheckSummary {
  verdict: Verdict;
  /** Operations the checker judged (settled reads and all writes). */
  operations: number;
  /** Configurations explored over all keys. */
  states: number;
  /** The first failing key, when not linearizable. */
  key?: string | number;
  /** Its longest linearizable prefix, ids in linearization order (at most the last 50). */
  prefix?: number[];
  /** Length of that prefix before truncation. */
  prefixLength?: number;
  /** The operation that cannot be placed after the prefix. */
  blockedBy?: number;
  explanation?: string;
  /** Keys the search gave up on (bounded search). */
  undecidedKeys?: (string | number)[];
}

/** One protocol node's news for one frame. */
export interface ProtocolFrame {
  nodeId: string;
  processes: string[];
  /** True when `events` and `ops` replace what the view holds (after a rebuild or a seek back). */
  reset: boolean;
  events: LogEvent[];
  /** Operations invoked or completed since the previous frame (the latest state of each). */
  ops: Operation[];
  check: CheckSummary;
}
