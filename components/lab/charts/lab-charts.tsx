"use client";
/**
 * The lab's charts, derived from the run's time series: latency percentiles, throughput against
 * failures and drops, queue depth per node, and whatever state gauges the scenario's kinds carry
 * (cache hit ratio, breaker state, replica count). Updated at most five times a second.
 */
import { useMemo } from "react";
import type { Sample } from "@/simulations";
import { useLabState, useThrottledLabState, useThrottledStoreState, useVariant } from "../lab-context";
import { formatMs, formatPercent } from "../format";
import { styleLines, TimeSeriesChart, type ChartLine } from "./time-series-chart";
import { StateBandChart } from "./state-band-chart";
import { breakerBands, inferKeyChart, orderCharts, type StateBandRow } from "./state-bands";

const breakerStates: Record<string, number> = { closed: 0, "half-open": 1, open: 2 };
const breakerLabels: Record<number, string> = { 0: "closed", 1: "half-open", 2: "open" };

function perSecond(series: Sample[], pick: (s: Sample) => number): [number, number][] {
  return series.map((s, i) => {
    const previous = i > 0 ? series[i - 1].tMs : 0;
    const seconds = Math.max(1e-9, (s.tMs - previous) / 1000);
    return [s.tMs, pick(s) / seconds];
  });
}

export interface ChartSpec {
  id: string;
  title: string;
  unit: string;
  lines: ChartLine[];
  format?: (v: number) => string;
  yMax?: number;
  stepLabels?: Record<number, string>;
}

/** Charts and state band charts (the breaker chart), in the order the lab shows them. */
export type AnyChart = ChartSpec | { id: string; title: string; bands: StateBandRow[] };

/** Builds the chart specs from a series (exported for tests and compare mode). */
export function chartsFor(series: Sample[]): ChartSpec[] {
  const charts: ChartSpec[] = [
    {
      id: "latency",
      title: "Latency percentiles",
      unit: "ms",
      format: formatMs,
      lines: styleLines([
        { key: "p50", label: "p50", points: series.map((s) => [s.tMs, s.completed ? s.p50 : NaN]) },
        { key: "p95", label: "p95", points: series.map((s) => [s.tMs, s.completed ? s.p95 : NaN]) },
        { key: "p99", label: "p99", points: series.map((s) => [s.tMs, s.completed ? s.p99 : NaN]) },
      ]),
    },
    {
      id: "throughput",
      title: "Throughput, errors and drops",
      unit: "req/s",
      lines: styleLines([
        { key: "completed", label: "completed", points: perSecond(series, (s) => s.completed) },
        { key: "failed", label: "failed", points: perSecond(series, (s) => s.failed) },
        { key: "dropped", label: "dropped", points: perSecond(series, (s) => s.dropped) },
      ]),
    },
  ];
  const last = series[series.length - 1]?.nodes ?? {};
  const queued = Object.keys(last).filter((id) => typeof last[id].queue === "number" || typeof last[id].depth === "number");
  if (queued.length) {
    charts.push({
      id: "queues",
      title: "Queue depth",
      unit: "waiting",
      lines: styleLines(queued.map((id) => ({ key: id, label: id, points: series.map((s) => [s.tMs, Number(s.nodes[id]?.queue ?? s.nodes[id]?.depth ?? NaN)]) }))),
    });
  }
  const caches = Object.keys(last).filter((id) => typeof last[id].hitRatio === "number");
  if (caches.length) {
    charts.push({
      id: "hit-ratio",
      title: "Cache hit ratio",
      unit: "%",
      yMax: 1,
      format: formatPercent,
      lines: styleLines(caches.map((id) => ({ key: id, label: id, points: series.map((s) => [s.tMs, Number(s.nodes[id]?.hitRatio ?? NaN)]) }))),
    });
  }
  const breakers = Object.keys(last).filter((id) => typeof last[id].breakerState === "string");
  if (breakers.length) {
    charts.push({
      id: "breaker",
      title: "Circuit breaker state",
      unit: "state",
      yMax: 2,
      stepLabels: breakerLabels,
      lines: styleLines(breakers.map((id) => ({ key: id, label: id, points: series.map((s) => [s.tMs, breakerStates[String(s.nodes[id]?.breakerState)] ?? NaN]) }))),
    });
  }
  const scaled = Object.keys(last).filter((id) => typeof last[id].replicas === "number");
  if (scaled.length) {
    charts.push({
      id: "replicas",
      title: "Replicas",
      unit: "replicas",
      lines: styleLines(scaled.map((id) => ({ key: id, label: id, points: series.map((s) => [s.tMs, Number(s.nodes[id]?.replicas ?? NaN)]) }))),
    });
  }
  return charts;
}

const noSamples: Sample[] = [];

/**
 * Compare mode: each of A's charts with B's lines added. Same colour per metric; A solid, B dashed,
 * and the legend and table say "A" and "B", so neither colour nor dash is the only signal.
 */
export function compareCharts(a: ChartSpec[], b: ChartSpec[]): ChartSpec[] {
  return a.map((chart) => {
    const other = b.find((c) => c.id === chart.id);
    const lines = chart.lines.flatMap((line) => {
      const twin = other?.lines.find((l) => l.key === line.key);
      const solid = { ...line, key: `${line.key}-a`, label: `${line.label} · A`, dash: undefined };
      return twin ? [solid, { ...twin, key: `${line.key}-b`, label: `${line.label} · B`, colour: line.colour, dash: "5 3" }] : [solid];
    });
    return { ...chart, lines };
  });
}

export function LabCharts() {
  const variant = useVariant();
  const series = useThrottledLabState((s) => s.series, 200);
  const seriesB = useThrottledStoreState(variant?.store ?? null, (s) => s.series, 200, noSamples);
  const timeMs = useThrottledLabState((s) => s.timeMs, 200);
  const transitions = useLabState((s) => s.transitions);
  const tables = useLabState((s) => s.view.tables);
  const preset = useLabState((s) => s.preset);
  const keyChart = useLabState((s) => s.keyChart) ?? inferKeyChart(preset);
  const charts = useMemo<AnyChart[]>(() => {
    const lines = variant ? compareCharts(chartsFor(series), chartsFor(seriesB)) : chartsFor(series);
    // In compare mode the breaker keeps its line chart (A solid, B dashed); alone it is drawn as bands.
    const withBands: AnyChart[] = variant ? lines : lines.map((c) => (c.id === "breaker" ? { id: c.id, title: c.title, bands: breakerBands(series, transitions, timeMs) } : c));
    return orderCharts(withBands, keyChart);
  }, [series, seriesB, variant, transitions, timeMs, keyChart]);
  return (
    <div className="flex h-full gap-2" data-testid="lab-charts" data-samples={series.length} data-compare={variant ? "true" : undefined} data-key-chart={keyChart}>
      {charts.map((c) => (
        <div key={c.id} className="w-[min(360px,85vw)] shrink-0" data-testid={`chart-${c.id}`}>
          {"bands" in c ? (
            <StateBandChart title={c.title} rows={c.bands} timeMs={timeMs} tables={tables} />
          ) : (
            <TimeSeriesChart title={c.title} unit={c.unit} lines={c.lines} timeMs={timeMs} tables={tables} format={c.format} yMax={c.yMax} stepLabels={c.stepLabels} />
          )}
        </div>
      ))}
    </div>
  );
}
