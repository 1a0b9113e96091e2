"use client";
/**
 * Understanding checks for structural topics (content/README.md): `<Choose>` one answer,
 * `<Classify>` items into categories, `<Order>` steps. The server renders the full question (it
 * reads without JavaScript); after hydration the learner answers, checks, sees which parts were
 * right, and only then the explanation (the children) is revealed. Grading lives in lib/exercises.
 */
import { useId, useMemo, useState, type ReactNode } from "react";
import { CheckIcon, LightbulbIcon } from "@/components/ui/icons";
import { gradeClassification, gradeOrder, moveItem, shuffledOrder, type ClassifyItem } from "@/lib/exercises/exercises";

function Frame({ label, id, children, testId }: { label: string; id: string; children: ReactNode; testId: string }) {
  return (
    <div role="group" aria-labelledby={`${id}-q`} className="not-prose my-6 rounded-2xl border border-ok/30 bg-ok-soft px-6 py-5" data-testid={testId} data-exercise={id}>
      <p className="flex items-center gap-2 text-xs font-semibold uppercase tracking-[0.08em] text-ok">
        <LightbulbIcon className="size-4" />
        {label}
      </p>
      {children}
    </div>
  );
}

function Explanation({ show, children }: { show: boolean; children?: ReactNode }) {
  if (!children) return null;
  return show ? (
    <div className="mt-4 border-t border-ok/30 pt-3 leading-relaxed [&>*+*]:mt-3" data-testid="exercise-explanation">
      {children}
    </div>
  ) : (
    <details className="mt-4 text-sm">
      <summary className="cursor-pointer select-none font-medium text-ok">Show the answer without trying</summary>
      <div className="mt-2 leading-relaxed [&>*+*]:mt-3">{children}</div>
    </details>
  );
}

const buttonClass = "h-10 rounded-lg bg-accent px-4 font-medium text-on-accent transition-colors hover:bg-accent-strong disabled:opacity-60";
const quietButton = "h-9 rounded-lg border border-line bg-surface px-3 text-sm font-medium hover:border-accent hover:text-accent";

/** Props of `<Choose>`: one question, the options, the index of the right one; children explain it. */
export interface ChooseProps {
  id: string;
  question: string;
  options: string[];
  answer: number;
  children?: ReactNode;
}

/** Pick one answer, check it, then read why. */
export function Choose({ id, question, options, answer, children }: ChooseProps) {
  const name = useId();
  const [picked, setPicked] = useState<number | null>(null);
  const [checked, setChecked] = useState(false);
  const right = checked && picked === answer;
  return (
    <Frame label="Check your understanding" id={id} testId="choose">
      <p id={`${id}-q`} className="mt-2 font-medium leading-relaxed">
        {question}
      </p>
      <form
        className="mt-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (picked !== null) setChecked(true);
        }}
      >
        <fieldset className="space-y-2">
          <legend className="sr-only">{question}</legend>
          {options.map((option, i) => {
            const state = checked && i === picked ? (i === answer ? "right" : "wrong") : checked && i === answer && right ? "right" : null;
            return (
              <label
                key={i}
                className={`flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2 ${state === "right" ? "border-ok bg-surface" : state === "wrong" ? "border-[var(--fl-danger,#b91c1c)] bg-surface" : "border-line bg-surface hover:border-accent"}`}
                data-state={state ?? undefined}
              >
                <input
                  type="radio"
                  name={name}
                  value={i}
                  checked={picked === i}
                  onChange={() => {
                    setPicked(i);
                    setChecked(false);
                  }}
                  className="mt-1 accent-[var(--fl-accent)]"
                />
                <span>
                  {option}
                  {state === "right" && <span className="ml-2 font-semibold text-ok">✓ right</span>}
                  {state === "wrong" && <span className="ml-2 font-semibold text-[var(--fl-danger,#b91c1c)]">✗ not this one</span>}
                </span>
              </label>
            );
          })}
        </fieldset>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <button type="submit" className={buttonClass} disabled={picked === null} data-testid="exercise-check">
            Check
          </button>
          <p role="status" aria-live="polite" className="text-sm font-medium" data-testid="exercise-status">
            {checked ? (right ? "Right." : "Not quite: try another answer, or read the explanation.") : ""}
          </p>
        </div>
      </form>
      <Explanation show={checked}>{children}</Explanation>
    </Frame>
  );
}

/** Props of `<Classify>`: a prompt, the categories, and items with their right category. */
export interface ClassifyProps {
  id: string;
  prompt: string;
  categories: string[];
  items: ClassifyItem[];
  children?: ReactNode;
}

/** Sort each item into a category, check, see which were right (with a reason per item). */
export function Classify({ id, prompt, categories, items, children }: ClassifyProps) {
  const order = useMemo(() => shuffledOrder(items.map((_, i) => i), id), [items, id]);
  const [picks, setPicks] = useState<Array<string | undefined>>(() => items.map(() => undefined));
  const [checked, setChecked] = useState(false);
  const result = gradeClassification(items, picks);
  const answered = picks.every((p) => p !== undefined);
  return (
    <Frame label="Sort these" id={id} testId="classify">
      <p id={`${id}-q`} className="mt-2 font-medium leading-relaxed">
        {prompt}
      </p>
      <ol className="mt-3 space-y-3">
        {order.map((i) => {
          const item = items[i]!;
          const verdict = checked ? result.verdicts[i] : null;
          return (
            <li key={i} className="rounded-lg border border-line bg-surface px-3 py-2" data-verdict={verdict === null ? undefined : String(verdict)}>
              <fieldset>
                <legend className="leading-relaxed">{item.text}</legend>
                <div className="mt-2 flex flex-wrap gap-2">
                  {categories.map((category) => (
                    <label key={category} className="inline-flex cursor-pointer items-center gap-1.5 rounded-md border border-line px-2 py-1 text-sm has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent">
                      <input
                        type="radio"
                        className="accent-[var(--fl-accent)]"
                        name={`${id}-${i}`}
                        checked={picks[i] === category}
                        onChange={() => {
                          setPicks((old) => old.map((p, k) => (k === i ? category : p)));
                          setChecked(false);
                        }}
                      />
                      {category}
                    </label>
                  ))}
                </div>
                {verdict === true && <p className="mt-1 text-sm font-semibold text-ok">✓ {item.category}{item.why ? `: ${item.why}` : ""}</p>}
                {verdict === false && <p className="mt-1 text-sm font-semibold text-[var(--fl-danger,#b91c1c)]">✗ Not {picks[i]}: think again, or reveal the answer below.</p>}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="button" className={buttonClass} disabled={!answered} onClick={() => setChecked(true)} data-testid="exercise-check">
          Check
        </button>
        {!answered && <span className="text-sm text-muted">Place every item first.</span>}
        <p role="status" aria-live="polite" className="text-sm font-medium" data-testid="exercise-status">
          {checked ? `${result.correct} of ${result.total} right.` : ""}
        </p>
      </div>
      <Explanation show={checked && result.correct === result.total}>{children}</Explanation>
    </Frame>
  );
}

/** Props of `<Order>`: a prompt and the steps in their right order (shown shuffled). */
export interface OrderProps {
  id: string;
  prompt: string;
  steps: string[];
  children?: ReactNode;
}

/** Put the steps in order with Move up / Move down, check, see which positions are right. */
export function Order({ id, prompt, steps, children }: OrderProps) {
  const [list, setList] = useState(() => shuffledOrder(steps, id));
  const [checked, setChecked] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const result = gradeOrder(steps, list);
  const move = (from: number, delta: number) => {
    const next = moveItem(list, from, delta);
    setList(next);
    setChecked(false);
    const to = next.indexOf(list[from]!);
    setAnnouncement(`Moved to position ${to + 1} of ${next.length}.`);
  };
  return (
    <Frame label="Put in order" id={id} testId="order">
      <p id={`${id}-q`} className="mt-2 font-medium leading-relaxed">
        {prompt}
      </p>
      <ol className="mt-3 space-y-2">
        {list.map((step, i) => {
          const verdict = checked ? result.verdicts[i] : undefined;
          return (
            <li key={step} className={`flex items-center gap-3 rounded-lg border bg-surface px-3 py-2 ${verdict === true ? "border-ok" : verdict === false ? "border-[var(--fl-danger,#b91c1c)]" : "border-line"}`} data-verdict={verdict === undefined ? undefined : String(verdict)}>
              <span className="w-6 shrink-0 text-right font-mono text-sm text-muted">{i + 1}.</span>
              <span className="flex-1 leading-relaxed">
                {step}
                {verdict === true && <span className="sr-only"> (right place)</span>}
                {verdict === false && <span className="sr-only"> (wrong place)</span>}
              </span>
              <span className="flex shrink-0 gap-1">
                <button type="button" className={quietButton} aria-label={`Move "${step}" up`} disabled={i === 0} onClick={() => move(i, -1)}>
                  ↑
                </button>
                <button type="button" className={quietButton} aria-label={`Move "${step}" down`} disabled={i === list.length - 1} onClick={() => move(i, 1)}>
                  ↓
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="button" className={buttonClass} onClick={() => setChecked(true)} data-testid="exercise-check">
          <CheckIcon className="mr-1 inline size-4" />
          Check the order
        </button>
        <p role="status" aria-live="polite" className="text-sm font-medium" data-testid="exercise-status">
          {checked ? (result.solved ? "All in the right order." : `${result.correct} of ${result.total} in the right place.`) : announcement}
        </p>
      </div>
      <Explanation show={checked && result.solved}>{children}</Explanation>
    </Frame>
  );
}
