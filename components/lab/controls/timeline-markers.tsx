"use client";
/**
 * Time that tells the story: markers on the scrubber for scheduled faults (a band for how long each
 * lasts) and for the state transitions the run reaches (breaker opened, half-open, closed; failover;
 * scale-out), "Next event" that names where it jumps, "Run to the end", and a line that says what a
 * jump did or which transition playback is holding on. The event list is also given as text for
 * screen readers; colour is never the only signal (shape and words differ too).
 */
import { useMemo } from "react";
import { describeEvent, nextEvent, timelineEvents, type TimelineEvent } from "@/lib/lab/timeline";
import { useLab, useLabState, useReducedMotion } from "../lab-context";
import { formatSimTime } from "../format";

const toneColour: Record<TimelineEvent["tone"], string> = {
  alarm: "var(--fl-danger, #dc2626)",
  recover: "var(--fl-ok)",
  info: "var(--fl-note)",
};

/** The run's faults and transitions, from the store (re-derived when they change). */
export function useTimeline(): TimelineEvent[] {
  const faults = useLabState((s) => s.edits.faults);
  const transitions = useLabState((s) => s.transitions);
  const endMs = useLabState((s) => s.endMs);
  return useMemo(() => timelineEvents(faults, transitions ?? [], endMs), [faults, transitions, endMs]);
}

/** Fault bands and event ticks, laid over the scrubber's track (the parent is `relative`). */
export function ScrubberMarkers({ endMs }: { endMs: number }) {
  const faults = useLabState((s) => s.edits.faults);
  const events = useTimeline();
  if (!Number.isFinite(endMs) || endMs <= 0) return null;
  const at = (ms: number) => `${Math.max(0, Math.min(100, (ms / endMs) * 100))}%`;
  // One tick per distinct 0.25% of the track, so a flapping breaker does not draw hundreds.
  const seen = new Set<string>();
  const ticks = events.filter((e) => {
    const key = `${e.kind}-${Math.round((e.atMs / endMs) * 400)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return (
    // The thumb is about 16 px wide: the track runs from its half-width to the far half-width.
    <div className="pointer-events-none absolute inset-x-2 inset-y-0" aria-hidden data-testid="scrubber-markers">
      {faults.map((f) => (
        <span
          key={`band-${f.id}`}
          className="absolute top-1/2 h-2 -translate-y-1/2 rounded-sm opacity-30"
          style={{ left: at(f.atMs), width: f.durationMs ? `calc(${at(f.atMs + f.durationMs)} - ${at(f.atMs)})` : "3px", background: toneColour.alarm }}
        />
      ))}
      {ticks.map((e, i) => (
        <span
          key={`${e.kind}-${e.atMs}-${i}`}
          data-testid="scrubber-marker"
          data-kind={e.kind}
          data-at-ms={e.atMs}
          title={describeEvent(e)}
          className={`absolute -translate-x-1/2 ${e.kind === "transition" ? "top-0 h-1.5 w-1.5 rounded-full" : "-top-0.5 h-0 w-0 border-x-[5px] border-t-[7px] border-x-transparent"}`}
          style={e.kind === "transition" ? { left: at(e.atMs), background: toneColour[e.tone] } : { left: at(e.atMs), borderTopColor: toneColour[e.tone] }}
        />
      ))}
    </div>
  );
}

const shape = "inline-flex h-9 items-center justify-center gap-1.5 rounded-md border px-2.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent disabled:opacity-50";
const button = `${shape} border-line bg-surface text-fg hover:bg-sunken`;

/** "Next event: outage of recs at 30.0 s" and "Run to the end". */
export function TimeJumps() {
  const lab = useLab();
  const timeMs = useLabState((s) => s.timeMs);
  const done = useLabState((s) => s.done);
  const events = useTimeline();
  const next = nextEvent(events, timeMs);
  return (
    <>
      <button
        type="button"
        className={`${button} max-w-full`}
        onClick={() => lab.jumpToNextEvent()}
        disabled={!next}
        aria-label={next ? `Jump to the next event: ${describeEvent(next)}` : "No more events ahead"}
        data-testid="lab-next-event"
        data-at-ms={next?.atMs}
      >
        <span aria-hidden>⇥</span>
        <span className="truncate">{next ? <>Next: {describeEvent(next)}</> : "No events ahead"}</span>
      </button>
      <button type="button" className={button} onClick={() => lab.runToEnd()} disabled={done} data-testid="lab-run-to-end" title="Simulate the whole run and show where it ends">
        <span aria-hidden>⇥|</span> Run to the end
      </button>
    </>
  );
}

/** What the last jump did, or the transition playback is holding on; and the events as text. */
export function TimelineNotice() {
  const notice = useLabState((s) => s.notice);
  const hold = useLabState((s) => s.hold);
  const timeMs = useLabState((s) => s.timeMs);
  const reduced = useReducedMotion();
  const events = useTimeline();
  const last = [...events].reverse().find((e) => e.kind === "transition" && e.atMs <= timeMs + 1);
  const recentTransition = last && timeMs - last.atMs < 5_000 ? last : null;
  return (
    <div className="flex min-h-5 flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted" data-testid="lab-timeline-notice">
      {hold ? (
        <span className={`inline-flex items-center gap-1 rounded-full border border-note/40 bg-note-soft px-2 py-0.5 font-semibold text-note ${reduced ? "" : "motion-safe:animate-pulse"}`} role="status" data-testid="lab-hold">
          ⏸ Slowed to show: {hold.label} ({formatSimTime(hold.atMs)})
        </span>
      ) : recentTransition ? (
        <span className="inline-flex items-center gap-1 rounded-full border border-line bg-surface px-2 py-0.5 text-fg" data-testid="lab-last-transition">
          <span aria-hidden style={{ color: toneColour[recentTransition.tone] }}>●</span> {recentTransition.label} at {formatSimTime(recentTransition.atMs)}
        </span>
      ) : null}
      {notice && (
        <span role="status" data-testid="lab-notice">
          {notice}
        </span>
      )}
      <details className="relative">
        <summary className="cursor-pointer select-none underline decoration-dotted underline-offset-2">{events.length} event{events.length === 1 ? "" : "s"} on the timeline</summary>
        <ol className="absolute left-0 z-20 mt-1 max-h-56 w-72 overflow-auto rounded-md border border-line bg-surface p-2 text-fg shadow-lg" data-testid="lab-event-list">
          {events.length === 0 && <li>No faults or state changes in this run.</li>}
          {events.map((e, i) => (
            <li key={`${e.atMs}-${i}`} className="flex gap-2 py-0.5">
              <span className="w-14 shrink-0 text-right font-mono tabular-nums text-muted">{formatSimTime(e.atMs)}</span>
              <span>{e.label}</span>
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
