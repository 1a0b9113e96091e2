"use client";
/**
 * The frame every mechanism view shares: a title, the drawing for the current step, a timeline the
 * learner controls (play/pause, step back and forward, a scrubber; all native buttons and a range
 * input, so keyboard use needs nothing extra), a live one-sentence description of the step, and the
 * whole run as a table behind a disclosure (the text alternative). Server-rendered in full, so the
 * drawing, description and table read without JavaScript.
 *
 * Motion: nothing plays on its own. Play advances one step per `stepMs`; under reduced motion the
 * drawing's transitions are off (app/globals.css) and steps advance at half the speed. While playing,
 * the description is not announced on every step (aria-live off); it is when the learner steps.
 */
import { useEffect, useId, useState, type ReactNode } from "react";
import { PauseIcon, PlayIcon, StepIcon } from "@/components/lab/icons";

export interface StepTable {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

export interface MechanismShellProps {
  /** Accessible name and visible title of the view. */
  title: string;
  /** Number of steps on the timeline (at least 1). */
  steps: number;
  /** Step shown first (server render and before any interaction); defaults to the last. */
  initialStep?: number;
  /** Time between steps while playing, ms. */
  stepMs?: number;
  /** Short label of step i for the scrubber ("t = 1.2 s"). */
  stepLabel: (step: number) => string;
  /** One or two sentences: what happens at step i. */
  describe: (step: number) => string;
  /** The text alternative: every step (or every band) as a row. */
  table: StepTable;
  /** Row of the table that corresponds to step i (highlighted); -1 for none. */
  rowForStep?: (step: number) => number;
  /** Toggles above the drawing (variants the learner can switch between). */
  options?: ReactNode;
  /** The drawing of step i (decorative to assistive tech: the description and table say it). */
  children: (step: number) => ReactNode;
  /** A key/legend under the drawing. */
  legend?: ReactNode;
  testId?: string;
  /** When this changes (the learner switched variant), the timeline goes back to its initial step. */
  resetKey?: string;
}

function useReducedMotion(): boolean {
  const [reduced, setReduced] = useState(false);
  useEffect(() => {
    const query = window.matchMedia?.("(prefers-reduced-motion: reduce)");
    if (!query) return;
    setReduced(query.matches);
    const onChange = () => setReduced(query.matches);
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);
  return reduced;
}

const shape = "inline-flex h-9 min-w-9 items-center justify-center gap-1.5 rounded-md border px-2.5 text-sm font-medium disabled:opacity-50";
const button = `${shape} border-line bg-surface text-fg hover:bg-sunken`;
const primary = `${shape} border-accent bg-accent text-on-accent hover:bg-accent-strong`;

export function MechanismShell({ title, steps, initialStep, stepMs = 700, stepLabel, describe, table, rowForStep, options, children, legend, testId, resetKey }: MechanismShellProps) {
  const last = Math.max(0, steps - 1);
  const initial = Math.min(last, Math.max(0, initialStep ?? last));
  const [step, setStep] = useState(initial);
  const [playing, setPlaying] = useState(false);
  // Reset on a variant switch during render (not by remounting, which would drop the focus on the switch).
  const [seenKey, setSeenKey] = useState(resetKey);
  if (resetKey !== seenKey) {
    setSeenKey(resetKey);
    setStep(initial);
    setPlaying(false);
  }
  const reduced = useReducedMotion();
  const id = useId();
  const current = Math.min(step, last);

  useEffect(() => {
    if (!playing) return;
    if (current >= last) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => setStep((s) => Math.min(last, s + 1)), reduced ? stepMs * 2 : stepMs);
    return () => clearTimeout(timer);
  }, [playing, current, last, stepMs, reduced]);

  const go = (to: number) => {
    setPlaying(false);
    setStep(Math.min(last, Math.max(0, to)));
  };
  const togglePlay = () => {
    if (playing) return setPlaying(false);
    if (current >= last) setStep(0);
    setPlaying(true);
  };
  const highlighted = rowForStep ? rowForStep(current) : current;

  return (
    <figure className="not-prose my-6 rounded-xl border border-line bg-surface p-3 sm:p-4" aria-labelledby={`${id}-title`} data-testid={testId ?? "mechanism"} data-step={current}>
      <figcaption id={`${id}-title`} className="mb-2 text-sm font-semibold">
        <span className="mr-2 text-xs font-semibold uppercase tracking-[0.08em] text-muted">How it works</span>
        {title}
      </figcaption>
      {options ? <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">{options}</div> : null}
      <div aria-hidden="true" className="mx-auto w-full max-w-[640px]">
        {children(current)}
      </div>
      {legend ? <div className="mt-1 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-muted">{legend}</div> : null}
      <div className="mt-3 flex flex-wrap items-center gap-2" role="group" aria-label={`${title}: timeline`}>
        <button type="button" className={`${primary} min-w-[5.5rem]`} onClick={togglePlay} disabled={steps <= 1} data-testid="mechanism-play">
          {playing ? <PauseIcon /> : <PlayIcon />}
          {playing ? "Pause" : current >= last ? "Replay" : "Play"}
        </button>
        <button type="button" className={button} onClick={() => go(current - 1)} disabled={current <= 0} aria-label="Previous step" title="Previous step" data-testid="mechanism-back">
          <span className="inline-block -scale-x-100">
            <StepIcon />
          </span>
        </button>
        <button type="button" className={button} onClick={() => go(current + 1)} disabled={current >= last} aria-label="Next step" title="Next step" data-testid="mechanism-next">
          <StepIcon />
        </button>
        <label className="flex min-w-[10rem] flex-1 items-center gap-2 text-sm">
          <span className="sr-only">Step</span>
          <input
            type="range"
            className="w-full accent-[var(--fl-accent)]"
            min={0}
            max={last}
            step={1}
            value={current}
            aria-valuetext={`Step ${current + 1} of ${steps}: ${stepLabel(current)}`}
            onChange={(e) => go(Number(e.target.value))}
            data-testid="mechanism-scrubber"
          />
        </label>
        <span className="min-w-[6rem] text-right font-mono text-xs tabular-nums text-muted">{stepLabel(current)}</span>
      </div>
      <p className="mt-2 min-h-[2.8em] text-sm" aria-live={playing ? "off" : "polite"} data-testid="mechanism-description">
        {describe(current)}
      </p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer select-none text-accent">Show the steps as a table</summary>
        <div className="mt-2 max-h-72 overflow-auto">
          <table className="w-full border-collapse text-left text-xs tabular-nums">
            <caption className="sr-only">{table.caption}</caption>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c} scope="col" className="sticky top-0 border-b border-line bg-surface px-2 py-1 font-semibold">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i} className={i === highlighted ? "bg-accent-soft" : undefined} aria-current={i === highlighted ? "step" : undefined}>
                  {row.map((cell, j) => (
                    <td key={j} className="border-b border-line px-2 py-1">
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** A small coloured swatch with a label, for legends. */
export function Swatch({ color, label, pattern }: { color: string; label: string; pattern?: "hatch" }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <span className="inline-block h-2.5 w-3.5 rounded-sm border border-line" style={{ background: color, backgroundImage: pattern === "hatch" ? "repeating-linear-gradient(45deg, transparent 0 2px, rgba(127,127,127,.6) 2px 3px)" : undefined }} />
      {label}
    </span>
  );
}

/** A segmented toggle (radio group) for switching a view between variants. */
export function Choice<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: { value: T; label: string }[]; onChange: (v: T) => void }) {
  const name = useId();
  return (
    <fieldset className="flex flex-wrap items-center gap-1">
      <legend className="sr-only">{label}</legend>
      <span aria-hidden="true" className="mr-1 text-muted">
        {label}:
      </span>
      {options.map((o) => (
        <label key={o.value} className={`cursor-pointer rounded-md border px-2 py-1 text-xs has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent ${o.value === value ? "border-accent bg-accent-soft font-semibold" : "border-line"}`}>
          <input type="radio" className="sr-only" name={name} value={o.value} checked={o.value === value} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Seconds with one decimal, for step labels. */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
