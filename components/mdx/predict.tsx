"use client";

import { useId, useState } from "react";
import { FlaskIcon } from "@/components/ui/icons";

/** Props of `<Predict>` (content/README.md). */
export interface PredictProps {
  scenario: string;
  question: string;
  /** Path in the runner's JSON output, e.g. "latencyMs.p99". */
  metric: string;
  unit?: string;
  min?: number;
  max?: number;
}

/**
 * A predict-then-run checkpoint. The learner commits a guess; the lab (components/lab/, to
 * come) will run the scenario and show the measured value beside it. Until then this client
 * component records the guess, which also proves client components pass through the MDX
 * registry. It keeps a fixed minimum height so the page does not move when it changes state.
 */
export function Predict({ scenario, question, metric, unit, min, max }: PredictProps) {
  const [draft, setDraft] = useState("");
  const [guess, setGuess] = useState<number | null>(null);
  const inputId = useId();
  const questionId = useId();

  return (
    <div
      role="group"
      aria-labelledby={questionId}
      className="flex min-h-56 flex-col justify-between gap-4 rounded-2xl border border-note/30 bg-note-soft px-6 py-5"
      data-predict={scenario}
    >
      <div>
        <p className="flex items-center gap-2 text-xs font-semibold uppercase tracking-[0.08em] text-note">
          <FlaskIcon className="size-4" />
          Predict, then run
        </p>
        <p id={questionId} className="!mt-2 font-medium leading-relaxed">
          {question}
        </p>
      </div>
      {guess === null ? (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            const value = Number(draft);
            if (draft.trim() !== "" && Number.isFinite(value)) setGuess(value);
          }}
        >
          <label htmlFor={inputId} className="flex flex-col gap-1 text-sm font-medium">
            Your guess{unit ? ` (${unit})` : ""}
            <input
              id={inputId}
              type="number"
              inputMode="decimal"
              step="any"
              min={min}
              max={max}
              required
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              className="h-10 w-40 rounded-lg border border-line bg-surface px-3 font-mono tabular-nums text-fg"
            />
          </label>
          <button type="submit" className="h-10 rounded-lg bg-accent px-4 font-medium text-on-accent transition-colors hover:bg-accent-strong">
            Lock in my guess
          </button>
        </form>
      ) : (
        <div role="status" className="flex flex-wrap items-center justify-between gap-3">
          <p>
            Your guess: <strong className="font-mono tabular-nums">{guess}</strong>
            {unit ? ` ${unit}` : ""}. The lab will run <code className="!text-[0.85em]">{scenario}</code> and show the measured{" "}
            <code className="!text-[0.85em]">{metric}</code> next to it.
          </p>
          <button type="button" onClick={() => setGuess(null)} className="h-9 rounded-lg border border-line bg-surface px-3 text-sm font-medium hover:border-accent hover:text-accent">
            Change guess
          </button>
        </div>
      )}
    </div>
  );
}
