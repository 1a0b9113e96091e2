"use client";
/**
 * The interactive part of a <BreakIt> card: "Try it" applies the card's change (parameter values
 * and faults) to its lab, pins the Watch metrics onto it, scrolls it into view and plays; each Watch
 * metric is a chip that pins or unpins it. The card's "Why" stays folded until the learner has run
 * the change (the lab played past the point where the change shows) or asks ("Show what happens").
 * Without JavaScript the server HTML of this component is the Watch list and a native <details>.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { FaultSpec } from "@/simulations";
import type { LabController } from "@/lib/lab/lab-controller";
import { reachLab } from "@/lib/lab/lab-registry";
import { metricName } from "@/lib/lab/metric-names";
import { steadyStateLimitMs } from "@/lib/lab/timeline";
import type { ParamValue } from "@/lib/lab/edit-timeline";
import { formatSimTime } from "@/lib/lab/narration";

export interface BreakItActionsProps {
  title: string;
  /** A stable id for the card (its faults are tagged with it, so Try it twice changes nothing). */
  cardId: string;
  lab?: string;
  change?: Record<string, ParamValue>;
  faults?: Array<Record<string, unknown>>;
  watch: string[];
  /** The **Why** paragraphs. */
  children?: ReactNode;
}

type Status = { kind: "idle" } | { kind: "loading" } | { kind: "applied"; atMs: number; revealAtMs: number; rewound: boolean } | { kind: "problem"; message: string };

/** How far past Try it the lab must play before the Why is shown (simulated ms). */
export function revealTimeMs(appliedAtMs: number, faults: readonly Pick<FaultSpec, "atMs" | "durationMs">[], timelineFaults: readonly Pick<FaultSpec, "atMs">[], endMs: number): number {
  const own = faults.map((f) => f.atMs + Math.min(f.durationMs ?? 5_000, 5_000));
  const ahead = steadyStateLimitMs(timelineFaults, appliedAtMs);
  const target = own.length ? Math.max(...own) : ahead !== undefined ? ahead + 5_000 : appliedAtMs + 10_000;
  return Math.min(target, Number.isFinite(endMs) ? endMs : target);
}

export function BreakItActions({ cardId, lab, change, faults, watch, children }: BreakItActionsProps) {
  const root = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [controller, setController] = useState<LabController | null>(null);
  const [pinned, setPinned] = useState<ReadonlySet<string>>(new Set());
  const [open, setOpen] = useState(false);
  const [ranIt, setRanIt] = useState(false);
  // Set once the card's handlers are attached, so scripts (and tests) do not click a server-rendered button.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const whyId = useId();
  const canTry = Boolean((change && Object.keys(change).length) || faults?.length);

  // Follow the lab once known: which Watch metrics are pinned, and whether the change has run.
  useEffect(() => {
    if (!controller) return;
    const sync = () => {
      const state = controller.store.getState();
      setPinned(new Set(state.pinned.map((p) => p.path)));
      if (status.kind === "applied" && !ranIt && (state.timeMs >= status.revealAtMs || state.done) && state.timeMs > status.atMs) {
        setRanIt(true);
        setOpen(true);
      }
    };
    sync();
    return controller.store.subscribe(sync);
  }, [controller, status, ranIt]);

  const connect = async (scroll: boolean) => {
    if (!root.current) throw new Error("The card is not on the page.");
    const c = await reachLab(root.current, lab, scroll);
    setController(c);
    return c;
  };

  const tryIt = async () => {
    setStatus({ kind: "loading" });
    try {
      const c = await connect(true);
      // A lab already at its end would show the change only as a jump in the final numbers, with
      // nothing left to watch: rewind it, so the change plays out from the start.
      // The worker takes messages in order, so the rewind lands before the change and no frame
      // from the end of the old run arrives after it.
      const atEnd = c.store.getState().done;
      if (atEnd) c.seek(0);
      const problem = c.applyChange({ params: change, faults: faults as FaultSpec[] | undefined }, cardId);
      if (problem) return setStatus({ kind: "problem", message: problem });
      if (watch.length) c.pin(watch.map((path) => ({ path })));
      const state = c.store.getState();
      const atMs = state.timeMs;
      setRanIt(false);
      setStatus({ kind: "applied", atMs, rewound: atEnd, revealAtMs: revealTimeMs(atMs, (faults as FaultSpec[] | undefined) ?? [], state.edits.faults, state.endMs) });
      if (!state.done && !state.playing) c.play();
    } catch (error) {
      setStatus({ kind: "problem", message: error instanceof Error ? error.message : String(error) });
    }
  };

  const toggleChip = async (path: string) => {
    try {
      const c = controller ?? (await connect(true));
      if (c.store.getState().pinned.some((p) => p.path === path)) c.unpin(path);
      else c.pin([{ path }]);
    } catch (error) {
      setStatus({ kind: "problem", message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div ref={root} className="not-prose mt-3 space-y-3" data-testid="break-it-actions" data-card={cardId} data-has-change={canTry || undefined} data-hydrated={hydrated || undefined}>
      {(canTry || watch.length > 0) && (
        <div className="flex flex-wrap items-center gap-2">
          {canTry && (
            <button
              type="button"
              onClick={() => void tryIt()}
              disabled={status.kind === "loading"}
              className="inline-flex h-9 items-center gap-1.5 rounded-lg bg-accent px-3.5 text-sm font-semibold text-on-accent hover:bg-accent-strong focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent disabled:opacity-60"
              data-testid="break-it-try"
            >
              <span aria-hidden>▶</span> {status.kind === "loading" ? "Loading the lab…" : status.kind === "applied" ? "Try it again" : "Try it"}
            </button>
          )}
          {watch.length > 0 && (
            <ul className="!m-0 flex list-none flex-wrap items-center gap-1.5 !p-0" aria-label="Watch: pin these onto the lab">
              <li className="!m-0 list-none text-xs font-semibold uppercase tracking-wide text-muted" aria-hidden>
                Watch
              </li>
              {watch.map((path) => {
                const name = metricName(path);
                const on = pinned.has(path);
                return (
                  <li key={path} className="!m-0 list-none">
                    <button
                      type="button"
                      onClick={() => void toggleChip(path)}
                      aria-pressed={on}
                      title={on ? "Unpin from the lab" : "Pin onto the lab as a live number"}
                      className={`inline-flex min-h-8 items-center gap-1 rounded-full border px-2.5 text-sm ${on ? "border-accent bg-accent text-on-accent" : "border-accent/60 bg-surface text-fg hover:border-accent"}`}
                      data-testid="watch-chip"
                      data-path={path}
                    >
                      <span aria-hidden>{on ? "✓" : "+"}</span>
                      {name.label}
                      {name.owner && <span className={on ? "" : "text-muted"}>· {name.owner}</span>}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
      <p role="status" aria-live="polite" className="text-sm text-muted empty:hidden" data-testid="break-it-status">
        {status.kind === "applied" &&
          (ranIt ? "You ran it: the Why below explains what you saw." : `Applied to the lab above${status.rewound ? ", rewound to the start (it had reached its end)," : ""} and playing. The Why opens once the lab passes ${formatSimTime(status.revealAtMs)}.`)}
        {status.kind === "problem" && `⚠ ${status.message}`}
      </p>
      {children ? (
        <details
          className="group rounded-xl border border-line bg-surface/70 px-4 py-2"
          open={open}
          onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
          data-testid="break-it-why"
          data-revealed={open || undefined}
        >
          <summary className="cursor-pointer select-none py-1 font-semibold text-accent" aria-describedby={whyId}>
            {open ? "What happens, and why" : "Show what happens"}
          </summary>
          <span id={whyId} className="sr-only">
            {canTry ? "Opens by itself once you have run the change in the lab." : ""}
          </span>
          <div className="pb-1 text-[1.02rem] leading-relaxed [&>p+p]:mt-3 [&_p]:mt-1">{children}</div>
        </details>
      ) : null}
    </div>
  );
}
