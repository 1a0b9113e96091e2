/**
 * Fidelity rows for durable workflow replay (the Temporal/Cadence execution model), checked on the
 * pure engine behind the chapter widget (lib/workflow/replay.ts). Replication k kills worker 1 right
 * after event k of the ten an uninterrupted run records (k = 1 … 9), so every kill point is covered;
 * every row counts violations, so the reference is exactly 0.
 */
import { ACTIVITIES, eventsWithoutKill, finalState, simulate } from "@/lib/workflow/replay";
import type { RowSpec } from "./rows";

const widget = { href: "/learn/workflow-orchestration#durable-workflow-engines", label: "Try it in the replay widget" };
const killPoints = () => eventsWithoutKill() - 1;

/** Every workflow row, in page order. */
export function workflowRowSpecs(): RowSpec[] {
  const reference = finalState(simulate());
  return [
    {
      id: "workflow-replay-same-history",
      family: "workflow",
      compared: "differences from the uninterrupted run (final history, outcome) plus activity runs other than exactly one, after a kill and a replay",
      setting: "deterministic workflow code (reserve, charge, 10-minute timer, ship); worker 1 killed after event k, worker 2 replays",
      unit: "count",
      comparison: "equal",
      theory: 0,
      replications: killPoints(),
      method: "one replication per kill point: after each of events 1 to 9 of the 10 an uninterrupted run records",
      sample: (k) => {
        const run = simulate({ killAfter: k });
        const last = run.steps.at(-1)!;
        return (finalState(run) === reference ? 0 : 1) + ACTIVITIES.filter((a) => last.executions[a] !== 1).length + (run.killed ? 0 : 1);
      },
      widget,
    },
    {
      id: "workflow-nondeterminism-detected",
      family: "workflow",
      compared: "kill points where replay of clock-reading code is not stopped at the first contradicted event (event 6, the timer), or is stopped when the history holds no contradicted decision",
      setting: "workflow code reads the worker's clock; worker 2 starts after 12:00 and takes the other branch",
      unit: "count",
      comparison: "equal",
      theory: 0,
      replications: killPoints(),
      method: "one replication per kill point, after each of events 1 to 9; the branch is first recorded at event 6",
      sample: (k) => {
        const run = simulate({ mode: "reads-clock", killAfter: k });
        const nde = run.steps.find((s) => s.phase === "nde")?.nde;
        if (k >= 6) return nde?.eventId === 6 && run.outcome === "stuck" ? 0 : 1;
        return nde === undefined ? 0 : 1;
      },
      widget,
    },
  ];
}
