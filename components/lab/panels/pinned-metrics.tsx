"use client";
/**
 * Metrics pinned onto the lab (a Break-it card's Watch chips, a challenge's goals): each is a live
 * number with its human name and unit, and a sparkline of how it moved over the run. A metric that
 * is a group (time in each state) shows its parts. A checked goal that failed is outlined and says
 * so in words. Values come from the lab's live report, so any report path can be pinned.
 */
import { useEffect, useRef, useState } from "react";
import { readMetric } from "@/lib/lab/metrics";
import { formatMetricValue, metricName, partLabel } from "@/lib/lab/metric-names";
import type { PinnedMetric } from "@/lib/stores/lab-store";
import type { RunReport } from "@/simulations";
import { useLab, useLabState, useThrottledLabState } from "../lab-context";

type Point = [number, number];
const MAX_POINTS = 240;

function readGroup(report: RunReport | null, path: string): Record<string, number> | null {
  if (!report) return null;
  let value: unknown = report;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return null;
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value !== "object" || value === null) return null;
  const parts = Object.entries(value as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === "number");
  return parts.length ? Object.fromEntries(parts) : null;
}

/** Records (time, value) for every pinned number as the run advances; a rewind trims the future. */
function useHistories(pinned: readonly PinnedMetric[]): Map<string, Point[]> {
  const lab = useLab();
  const histories = useRef(new Map<string, Point[]>());
  const [, setVersion] = useState(0);
  useEffect(() => {
    let last = 0;
    let previousTime = -1;
    const record = () => {
      const { report, timeMs } = lab.store.getState();
      if (!report) return;
      for (const pin of pinned) {
        const value = readMetric(report, pin.path);
        if (value === null) continue;
        let points = histories.current.get(pin.path) ?? [];
        if (timeMs < previousTime) points = points.filter((p) => p[0] <= timeMs);
        if (points.length && points[points.length - 1][0] === timeMs) points = points.slice(0, -1);
        points = [...points, [timeMs, value] as Point];
        if (points.length > MAX_POINTS) points = points.filter((_, i) => i % 2 === 0 || i === points.length - 1);
        histories.current.set(pin.path, points);
      }
      previousTime = timeMs;
      setVersion((v) => v + 1);
    };
    record();
    return lab.store.subscribe((state, before) => {
      if (state.report === before.report) return;
      const now = performance.now();
      // A seek or an edit re-simulates: record it at once; while playing, four times a second.
      if (now - last < 250 && state.timeMs >= before.timeMs && state.generation === before.generation) return;
      last = now;
      record();
    });
  }, [lab, pinned]);
  return histories.current;
}

function Sparkline({ points, label }: { points: Point[]; label: string }) {
  const w = 96;
  const h = 26;
  if (points.length < 2) return <svg width={w} height={h} aria-hidden />;
  const t0 = points[0][0];
  const t1 = Math.max(t0 + 1, points[points.length - 1][0]);
  const vs = points.map((p) => p[1]);
  const lo = Math.min(...vs);
  const hi = Math.max(...vs);
  const span = hi - lo || 1;
  const d = points.map((p, i) => `${i ? "L" : "M"}${(((p[0] - t0) / (t1 - t0)) * (w - 2) + 1).toFixed(1)},${(h - 2 - ((p[1] - lo) / span) * (h - 4)).toFixed(1)}`).join(" ");
  return (
    <svg width={w} height={h} aria-hidden data-testid="pinned-sparkline" data-label={label}>
      <path d={d} fill="none" stroke="var(--fl-accent)" strokeWidth={1.5} strokeLinejoin="round" />
    </svg>
  );
}

function PinnedCard({ pin, report, history }: { pin: PinnedMetric; report: RunReport | null; history: Point[] }) {
  const lab = useLab();
  const name = metricName(pin.path);
  const value = report ? readMetric(report, pin.path) : null;
  const group = value === null ? readGroup(report, pin.path) : null;
  const failed = pin.verdict === "failed";
  return (
    <li
      className={`relative flex min-w-0 flex-wrap items-end gap-x-2 rounded-lg border bg-surface px-2.5 py-1.5 ${failed ? "border-2 border-[var(--fl-danger,#dc2626)]" : pin.verdict === "passed" ? "border-ok" : "border-line"}`}
      data-testid="pinned-metric"
      data-path={pin.path}
      data-verdict={pin.verdict}
    >
      <div className="min-w-0 flex-1 pr-4">
        <p className="truncate text-xs text-muted" title={pin.path}>
          {name.label}
          {name.owner && <span className="text-faint"> · {name.owner}</span>}
        </p>
        {group ? (
          <p className="flex flex-wrap gap-x-2 font-mono text-sm tabular-nums" data-testid="pinned-value">
            {Object.entries(group).map(([key, v]) => (
              <span key={key}>
                <span className="font-sans text-xs text-muted">{partLabel(pin.path, key)}</span> {formatMetricValue(`${pin.path}.${key}`, v)}
              </span>
            ))}
          </p>
        ) : (
          <p className="font-mono text-lg font-semibold leading-tight tabular-nums" data-testid="pinned-value" aria-live="off">
            {value === null ? "–" : formatMetricValue(pin.path, value)}
          </p>
        )}
        {failed && <p className="text-xs font-semibold text-[var(--fl-danger,#b91c1c)]">✗ Goal not met</p>}
        {pin.verdict === "passed" && <p className="text-xs font-semibold text-ok">✓ Goal met</p>}
        {pin.note && <p className="text-xs text-muted">{pin.note}</p>}
      </div>
      {!group && <Sparkline points={history} label={name.label} />}
      <button type="button" className="absolute right-1 top-0.5 rounded px-1 text-sm text-muted hover:bg-sunken hover:text-fg" onClick={() => lab.unpin(pin.path)} aria-label={`Unpin ${name.label}${name.owner ? ` of ${name.owner}` : ""}`}>
        ×
      </button>
    </li>
  );
}

/** The strip of pinned metrics; renders nothing when none is pinned. */
export function PinnedMetrics() {
  const pinned = useLabState((s) => s.pinned);
  const report = useThrottledLabState((s) => s.report, 250);
  const histories = useHistories(pinned);
  if (pinned.length === 0) return null;
  return (
    <section aria-label="Pinned metrics" className="border-b border-line bg-sunken px-3 py-2" data-testid="pinned-metrics">
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(9.5rem,1fr))] gap-2">
        {pinned.map((pin) => (
          <PinnedCard key={pin.path} pin={pin} report={report} history={histories.get(pin.path) ?? []} />
        ))}
      </ul>
    </section>
  );
}
