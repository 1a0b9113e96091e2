"use client";
/**
 * The assignment above an embedded lab (`/embed?assignment=…`): its goals, "Check goals" (a headless
 * run of the learner's current settings in the lab's worker) and "Submit", which checks once more,
 * copies the submission link (the lab's final state, the assignment and the claimed result) and
 * tells the host page with `faultline:challenge-completed`.
 */
import { useEffect, useRef, useState } from "react";
import type { LabController } from "@/lib/lab/lab-controller";
import { checkGoals, describeGoal, type GoalResult } from "@/lib/lab/goals";
import { linkStateFromSnapshot } from "@/lib/share/lab-link";
import { challengeCompletedEvent, progressEvent, type EmbedEvent } from "@/lib/share/embed-protocol";
import { assignmentChallengeId, linkHash, type Assignment } from "@/lib/assignments/assignment";
import { claimFromResults, submissionLink } from "@/lib/assignments/links";

type Phase =
  | { kind: "idle" }
  | { kind: "checking"; submitting: boolean }
  | { kind: "checked"; passed: boolean; results: GoalResult[] }
  | { kind: "submitted"; passed: boolean; results: GoalResult[]; url: string; copied: boolean }
  | { kind: "failed"; message: string };

export function AssignmentPanel({ assignment, controller, post }: { assignment: Assignment; controller: LabController | null; post: (event: EmbedEvent) => void }) {
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const challengeId = assignmentChallengeId(assignment);
  const started = useRef(false);

  useEffect(() => {
    if (!controller || started.current) return;
    started.current = true;
    post({ type: "faultline:challenge-started", challengeId, goalsTotal: assignment.goals.length, seed: controller.getSnapshot().seed, engineVersion: assignment.engineVersion });
  }, [controller, challengeId, assignment, post]);

  const run = async (submitting: boolean) => {
    if (!controller) return;
    setPhase({ kind: "checking", submitting });
    try {
      const snapshot = controller.getSnapshot();
      const report = await controller.runHeadless(snapshot.edits, snapshot.seed);
      const outcome = checkGoals(report, assignment.goals);
      const met = outcome.results.filter((r) => r.passed).length;
      post(progressEvent(challengeId, met, assignment.goals.length));
      if (!submitting) {
        setPhase({ kind: "checked", ...outcome });
        return;
      }
      const state = linkStateFromSnapshot(snapshot, { title: assignment.title, expose: assignment.expose });
      const url = submissionLink(window.location.origin, window.location.search, assignment, state, claimFromResults(outcome.results));
      let copied = false;
      try {
        if (navigator.clipboard) {
          await navigator.clipboard.writeText(url);
          copied = true;
        }
      } catch {
        copied = false;
      }
      setPhase({ kind: "submitted", ...outcome, url, copied });
      post(challengeCompletedEvent({ challengeId, goalsMet: met, goalsTotal: assignment.goals.length, seed: snapshot.seed, engineVersion: assignment.engineVersion, linkHash: linkHash(url) }));
    } catch (error) {
      setPhase({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  };

  const results = phase.kind === "checked" || phase.kind === "submitted" ? phase.results : null;
  const busy = phase.kind === "checking";
  const button = "h-9 rounded-lg px-3 text-sm font-medium disabled:opacity-60";

  return (
    <section aria-labelledby="assignment-heading" className="mb-2 rounded-xl border border-line bg-surface px-4 py-3" data-testid="assignment" data-challenge={challengeId}>
      <p className="text-xs font-semibold uppercase tracking-[0.08em] text-accent">Assignment</p>
      <h1 id="assignment-heading" className="font-serif text-lg font-semibold">{assignment.title}</h1>
      <p className="mt-1 text-sm text-muted">
        Change {assignment.expose.length ? "the settings below" : "the lab"} until every goal is met, then press Submit and hand in the link it copies.
      </p>
      <ul className="mt-2 space-y-1 text-sm" data-testid="assignment-goals">
        {assignment.goals.map((goal, i) => {
          const r = results?.[i];
          return (
            <li key={`${goal.metric}-${i}`} className="flex items-start gap-2" data-testid="assignment-goal" data-passed={r ? String(r.passed) : undefined}>
              <span aria-hidden className={`mt-0.5 inline-flex size-5 shrink-0 items-center justify-center rounded-full border text-xs font-bold ${r ? (r.passed ? "border-ok bg-ok-soft text-ok" : "border-[var(--fl-danger,#b91c1c)] text-[var(--fl-danger,#b91c1c)]") : "border-line text-faint"}`}>
                {r ? (r.passed ? "✓" : "✗") : "·"}
              </span>
              <span>
                {r ? <span className="sr-only">{r.passed ? "Met: " : "Not met: "}</span> : null}
                {r ? r.message : describeGoal(goal)}
              </span>
            </li>
          );
        })}
      </ul>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <button type="button" className={`${button} border border-line bg-surface hover:bg-sunken`} onClick={() => void run(false)} disabled={!controller || busy} data-testid="assignment-check">
          {busy && phase.kind === "checking" && !phase.submitting ? "Checking…" : "Check goals"}
        </button>
        <button type="button" className={`${button} bg-accent text-on-accent hover:bg-accent-strong`} onClick={() => void run(true)} disabled={!controller || busy} data-testid="assignment-submit">
          {busy && phase.kind === "checking" && phase.submitting ? "Running your version…" : "Submit"}
        </button>
      </div>
      <div role="status" aria-live="polite" className="mt-2 text-sm" data-testid="assignment-result" data-state={phase.kind} data-passed={results ? String(phase.kind !== "failed" && "passed" in phase && phase.passed) : undefined}>
        {phase.kind === "checked" && (phase.passed ? <p className="font-medium text-ok">Every goal is met on a full run of your settings. Press Submit to hand it in.</p> : <p>{phase.results.filter((r) => !r.passed).length} of {assignment.goals.length} goals not met yet.</p>)}
        {phase.kind === "submitted" && (
          <p>
            {phase.copied ? "✓ Submission link copied. " : "Copy your submission link below. "}
            {phase.passed ? "It meets every goal." : `It meets ${phase.results.filter((r) => r.passed).length} of ${assignment.goals.length} goals; you can change the settings and submit again.`} Hand the link to your instructor.
          </p>
        )}
        {phase.kind === "failed" && <p>⚠ The run failed: {phase.message}</p>}
      </div>
      {phase.kind === "submitted" && (
        <label className="mt-1 block text-xs text-muted">
          Your submission link:
          <input readOnly value={phase.url} className="mt-1 block w-full rounded border border-line bg-sunken px-1.5 py-1 font-mono text-xs text-fg" onFocus={(e) => e.currentTarget.select()} data-testid="assignment-link" />
        </label>
      )}
    </section>
  );
}

/** Shown instead of the panel when the `assignment=` part of the link cannot be read. */
export function AssignmentProblem({ error }: { error: string }) {
  return (
    <div role="alert" className="mb-2 rounded-xl border border-line bg-warn-soft p-3 text-sm" data-testid="assignment-problem">
      <p className="font-semibold">This assignment link could not be read.</p>
      <p className="mt-1">{error}</p>
      <p className="mt-1 text-muted">The lab below still works; ask your instructor for the link again.</p>
    </div>
  );
}
