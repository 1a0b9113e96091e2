/**
 * Fidelity rows for isolation levels: checked on the transaction engine behind the isolation lab
 * (simulations/models/transactions), not on a discrete-event run. The engine is deterministic, so
 * one replication is the whole measurement; the reference is PostgreSQL's row of the Hermitage
 * matrix (github.com/ept/hermitage, tests of PostgreSQL), anomaly by anomaly.
 */
import { transactions } from "@/simulations";
import type { RowSpec } from "./rows";

type MvccLevel = "read-committed" | "repeatable-read" | "serializable";
const lab = { href: "/learn/relational-internals#isolation-levels-mvcc", label: "Try it in the isolation lab" };
const hermitage = () => transactions.SCHEDULES.filter((s) => s.hermitage);

/** Anomalies of the Hermitage schedules that show under a level. */
function anomaliesShown(level: transactions.Level): transactions.Schedule[] {
  return hermitage().filter((s) => s.occurred(transactions.runSchedule(s.steps, level, s.initial)));
}

/** Every isolation row, in page order. */
export function isolationRowSpecs(): RowSpec[] {
  const base = { family: "isolation" as const, unit: "count" as const, comparison: "equal" as const, replications: 1, widget: lab };
  const names = (level: MvccLevel) => hermitage().filter((s) => !s.hermitage?.[level]).map((s) => s.id).join(", ") || "none";
  const rows: RowSpec[] = (["read-committed", "repeatable-read", "serializable"] as const).map((level) => ({
    ...base,
    id: `isolation-${level}`,
    compared: `Hermitage anomalies that show, of ${hermitage().length} (PostgreSQL allows: ${names(level)})`,
    setting: `${level.replace("-", " ")}, PostgreSQL 16 semantics`,
    theory: hermitage().filter((s) => !s.hermitage?.[level]).length,
    method: "each Hermitage schedule run once (deterministic); the unit test also matches every anomaly one by one",
    sample: () => anomaliesShown(level).length,
  }));
  rows.push(
    {
      ...base,
      id: "isolation-hermitage-cells",
      compared: "cells of the Hermitage row that differ from PostgreSQL's (3 levels × 10 anomalies)",
      setting: "read committed, repeatable read, serializable",
      theory: 0,
      method: "every schedule under every level; a cell differs when the anomaly shows where PostgreSQL prevents it or the reverse",
      sample: () =>
        (["read-committed", "repeatable-read", "serializable"] as const).reduce((sum, level) => sum + hermitage().filter((s) => s.occurred(transactions.runSchedule(s.steps, level, s.initial)) === s.hermitage?.[level]).length, 0),
    },
    {
      ...base,
      id: "isolation-two-phase-locking",
      compared: "Hermitage anomalies that show under strict two-phase locking (it is serializable)",
      setting: "shared and exclusive locks held to commit, one table lock for predicates, deadlock victim aborted",
      theory: 0,
      method: "each Hermitage schedule run once; write skew, lost update and G2 end in a deadlock with one victim instead",
      sample: () => anomaliesShown("two-phase-locking").length,
    },
    {
      ...base,
      id: "isolation-vacuum-horizon",
      compared: "old versions vacuum removes while a repeatable-read reader that could still see them is open",
      setting: "two updates of x committed after the reader's snapshot",
      theory: 0,
      method: "the vacuum schedule: the first VACUUM runs with the reader open (the second, after it commits, removes 2)",
      sample: () => {
        const s = transactions.scheduleById("vacuum");
        const run = transactions.runSchedule(s.steps, "repeatable-read", s.initial);
        return Number(/removes (\d+)/.exec(run.events.find((e) => e.tx === "vacuum")?.text ?? "")?.[1] ?? Number.NaN);
      },
    },
  );
  return rows;
}
