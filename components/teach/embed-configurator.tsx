"use client";
/**
 * The embed options of one gallery item as a form: read-only, autoplay, hidden panels, each exposed
 * control shown, locked or hidden, a loop range, theme, start time and seed. Number fields keep what
 * the instructor typed and say what is wrong with it instead of silently correcting it.
 */
import { useId, useState } from "react";
import { EMBED_PANELS, MAX_SEED, MAX_START_MS, type EmbedOptions, type EmbedPanel } from "@/lib/share/embed-options";

const panelLabels: Record<EmbedPanel, string> = { charts: "Charts", trace: "Trace", controls: "Controls" };

type ControlMode = "shown" | "locked" | "hidden";

/** The mode of a control under the options (what the select shows). */
function modeOf(options: EmbedOptions, path: string): ControlMode {
  if (options.controls && !options.controls.includes(path)) return "hidden";
  return options.locked.includes(path) ? "locked" : "shown";
}

/** New options with one control set to a mode; `expose` is every control the lab exposes. */
export function withControlMode(options: EmbedOptions, expose: readonly string[], path: string, mode: ControlMode): EmbedOptions {
  const all = options.controls ?? [...expose];
  const controls = mode === "hidden" ? all.filter((p) => p !== path) : all.includes(path) ? all : [...all, path];
  const locked = mode === "locked" ? [...new Set([...options.locked, path])] : options.locked.filter((p) => p !== path);
  const everyShown = expose.every((p) => controls.includes(p));
  return { ...options, controls: everyShown ? undefined : expose.filter((p) => controls.includes(p)), locked };
}

/** A whole-number field: empty means "not set"; anything else must be a whole number within bounds. */
function WholeNumberField({ label, value, max, scale = 1, unit, hint, onChange, testId }: { label: string; value: number | undefined; max: number; scale?: number; unit?: string; hint: string; onChange: (value: number | undefined) => void; testId: string }) {
  const id = useId();
  const [text, setText] = useState(value === undefined ? "" : String(value / scale));
  const [problem, setProblem] = useState<string | null>(null);
  const commit = (raw: string) => {
    setText(raw);
    const trimmed = raw.trim();
    if (trimmed === "") {
      setProblem(null);
      onChange(undefined);
      return;
    }
    const n = Number(trimmed);
    const scaled = Math.round(n * scale);
    if (!/^\d+(\.\d+)?$/.test(trimmed) || !Number.isFinite(n) || (scale === 1 && !Number.isInteger(n)) || scaled > max) {
      setProblem(`${label} must be ${scale === 1 ? "a whole number" : "a number"} from 0 to ${(max / scale).toLocaleString("en")}${unit ? ` ${unit}` : ""}; not applied.`);
      return;
    }
    setProblem(null);
    onChange(scaled);
  };
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
        {unit ? <span className="font-normal text-muted"> ({unit})</span> : null}
      </label>
      <input id={id} inputMode="numeric" value={text} onChange={(e) => commit(e.target.value)} placeholder={hint} aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-problem` : undefined} className="mt-1 w-full rounded-md border border-line bg-surface px-2 py-1" data-testid={testId} />
      {problem && (
        <p id={`${id}-problem`} className="mt-1 text-xs text-warn" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

export function EmbedConfigurator({ options, expose, controlLabel, onChange }: { options: EmbedOptions; expose: readonly string[]; controlLabel: (path: string) => string; onChange: (options: EmbedOptions) => void }) {
  const set = (patch: Partial<EmbedOptions>) => onChange({ ...options, ...patch });
  const toggleHide = (panel: EmbedPanel) => set({ hide: options.hide.includes(panel) ? options.hide.filter((p) => p !== panel) : [...options.hide, panel] });
  const loopFrom = options.loop?.fromMs;
  const loopTo = options.loop?.toMs;
  const [loopDraft, setLoopDraft] = useState<{ fromMs?: number; toMs?: number }>({ fromMs: loopFrom, toMs: loopTo });
  const setLoop = (draft: { fromMs?: number; toMs?: number }) => {
    setLoopDraft(draft);
    set({ loop: draft.fromMs !== undefined && draft.toMs !== undefined && draft.toMs > draft.fromMs ? { fromMs: draft.fromMs, toMs: draft.toMs } : undefined });
  };
  const loopProblem = loopDraft.fromMs !== undefined && loopDraft.toMs !== undefined && loopDraft.toMs <= loopDraft.fromMs;

  return (
    <form className="min-w-0 space-y-4 text-sm" onSubmit={(e) => e.preventDefault()} aria-label="Embed options" data-testid="teach-configurator">
      <fieldset className="min-w-0 space-y-1.5">
        <legend className="font-semibold">What the reader can do</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={options.readOnly} onChange={(e) => set({ readOnly: e.target.checked })} data-testid="teach-readonly" />
          Read-only (playback only: no settings, no faults)
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={options.autoplay} onChange={(e) => set({ autoplay: e.target.checked })} data-testid="teach-autoplay" />
          Start playing (otherwise paused)
        </label>
      </fieldset>
      {expose.length > 0 && (
        <fieldset className="min-w-0 space-y-1.5">
          <legend className="font-semibold">Controls</legend>
          {expose.map((path) => (
            <div key={path} className="flex items-center justify-between gap-2">
              <label htmlFor={`control-${path}`} className="min-w-0 break-words" title={path}>
                {controlLabel(path)}
              </label>
              <select id={`control-${path}`} value={modeOf(options, path)} onChange={(e) => onChange(withControlMode(options, expose, path, e.target.value as ControlMode))} className="shrink-0 rounded-md border border-line bg-surface px-1.5 py-1" data-testid={`teach-control-${path}`}>
                <option value="shown">shown</option>
                <option value="locked">locked</option>
                <option value="hidden">hidden</option>
              </select>
            </div>
          ))}
        </fieldset>
      )}
      <fieldset className="min-w-0">
        <legend className="font-semibold">Hide panels</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {EMBED_PANELS.map((panel) => (
            <label key={panel} className="inline-flex items-center gap-1.5">
              <input type="checkbox" checked={options.hide.includes(panel)} onChange={() => toggleHide(panel)} data-testid={`teach-hide-${panel}`} />
              {panelLabels[panel]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="min-w-0">
        <legend className="font-semibold">Loop a stretch of simulated time</legend>
        <div className="mt-1 grid grid-cols-2 gap-2">
          <WholeNumberField label="From" unit="s" scale={1000} max={1e9} value={loopDraft.fromMs} hint="off" onChange={(fromMs) => setLoop({ ...loopDraft, fromMs })} testId="teach-loop-from" />
          <WholeNumberField label="To" unit="s" scale={1000} max={1e9} value={loopDraft.toMs} hint="off" onChange={(toMs) => setLoop({ ...loopDraft, toMs })} testId="teach-loop-to" />
        </div>
        {loopProblem && (
          <p className="mt-1 text-xs text-warn" role="alert">
            The loop must end after it starts; no loop is applied.
          </p>
        )}
      </fieldset>
      <div className="grid grid-cols-2 gap-2">
        <WholeNumberField label="Start at" unit="s" scale={1000} max={MAX_START_MS} value={options.startMs} hint="0" onChange={(startMs) => set({ startMs })} testId="teach-start" />
        <WholeNumberField label="Seed" max={MAX_SEED} value={options.seed} hint="the lab's" onChange={(seed) => set({ seed })} testId="teach-seed" />
      </div>
      <div>
        <label htmlFor="teach-theme" className="block font-semibold">
          Theme
        </label>
        <select id="teach-theme" value={options.theme ?? ""} onChange={(e) => set({ theme: e.target.value === "light" || e.target.value === "dark" ? e.target.value : undefined })} className="mt-1 rounded-md border border-line bg-surface px-1.5 py-1" data-testid="teach-theme">
          <option value="">The reader&apos;s setting</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </div>
    </form>
  );
}
