"use client";
/** The message for a link that could not be opened: what is wrong, the details, and a way on. */
import type { LinkProblem } from "@/lib/share/normalise";

export function LinkProblemNotice({ problem, fallbackLabel, onFallback }: { problem: LinkProblem; fallbackLabel: string; onFallback?: () => void }) {
  return (
    <div role="alert" className="rounded-xl border border-line bg-warn-soft p-4 text-sm" data-testid="link-problem" data-code={problem.code}>
      <p className="font-semibold">This lab link could not be opened.</p>
      <p className="mt-1">{problem.message}</p>
      {problem.details.length > 0 && (
        <ul className="mt-2 list-disc pl-5 font-mono text-xs text-muted">
          {problem.details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      )}
      {onFallback && (
        <button type="button" className="mt-3 rounded-md border border-line bg-surface px-2.5 py-1" onClick={onFallback} data-testid="link-fallback">
          {fallbackLabel}
        </button>
      )}
    </div>
  );
}

/** Notes about what was repaired in a link (values clamped, settings dropped). */
export function LinkNotes({ notes }: { notes: string[] }) {
  if (!notes.length) return null;
  return (
    <details className="rounded-lg border border-line bg-note-soft px-3 py-1.5 text-xs" data-testid="link-notes">
      <summary>The link was adjusted to open here ({notes.length} change{notes.length === 1 ? "" : "s"}).</summary>
      <ul className="mt-1 list-disc pl-5">
        {notes.slice(0, 20).map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
    </details>
  );
}
