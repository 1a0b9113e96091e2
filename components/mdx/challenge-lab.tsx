"use client";
/**
 * The interactive part of <Challenge>: the goals as a checklist, a compact lab showing only the
 * exposed controls, and "Check", which runs the learner's edited scenario headless in the lab's
 * worker and checks each goal on the report. A solved challenge is remembered in localStorage.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { Scenario } from "@/simulations";
import { LabIsland } from "@/components/lab/lab-island";
import type { LabController } from "@/lib/lab/lab-controller";
import { checkGoals, describeGoal, type Goal, type GoalResult } from "@/lib/lab/goals";
import { emitLabEvent } from "@/lib/lab/lab-events";
import { formatMetricValue } from "@/lib/lab/metric-names";

export interface ChallengeLabProps {
  id: string;
  title: string;
  scenarioId: string;
  scenario: Scenario;
  expose: string[];
  goals: Goal[];
}

/** localStorage key of a solved challenge. */
export const challengeStorageKey = (id: string) => `faultline:challenge:${id}`;

type Phase = { kind: "idle" } | { kind: "checking" } | { kind: "checked"; passed: boolean; results: GoalResult[] } | { kind: "failed"; message: string };

function readSolved(id: string): boolean {
  try {
    return window.localStorage.getItem(challengeStorageKey(id)) === "solved";
  } catch {
    return false;
  }
}

export function ChallengeLab({ id, title, scenarioId, scenario, expose, goals }: ChallengeLabProps) {
  const [controller, setController] = useState<LabController | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [solved, setSolved] = useState(false);
  useEffect(() => setSolved(readSolved(id)), [id]);
  const onReady = useCallback((c: LabController) => setController(c), []);
  const labBox = useRef<HTMLDivElement>(null);

  const check = async () => {
    if (!controller) return;
    setPhase({ kind: "checking" });
    try {
      const report = await controller.runHeadless();
      const outcome = checkGoals(report, goals);
      setPhase({ kind: "checked", ...outcome });
      // Show the checked run: the lab plays the same edits and seed to the end, with every goal
      // pinned on it and the failed ones outlined.
      controller.pin(
        outcome.results.map((r) => ({
          path: r.goal.metric,
          verdict: r.passed ? ("passed" as const) : ("failed" as const),
          note: `Checked: ${r.measured === null ? "not reported" : formatMetricValue(r.goal.metric, r.measured)} · goal ${[r.goal.atLeast !== undefined ? `≥ ${formatMetricValue(r.goal.metric, r.goal.atLeast)}` : "", r.goal.atMost !== undefined ? `≤ ${formatMetricValue(r.goal.metric, r.goal.atMost)}` : ""].filter(Boolean).join(" and ")}`,
        })),
      );
      controller.runToEnd();
      labBox.current?.scrollIntoView({ behavior: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth", block: "nearest" });
      emitLabEvent("faultline:challenge-checked", { id, scenario: scenarioId, passed: outcome.passed });
      if (outcome.passed) {
        setSolved(true);
        try {
          window.localStorage.setItem(challengeStorageKey(id), "solved");
        } catch {
          // Private mode or storage full: the success still shows, it is just not remembered.
        }
      }
    } catch (error) {
      setPhase({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  };

  const results = phase.kind === "checked" ? phase.results : null;

  return (
    <div className="not-prose mt-4 space-y-3" data-testid="challenge" data-solved={solved || undefined}>
      <div>
        <p className="text-sm font-semibold">Goals</p>
        <ul className="mt-1 space-y-1 text-sm" data-testid="challenge-goals">
          {goals.map((goal, i) => {
            const r = results?.[i];
            return (
              <li key={`${goal.metric}-${i}`} className={`flex items-start gap-2 ${r && !r.passed ? "rounded-md bg-[color-mix(in_srgb,var(--fl-danger,#dc2626)_10%,transparent)] font-semibold" : ""}`} data-testid="challenge-goal" data-passed={r ? String(r.passed) : undefined}>
                <span aria-hidden className={`mt-0.5 inline-flex size-5 shrink-0 items-center justify-center rounded-full border text-xs font-bold ${r ? (r.passed ? "border-ok bg-ok-soft text-ok" : "border-[var(--fl-danger,#b91c1c)] text-[var(--fl-danger,#b91c1c)]") : "border-line text-faint"}`}>
                  {r ? (r.passed ? "✓" : "✗") : "·"}
                </span>
                <span>
                  {r ? <span className="sr-only">{r.passed ? "Passed: " : "Not yet: "}</span> : null}
                  {r ? r.message : describeGoal(goal)}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
      <div ref={labBox} data-testid="challenge-lab" data-checked={phase.kind === "checked" ? (phase.passed ? "passed" : "failed") : undefined}>
        <LabIsland scenarioId={scenarioId} scenario={scenario} title={`${title}: your version`} expose={expose} height={260} onReady={onReady} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={() => void check()}
          disabled={!controller || phase.kind === "checking"}
          className="h-10 rounded-lg bg-accent px-4 font-medium text-on-accent transition-colors hover:bg-accent-strong disabled:opacity-60"
          data-testid="challenge-check"
        >
          {phase.kind === "checking" ? "Running your version…" : controller ? "Check" : "Loading the lab…"}
        </button>
        {solved && (
          <span className="inline-flex items-center gap-1 rounded-full bg-ok-soft px-3 py-1 text-sm font-medium text-ok" data-testid="challenge-solved">
            <span aria-hidden>★</span> Solved
          </span>
        )}
      </div>
      <div role="status" aria-live="polite" className="text-sm" data-testid="challenge-result">
        {phase.kind === "checked" &&
          (phase.passed ? (
            <p className="font-medium text-ok">All {goals.length} goals met on a full run of your version. Challenge solved. The lab shows that run.</p>
          ) : (
            <p>
              {phase.results.filter((r) => !r.passed).length} of {goals.length} goals not met yet. The lab now shows the run that was checked, with the missed goal outlined; change the settings and check again.
            </p>
          ))}
        {phase.kind === "failed" && <p>⚠ The run failed: {phase.message}</p>}
      </div>
    </div>
  );
}
