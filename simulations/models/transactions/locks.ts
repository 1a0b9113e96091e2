/**
 * Locks for strict two-phase locking, and the waits-for graph for every level. A transaction takes
 * a shared lock to read and an exclusive lock to write, and keeps every lock until it commits or
 * aborts (strict 2PL). A request that conflicts waits; when the waits form a cycle, no one can move
 * (a deadlock), and the detector picks a victim to abort. Predicate locks are stood in for by one
 * lock on the table: a `select … where` takes it shared, an insert exclusive.
 */
import type { TxId } from "./types";

export type LockMode = "S" | "X";

interface LockState {
  shared: Set<TxId>;
  exclusive: TxId | null;
}

/** The lock table: which transactions hold which resource in which mode. */
export class LockTable {
  private readonly locks = new Map<string, LockState>();

  /** Grants the lock (returning []) or returns the transactions the requester must wait for. */
  acquire(tx: TxId, resource: string, mode: LockMode): TxId[] {
    const state = this.locks.get(resource) ?? { shared: new Set<TxId>(), exclusive: null };
    this.locks.set(resource, state);
    if (state.exclusive !== null && state.exclusive !== tx) return [state.exclusive];
    if (mode === "S") {
      if (state.exclusive !== tx) state.shared.add(tx);
      return [];
    }
    const others = [...state.shared].filter((t) => t !== tx);
    if (others.length > 0) return others;
    state.shared.delete(tx);
    state.exclusive = tx;
    return [];
  }

  /** Releases every lock the transaction holds (at commit or abort). */
  releaseAll(tx: TxId): void {
    for (const state of this.locks.values()) {
      state.shared.delete(tx);
      if (state.exclusive === tx) state.exclusive = null;
    }
  }

  /** Resources and modes a transaction holds, for display ("x:S", "table:X"). */
  heldBy(tx: TxId): string[] {
    const out: string[] = [];
    for (const [resource, state] of this.locks) {
      if (state.exclusive === tx) out.push(`${resource}:X`);
      else if (state.shared.has(tx)) out.push(`${resource}:S`);
    }
    return out;
  }
}

/**
 * A cycle in the waits-for graph through `start`, as the list of transactions in order, or null.
 * `waitsFor` maps each waiting transaction to those it waits for.
 */
export function findWaitCycle(waitsFor: ReadonlyMap<TxId, readonly TxId[]>, start: TxId): TxId[] | null {
  const path: TxId[] = [];
  const seen = new Set<TxId>();
  const visit = (tx: TxId): boolean => {
    path.push(tx);
    for (const next of waitsFor.get(tx) ?? []) {
      if (next === start) return true;
      if (!seen.has(next)) {
        seen.add(next);
        if (visit(next)) return true;
      }
    }
    path.pop();
    return false;
  };
  return visit(start) ? path : null;
}
