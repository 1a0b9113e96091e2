"use client";
/**
 * <BatchJobView>: one MapReduce-like job drawn as a Gantt chart, a lane per worker and a bar per task
 * run, so the learner sees the job wait for its slowest task. Controls: stragglers, backup tasks, a
 * hot key and salting, lost partitions; "another run" draws a new seed, and the averages over 50
 * seeds with and without backups sit beside the chart. Logic in lib/batch; native inputs only.
 */
import { useId, useState } from "react";
import { DEFAULT_JOB, meanJobTime, runJob, type JobSpec, type TaskRun } from "@/lib/batch/mapreduce";
import { color, labelSize } from "@/components/mechanisms/palette";
import { GeoFrame, px2, quietButton, RangeField, Toggle } from "@/components/geo/widget-parts";
import { DetailsTable } from "@/components/ui/details-table";

export interface BatchJobViewProps {
  /** Straggler chance per task run to start with, percent 0–10 (default 1). */
  stragglerPercent?: number;
  /** Start with backup tasks on (default false). */
  backups?: boolean;
  /** The hot key's share of records to start with, percent 0–50 (default 0). */
  hotKeyPercent?: number;
}

const SALTS = [1, 2, 4, 8];
const AVERAGE_OVER = 50;
const runColor = (x: TaskRun) => (x.kind === "recompute" ? color.bad : x.straggler ? color.warn : x.kind === "map" ? color.note : x.kind === "merge" ? color.muted : color.ok);
const s1 = (v: number) => `${v.toFixed(0)} s`;

export function BatchJobView({ stragglerPercent = 1, backups: b0 = false, hotKeyPercent = 0 }: BatchJobViewProps) {
  const [straggler, setStraggler] = useState(stragglerPercent);
  const [backups, setBackups] = useState(b0);
  const [hot, setHot] = useState(hotKeyPercent);
  const [saltIndex, setSaltIndex] = useState(0);
  const [lost, setLost] = useState(0);
  const [seed, setSeed] = useState(1);
  const summaryId = useId();

  const spec: JobSpec = { ...DEFAULT_JOB, stragglerChance: straggler / 100, backups, hotKeyShare: hot / 100, salts: SALTS[saltIndex], lostPartitions: lost };
  const result = runJob(spec, seed);
  const meanWith = meanJobTime({ ...spec, backups: true }, AVERAGE_OVER);
  const meanWithout = meanJobTime({ ...spec, backups: false }, AVERAGE_OVER);
  const slowest = result.runs.filter((x) => x.won).reduce((a, b) => (b.end > a.end ? b : a));
  const killed = result.runs.filter((x) => !x.won).length;

  const summary =
    `Run ${seed}: the job took ${s1(result.jobTime)}; its last task, ${slowest.task}${slowest.straggler ? " (a straggler)" : ""}, ended then. ` +
    `${result.stragglers} straggling run${result.stragglers === 1 ? "" : "s"}, ${result.backupsLaunched} backup cop${result.backupsLaunched === 1 ? "y" : "ies"} (${killed} killed after the other copy won). ` +
    `Slowest reduce ${s1(result.slowestReduceS)}. Over ${AVERAGE_OVER} runs: ${s1(meanWithout)} without backups, ${s1(meanWith)} with them.`;

  const W = 360;
  const lane = 7;
  const top = 4;
  const left = 20;
  const H = top + DEFAULT_JOB.workers * lane + 22;
  const maxT = Math.max(result.jobTime, 60) * 1.02;
  const x = (t: number) => left + (t / maxT) * (W - left - 4);
  const tickStep = maxT > 300 ? 100 : maxT > 120 ? 50 : 20;

  return (
    <GeoFrame title="A MapReduce-like job: 60 maps, 20 reduces, 20 workers" testId="batch-job">
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        <RangeField label="Straggling task runs (5× slower)" value={straggler} min={0} max={10} onChange={setStraggler} format={(v) => `${v}%`} testId="batch-straggler" />
        <RangeField label="Records on one hot key" value={hot} min={0} max={50} step={5} onChange={setHot} format={(v) => `${v}%`} testId="batch-hot" />
        <RangeField label="Salt the hot key into" value={saltIndex} min={0} max={SALTS.length - 1} onChange={setSaltIndex} format={(i) => `${SALTS[i]} sub-key${SALTS[i] === 1 ? "" : "s"}`} testId="batch-salts" />
        <RangeField label="Map outputs lost after the map phase" value={lost} min={0} max={5} onChange={setLost} format={(v) => String(v)} testId="batch-lost" />
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <Toggle label="Backup tasks (speculative execution)" checked={backups} onChange={setBackups} testId="batch-backups" />
        <button type="button" className={quietButton} onClick={() => setSeed((s) => s + 1)} data-testid="batch-reseed">Another run</button>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} className="mt-3 h-auto w-full" fontSize={labelSize - 3} role="img" aria-label={`Gantt chart, one lane per worker: maps until ${s1(result.mapPhaseEnd)}, then reduces; the job ends at ${s1(result.jobTime)}.`} data-testid="batch-svg">
        {Array.from({ length: Math.floor(maxT / tickStep) + 1 }, (_, i) => i * tickStep).map((t) => (
          <g key={t}>
            <line x1={px2(x(t))} x2={px2(x(t))} y1={top} y2={H - 18} stroke={color.line} strokeWidth={0.5} />
            <text x={px2(x(t))} y={H - 9} textAnchor="middle" fill={color.muted}>{t} s</text>
          </g>
        ))}
        <text x={0} y={top + 6} fill={color.muted}>w1</text>
        <text x={0} y={top + DEFAULT_JOB.workers * lane} fill={color.muted}>w{DEFAULT_JOB.workers}</text>
        {result.runs.map((r, i) => (
          <rect key={i} x={px2(x(r.start))} y={top + r.worker * lane + 1} width={px2(Math.max(x(r.end) - x(r.start) - 0.6, 0.6))} height={lane - 2} fill={runColor(r)} opacity={r.won ? 1 : 0.35} stroke={r.backup ? color.fg : "none"} strokeWidth={r.backup ? 0.6 : 0} />
        ))}
        <line x1={px2(x(result.mapPhaseEnd))} x2={px2(x(result.mapPhaseEnd))} y1={top} y2={H - 18} stroke={color.fg} strokeDasharray="3 2" />
        <line x1={px2(x(result.jobTime))} x2={px2(x(result.jobTime))} y1={top} y2={H - 18} stroke={color.bad} strokeWidth={1.5} />
      </svg>
      <div className="mt-1 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-muted" aria-hidden="true">
        <span className="inline-flex items-center gap-1.5"><span className="inline-block h-2.5 w-3.5" style={{ background: color.note }} />map</span>
        <span className="inline-flex items-center gap-1.5"><span className="inline-block h-2.5 w-3.5" style={{ background: color.ok }} />reduce</span>
        <span className="inline-flex items-center gap-1.5"><span className="inline-block h-2.5 w-3.5" style={{ background: color.warn }} />straggler</span>
        <span className="inline-flex items-center gap-1.5"><span className="inline-block h-2.5 w-3.5" style={{ background: color.bad }} />recomputed map</span>
        <span className="inline-flex items-center gap-1.5"><span className="inline-block h-2.5 w-3.5 border" style={{ borderColor: color.fg }} />backup copy (faint: killed)</span>
        <span className="inline-flex items-center gap-1.5"><span className="inline-block h-3 w-0.5" style={{ background: color.bad }} />job ends</span>
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-2 text-center text-sm sm:grid-cols-4" data-testid="batch-stats">
        <div className="rounded-md bg-sunken p-2"><dt className="text-xs text-muted">this run</dt><dd className="font-mono text-lg font-semibold" data-testid="batch-time">{s1(result.jobTime)}</dd></div>
        <div className="rounded-md bg-sunken p-2"><dt className="text-xs text-muted">slowest reduce</dt><dd className="font-mono text-lg font-semibold" data-testid="batch-slowest-reduce">{s1(result.slowestReduceS)}</dd></div>
        <div className="rounded-md bg-sunken p-2"><dt className="text-xs text-muted">mean, no backups</dt><dd className="font-mono text-lg font-semibold" data-testid="batch-mean-without">{s1(meanWithout)}</dd></div>
        <div className="rounded-md bg-sunken p-2"><dt className="text-xs text-muted">mean, backups</dt><dd className="font-mono text-lg font-semibold" data-testid="batch-mean-with">{s1(meanWith)}</dd></div>
      </dl>
      <p id={summaryId} className="mt-3 text-sm" aria-live="polite" data-testid="batch-summary">
        {summary}
      </p>
      <DetailsTable
        summary="Show the ten slowest task runs as a table"
        testId="batch-table"
        rows={[...result.runs].sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, 10)}
        columns={[
          { header: "task", cell: (r) => r.task, mono: true },
          { header: "worker", cell: (r) => `w${r.worker + 1}`, mono: true },
          { header: "start", cell: (r) => r.start.toFixed(1), align: "right", mono: true },
          { header: "end", cell: (r) => r.end.toFixed(1), align: "right", mono: true },
          { header: "notes", cell: (r) => [r.kind, r.straggler ? "straggler" : "", r.backup ? "backup copy" : "", r.won ? "" : "killed"].filter(Boolean).join(", ") },
        ]}
      />
    </GeoFrame>
  );
}
