import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { Hint, Solution, type HintProps } from "./reveal";
import { HintLadder } from "./hint-ladder";
import { TargetIcon } from "@/components/ui/icons";
import { describeGoal, type Goal } from "@/lib/lab/goals";
import { loadPreset } from "@/lib/lab/presets";
import { ChallengeLabIsland } from "./widget-islands";
import { WidgetPlaceholder } from "./lab-placeholder";

/** One goal a challenge run is checked against. */
export type ChallengeGoal = Goal;

/** Props of `<Challenge>` (content/README.md). */
export interface ChallengeProps {
  id: string;
  title: string;
  scenario: string;
  expose?: string[];
  goals: ChallengeGoal[];
  children?: ReactNode;
}

/**
 * A challenge: the task (children) and its goals rendered on the server (readable without
 * JavaScript), then a compact lab with only the exposed controls and a "Check" button that runs the
 * learner's version headless and checks every goal on the report. The checklist and lab hydrate
 * when they near the viewport (their server HTML shows before).
 */
export function Challenge({ id, title, scenario, expose, goals, children }: ChallengeProps) {
  // The task reads first; the hints (numbered, "Hint 1 of 3") and the worked solution form a
  // ladder under the lab, each rung offered once the one before it has been opened.
  const nodes = Children.toArray(children);
  const hints = nodes.filter((n): n is ReactElement<HintProps> => isValidElement(n) && n.type === Hint);
  const solutions = nodes.filter((n) => isValidElement(n) && n.type === Solution);
  const task = nodes.filter((n) => !hints.includes(n as ReactElement<HintProps>) && !solutions.includes(n));
  const ladder = [...hints.map((h, i) => cloneElement(h, { index: i, total: hints.length, key: `hint-${i}` })), ...solutions];
  let preset = null;
  try {
    preset = loadPreset(scenario);
  } catch {
    preset = null;
  }
  return (
    <section id={`challenge-${id}`} aria-labelledby={`challenge-${id}--heading`} className="rounded-2xl border border-line bg-surface px-6 py-5 shadow-sm" data-challenge={id}>
      <p className="flex items-center gap-2 text-xs font-semibold uppercase tracking-[0.08em] text-accent">
        <TargetIcon className="size-4" />
        Challenge
      </p>
      <h3 id={`challenge-${id}--heading`} className="!mt-1 font-serif !text-xl">
        {title}
      </h3>
      <div className="[&>*]:mt-3">{task}</div>
      {preset ? (
        <ChallengeLabIsland id={id} title={title} scenarioId={scenario} scenario={preset} expose={expose ?? []} goals={goals} />
      ) : (
        <>
          <div className="mt-4">
            <p className="text-sm font-semibold">Goals</p>
            <ul className="mt-1 !list-none !pl-0 text-sm">
              {goals.map((goal) => (
                <li key={goal.metric}>{describeGoal(goal)}</li>
              ))}
            </ul>
          </div>
          <div className="mt-4">
            <WidgetPlaceholder kind="Challenge lab" title={title} scenario={scenario} heightPx={360} />
          </div>
        </>
      )}
      {ladder.length > 0 && <HintLadder>{ladder}</HintLadder>}
    </section>
  );
}
