/**
 * The transaction widgets MDX may use: a server component that checks its props (a bad one fails
 * the build naming the component and prop) and renders the lazily hydrated island.
 */
import { IsolationLabIsland } from "@/components/transactions/islands";
import { transactions } from "@/simulations";

export interface IsolationLabMdxProps {
  /** Schedule shown first: an anomaly id (G0, G1a, G1b, G1c, OTV, PMP, P4, G-single, G2-item, G2), "deadlock" or "vacuum". */
  schedule?: string;
  /** "read-committed", "repeatable-read" (default), "serializable" or "two-phase-locking". */
  level?: string;
  /** Schedules offered in the selector (default: all). */
  schedules?: string[];
}

const ids = () => transactions.SCHEDULES.map((s) => s.id as string);

/** Transactions stepped over shared rows under an isolation level, with the dependency graph. */
export function IsolationLab({ schedule, level, schedules }: IsolationLabMdxProps) {
  if (schedule !== undefined && !ids().includes(schedule)) throw new Error(`<IsolationLab> schedule must be one of ${ids().join(", ")} (got ${JSON.stringify(schedule)})`);
  if (level !== undefined && !(transactions.LEVELS as readonly string[]).includes(level)) throw new Error(`<IsolationLab> level must be one of ${transactions.LEVELS.join(", ")} (got ${JSON.stringify(level)})`);
  if (schedules !== undefined && (!Array.isArray(schedules) || schedules.length === 0 || schedules.some((s) => !ids().includes(s)))) throw new Error(`<IsolationLab> schedules must be a non-empty list of ${ids().join(", ")} (got ${JSON.stringify(schedules)})`);
  if (schedule !== undefined && schedules !== undefined && !schedules.includes(schedule)) throw new Error(`<IsolationLab> schedule "${schedule}" is not in schedules`);
  return <IsolationLabIsland schedule={schedule ?? schedules?.[0] ?? "G2-item"} level={(level as transactions.Level | undefined) ?? "repeatable-read"} {...(schedules ? { schedules } : {})} />;
}
