"use client";
/**
 * Playback: play/pause, step to the next event, time scrubber (seek = exact re-simulation), speed,
 * reset, seed, fast-forward to steady state with progress and cancel, and the motion toggle.
 * Keyboard: every control is a native button/input/select; Space on the lab toggles play.
 */
import { useState } from "react";
import { SPEEDS } from "@/lib/lab/lab-controller";
import { useLab, useLabState } from "../lab-context";
import { formatSimTime } from "../format";
import { FastForwardIcon, PauseIcon, PlayIcon, ResetIcon, StepIcon } from "../icons";
import { ScrubberMarkers, TimeJumps, TimelineNotice } from "./timeline-markers";

const shape = "inline-flex h-9 min-w-9 items-center justify-center gap-1.5 rounded-md border px-2.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent disabled:opacity-50";
const button = `${shape} border-line bg-surface text-fg hover:bg-sunken`;
const primary = `${shape} border-accent bg-accent text-on-accent hover:bg-accent-strong`;

export function PlaybackBar() {
  const lab = useLab();
  const playing = useLabState((s) => s.playing);
  const timeMs = useLabState((s) => s.timeMs);
  const endMs = useLabState((s) => s.endMs);
  const done = useLabState((s) => s.done);
  const speed = useLabState((s) => s.speed);
  const lagging = useLabState((s) => s.lagging && s.playing);
  const progress = useLabState((s) => s.progress);
  const [scrub, setScrub] = useState<number | null>(null);
  const finiteEnd = Number.isFinite(endMs) ? endMs : Math.max(timeMs * 1.5, 60_000);
  const shown = scrub ?? timeMs;

  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Playback">
      <button type="button" className={`${primary} min-w-[5.5rem]`} onClick={() => lab.togglePlay()} disabled={done && !playing} aria-label={playing ? "Pause" : "Play"} data-testid="lab-play">
        {playing ? <PauseIcon /> : <PlayIcon />}
        {playing ? "Pause" : done ? "Ended" : "Play"}
      </button>
      <button type="button" className={button} onClick={() => lab.step()} aria-label="Step to the next event" title="Step to the next event" disabled={done}>
        <StepIcon />
      </button>
      <label className="flex min-w-[12rem] flex-1 items-center gap-2 text-sm">
        <span className="sr-only">Simulated time</span>
        <span className="relative flex w-full items-center py-1.5">
        <ScrubberMarkers endMs={finiteEnd} />
        <input
          type="range"
          className="w-full accent-[var(--fl-accent)]"
          min={0}
          max={finiteEnd}
          step={100}
          value={Math.min(shown, finiteEnd)}
          aria-valuetext={`${formatSimTime(shown)} of ${formatSimTime(finiteEnd)}`}
          data-testid="lab-scrubber"
          onChange={(e) => setScrub(Number(e.target.value))}
          onPointerUp={() => {
            if (scrub !== null) lab.seek(scrub);
            setScrub(null);
          }}
          onKeyUp={(e) => {
            if (scrub !== null && /Arrow|Home|End|Page/.test(e.key)) {
              lab.seek(scrub);
              setScrub(null);
            }
          }}
          onBlur={() => {
            if (scrub !== null) lab.seek(scrub);
            setScrub(null);
          }}
        />
        </span>
        <output className="w-[8.5rem] shrink-0 text-right font-mono text-xs tabular-nums text-muted" data-testid="lab-time" aria-live="off">
          {formatSimTime(shown)} / {formatSimTime(finiteEnd)}
        </output>
      </label>
      <label className="flex items-center gap-1 text-sm text-muted">
        Speed
        <select className="h-9 rounded-md border border-line bg-surface px-1.5 text-fg" value={speed} onChange={(e) => lab.setSpeed(Number(e.target.value))} data-testid="lab-speed">
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      {progress ? (
        <div className="flex items-center gap-2 text-sm" role="status">
          <progress max={1} value={progress.fraction} className="w-24" aria-label={progress.label} />
          <span className="text-muted">{Math.round(progress.fraction * 100)}%</span>
          <button type="button" className={button} onClick={() => lab.cancel()}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className={button} onClick={() => lab.fastForward()} disabled={done} title="Run until the p95 latency stops changing, stopping where a scheduled fault starts" data-testid="lab-fast-forward">
          <FastForwardIcon /> Steady state
        </button>
      )}
      <button type="button" className={button} onClick={() => lab.reset()} title="Back to the preset: settings, faults and seed">
        <ResetIcon /> Reset
      </button>
      <TimeJumps />
      {lagging && <span className="text-xs text-warn">⚠ Running slower than {speed}×</span>}
      <div className="w-full">
        <TimelineNotice />
      </div>
    </div>
  );
}

/** Seed field and motion toggle: secondary settings. */
export function RunSettings() {
  const lab = useLab();
  const seed = useLabState((s) => s.seed);
  const motion = useLabState((s) => s.motion);
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-end gap-3 text-sm">
      <form
        className="flex items-end gap-1.5"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft !== null) lab.setSeed(Number(draft));
          setDraft(null);
        }}
      >
        <label className="flex flex-col gap-0.5 text-muted">
          Seed
          <input className="h-8 w-24 rounded-md border border-line bg-surface px-2 font-mono text-fg" inputMode="numeric" value={draft ?? String(seed)} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <button type="submit" className={`${button} h-8`}>
          Apply
        </button>
        <button type="button" className={`${button} h-8`} onClick={() => lab.setSeed(Math.floor(Math.random() * 1_000_000))}>
          New seed
        </button>
      </form>
      <label className="flex flex-col gap-0.5 text-muted">
        Motion
        <select className="h-8 rounded-md border border-line bg-surface px-1.5 text-fg" value={motion} onChange={(e) => lab.setMotion(e.target.value as typeof motion)} data-testid="lab-motion">
          <option value="system">Follow system</option>
          <option value="reduced">Reduced: counters, no particles</option>
          <option value="full">Full: animated particles</option>
        </select>
      </label>
    </div>
  );
}
