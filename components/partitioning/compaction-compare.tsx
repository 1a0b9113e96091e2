"use client";
/**
 * <CompactionCompare>: the textbook estimates of write, read and space amplification for size-tiered,
 * leveled and time-window compaction, for a data size, flush size, fanout and number of time windows
 * the learner sets. Formula-based (lib/partitioning/lsm.ts), stated with their assumptions; native
 * inputs only.
 */
import { useId, useMemo, useState } from "react";
import { compareStrategies, type CompactionStrategy } from "@/lib/partitioning/lsm";
import { color, labelSize } from "@/components/mechanisms/palette";
import { GeoFrame, px2, RangeField } from "@/components/geo/widget-parts";

export interface CompactionCompareProps {
  /** Live data size to start with, GB (default 100). */
  dataGb?: number;
  /** Fanout to start with, 2–16 (default 10). */
  fanout?: number;
}

const DATA_STEPS = [1, 10, 100, 1000, 10_000];
const label: Record<CompactionStrategy, string> = { "size-tiered": "Size-tiered (STCS)", leveled: "Leveled (LCS)", "time-window": "Time-window (TWCS)" };
const barColor: Record<CompactionStrategy, string> = { "size-tiered": color.note, leveled: color.bad, "time-window": color.ok };
const gb = (v: number) => (v >= 1000 ? `${v / 1000} TB` : `${v} GB`);

export function CompactionCompare({ dataGb = 100, fanout: f0 = 10 }: CompactionCompareProps) {
  const [dataIndex, setDataIndex] = useState(Math.max(0, DATA_STEPS.indexOf(dataGb)));
  const [fanout, setFanout] = useState(f0);
  const [windows, setWindows] = useState(30);
  const summaryId = useId();
  const data = DATA_STEPS[dataIndex];
  const rows = useMemo(() => compareStrategies({ dataGb: data, flushMb: 64, fanout, windows }), [data, fanout, windows]);
  const maxWrite = Math.max(...rows.map((r) => r.write));
  const [tiered, leveled, window] = rows;
  const summary =
    `${gb(data)} of live data, 64 MB flushes, fanout ${fanout}: leveled rewrites each byte about ${leveled.write.toFixed(0)} times, size-tiered about ${tiered.write.toFixed(0)}, time-window about ${window.write.toFixed(0)}. ` +
    `A point read may check ${leveled.readRuns} runs under leveled against ${tiered.readRuns} under size-tiered before bloom filters; size-tiered may need ${tiered.space.toFixed(1)}× the live data on disk, leveled ${leveled.space.toFixed(2)}×.`;
  const W = 320;
  return (
    <GeoFrame title="Compaction strategies: what each one amplifies (estimates)" testId="compaction-compare">
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        <RangeField label="Live data" value={dataIndex} min={0} max={DATA_STEPS.length - 1} onChange={setDataIndex} format={(i) => gb(DATA_STEPS[i])} testId="compaction-data" />
        <RangeField label="Fanout (size ratio)" value={fanout} min={2} max={16} onChange={setFanout} format={(v) => String(v)} testId="compaction-fanout" />
        <RangeField label="Time windows kept (TWCS)" value={windows} min={1} max={90} onChange={setWindows} format={(v) => String(v)} testId="compaction-windows" />
      </div>
      <svg viewBox={`0 0 ${W} 84`} className="mt-3 h-auto w-full max-w-[440px]" fontSize={labelSize - 1} role="img" aria-label="Write amplification per strategy as bars.">
        <text x={0} y={11} fill={color.fg} fontWeight={600}>
          bytes written per byte inserted
        </text>
        {rows.map((r, i) => {
          const w = (r.write / maxWrite) * (W - 150);
          return (
            <g key={r.strategy}>
              <text x={0} y={32 + i * 20} fill={color.fg}>
                {label[r.strategy]}
              </text>
              <rect x={118} y={23 + i * 20} width={px2(Math.max(w, 1))} height={12} fill={barColor[r.strategy]} />
              <text x={px2(122 + w)} y={32 + i * 20} fill={color.muted}>
                {r.write.toFixed(1)}
              </text>
            </g>
          );
        })}
      </svg>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full min-w-[20rem] text-left text-xs" data-testid="compaction-table">
          <caption className="sr-only">Estimated amplification per compaction strategy</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-2">strategy</th>
              <th scope="col" className="py-1 pr-2 text-right">levels</th>
              <th scope="col" className="py-1 pr-2 text-right">write ×</th>
              <th scope="col" className="py-1 pr-2 text-right">runs per read</th>
              <th scope="col" className="py-1 text-right">space ×</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.strategy} className="border-b border-line/60">
                <th scope="row" className="py-1 pr-2 font-normal">{label[r.strategy]}</th>
                <td className="py-1 pr-2 text-right font-mono">{r.levels}</td>
                <td className="py-1 pr-2 text-right font-mono">{r.write.toFixed(1)}</td>
                <td className="py-1 pr-2 text-right font-mono">{r.readRuns}</td>
                <td className="py-1 text-right font-mono">{r.space.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p id={summaryId} className="mt-3 text-sm" aria-live="polite" data-testid="compaction-summary">
        {summary}
      </p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-muted">Assumptions behind the numbers</summary>
        <ul className="mt-1 list-disc pl-5 text-xs">
          {rows.map((r) => (
            <li key={r.strategy}>
              <strong>{label[r.strategy]}:</strong> {r.assumption}.
            </li>
          ))}
          <li>Levels = ⌈log<sub>fanout</sub>(data ÷ 64 MB)⌉. Write counts include the flush, not the commit log. Runs per read is the worst case before bloom filters, which skip most runs that do not hold the key. Estimates for a steady, update-heavy workload (Luo &amp; Carey 2020; RocksDB wiki), not measurements.</li>
        </ul>
      </details>
    </GeoFrame>
  );
}
