import type { ReactNode } from "react";
import { TargetIcon } from "@/components/ui/icons";
import { WidgetPlaceholder } from "./lab-placeholder";

/** One goal a challenge run is checked against. */
export interface ChallengeGoal {
  /** Path in the runner's JSON output, e.g. "latencyMs.p99". */
  metric: string;
  atMost?: number;
  atLeast?: number;
}

/** Props of `<Challenge>` (content/README.md). */
export interface ChallengeProps {
  id: string;
  title: string;
  scenario: string;
  expose?: string[];
  goals: ChallengeGoal[];
  children?: ReactNode;
}

function describeGoal(goal: ChallengeGoal): string {
  const bounds = [goal.atLeast !== undefined ? `at least ${goal.atLeast}` : null, goal.atMost !== undefined ? `at most ${goal.atMost}` : null].filter(Boolean);
  return `${goal.metric} ${bounds.join(" and ") || "reported"}`;
}

/**
 * A challenge: the task (children), the goals in metrics, and a placeholder for the lab that
 * will check a run against them (owned by components/lab/). Server-safe.
 */
export function Challenge({ id, title, scenario, goals, children }: ChallengeProps) {
  return (
    <section id={`challenge-${id}`} aria-labelledby={`challenge-${id}--heading`} className="rounded-2xl border border-line bg-surface px-6 py-5 shadow-sm">
      <p className="flex items-center gap-2 text-xs font-semibold uppercase tracking-[0.08em] text-accent">
        <TargetIcon className="size-4" />
        Challenge
      </p>
      <h3 id={`challenge-${id}--heading`} className="!mt-1 font-serif !text-xl">
        {title}
      </h3>
      <div className="[&>*]:mt-3">{children}</div>
      {goals.length > 0 ? (
        <div className="mt-4">
          <p className="text-sm font-semibold">Goals</p>
          <ul className="mt-1 !list-none !pl-0 text-sm">
            {goals.map((goal) => (
              <li key={goal.metric} className="font-mono text-[0.85rem] text-muted">
                {describeGoal(goal)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="mt-4">
        <WidgetPlaceholder kind="Challenge lab" title={title} scenario={scenario} heightPx={360} />
      </div>
    </section>
  );
}
