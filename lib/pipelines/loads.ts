/**
 * Three ways to load one day's orders into a warehouse table, run over a fixed script of four runs,
 * behind <LoadRerun> in the etl-elt-pipelines chapter. Pure and deterministic.
 *
 * - append: INSERT every source row of the run (no key, no delete).
 * - merge: MERGE on order_id: update rows whose key exists, insert the rest (an upsert; rows that
 *   vanished from the source are left alone, as in a MERGE without WHEN NOT MATCHED BY SOURCE).
 * - overwrite: replace the whole partition (the day) with the run's rows in one transaction.
 *
 * The script, all for the partition 2026-12-01:
 *   1. the first run;
 *   2. the same run again (a retry: the scheduler lost the first run's success);
 *   3. a rerun after upstream fixes: o2 refunded from 30 to 25 and a late order o4 of 20 arrives;
 *   4. a rerun after o3 was cancelled and hard-deleted in the source.
 */

export type LoadStrategy = "append" | "merge" | "overwrite";
export const STRATEGIES: readonly LoadStrategy[] = ["append", "merge", "overwrite"];

export interface OrderRow {
  orderId: string;
  /** Order total in euros. */
  amount: number;
}

export interface Run {
  label: string;
  /** What the source holds for the day when this run reads it. */
  source: readonly OrderRow[];
}

export const RUNS: readonly Run[] = [
  { label: "First run", source: [{ orderId: "o1", amount: 12 }, { orderId: "o2", amount: 30 }, { orderId: "o3", amount: 8 }] },
  { label: "Retry of the same run", source: [{ orderId: "o1", amount: 12 }, { orderId: "o2", amount: 30 }, { orderId: "o3", amount: 8 }] },
  { label: "Rerun: o2 refunded to 25, late order o4", source: [{ orderId: "o1", amount: 12 }, { orderId: "o2", amount: 25 }, { orderId: "o3", amount: 8 }, { orderId: "o4", amount: 20 }] },
  { label: "Rerun: o3 deleted in the source", source: [{ orderId: "o1", amount: 12 }, { orderId: "o2", amount: 25 }, { orderId: "o4", amount: 20 }] },
];

/** The target table after one load of `source` with `strategy`. Never mutates its inputs. */
export function applyLoad(strategy: LoadStrategy, target: readonly OrderRow[], source: readonly OrderRow[]): OrderRow[] {
  switch (strategy) {
    case "append":
      return [...target, ...source];
    case "overwrite":
      return source.map((r) => ({ ...r }));
    case "merge": {
      const out = target.map((r) => ({ ...r }));
      for (const s of source) {
        const hits = out.filter((r) => r.orderId === s.orderId);
        if (hits.length) for (const h of hits) h.amount = s.amount;
        else out.push({ ...s });
      }
      return out;
    }
  }
}

export interface RunState {
  run: Run;
  /** The target table after this run. */
  target: OrderRow[];
  /** Sum of the target's amounts, what a revenue report would show. */
  total: number;
  /** Sum of the source's amounts: the right answer. */
  sourceTotal: number;
  /** Rows in the target whose order_id appears more than once. */
  duplicateRows: number;
  /** Target rows whose order no longer exists in the source. */
  orphanRows: number;
  /** The target holds exactly the source's rows (as a multiset). */
  matchesSource: boolean;
}

const sum = (rows: readonly OrderRow[]) => rows.reduce((s, r) => s + r.amount, 0);
const key = (r: OrderRow) => `${r.orderId}:${r.amount}`;

/** The target after each run of RUNS, starting from an empty table. */
export function runScript(strategy: LoadStrategy, runs: readonly Run[] = RUNS): RunState[] {
  let target: OrderRow[] = [];
  return runs.map((run) => {
    target = applyLoad(strategy, target, run.source);
    const counts = new Map<string, number>();
    for (const r of target) counts.set(r.orderId, (counts.get(r.orderId) ?? 0) + 1);
    const ids = new Set(run.source.map((r) => r.orderId));
    const a = target.map(key).sort();
    const b = run.source.map(key).sort();
    return {
      run,
      target,
      total: sum(target),
      sourceTotal: sum(run.source),
      duplicateRows: target.filter((r) => counts.get(r.orderId)! > 1).length,
      orphanRows: target.filter((r) => !ids.has(r.orderId)).length,
      matchesSource: a.length === b.length && a.every((k, i) => k === b[i]),
    };
  });
}
