"use client";
/**
 * Controls generated from the kind schemas for the parameters the chapter exposes: a slider and a
 * number field per number (unit in the label), a select per choice (human option labels), a switch
 * per boolean, a select of nodes (with "None" where allowed) per node reference, and a text field
 * for strings. Values apply as you drag (throttled); an invalid value is not applied and gets a
 * message naming the problem. Raw field paths appear only in the "Advanced" disclosure.
 */
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useLabChrome } from "@/components/share/lab-chrome";
import { controlsFor, parseControlInput, shownUnit, type ControlSpec } from "@/lib/lab/controls";
import { applyEdits } from "@/lib/lab/edit-timeline";
import { useLab, useLabState } from "../lab-context";

type Of<T extends ControlSpec["type"]> = Extract<ControlSpec, { type: T }>;

/** Applies a value; returns the problem (validator message with the node's id) or null. */
function useApply(spec: ControlSpec) {
  const lab = useLab();
  return (raw: string | boolean): string | null => {
    const parsed = parseControlInput(spec, raw);
    if ("problem" in parsed) return parsed.problem;
    const error = lab.setParam(spec.path, parsed.value);
    return error ? error.replace(/nodes\[\d+\]\./g, `${spec.nodeId}.`) : null;
  };
}

function Problem({ id, problem }: { id: string; problem: string | null }) {
  if (!problem) return null;
  return (
    <p id={id} role="alert" className="text-xs font-medium text-[var(--fl-danger,#b91c1c)]">
      ⚠ {problem}
    </p>
  );
}

function LabelText({ spec, compact }: { spec: ControlSpec; compact?: boolean }) {
  return (
    <span>
      {spec.fieldLabel}
      {!compact && <span className="font-normal text-muted"> · {spec.nodeId}</span>}
      {shownUnit(spec.fieldLabel, spec.unit) && <span className="font-normal text-muted"> ({shownUnit(spec.fieldLabel, spec.unit)})</span>}
    </span>
  );
}

function NumberControl({ spec, compact }: { spec: Of<"number">; compact?: boolean }) {
  const apply = useApply(spec);
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const value = typeof spec.value === "number" ? spec.value : spec.min;
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const commit = (raw: string, immediate: boolean) => {
    setDraft(raw);
    const parsed = parseControlInput(spec, raw);
    if ("problem" in parsed) {
      setProblem(parsed.problem);
      return;
    }
    const run = () => {
      const error = apply(raw);
      setProblem(error);
      if (!error) setDraft(null);
    };
    if (timer.current) clearTimeout(timer.current);
    if (immediate) run();
    else timer.current = setTimeout(run, 60);
  };

  return (
    <div className="min-w-0 space-y-1" data-testid={`control-${spec.path}`} data-control-type="number">
      <label htmlFor={id} className="flex justify-between gap-2 text-sm font-medium">
        <LabelText spec={spec} compact={compact} />
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
          className="h-8 w-20 rounded-md border border-line bg-surface px-2 text-right font-mono text-sm text-fg aria-[invalid=true]:border-[var(--fl-danger,#dc2626)]"
          step={spec.step}
          value={draft ?? String(value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={(e) => draft !== null && commit(e.target.value, true)}
          onKeyDown={(e) => e.key === "Enter" && commit((e.target as HTMLInputElement).value, true)}
        />
      </div>
      <Problem id={`${id}-problem`} problem={problem} />
    </div>
  );
}

const selectClass = "h-9 w-full rounded-md border border-line bg-surface px-2 text-sm text-fg";

function ChoiceControl({ spec, compact }: { spec: Of<"choice">; compact?: boolean }) {
  const apply = useApply(spec);
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="min-w-0 space-y-1" data-testid={`control-${spec.path}`} data-control-type="choice">
      <label htmlFor={id} className="block text-sm font-medium">
        <LabelText spec={spec} compact={compact} />
      </label>
      <select id={id} className={selectClass} value={String(spec.value ?? "")} onChange={(e) => setProblem(apply(e.target.value))}>
        {spec.options.map((o) => (
          <option key={o} value={o}>
            {spec.optionLabels[o]}
          </option>
        ))}
      </select>
      <Problem id={`${id}-problem`} problem={problem} />
    </div>
  );
}

function BooleanControl({ spec, compact }: { spec: Of<"boolean">; compact?: boolean }) {
  const apply = useApply(spec);
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const on = spec.value === true;
  return (
    <div className="min-w-0 space-y-1" data-testid={`control-${spec.path}`} data-control-type="boolean">
      <div className="flex min-h-9 items-center justify-between gap-3">
        <span id={`${id}-label`} className="text-sm font-medium">
          <LabelText spec={spec} compact={compact} />
        </span>
        <button
          type="button"
          role="switch"
          aria-checked={on}
          aria-labelledby={`${id}-label`}
          className="group inline-flex h-7 w-[3.25rem] shrink-0 items-center rounded-full border border-line bg-sunken p-0.5 transition-colors aria-checked:border-accent aria-checked:bg-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
          onClick={() => setProblem(apply(!on))}
        >
          <span aria-hidden className="size-6 rounded-full bg-surface shadow transition-transform group-aria-checked:translate-x-[1.5rem]" />
        </button>
      </div>
      <p className="text-xs text-muted" aria-hidden>
        {on ? "On" : "Off"}
      </p>
      <Problem id={`${id}-problem`} problem={problem} />
    </div>
  );
}

function ReferenceControl({ spec, compact }: { spec: Of<"reference">; compact?: boolean }) {
  const apply = useApply(spec);
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const current = typeof spec.value === "string" ? spec.value : "";
  return (
    <div className="min-w-0 space-y-1" data-testid={`control-${spec.path}`} data-control-type="reference">
      <label htmlFor={id} className="block text-sm font-medium">
        <LabelText spec={spec} compact={compact} />
      </label>
      <select id={id} className={selectClass} value={current} onChange={(e) => setProblem(apply(e.target.value))}>
        {(spec.nullable || current === "") && <option value="">None</option>}
        {spec.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
      <Problem id={`${id}-problem`} problem={problem} />
    </div>
  );
}

function TextControl({ spec, compact }: { spec: Of<"text">; compact?: boolean }) {
  const apply = useApply(spec);
  const id = useId();
  const shown = spec.json ? (spec.value === undefined ? "" : JSON.stringify(spec.value)) : String(spec.value ?? "");
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const error = apply(draft);
    setProblem(error);
    if (!error) setDraft(null);
  };
  return (
    <div className="min-w-0 space-y-1" data-testid={`control-${spec.path}`} data-control-type="text">
      <label htmlFor={id} className="block text-sm font-medium">
        <LabelText spec={spec} compact={compact} />
      </label>
      <input
        id={id}
        className={`${selectClass} ${spec.json ? "font-mono" : ""}`}
        value={draft ?? shown}
        maxLength={spec.maxLength}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === "Enter" && commit()}
      />
      <Problem id={`${id}-problem`} problem={problem} />
    </div>
  );
}

/** One control of the right kind for a spec. */
export function Control({ spec, compact }: { spec: ControlSpec; compact?: boolean }) {
  switch (spec.type) {
    case "number":
      return <NumberControl spec={spec} compact={compact} />;
    case "choice":
      return <ChoiceControl spec={spec} compact={compact} />;
    case "boolean":
      return <BooleanControl spec={spec} compact={compact} />;
    case "reference":
      return <ReferenceControl spec={spec} compact={compact} />;
    case "text":
      return <TextControl spec={spec} compact={compact} />;
  }
}

/** The specs of the exposed controls this lab shows (an embed may hide some). */
export function useControlSpecs(): ControlSpec[] {
  const preset = useLabState((s) => s.preset);
  const edits = useLabState((s) => s.edits);
  const expose = useLabState((s) => s.expose);
  const chrome = useLabChrome();
  return useMemo(() => controlsFor(applyEdits(preset, edits), expose), [preset, edits, expose]).filter((spec) => chrome.control(spec.path) !== "hidden");
}

/** How many exposed controls sit inline beside the graph; the rest are in the settings menu. */
export const INLINE_CONTROLS = 3;

/**
 * The exposed controls. `range` picks a slice ("inline": the first few, shown beside the graph;
 * "rest": the others, in the settings menu; "all").
 */
export function ParamControls({ range = "all", layout = "stack" }: { range?: "inline" | "rest" | "all"; layout?: "stack" | "row" }) {
  const chrome = useLabChrome();
  const all = useControlSpecs();
  const specs = range === "inline" ? all.slice(0, INLINE_CONTROLS) : range === "rest" ? all.slice(INLINE_CONTROLS) : all;
  if (all.length === 0 && range !== "inline") return <p className="text-sm text-muted">This lab has no settings to change; try injecting a fault instead.</p>;
  if (specs.length === 0) return null;
  // A row drops the node id from labels, unless two exposed fields share a label ("Workers" on two databases).
  const shared = new Set(specs.map((s) => s.fieldLabel).filter((l, i, all) => all.indexOf(l) !== i));
  const compactFor = (spec: ControlSpec) => layout === "row" && !shared.has(spec.fieldLabel);
  return (
    <div className={layout === "row" ? "grid gap-x-5 gap-y-2 sm:grid-cols-[repeat(auto-fit,minmax(14rem,1fr))]" : "grid gap-x-6 gap-y-4 md:grid-cols-2 xl:grid-cols-3"} data-testid={`controls-${range}`}>
      {specs.map((spec) =>
        chrome.control(spec.path) === "locked" ? (
          // Locked by an embed: shown, not changeable.
          <fieldset key={spec.path} disabled className="min-w-0 opacity-70" data-testid={`locked-${spec.path}`}>
            <Control spec={spec} compact={compactFor(spec)} />
          </fieldset>
        ) : (
          <Control key={spec.path} spec={spec} compact={compactFor(spec)} />
        ),
      )}
    </div>
  );
}

/** Raw field paths and values (JSON) for those who want them; closed by default. */
export function AdvancedParams() {
  const specs = useControlSpecs();
  if (specs.length === 0) return null;
  return (
    <details className="rounded-md border border-line px-3 py-2 text-sm">
      <summary className="cursor-pointer font-medium">Advanced: field paths and raw values</summary>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 font-mono text-xs">
        {specs.map((spec) => (
          <div key={spec.path} className="contents">
            <dt className="text-muted">{spec.path}</dt>
            <dd className="break-all">{JSON.stringify(spec.value ?? null)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
