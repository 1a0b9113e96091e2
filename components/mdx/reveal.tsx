import type { ReactNode } from "react";

/** Props of `<Hint>`: one rung of a challenge's hint ladder. */
export interface HintProps {
  children?: ReactNode;
  /** Set by <Challenge>: this hint's place on the ladder (0-based) and how many there are. */
  index?: number;
  total?: number;
}

/**
 * One hint of a challenge, hidden until the learner asks for it. Hints are written in order, from a
 * nudge to a near-answer; each is a native disclosure, so it works without JavaScript and by keyboard.
 */
export function Hint({ children, index, total }: HintProps) {
  const label = index !== undefined && total ? `Hint ${index + 1} of ${total}` : "Show a hint";
  return (
    <details className="group rounded-lg border border-line bg-sunken px-4 py-2 text-[0.98rem]" data-hint={index ?? ""}>
      <summary className="cursor-pointer select-none font-semibold text-accent">{label}</summary>
      <div className="mt-2 [&>*+*]:mt-3">{children}</div>
    </details>
  );
}

/** Props of `<Solution>`: a challenge's worked solution. */
export interface SolutionProps {
  children?: ReactNode;
}

/** A challenge's worked solution, behind a reveal so the learner tries first. */
export function Solution({ children }: SolutionProps) {
  return (
    <details className="rounded-lg border border-line bg-sunken px-4 py-2 text-[0.98rem]" data-solution>
      <summary className="cursor-pointer select-none font-semibold text-accent">Show the worked solution</summary>
      <div className="mt-2 [&>*+*]:mt-3">{children}</div>
    </details>
  );
}

/** Props of `<DeepDive>`: an optional aside for vendor detail, defaults and version notes. */
export interface DeepDiveProps {
  title: string;
  children?: ReactNode;
}

/**
 * An aside off the main path: library defaults, product flags, version history. Collapsed by
 * default so the chapter reads as one argument; its words do not count towards reading time.
 */
export function DeepDive({ title, children }: DeepDiveProps) {
  return (
    <details className="rounded-xl border border-line bg-surface px-5 py-3 text-[0.98rem]" data-deep-dive>
      <summary className="cursor-pointer select-none">
        <span className="text-xs font-semibold uppercase tracking-[0.08em] text-muted">Deep dive</span>
        <span className="ml-2 font-semibold">{title}</span>
      </summary>
      <div className="mt-3 [&>*+*]:mt-3">{children}</div>
    </details>
  );
}
