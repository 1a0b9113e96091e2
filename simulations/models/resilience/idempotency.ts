/**
 * Idempotency at the callee: has this operation already been executed?
 *
 * Retries and hedges send the same operation more than once. Every attempt made through a call
 * policy carries an idempotency key (the id of the user request it serves), so a server can tell a
 * repeat from a new operation. What happens then depends on the server:
 *
 * - `idempotent: true`: executing twice is harmless (a read, a PUT of the same value); repeats run
 *   again and cost capacity but cause no duplicate side effect.
 * - `dedupeWindowMs`: the server remembers the keys it completed for that long and answers a repeat
 *   from that record at once, without executing it again (Stripe-style idempotency keys).
 * - neither: a repeat executes again and counts as a `duplicateSideEffect` (the double charge).
 *   Repeats are detected over the last 60 s; concurrent copies (both running) count too.
 *
 * Only requests that carry a key are tracked, so servers off the retry paths pay nothing.
 */
import { Fifo } from "../shared";

export const DUPLICATE_DETECTION_MS = 60_000;

export class KeyMemory {
  private readonly seen = new Map<number, number>();
  private readonly order = new Fifo<{ key: number; atMs: number }>();

  constructor(private readonly windowMs: number) {}

  /** Whether `key` was recorded within the window before `nowMs`. */
  has(key: number, nowMs: number): boolean {
    this.prune(nowMs);
    return this.seen.has(key);
  }

  record(key: number, nowMs: number): void {
    this.prune(nowMs);
    if (!this.seen.has(key)) this.order.push({ key, atMs: nowMs });
    this.seen.set(key, nowMs);
  }

  private prune(nowMs: number): void {
    for (let head = this.order.peek(); head && head.atMs <= nowMs - this.windowMs; head = this.order.peek()) {
      this.order.shift();
      const last = this.seen.get(head.key);
      if (last !== undefined && last <= nowMs - this.windowMs) this.seen.delete(head.key);
      else if (last !== undefined) this.order.push({ key: head.key, atMs: last });
    }
  }
}

/**
 * What a server remembers of the operations it executed, by its `idempotent` / `dedupeWindowMs`
 * settings: whether an arriving request repeats one it may answer from the record, and how many
 * repeats executed again with a side effect.
 */
export class ExecutionRecord {
  /** Repeats executed again, causing a duplicate side effect (counted requests). */
  duplicateSideEffects = 0;
  private readonly dedupe: KeyMemory | null;
  private readonly executed: KeyMemory | null;

  constructor(options: { idempotent?: boolean; dedupeWindowMs?: number | null }) {
    this.dedupe = options.dedupeWindowMs ? new KeyMemory(options.dedupeWindowMs) : null;
    this.executed = options.idempotent || this.dedupe ? null : new KeyMemory(DUPLICATE_DETECTION_MS);
  }

  /** Whether the request repeats an operation completed within the dedupe window (answer it from the record). */
  isKnownRepeat(key: number | undefined, nowMs: number): boolean {
    return this.dedupe !== null && key !== undefined && this.dedupe.has(key, nowMs);
  }

  /** Notes that the operation with `key` was executed now. */
  noteExecution(key: number, counted: boolean, nowMs: number): void {
    if (this.dedupe) this.dedupe.record(key, nowMs);
    else if (this.executed) {
      if (this.executed.has(key, nowMs)) {
        if (counted) this.duplicateSideEffects++;
      } else this.executed.record(key, nowMs);
    }
  }
}
