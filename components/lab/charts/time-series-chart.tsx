"use client";
/**
 * A small time-series chart (d3 scales and line shapes, drawn as React SVG) with a "Table" toggle
 * that shows the same data as an accessible table. Lines differ by dash pattern as well as colour,
 * and the legend names them, so colour is never the only signal.
 */
import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import { useEffect, useId, useRef, useState } from "react";
import { formatNumber, formatSimTime } from "../format";

export interface ChartLine {
  key: string;
  label: string;
  /** [simulated ms, value]; NaN breaks the line. */
  points: [number, number][];
  /** Optional second variant (compare mode), drawn thinner. */
  colour: string;
  dash?: string;
}

const palette = ["var(--fl-accent)", "var(--fl-note)", "var(--fl-danger, #dc2626)", "var(--fl-ok)", "var(--fl-warn)", "var(--fl-muted)"];
const dashes = [undefined, "6 3", "2 3", "8 3 2 3", "1 2", "4 4"];

/** Assigns colour and dash by position. */
export function styleLines(lines: Omit<ChartLine, "colour" | "dash">[]): ChartLine[] {
  return lines.map((l, i) => ({ ...l, colour: palette[i % palette.length], dash: dashes[i % dashes.length] }));
}

export function TimeSeriesChart({ title, unit, lines, timeMs, tables, format = formatNumber, yMax, stepLabels }: {
  title: string;
  unit: string;
  lines: ChartLine[];
  timeMs: number;
  tables: boolean;
  format?: (v: number) => string;
  yMax?: number;
  /** For state charts: value -> name, used on the axis and in the table. */
  stepLabels?: Record<number, string>;
}) {
  const headingId = useId();
  const [asTable, setAsTable] = useState(false);
  const showTable = tables || asTable;
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(320);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(200, Math.round(entry.contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, [showTable]);

  const height = 150;
  const margin = { top: 8, right: 10, bottom: 20, left: 44 };
  const allT = lines.flatMap((l) => l.points.map((p) => p[0]));
  const tMax = Math.max(1000, timeMs, ...allT);
  const vMax = yMax ?? Math.max(1e-9, ...lines.flatMap((l) => l.points.map((p) => (Number.isFinite(p[1]) ? p[1] : 0))));
  const x = scaleLinear().domain([0, tMax]).range([margin.left, width - margin.right]);
  const y = scaleLinear().domain([0, vMax * (yMax ? 1 : 1.1)]).nice().range([height - margin.bottom, margin.top]);
  const path = line<[number, number]>()
    .defined((p) => Number.isFinite(p[1]))
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  const format2 = (v: number) => (stepLabels && stepLabels[v] !== undefined ? stepLabels[v] : format(v));

  // Joined by time, not index: compare mode's two runs may have sent different numbers of samples.
  const byTime = lines.map((l) => new Map(l.points.map((p) => [p[0], p[1]])));
  const rows = (lines[0]?.points ?? []).map((p) => [p[0], ...byTime.map((m) => m.get(p[0]) ?? NaN)] as number[]);

  return (
    <figure className="min-w-0 rounded-lg border border-line bg-surface p-2.5" aria-labelledby={headingId}>
      <figcaption className="mb-1 flex items-center justify-between gap-2">
        <span id={headingId} className="text-sm font-semibold">
          {title} <span className="font-normal text-muted">({unit})</span>
        </span>
        <button type="button" className="rounded border border-line px-2 py-0.5 text-xs text-muted hover:bg-sunken" aria-pressed={showTable} onClick={() => setAsTable(!asTable)} disabled={tables}>
          Table
        </button>
      </figcaption>
      <ul className="mb-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-muted">
        {lines.map((l) => (
          <li key={l.key} className="flex items-center gap-1">
            <svg width="18" height="6" aria-hidden>
              <line x1="0" y1="3" x2="18" y2="3" stroke={l.colour} strokeWidth="2" strokeDasharray={l.dash} />
            </svg>
            {l.label}
          </li>
        ))}
      </ul>
      {showTable ? (
        <div className="max-h-[150px] overflow-auto">
          <table className="w-full text-right font-mono text-xs tabular-nums">
            <caption className="sr-only">
              {title}, {unit}, by simulated time
            </caption>
            <thead className="sticky top-0 bg-surface text-muted">
              <tr>
                <th scope="col" className="text-left font-medium">Time</th>
                {lines.map((l) => (
                  <th key={l.key} scope="col" className="font-medium">
                    {l.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.slice(-120).map((row) => (
                <tr key={row[0]} className="border-t border-line">
                  <th scope="row" className="text-left font-normal">
                    {formatSimTime(row[0])}
                  </th>
                  {row.slice(1).map((v, i) => (
                    <td key={i}>{Number.isFinite(v) ? format2(v) : "–"}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div ref={box} className="w-full">
          <svg width={width} height={height} role="img" aria-label={`${title} chart; use the Table button for the values`} className="block overflow-visible">
            {y.ticks(4).map((tick) => (
              <g key={tick}>
                <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} stroke="var(--fl-line)" />
                <text x={margin.left - 4} y={y(tick)} dy="0.32em" textAnchor="end" fontSize="10" fill="var(--fl-muted)">
                  {format2(tick)}
                </text>
              </g>
            ))}
            {x.ticks(5).map((tick) => (
              <text key={tick} x={x(tick)} y={height - 5} textAnchor="middle" fontSize="10" fill="var(--fl-muted)">
                {formatSimTime(tick)}
              </text>
            ))}
            {lines.map((l) => (
              <path key={l.key} data-line={l.key} d={path(l.points) ?? ""} fill="none" stroke={l.colour} strokeWidth={1.75} strokeDasharray={l.dash} strokeLinejoin="round" />
            ))}
            <line x1={x(timeMs)} x2={x(timeMs)} y1={margin.top} y2={height - margin.bottom} stroke="var(--fl-fg)" strokeOpacity={0.35} strokeDasharray="3 3" />
          </svg>
        </div>
      )}
    </figure>
  );
}
