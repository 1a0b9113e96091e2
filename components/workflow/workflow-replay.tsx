"use client";
/**
 * <WorkflowReplay>: a durable workflow (reserve stock, charge, a ten-minute timer, ship) stepped one
 * event at a time. The learner kills worker 1 after any event and watches worker 2 run the code from
 * its first line against the recorded history: activities already completed are not run again (their
 * results come from the history), then the run carries on live. A toggle makes the code read the
 * worker's clock; replay then stops with a non-determinism error at the event it contradicts.
 * Steps from lib/workflow/replay.ts; native buttons, select, checkbox and range; no animation.
 */
import { useMemo, useState } from "react";
import { ACTIVITIES, codeLines, describeEvent, eventsWithoutKill, hhmm, simulate, type CodeMode, type WorkflowStep } from "@/lib/workflow/replay";
import { GeoFrame, quietButton, RangeField, Toggle } from "@/components/geo/widget-parts";
import { DetailsTable } from "@/components/ui/details-table";

export interface WorkflowReplayProps {
  /** Start with the clock-reading (non-deterministic) code (default false). */
  readsClock?: boolean;
  /** Kill worker 1 after this many events to begin with (default none). */
  killAfter?: number | null;
}

const runs = (s: WorkflowStep) => ACTIVITIES.map((a) => `${a} ${s.executions[a]}×`).join(", ");
const workerLabel = (s: WorkflowStep) => (s.worker === null ? "server" : `worker ${s.worker}`);

export function WorkflowReplay({ readsClock = false, killAfter: initialKill = null }: WorkflowReplayProps) {
  const [mode, setMode] = useState<CodeMode>(readsClock ? "reads-clock" : "deterministic");
  const [killAfter, setKillAfter] = useState<number | null>(initialKill);
  const [step, setStep] = useState(0);
  const run = useMemo(() => simulate({ mode, killAfter }), [mode, killAfter]);
  const total = eventsWithoutKill(mode);
  const steps = run.steps;
  const last = steps.length - 1;
  const at = Math.min(step, last);
  const s = steps[at];
  const lines = codeLines(mode);
  const canKill = s.worker === 1 && (s.phase === "start" || s.phase === "live") && s.history.length < total;
  const killHere = () => {
    setKillAfter(s.history.length);
    setStep(at + 1);
  };
  const killedIndex = steps.findIndex((x) => x.phase === "kill");
  const worker1 = killedIndex >= 0 && at >= killedIndex ? "killed" : s.phase === "done" ? "finished" : "running";
  const worker2 = s.worker === 2 ? (s.phase === "nde" ? "stuck on a non-determinism error" : s.phase === "replay" || s.phase === "restart" ? "replaying" : s.phase === "done" ? "finished" : "live") : "not started";

  return (
    <GeoFrame title="Kill the worker, replay the history" testId="workflow-replay">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <button type="button" className={quietButton} onClick={() => setStep(Math.max(0, at - 1))} disabled={at === 0} data-testid="wf-prev">
          Previous step
        </button>
        <button type="button" className={quietButton} onClick={() => setStep(Math.min(last, at + 1))} disabled={at === last} data-testid="wf-next">
          Next step
        </button>
        <button type="button" className={`${quietButton} disabled:opacity-50`} onClick={killHere} disabled={!canKill} data-testid="wf-kill">
          Kill worker 1 here
        </button>
      </div>
      <div className="mt-2 flex flex-wrap items-end gap-x-4 gap-y-2 text-sm">
        <label className="flex flex-col gap-1">
          <span>Kill worker 1</span>
          <select
            className="h-9 rounded-md border border-line bg-surface px-2"
            value={killAfter ?? 0}
            onChange={(e) => {
              const v = Number(e.target.value);
              setKillAfter(v === 0 ? null : v);
            }}
            data-testid="wf-kill-select"
          >
            <option value={0}>never</option>
            {Array.from({ length: total - 1 }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                after event {i + 1}
              </option>
            ))}
          </select>
        </label>
        <Toggle label="Code reads the worker's clock (non-deterministic)" checked={mode === "reads-clock"} onChange={(v) => setMode(v ? "reads-clock" : "deterministic")} testId="wf-clock" />
      </div>
      <div className="mt-2">
        <RangeField label="Step" value={at} min={0} max={last} onChange={setStep} format={(v) => `${v + 1} of ${last + 1}`} testId="wf-step" />
      </div>

      <div className="mt-3 grid gap-3 md:grid-cols-[minmax(0,5fr)_minmax(0,4fr)]">
        <div className="min-w-0 rounded-lg border border-line bg-sunken p-2">
          <p className="mb-1 text-xs font-semibold uppercase tracking-[0.06em] text-muted">Workflow code</p>
          <ol className="list-none pl-0 font-mono text-xs leading-6" data-testid="wf-code">
            {lines.map((l, i) => (
              <li key={i} className={`flex px-1 ${s.line === i ? "rounded bg-accent-soft font-semibold" : ""}`} aria-current={s.line === i ? "step" : undefined}>
                <span className="mr-2 w-3 shrink-0 text-right text-muted">{i + 1}</span>
                <span className="min-w-0 whitespace-pre-wrap break-words">{l}</span>
              </li>
            ))}
          </ol>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-xs">
            <dt className="text-muted">worker 1</dt>
            <dd data-testid="wf-worker1">{worker1}</dd>
            <dt className="text-muted">worker 2</dt>
            <dd data-testid="wf-worker2">{worker2}</dd>
            <dt className="text-muted">clock</dt>
            <dd>{hhmm(s.clock)}</dd>
            <dt className="text-muted">activity runs</dt>
            <dd data-testid="wf-runs">{runs(s)}</dd>
          </dl>
        </div>
        <div className="min-w-0 rounded-lg border border-line bg-sunken p-2">
          <p className="mb-1 text-xs font-semibold uppercase tracking-[0.06em] text-muted">Event history (on the server)</p>
          <ol className="list-none pl-0 text-xs leading-5" data-testid="wf-history">
            {s.history.map((e) => {
              const conflict = s.nde?.eventId === e.id;
              const replayed = s.replayed.includes(e.id);
              const current = s.eventId === e.id;
              return (
                <li key={e.id} className={`flex gap-2 rounded px-1 ${conflict ? "bg-warn-soft font-semibold" : current ? "bg-accent-soft" : ""}`}>
                  <span className="w-5 shrink-0 text-right font-mono text-muted">{e.id}</span>
                  <span className="shrink-0 font-mono text-muted">{hhmm(e.at)}</span>
                  <span className="min-w-0 break-words">
                    {describeEvent(e)}
                    {conflict ? <span className="ml-1 text-warn">✕ contradicted by the code</span> : replayed ? <span className="ml-1 text-muted">(replayed)</span> : null}
                  </span>
                </li>
              );
            })}
          </ol>
        </div>
      </div>

      <p className="mt-2 text-sm" aria-live="polite" data-testid="wf-caption">
        Step {at + 1} of {last + 1}: {s.caption}
      </p>
      <p className="mt-1 text-xs text-muted">
        A toy: activities take a minute, the workflow-task events a real history also holds are left out, and a kill lands between events.
      </p>
      <DetailsTable
        summary="Show the steps as a table"
        testId="wf-table"
        rows={steps}
        current={at}
        columns={[
          { header: "step", cell: (_x, i) => i + 1 },
          { header: "who", cell: (x) => workerLabel(x), nowrap: true },
          { header: "what happens", cell: (x) => x.caption },
          { header: "events", cell: (x) => x.history.length, align: "right", mono: true },
          { header: "activity runs", cell: (x) => runs(x), mono: true },
        ]}
      />
    </GeoFrame>
  );
}
