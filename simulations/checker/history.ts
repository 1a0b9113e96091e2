/**
 * Client histories: what a checker knows about a run. Each operation is what one client saw: when it
 * invoked the operation, when (if ever) the answer came, what it asked and what it got. Nothing about the
 * servers' insides: consistency is judged from the outside, as Jepsen does.
 */

/** One client operation on a key-value register. */
export interface Operation {
  /** Unique within the history. */
  id: number;
  /** The client (session) that issued it. */
  process: string;
  op: "read" | "write";
  key: string | number;
  /** Written value, or the value a read returned (null: the key's initial, never-written value). */
  value: number | string | null;
  invokeMs: number;
  /**
   * When the answer arrived. `Infinity` for a write whose outcome is unknown (timed out): it may have
   * taken effect at any time after its invocation, or never. Failed reads are left out of histories.
   */
  returnMs: number;
  /**
   * Optional version the system assigned (writes) or returned (reads); versions of a key are totally
   * ordered. The session-guarantee checks need them; linearizability does not.
   */
  version?: number;
}

/** Records operations as a run goes: `invoke` now, `complete` or `fail` later. */
export class HistoryRecorder {
  readonly operations: Operation[] = [];
  private nextId = 0;
  constructor(private readonly maxOperations = Infinity) {}

  /** Starts an operation; returns its id, or -1 when the recorder is full (the op is not recorded). */
  invoke(process: string, op: "read" | "write", key: string | number, value: Operation["value"], nowMs: number): number {
    if (this.operations.length >= this.maxOperations) return -1;
    const id = this.nextId++;
    this.operations.push({ id, process, op, key, value, invokeMs: nowMs, returnMs: Infinity });
    return id;
  }

  /** The answer arrived: a read's value (and version) or a write's acknowledgement. */
  complete(id: number, nowMs: number, result?: { value?: Operation["value"]; version?: number }): void {
    const o = this.operations[id];
    if (!o) return;
    o.returnMs = nowMs;
    if (result && o.op === "read" && result.value !== undefined) o.value = result.value;
    if (result?.version !== undefined) o.version = result.version;
  }

  /** No answer (timeout, error): a write stays of unknown outcome; a read is removed from the history. */
  fail(id: number): void {
    const o = this.operations[id];
    if (o && o.op === "read") o.returnMs = NaN;
  }

  /** The history for the checkers (failed reads removed). */
  history(): Operation[] {
    return this.operations.filter((o) => !Number.isNaN(o.returnMs));
  }
}
