"use client";
/**
 * `/teach/assign`: the instructor sets the title, seed, goals and the controls learners may change,
 * sees how the lab as shipped fares against the goals (a headless run in a worker), and copies the
 * assignment link. Goals are checked as they are typed, with the same rules the link decoder uses.
 */
import { useEffect, useMemo, useState } from "react";
import type { RunReport, Scenario } from "@/simulations";
import { checkGoal, describeGoal, type Goal } from "@/lib/lab/goals";
import { formatMetric, readMetric } from "@/lib/lab/metrics";
import { parseAssignment, parseGoal } from "@/lib/assignments/assignment";
import { assignmentLink, makeAssignment } from "@/lib/assignments/links";

export interface AssignBuilderProps {
  scenarioId: string;
  scenario: Scenario;
  challenge: { id: string; title: string; goals: Goal[]; expose: string[]; chapterTitle: string } | null;
  controls: { path: string; label: string }[];
}

interface GoalDraft {
  metric: string;
  atLeast: string;
  atMost: string;
}

const toDraft = (g: Goal): GoalDraft => ({ metric: g.metric, atLeast: g.atLeast === undefined ? "" : String(g.atLeast), atMost: g.atMost === undefined ? "" : String(g.atMost) });

function fromDraft(d: GoalDraft, i: number): { ok: true; value: Goal } | { ok: false; error: string } {
  const num = (s: string) => (s.trim() === "" ? undefined : Number(s));
  return parseGoal({ metric: d.metric.trim(), ...(d.atLeast.trim() ? { atLeast: num(d.atLeast) } : {}), ...(d.atMost.trim() ? { atMost: num(d.atMost) } : {}) }, `Goal ${i + 1}`);
}

/** Every numeric path of a report (for the metric suggestions), skipping series and traces. */
function metricPaths(report: RunReport): string[] {
  const out: string[] = [];
  const walk = (value: unknown, path: string, depth: number) => {
    if (typeof value === "number" && Number.isFinite(value)) out.push(path);
    else if (depth < 3 && typeof value === "object" && value !== null && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, depth + 1);
  };
  for (const key of ["latencyMs", "throughputPerSec", "requests", "nodes"]) walk((report as unknown as Record<string, unknown>)[key], key, key === "nodes" ? 0 : 1);
  return out;
}

export function AssignBuilder({ scenarioId, scenario, challenge, controls }: AssignBuilderProps) {
  const [title, setTitle] = useState(challenge?.title ?? scenario.title ?? scenarioId);
  const [seedText, setSeedText] = useState(String(scenario.seed));
  const [custom, setCustom] = useState(!challenge);
  const [drafts, setDrafts] = useState<GoalDraft[]>(challenge ? challenge.goals.map(toDraft) : [{ metric: "latencyMs.p99", atLeast: "", atMost: "" }]);
  const [expose, setExpose] = useState<string[]>(challenge?.expose ?? []);
  const [origin, setOrigin] = useState("");
  const [copied, setCopied] = useState<"idle" | "copied" | "manual">("idle");
  const [shipped, setShipped] = useState<{ seed: number; report: RunReport } | { seed: number; error: string } | null>(null);

  useEffect(() => setOrigin(window.location.origin), []);

  const seed = /^\d{1,10}$/.test(seedText.trim()) && Number(seedText) <= 4294967295 ? Number(seedText) : null;
  const parsedGoals = drafts.map(fromDraft);

  // The lab as shipped, at the chosen seed, run once in a worker: how it fares against the goals.
  useEffect(() => {
    if (seed === null) return;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      void import("@/lib/lab/headless-client").then(({ runInWorker }) =>
        runInWorker(scenario, undefined, seed).then(
          (report) => !cancelled && setShipped({ seed, report }),
          (error: unknown) => !cancelled && setShipped({ seed, error: error instanceof Error ? error.message : String(error) }),
        ),
      );
    }, 300);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [scenario, seed]);

  const result = useMemo(() => {
    if (seed === null) return { ok: false as const, error: "The seed must be a whole number from 0 to 4294967295." };
    const firstBad = parsedGoals.find((g) => !g.ok);
    if (firstBad && !firstBad.ok) return { ok: false as const, error: firstBad.error };
    const goals = parsedGoals.map((g) => (g as { ok: true; value: Goal }).value);
    const assignment = makeAssignment({ title: title.trim(), scenarioId, scenario, seed, goals, expose, challengeId: custom ? undefined : challenge?.id });
    const checked = parseAssignment(assignment);
    return checked.ok ? { ok: true as const, assignment: checked.value } : checked;
  }, [seed, parsedGoals, title, scenarioId, scenario, expose, custom, challenge]);

  const link = result.ok && origin ? assignmentLink(origin, result.assignment, scenario) : "";
  const report = shipped && "report" in shipped && shipped.seed === seed ? shipped.report : null;
  const suggestions = useMemo(() => (report ? metricPaths(report) : []), [report]);
  // Every goal row against the run as shipped, also while a row is incomplete (so the measured value helps choose a bound).
  const shippedChecks = report
    ? drafts.map((d, i) => {
        const parsed = parsedGoals[i];
        if (parsed.ok) return { ...checkGoal(report, parsed.value), text: null };
        const measured = d.metric.trim() ? readMetric(report, d.metric.trim()) : null;
        return { passed: false, measured, goal: { metric: d.metric.trim() }, text: measured === null ? null : `${d.metric.trim()}: measured ${formatMetric(d.metric.trim(), measured)}; set a bound` };
      })
    : null;
  const allMetAsShipped = shippedChecks !== null && result.ok && shippedChecks.every((c) => c.passed);

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(link);
      setCopied("copied");
    } catch {
      setCopied("manual");
    }
  };

  const setDraft = (i: number, change: Partial<GoalDraft>) => {
    setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...change } : d)));
    setCopied("idle");
  };
  const input = "mt-1 block w-full rounded-md border border-line bg-surface px-2 py-1.5 text-sm";

  return (
    <div className="mt-8 grid gap-6" data-testid="assign-builder">
      <section aria-labelledby="assign-what" className="rounded-xl border border-line bg-surface p-4">
        <h2 id="assign-what" className="font-serif text-xl font-semibold">The lab</h2>
        <p className="mt-1 text-sm text-muted">
          {scenario.title ?? scenarioId} <span className="font-mono text-xs">({scenarioId})</span>
          {challenge && !custom && <> · goals from the challenge &ldquo;{challenge.title}&rdquo; ({challenge.chapterTitle})</>}
        </p>
        <div className="mt-3 grid gap-3 sm:grid-cols-[1fr_12rem]">
          <label className="text-sm">
            Title learners see
            <input className={input} value={title} maxLength={120} onChange={(e) => setTitle(e.target.value)} data-testid="assign-title" />
          </label>
          <label className="text-sm">
            Seed
            <input className={input} inputMode="numeric" value={seedText} onChange={(e) => setSeedText(e.target.value)} aria-describedby="seed-help" data-testid="assign-seed" />
            <span id="seed-help" className="mt-1 block text-xs text-muted">Every learner runs this seed; grading replays it.</span>
          </label>
        </div>
      </section>

      <section aria-labelledby="assign-goals" className="rounded-xl border border-line bg-surface p-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="assign-goals" className="font-serif text-xl font-semibold">Goals</h2>
          {challenge && (
            <button type="button" className="rounded-md border border-line px-2.5 py-1 text-sm hover:bg-sunken" onClick={() => { setCustom(!custom); if (custom) setDrafts(challenge.goals.map(toDraft)); }} data-testid="assign-custom">
              {custom ? "Use the challenge's goals" : "Write my own goals"}
            </button>
          )}
        </div>
        {!custom ? (
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
            {parsedGoals.map((g, i) => <li key={i}>{g.ok ? describeGoal(g.value) : g.error}</li>)}
          </ul>
        ) : (
          <div className="mt-2 grid gap-3">
            <datalist id="assign-metrics">
              {suggestions.map((m) => <option key={m} value={m} />)}
            </datalist>
            {drafts.map((d, i) => (
              <fieldset key={i} className="grid gap-2 rounded-lg border border-line p-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end" data-testid="assign-goal">
                <legend className="px-1 text-xs text-muted">Goal {i + 1}</legend>
                <label className="text-sm">
                  Metric (report path)
                  <input className={`${input} font-mono`} list="assign-metrics" value={d.metric} onChange={(e) => setDraft(i, { metric: e.target.value })} />
                </label>
                <label className="text-sm">
                  At least
                  <input className={input} inputMode="decimal" value={d.atLeast} onChange={(e) => setDraft(i, { atLeast: e.target.value })} />
                </label>
                <label className="text-sm">
                  At most
                  <input className={input} inputMode="decimal" value={d.atMost} onChange={(e) => setDraft(i, { atMost: e.target.value })} />
                </label>
                <button type="button" className="h-9 rounded-md border border-line px-2.5 text-sm hover:bg-sunken disabled:opacity-50" disabled={drafts.length === 1} onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}>
                  Remove<span className="sr-only"> goal {i + 1}</span>
                </button>
              </fieldset>
            ))}
            <button type="button" className="justify-self-start rounded-md border border-line px-2.5 py-1 text-sm hover:bg-sunken disabled:opacity-50" disabled={drafts.length >= 10} onClick={() => setDrafts([...drafts, { metric: "", atLeast: "", atMost: "" }])}>
              Add a goal
            </button>
          </div>
        )}
        <div className="mt-3 text-sm" data-testid="assign-shipped" aria-live="polite">
          {shippedChecks ? (
            <>
              <p className="font-medium">The lab as shipped, at seed {seed}:</p>
              <ul className="mt-1 space-y-0.5">
                {shippedChecks.map((c, i) => (
                  <li key={i}>
                    <span aria-hidden>{c.text ? "· " : c.passed ? "✓ " : "✗ "}</span>
                    {!c.text && <span className="sr-only">{c.passed ? "Met: " : "Not met: "}</span>}
                    {c.text ?? (c.measured === null ? `${c.goal.metric || `Goal ${i + 1}`}: the run does not report this metric. Check the path.` : `${describeGoal(c.goal)}: measured ${formatMetric(c.goal.metric, c.measured)}`)}
                  </li>
                ))}
              </ul>
              {allMetAsShipped && <p className="mt-1 rounded-md bg-warn-soft px-2 py-1">Every goal is already met without changing anything: learners would pass untouched.</p>}
            </>
          ) : shipped && "error" in shipped ? (
            <p>The lab could not be run: {shipped.error}</p>
          ) : (
            <p className="text-muted">Running the lab as shipped…</p>
          )}
        </div>
      </section>

      <section aria-labelledby="assign-controls" className="rounded-xl border border-line bg-surface p-4">
        <h2 id="assign-controls" className="font-serif text-xl font-semibold">Settings learners may change</h2>
        {controls.length === 0 ? (
          <p className="mt-1 text-sm text-muted">This lab has no settings to offer.</p>
        ) : (
          <div className="mt-2 grid gap-1 sm:grid-cols-2">
            {controls.map((c) => (
              <label key={c.path} className="flex items-start gap-2 text-sm">
                <input type="checkbox" className="mt-1" checked={expose.includes(c.path)} onChange={(e) => setExpose(e.target.checked ? [...expose, c.path] : expose.filter((p) => p !== c.path))} />
                <span>
                  {c.label} <span className="font-mono text-xs text-muted">{c.path}</span>
                </span>
              </label>
            ))}
          </div>
        )}
        {expose.length === 0 && <p className="mt-2 text-sm text-muted">With none chosen, learners can only watch; grading flags any setting they change.</p>}
      </section>

      <section aria-labelledby="assign-link" className="rounded-xl border border-line bg-surface p-4">
        <h2 id="assign-link" className="font-serif text-xl font-semibold">The assignment link</h2>
        {result.ok ? (
          <>
            <label className="mt-2 block text-sm">
              Hand this link out (or put it in an iframe):
              <textarea readOnly rows={3} className={`${input} break-all font-mono text-xs`} value={link} onFocus={(e) => e.currentTarget.select()} data-testid="assign-url" />
            </label>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <button type="button" className="h-9 rounded-lg bg-accent px-3 text-sm font-medium text-on-accent hover:bg-accent-strong" onClick={() => void copy()} disabled={!link} data-testid="assign-copy">
                Copy the link
              </button>
              {link && (
                <a className="text-sm underline" href={link} target="_blank" rel="noopener" data-testid="assign-open">
                  Open it as a learner<span className="sr-only"> (opens in a new tab)</span>
                </a>
              )}
              <a className="text-sm underline" href="/teach/grade">Grade submissions</a>
            </div>
            <p role="status" className="mt-1 text-sm text-muted">
              {copied === "copied" ? "✓ Copied." : copied === "manual" ? "Copying was blocked; select the link above and copy it." : ""}
            </p>
            <p className="mt-2 text-xs text-muted">
              {link.length} characters. It pins the preset (fingerprint {result.assignment.scenarioHash}), seed {result.assignment.seed} and engine {result.assignment.engineVersion}.
            </p>
          </>
        ) : (
          <p role="alert" className="mt-2 rounded-md bg-warn-soft px-2 py-1 text-sm" data-testid="assign-error">
            {result.error}
          </p>
        )}
      </section>
    </div>
  );
}
