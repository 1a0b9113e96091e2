"use client";
/**
 * <DrTimeline>: one region outage, four disaster-recovery strategies. The learner sets the crash time,
 * the backup schedule (with or without point-in-time recovery), the replication mode and lag, whether
 * failover is automatic, and the DNS TTL; the widget draws each strategy's RTO as a timeline of its
 * phases (detection, decision, promotion or restore, DNS TTL, warm-up) and lists the data each loses
 * against its bound, with the cost alongside. Logic in lib/dr/recovery.ts; native inputs only, a live
 * sentence and a table carry everything the drawing shows.
 */
import { useId, useMemo, useState } from "react";
import { DEFAULT_DR_SETTINGS, DR_ASSUMPTIONS, DR_LABEL, PHASE_LABEL, clock, compareStrategies, formatDuration, type DrSettings, type PhaseName, type ReplicationMode } from "@/lib/dr/recovery";
import { color, labelSize } from "@/components/mechanisms/palette";
import { GeoFrame, px2, RangeField, Toggle } from "@/components/geo/widget-parts";

export interface DrTimelineProps {
  /** Crash time to start with, minutes after midnight (default 877, 14:37). */
  crashAtMin?: number;
  /** Snapshot interval to start with, hours: 1, 4, 12 or 24 (default 24). */
  backupIntervalH?: number;
  /** Point-in-time recovery on at the start (default false). */
  pitr?: boolean;
  /** Replication mode to start with (default "async"). */
  replication?: ReplicationMode;
  /** DNS TTL to start with, s: 30, 60, 300 or 3600 (default 300). */
  dnsTtlS?: number;
}

const BACKUP_STEPS = [1, 4, 12, 24];
const LAG_STEPS = [0.1, 0.5, 1, 2, 5, 10, 30];
const TTL_STEPS = [30, 60, 300, 3600];
const PHASE_COLOR: Record<PhaseName, string> = { detection: color.warn, decision: color.bad, promotion: color.note, dns: color.muted, "warm-up": color.ok };
const PHASES: PhaseName[] = ["detection", "decision", "promotion", "dns", "warm-up"];
const count = (n: number) => n.toLocaleString("en");

export function DrTimeline({ crashAtMin = 877, backupIntervalH = 24, pitr: pitr0 = false, replication: rep0 = "async", dnsTtlS = 300 }: DrTimelineProps) {
  const [crashMin, setCrashMin] = useState(crashAtMin);
  const [backupIndex, setBackupIndex] = useState(Math.max(0, BACKUP_STEPS.indexOf(backupIntervalH)));
  const [pitr, setPitr] = useState(pitr0);
  const [archiveMin, setArchiveMin] = useState(DEFAULT_DR_SETTINGS.archiveIntervalMin);
  const [replication, setReplication] = useState<ReplicationMode>(rep0);
  const [lagIndex, setLagIndex] = useState(LAG_STEPS.indexOf(DEFAULT_DR_SETTINGS.replicationLagS));
  const [automatic, setAutomatic] = useState(true);
  const [ttlIndex, setTtlIndex] = useState(Math.max(0, TTL_STEPS.indexOf(dnsTtlS)));
  const groupId = useId();
  const settings: DrSettings = {
    ...DEFAULT_DR_SETTINGS,
    crashAtS: crashMin * 60,
    backupIntervalH: BACKUP_STEPS[backupIndex],
    pitr,
    archiveIntervalMin: archiveMin,
    replication,
    replicationLagS: LAG_STEPS[lagIndex],
    automaticFailover: automatic,
    dnsTtlS: TTL_STEPS[ttlIndex],
  };
  const key = JSON.stringify(settings);
  const outcomes = useMemo(() => compareStrategies(JSON.parse(key) as DrSettings), [key]);
  const maxRto = Math.max(...outcomes.map((o) => o.rtoS));
  const [backup, pilot, warm, active] = outcomes;
  const summary =
    `Region lost at ${clock(settings.crashAtS)}. Backup and restore loses ${count(backup.loss.lostWrites)} writes (${formatDuration(backup.loss.lostSpanS)}, bound ${formatDuration(backup.loss.boundS)}: ${backup.loss.boundLabel}) and is back after ${formatDuration(backup.rtoS)}. ` +
    (replication === "sync"
      ? `The replicated strategies lose nothing, and every write waits ${active.writePenaltyMs} ms longer. `
      : `The replicated strategies lose ${count(pilot.loss.lostWrites)} writes (${formatDuration(pilot.loss.lostSpanS)}; the replication lag at the crash was ${formatDuration(pilot.loss.boundS)}). `) +
    `Pilot light is back after ${formatDuration(pilot.rtoS)}, warm standby after ${formatDuration(warm.rtoS)}, active-active after ${formatDuration(active.rtoS)}, at ${backup.cost}×, ${pilot.cost}×, ${warm.cost}× and ${active.cost}× the cost of one region.`;

  const W = 360;
  const left = 104;
  const rowH = 26;
  const barW = W - left - 8;
  const H = 28 + outcomes.length * rowH + 22;
  const x = (sec: number) => left + (sec / maxRto) * barW;
  const ticks = niceTicks(maxRto);

  return (
    <GeoFrame title="A region outage under four recovery strategies" testId="dr-timeline">
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        <RangeField label="Region fails at" value={crashMin} min={0} max={1439} onChange={setCrashMin} format={(m) => clock(m * 60).slice(0, 5)} testId="dr-crash" />
        <RangeField label="Snapshot every" value={backupIndex} min={0} max={BACKUP_STEPS.length - 1} onChange={setBackupIndex} format={(i) => `${BACKUP_STEPS[i]} h`} testId="dr-backup" />
        <RangeField label="Median replication lag" value={lagIndex} min={0} max={LAG_STEPS.length - 1} onChange={setLagIndex} format={(i) => `${LAG_STEPS[i]} s`} testId="dr-lag" />
        <RangeField label="DNS TTL" value={ttlIndex} min={0} max={TTL_STEPS.length - 1} onChange={setTtlIndex} format={(i) => formatDuration(TTL_STEPS[i])} testId="dr-ttl" />
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-x-5 gap-y-2">
        <fieldset className="flex items-center gap-3 text-sm" aria-describedby={`${groupId}-rep`}>
          <legend className="sr-only">Replication to the standby region</legend>
          <span id={`${groupId}-rep`}>Replication:</span>
          {(["async", "sync"] as const).map((m) => (
            <label key={m} className="inline-flex cursor-pointer items-center gap-1">
              <input type="radio" name={`${groupId}-replication`} className="size-4 accent-[var(--fl-accent)]" checked={replication === m} onChange={() => setReplication(m)} data-testid={`dr-${m}`} />
              {m === "async" ? "asynchronous" : "synchronous"}
            </label>
          ))}
        </fieldset>
        <Toggle label="Point-in-time recovery (archive the log)" checked={pitr} onChange={setPitr} testId="dr-pitr" />
        <Toggle label="Automatic failover" checked={automatic} onChange={setAutomatic} testId="dr-auto" />
      </div>
      {pitr ? (
        <div className="mt-2 max-w-xs">
          <RangeField label="Archive a log segment every" value={archiveMin} min={1} max={15} onChange={setArchiveMin} format={(m) => `${m} min`} testId="dr-archive" />
        </div>
      ) : null}

      <svg viewBox={`0 0 ${W} ${H}`} className="mt-3 h-auto w-full max-w-[560px]" fontSize={labelSize - 1} role="img" aria-label={`Recovery timelines after the crash: ${outcomes.map((o) => `${DR_LABEL[o.strategy]} ${formatDuration(o.rtoS)}`).join(", ")}. The table below lists every phase.`}>
        <text x={0} y={11} fill={color.fg} fontWeight={600}>
          time from the crash until users are served again
        </text>
        {outcomes.map((o, i) => {
          const y = 22 + i * rowH;
          return (
            <g key={o.strategy}>
              <text x={0} y={y + 12} fill={color.fg}>
                {DR_LABEL[o.strategy]}
              </text>
              {o.phases
                .filter((p) => p.durationS > 0)
                .map((p) => (
                  <rect key={p.name} x={px2(x(p.startS))} y={y + 2} width={px2(Math.max((p.durationS / maxRto) * barW, 1.5))} height={13} fill={PHASE_COLOR[p.name]}>
                    <title>{`${PHASE_LABEL[p.name]}: ${formatDuration(p.durationS)}`}</title>
                  </rect>
                ))}
              <text x={px2(Math.min(x(o.rtoS) + 3, W - 48))} y={y + 24} fill={color.muted} fontSize={labelSize - 2}>
                {formatDuration(o.rtoS)}
              </text>
            </g>
          );
        })}
        {ticks.map((t) => (
          <g key={t}>
            <line x1={px2(x(t))} x2={px2(x(t))} y1={H - 20} y2={H - 16} stroke={color.muted} />
            <text x={px2(x(t))} y={H - 6} fill={color.muted} fontSize={labelSize - 2} textAnchor="middle">
              {formatDuration(t)}
            </text>
          </g>
        ))}
      </svg>
      <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label="Phase colours">
        {PHASES.map((p) => (
          <li key={p} className="inline-flex items-center gap-1">
            <span aria-hidden="true" className="inline-block size-3 rounded-sm" style={{ background: PHASE_COLOR[p] }} />
            {PHASE_LABEL[p]}
          </li>
        ))}
      </ul>

      <div className="mt-3 overflow-x-auto">
        <table className="w-full min-w-[22rem] text-left text-xs" data-testid="dr-table">
          <caption className="sr-only">Data lost, recovery time and cost per strategy</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-2">strategy</th>
              <th scope="col" className="py-1 pr-2 text-right">writes lost</th>
              <th scope="col" className="py-1 pr-2 text-right">lost span ≤ bound</th>
              <th scope="col" className="py-1 pr-2 text-right">RTO</th>
              <th scope="col" className="py-1 text-right">cost ×</th>
            </tr>
          </thead>
          <tbody>
            {outcomes.map((o) => (
              <tr key={o.strategy} className="border-b border-line/60" data-testid={`dr-row-${o.strategy}`}>
                <th scope="row" className="py-1 pr-2 font-normal">{DR_LABEL[o.strategy]}</th>
                <td className="whitespace-nowrap py-1 pr-2 text-right font-mono">{count(o.loss.lostWrites)}</td>
                <td className="whitespace-nowrap py-1 pr-2 text-right font-mono">
                  {formatDuration(o.loss.lostSpanS)} ≤ {formatDuration(o.loss.boundS)}
                </td>
                <td className="whitespace-nowrap py-1 pr-2 text-right font-mono">{formatDuration(o.rtoS)}</td>
                <td className="whitespace-nowrap py-1 text-right font-mono">{o.cost.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-3 text-sm" aria-live="polite" data-testid="dr-summary">
        {summary}
      </p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-muted">Show every phase as a table</summary>
        <div className="overflow-x-auto">
          <table className="mt-1 w-full min-w-[22rem] text-left text-xs" data-testid="dr-phases">
            <caption className="sr-only">Each strategy's recovery phases, in order</caption>
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-1 pr-2">strategy</th>
                <th scope="col" className="py-1 pr-2">phase</th>
                <th scope="col" className="py-1 pr-2 text-right">from</th>
                <th scope="col" className="py-1 pr-2 text-right">lasts</th>
                <th scope="col" className="py-1">what happens</th>
              </tr>
            </thead>
            <tbody>
              {outcomes.flatMap((o) =>
                o.phases.map((p) => (
                  <tr key={`${o.strategy}-${p.name}`} className="border-b border-line/60">
                    <th scope="row" className="py-1 pr-2 font-normal">{DR_LABEL[o.strategy]}</th>
                    <td className="py-1 pr-2">{PHASE_LABEL[p.name]}</td>
                    <td className="whitespace-nowrap py-1 pr-2 text-right font-mono">+{formatDuration(p.startS)}</td>
                    <td className="whitespace-nowrap py-1 pr-2 text-right font-mono">{formatDuration(p.durationS)}</td>
                    <td className="py-1">{p.detail}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      </details>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-muted">Assumptions behind the numbers</summary>
        <ul className="mt-1 list-disc pl-5 text-xs">
          <li>20 writes per second, evenly spaced. The asynchronous lag drifts around its median (lognormal, σ = 0.8, a new draw every 10 s) and the standby applies writes in commit order, so it holds every write up to some moment and none after.</li>
          <li>Snapshots at midnight and every interval after it; with point-in-time recovery a log segment is archived at least every interval you set, and restore replays the log from the last snapshot {DR_ASSUMPTIONS.replaySpeedup}× faster than it was written.</li>
          <li>Detection {formatDuration(DEFAULT_DR_SETTINGS.detectionS)}; a human decision {formatDuration(DEFAULT_DR_SETTINGS.humanDecisionS)}; provisioning a region from code {formatDuration(DR_ASSUMPTIONS.provisionS)}; restore {DR_ASSUMPTIONS.restoreGbPerMin} GB/min of a {DEFAULT_DR_SETTINGS.dataGb} GB database; promotion {formatDuration(DR_ASSUMPTIONS.promoteS)}; cold start {formatDuration(DR_ASSUMPTIONS.coldStartS)}; scale-out {formatDuration(DR_ASSUMPTIONS.scaleOutS)}; warm-up {formatDuration(DR_ASSUMPTIONS.coldWarmUpS)} cold, {formatDuration(DR_ASSUMPTIONS.warmWarmUpS)} warm.</li>
          <li>Cost is a multiple of one region&rsquo;s production stack and only illustrative: storage for backups, a database replica for pilot light, a quarter-size copy of the stack for warm standby, two full regions for active-active. The ordering follows the AWS whitepaper &ldquo;Disaster Recovery of Workloads on AWS: Recovery in the Cloud&rdquo; (2021); your prices will differ.</li>
        </ul>
      </details>
    </GeoFrame>
  );
}

/** Three or four round tick values up to `max` seconds. */
function niceTicks(max: number): number[] {
  const steps = [30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800];
  const step = steps.find((s) => max / s <= 4) ?? 3600 * Math.ceil(max / 3600 / 4);
  const out: number[] = [];
  for (let t = 0; t <= max + 1e-9; t += step) out.push(t);
  return out;
}
