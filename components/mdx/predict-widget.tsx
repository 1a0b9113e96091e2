"use client";
/**
 * The interactive part of <Predict>: a labelled number input (range from min/max), a button that
 * locks the guess in, then a headless run of the preset with its own seed in a Web Worker (loaded on
 * demand) and the measured value beside the guess, announced politely.
 */
import { useEffect, useId, useRef, useState } from "react";
import type { RunReport, Scenario } from "@/simulations";
import { FlaskIcon } from "@/components/ui/icons";
import { emitLabEvent } from "@/lib/lab/lab-events";
import { describeMetric, formatMetric, readMetric } from "@/lib/lab/metrics";
import { formatSimTime } from "@/lib/lab/narration";
import { scorePrediction, type PredictionScore } from "@/lib/lab/predict-score";
import { findChapterLab, reachLab } from "@/lib/lab/lab-registry";
import { SPEEDS } from "@/lib/lab/speeds";
import { formatMetricValue } from "@/lib/lab/metric-names";

export interface PredictWidgetProps {
  scenario: string;
  question: string;
  metric: string;
  unit?: string;
  min?: number;
  max?: number;
  /** The preset, read on the server; null when it is missing or invalid (the guess cannot be checked). */
  preset: Scenario | null;
  /** Simulated ms "Show me" plays the lab to (default: the end of the run, where the metric is measured). */
  atMs?: number;
}

type Phase = { kind: "asking" } | { kind: "running"; guess: number } | { kind: "scored"; score: PredictionScore } | { kind: "failed"; guess: number; message: string };

async function measure(preset: Scenario, metric: string): Promise<number> {
  const { runInWorker } = await import("@/lib/lab/headless-client");
  const report: RunReport = await runInWorker(preset);
  const value = readMetric(report, metric);
  if (value === null) throw new Error(`The run does not report ${metric}.`);
  return value;
}

function Bar({ label, value, max, dashed }: { label: string; value: number; max: number; dashed?: boolean }) {
  const share = max > 0 ? Math.max(0, Math.min(1, value / max)) : 0;
  return (
    <div className="grid grid-cols-[5.5rem_1fr] items-center gap-2 text-sm" aria-hidden>
      <span className="text-muted">{label}</span>
      <span className="h-3 rounded-full bg-surface">
        <span className={`block h-3 rounded-full ${dashed ? "border-2 border-dashed border-note bg-transparent" : "bg-note"}`} style={{ width: `${Math.max(2, share * 100)}%` }} />
      </span>
    </div>
  );
}

const describeMetricShort = (path: string) => describeMetric(path);

/** The slowest speed that plays `spanMs` of simulated time in about six seconds. */
function speedFor(spanMs: number): number {
  const wanted = spanMs / 6000;
  return SPEEDS.find((s) => s >= wanted) ?? SPEEDS[SPEEDS.length - 1];
}

export function PredictWidget({ scenario, question, metric, unit, min, max, preset, atMs }: PredictWidgetProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const [hasLab, setHasLab] = useState(false);
  const [showing, setShowing] = useState<string | null>(null);
  useEffect(() => {
    if (rootRef.current) setHasLab(findChapterLab(rootRef.current, scenario) !== null);
  }, [scenario]);

  /** "Show me": the lab of this scenario, back at the preset, played to the moment that answers it. */
  const showMe = async (score: PredictionScore) => {
    if (!rootRef.current) return;
    setShowing("Loading the lab…");
    try {
      const lab = await reachLab(rootRef.current, scenario, true);
      lab.reset();
      lab.pin([{ path: metric, note: `Prediction measured ${formatMetricValue(metric, score.measured)} · your guess ${formatMetricValue(metric, score.guess)}` }]);
      const { endMs } = lab.store.getState();
      const target = atMs ?? endMs;
      const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      if (!Number.isFinite(target)) lab.fastForward();
      else if (reduced) lab.seek(target);
      else {
        lab.setSpeed(speedFor(target));
        lab.play();
        if (atMs !== undefined) {
          const stop = lab.store.subscribe((state) => {
            if (state.timeMs < atMs) return;
            stop();
            lab.pause();
            lab.seek(atMs);
          });
        }
      }
      setShowing(`Playing the lab above to ${Number.isFinite(target) ? formatSimTime(target) : "steady state"}, with ${describeMetricShort(metric)} pinned on it.`);
    } catch (error) {
      setShowing(error instanceof Error ? error.message : String(error));
    }
  };
  const [draft, setDraft] = useState("");
  const [phase, setPhase] = useState<Phase>({ kind: "asking" });
  const [problem, setProblem] = useState<string | null>(null);
  const [hydrated, setHydrated] = useState(false);
  const inputId = useId();
  const questionId = useId();
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // A guess typed into the server-rendered input before this hydrated (it hydrates when it nears
    // the viewport) is in the DOM but not in state: adopt it rather than lose it.
    const typed = inputRef.current?.value;
    if (typed) setDraft(typed);
    setHydrated(true);
  }, []);

  const fmt = (v: number) => formatMetric(metric, v, unit);
  const rangeText = min !== undefined && max !== undefined ? `between ${min} and ${max}` : min !== undefined ? `${min} or more` : max !== undefined ? `${max} or less` : null;

  const submit = async () => {
    const value = Number(draft);
    if (draft.trim() === "" || !Number.isFinite(value)) return setProblem("Enter a number.");
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) return setProblem(`Enter a number ${rangeText}.`);
    setProblem(null);
    if (!preset) return setPhase({ kind: "failed", guess: value, message: "This scenario cannot run yet, so the guess cannot be checked." });
    setPhase({ kind: "running", guess: value });
    try {
      const measured = await measure(preset, metric);
      const score = scorePrediction(value, measured, { metric, unit, min, max });
      setPhase({ kind: "scored", score });
      emitLabEvent("faultline:prediction-answered", { scenario, metric, guess: value, measured });
    } catch (error) {
      setPhase({ kind: "failed", guess: value, message: error instanceof Error ? error.message : String(error) });
    }
  };

  const scaleMax = phase.kind === "scored" ? Math.max(phase.score.guess, phase.score.measured, max !== undefined && max <= Math.max(phase.score.guess, phase.score.measured) * 4 ? max : 0) : 1;

  return (
    <div ref={rootRef} role="group" aria-labelledby={questionId} className="not-prose my-6 flex min-h-56 flex-col justify-between gap-4 rounded-2xl border border-note/30 bg-note-soft px-6 py-5" data-predict={scenario} data-testid="predict">
      <div>
        <p className="flex items-center gap-2 text-xs font-semibold uppercase tracking-[0.08em] text-note">
          <FlaskIcon className="size-4" />
          Predict, then run
        </p>
        <p id={questionId} className="mt-2 font-medium leading-relaxed">
          {question}
        </p>
      </div>
      {phase.kind === "asking" || phase.kind === "running" ? (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <label htmlFor={inputId} className="flex flex-col gap-1 text-sm font-medium">
            Your guess{unit ? ` (${unit})` : ""}
            <input
              ref={inputRef}
              id={inputId}
              type="number"
              inputMode="decimal"
              step="any"
              min={min}
              max={max}
              required
              value={draft}
              disabled={phase.kind === "running"}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${hintId}-problem` : rangeText ? hintId : undefined}
              onChange={(event) => setDraft(event.target.value)}
              className="h-10 w-40 rounded-lg border border-line bg-surface px-3 font-mono tabular-nums text-fg"
              data-testid="predict-input"
            />
          </label>
          <button
            type="submit"
            disabled={!hydrated || phase.kind === "running"}
            className="h-10 rounded-lg bg-accent px-4 font-medium text-on-accent transition-colors hover:bg-accent-strong disabled:opacity-60"
            data-testid="predict-submit"
          >
            {phase.kind === "running" ? "Running the scenario…" : "Lock in my guess"}
          </button>
          {rangeText && (
            <p id={hintId} className="w-full text-xs text-muted">
              A number {rangeText}
              {unit ? ` (${unit})` : ""}.
            </p>
          )}
          {problem && (
            <p id={`${hintId}-problem`} role="alert" className="w-full text-sm font-medium text-[var(--fl-danger,#b91c1c)]">
              ⚠ {problem}
            </p>
          )}
          {!hydrated && <p className="w-full text-xs text-muted">Checking a guess runs the scenario in your browser and needs JavaScript.</p>}
        </form>
      ) : null}
      <div role="status" aria-live="polite" data-testid="predict-result">
        {phase.kind === "scored" && (
          <div className="space-y-3">
            <dl className="grid grid-cols-2 gap-3 sm:max-w-md">
              <div>
                <dt className="text-xs uppercase tracking-wide text-muted">Your guess</dt>
                <dd className="font-mono text-xl tabular-nums" data-testid="predict-guess">
                  {fmt(phase.score.guess)}
                </dd>
              </div>
              <div>
                <dt className="text-xs uppercase tracking-wide text-muted">Measured</dt>
                <dd className="font-mono text-xl font-semibold tabular-nums" data-testid="predict-measured" data-value={phase.score.measured}>
                  {fmt(phase.score.measured)}
                </dd>
              </div>
            </dl>
            <div className="space-y-1 sm:max-w-md">
              <Bar label="Guess" value={phase.score.guess} max={scaleMax} dashed />
              <Bar label="Measured" value={phase.score.measured} max={scaleMax} />
            </div>
            <p>
              <strong data-testid="predict-verdict" data-closeness={phase.score.closeness}>
                {phase.score.verdict}
              </strong>{" "}
              {phase.score.summary}
            </p>
            <p className="text-sm text-muted">
              Measured on one seeded run of <code>{scenario}</code>.{" "}
              {hasLab ? "Show me plays that run in the lab, with the number pinned on it." : "Play the lab nearby to see why the number lands where it does."}
            </p>
            {hasLab && (
              <div className="flex flex-wrap items-center gap-3">
                <button type="button" onClick={() => void showMe(phase.score)} className="h-9 rounded-lg bg-note px-3 text-sm font-semibold text-[var(--fl-surface)] hover:opacity-90" data-testid="predict-show-me">
                  ▶ Show me
                </button>
                {showing && <span className="text-sm text-muted" data-testid="predict-show-status">{showing}</span>}
              </div>
            )}
          </div>
        )}
        {phase.kind === "failed" && (
          <p className="text-sm">
            Your guess: <strong className="font-mono">{fmt(phase.guess)}</strong>. {phase.message}
          </p>
        )}
      </div>
      {(phase.kind === "scored" || phase.kind === "failed") && (
        <button type="button" onClick={() => setPhase({ kind: "asking" })} className="h-9 self-start rounded-lg border border-line bg-surface px-3 text-sm font-medium hover:border-accent hover:text-accent">
          Guess again
        </button>
      )}
    </div>
  );
}
