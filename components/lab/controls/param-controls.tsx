"use client";
/**
 * Controls generated from the kind schemas for the parameters the chapter exposes: a slider and a
 * number field per number (unit in the label), a select per choice. Values apply as you drag
 * (throttled); an invalid value is not applied and gets a message naming the problem.
 */
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useLabChrome } from "@/components/share/lab-chrome";
import { controlsFor, type ControlSpec } from "@/lib/lab/controls";
import { applyEdits } from "@/lib/lab/edit-timeline";
import { useLab, useLabState } from "../lab-context";

function NumberControl({ spec }: { spec: Extract<ControlSpec, { type: "number" }> }) {
  const lab = useLab();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const value = typeof spec.value === "number" ? spec.value : spec.min;
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const commit = (raw: string, immediate: boolean) => {
    setDraft(raw);
    const n = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(n)) {
      setProblem(`Enter a number${spec.unit ? ` in ${spec.unit}` : ""}.`);
      return;
    }
    if (spec.integer && !Number.isInteger(n)) {
      setProblem("Enter a whole number.");
      return;
    }
    const apply = () => {
      const error = lab.setParam(spec.path, n);
      setProblem(error ? error.replace(/nodes\[\d+\]\./g, `${spec.nodeId}.`) : null);
      if (!error) setDraft(null);
    };
    if (timer.current) clearTimeout(timer.current);
    if (immediate) apply();
    else timer.current = setTimeout(apply, 60);
  };

  return (
    <div className="space-y-1" data-testid={`control-${spec.path}`}>
      <label htmlFor={id} className="flex justify-between gap-2 text-sm font-medium">
        <span>
          {spec.label}
          {spec.unit && <span className="font-normal text-muted"> ({spec.unit})</span>}
        </span>
      </label>
      <div className="flex items-center gap-2">
        <input
          type="range"
          className="min-w-0 flex-1 accent-[var(--fl-accent)]"
          min={spec.min}
          max={spec.max}
          step={spec.step}
          value={Number.isFinite(Number(draft)) && draft !== null ? Number(draft) : value}
          aria-label={`${spec.label}${spec.unit ? ` in ${spec.unit}` : ""}, slider`}
          aria-valuetext={`${draft ?? value}${spec.unit ? ` ${spec.unit}` : ""}`}
          onChange={(e) => commit(e.target.value, false)}
        />
        <input
          id={id}
          type="number"
          className="h-8 w-24 rounded-md border border-line bg-surface px-2 text-right font-mono text-sm text-fg aria-[invalid=true]:border-[var(--fl-danger,#dc2626)]"
          step={spec.step}
          value={draft ?? String(value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={(e) => draft !== null && commit(e.target.value, true)}
          onKeyDown={(e) => e.key === "Enter" && commit((e.target as HTMLInputElement).value, true)}
        />
      </div>
      {problem && (
        <p id={`${id}-problem`} role="alert" className="text-xs font-medium text-[var(--fl-danger,#b91c1c)]">
          ⚠ {problem}
        </p>
      )}
    </div>
  );
}

function ChoiceControl({ spec }: { spec: Extract<ControlSpec, { type: "choice" }> }) {
  const lab = useLab();
  const id = useId();
  return (
    <div className="space-y-1" data-testid={`control-${spec.path}`}>
      <label htmlFor={id} className="block text-sm font-medium">
        {spec.label}
      </label>
      <select id={id} className="h-9 w-full rounded-md border border-line bg-surface px-2 text-sm text-fg" value={String(spec.value ?? "")} onChange={(e) => lab.setParam(spec.path, e.target.value)}>
        {spec.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ParamControls() {
  const preset = useLabState((s) => s.preset);
  const edits = useLabState((s) => s.edits);
  const expose = useLabState((s) => s.expose);
  const chrome = useLabChrome();
  const specs = useMemo(() => controlsFor(applyEdits(preset, edits), expose), [preset, edits, expose]).filter((spec) => chrome.control(spec.path) !== "hidden");
  if (specs.length === 0) return <p className="text-sm text-muted">This lab has no settings to change; try injecting a fault instead.</p>;
  return (
    <div className="space-y-4">
      {specs.map((spec) =>
        chrome.control(spec.path) === "locked" ? (
          // Locked by an embed: shown, not changeable.
          <fieldset key={spec.path} disabled className="opacity-70" data-testid={`locked-${spec.path}`}>
            {spec.type === "number" ? <NumberControl spec={spec} /> : spec.type === "choice" ? <ChoiceControl spec={spec} /> : null}
          </fieldset>
        ) : spec.type === "number" ? (
          <NumberControl key={spec.path} spec={spec} />
        ) : spec.type === "choice" ? (
          <ChoiceControl key={spec.path} spec={spec} />
        ) : (
          <p key={spec.path} className="text-sm text-muted">
            {spec.label}: {spec.reason}
          </p>
        ),
      )}
    </div>
  );
}
