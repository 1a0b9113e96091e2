"use client";
/**
 * What the learner (or a Break-it card) changed from the preset, in words: "Breaker enabled
 * (recs-breaker): off", "recs: outage from 30.0 s for 40.0 s". Shown above the graph so a change
 * made from the prose is visible in the lab, with a way back ("Undo all" resets the lab).
 */
import { controlFor } from "@/lib/lab/controls";
import { readParam } from "@/lib/lab/edit-timeline";
import { describeFaultStart } from "@/lib/lab/timeline";
import { formatSimTime } from "@/lib/lab/narration";
import { useLab, useLabState } from "../lab-context";

function formatValue(value: unknown, unit?: string): string {
  if (value === true) return "on";
  if (value === false) return "off";
  if (value === null || value === undefined) return "none";
  return unit ? `${value} ${unit}` : String(value);
}

export function LabChanges() {
  const lab = useLab();
  const params = useLabState((s) => s.edits.params);
  const faults = useLabState((s) => s.edits.faults);
  const preset = useLabState((s) => s.preset);
  const changed = Object.entries(params).filter(([path, value]) => readParam(preset, path) !== value);
  const added = faults.filter((f) => f.origin === "learner");
  if (changed.length === 0 && added.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-line bg-accent-soft/40 px-3 py-1.5 text-sm" data-testid="lab-changes" data-params={changed.map(([p]) => p).join(" ")} data-faults={added.length}>
      <span className="text-xs font-semibold uppercase tracking-wide text-accent-strong">Changed</span>
      <ul className="flex flex-wrap gap-x-3 gap-y-1">
        {changed.map(([path, value]) => {
          const control = controlFor(preset, path);
          return (
            <li key={path} data-testid="lab-change" data-path={path} data-value={JSON.stringify(value)}>
              {control.label}: <span className="line-through decoration-muted/70">{formatValue(readParam(preset, path), control.unit)}</span> → <strong>{formatValue(value, control.unit)}</strong>
            </li>
          );
        })}
        {added.map((f) => (
          <li key={f.id} data-testid="lab-change" data-fault={f.id}>
            {describeFaultStart(f)} from {formatSimTime(f.atMs)}
            {f.durationMs ? ` for ${formatSimTime(f.durationMs)}` : ""}
          </li>
        ))}
      </ul>
      <button type="button" className="ml-auto rounded border border-line bg-surface px-2 py-0.5 text-xs hover:bg-sunken" onClick={() => lab.reset()}>
        Undo all
      </button>
    </div>
  );
}
