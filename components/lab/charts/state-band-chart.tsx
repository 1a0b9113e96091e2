"use client";
/**
 * A state chart drawn as coloured bands: one row per breaker, each stretch of time in one state a
 * segment in that state's colour and pattern, with the state's name written in it when it fits and
 * a legend that names every state. A half-open that lasts milliseconds still gets a visible sliver
 * (at least 3 px). The "Table" button lists the stretches as text.
 */
import { useEffect, useId, useRef, useState } from "react";
import { formatSimTime } from "../format";
import { breakerStateStyles, type StateBandRow } from "./state-bands";

const rowHeight = 26;
const labelWidth = 92;

export function StateBandChart({ title, rows, timeMs, tables }: { title: string; rows: StateBandRow[]; timeMs: number; tables: boolean }) {
  const headingId = useId();
  const patternId = useId().replace(/:/g, "");
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
  const tMax = Math.max(1000, timeMs, ...rows.flatMap((r) => r.segments.map((s) => s.toMs)));
  const plot = width - labelWidth - 8;
  const x = (ms: number) => labelWidth + (ms / tMax) * plot;
  const used = new Set(rows.flatMap((r) => r.segments.map((s) => s.state)));
  const height = rows.length * rowHeight + 22;

  return (
    <figure className="min-w-0 rounded-lg border border-line bg-surface p-2.5" aria-labelledby={headingId} data-testid="state-band-chart">
      <figcaption className="mb-1 flex items-center justify-between gap-2">
        <span id={headingId} className="text-sm font-semibold">
          {title}
        </span>
        <button type="button" className="rounded border border-line px-2 py-0.5 text-xs text-muted hover:bg-sunken" aria-pressed={showTable} onClick={() => setAsTable(!asTable)} disabled={tables}>
          Table
        </button>
      </figcaption>
      <ul className="mb-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-muted">
        {Object.entries(breakerStateStyles)
          .filter(([state]) => used.has(state) || state !== "disabled")
          .map(([state, style]) => (
            <li key={state} className="flex items-center gap-1" data-state={state}>
              <svg width="14" height="10" aria-hidden>
                <rect width="14" height="10" rx="2" fill={style.colour} />
                {style.pattern && <rect width="14" height="10" rx="2" fill={`url(#${patternId}-${style.pattern})`} />}
              </svg>
              {style.label}
            </li>
          ))}
      </ul>
      {showTable ? (
        <div className="max-h-[150px] overflow-auto">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">{title}: each stretch of time in one state</caption>
            <thead className="sticky top-0 bg-surface text-muted">
              <tr>
                <th scope="col" className="font-medium">Breaker</th>
                <th scope="col" className="font-medium">State</th>
                <th scope="col" className="font-medium">From</th>
                <th scope="col" className="font-medium">To</th>
              </tr>
            </thead>
            <tbody className="font-mono tabular-nums">
              {rows.flatMap((r) =>
                r.segments.slice(-60).map((s, i) => (
                  <tr key={`${r.key}-${i}`} className="border-t border-line">
                    <th scope="row" className="font-normal">{r.label}</th>
                    <td>{s.state}</td>
                    <td>{formatSimTime(s.fromMs)}</td>
                    <td>{formatSimTime(s.toMs)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      ) : (
        <div ref={box} className="w-full">
          <svg width={width} height={height} role="img" aria-label={`${title}: ${rows.map((r) => `${r.label} is ${r.segments[r.segments.length - 1]?.state ?? "unknown"}`).join("; ")}. Use the Table button for every change.`} className="block">
            <defs>
              <pattern id={`${patternId}-stripes`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <line x1="0" y1="0" x2="0" y2="6" stroke="rgba(255,255,255,0.45)" strokeWidth="2" />
              </pattern>
              <pattern id={`${patternId}-dots`} width="5" height="5" patternUnits="userSpaceOnUse">
                <circle cx="2.5" cy="2.5" r="1" fill="rgba(0,0,0,0.35)" />
              </pattern>
            </defs>
            {rows.map((r, rowIndex) => {
              const y = rowIndex * rowHeight + 2;
              return (
                <g key={r.key} data-row={r.key}>
                  <text x={labelWidth - 6} y={y + rowHeight / 2 - 2} dy="0.32em" textAnchor="end" fontSize="11" fill="var(--fl-fg)">
                    {r.label.length > 14 ? `${r.label.slice(0, 13)}…` : r.label}
                  </text>
                  {r.segments.map((s, i) => {
                    const style = breakerStateStyles[s.state] ?? { label: s.state, colour: "var(--fl-muted)" };
                    const left = x(s.fromMs);
                    const w = Math.max(s.state === "half-open" ? 3 : 0.5, x(s.toMs) - left);
                    const name = s.state === "half-open" ? "half-open" : s.state;
                    return (
                      <g key={i} data-state={s.state}>
                        <rect x={left} y={y} width={w} height={rowHeight - 6} fill={style.colour} />
                        {style.pattern && <rect x={left} y={y} width={w} height={rowHeight - 6} fill={`url(#${patternId}-${style.pattern})`} />}
                        {w > name.length * 6.5 + 8 && (
                          <text x={left + 4} y={y + (rowHeight - 6) / 2} dy="0.32em" fontSize="11" fontWeight="600" fill="var(--fl-fg)" stroke="var(--fl-surface)" strokeWidth={3} paintOrder="stroke" strokeLinejoin="round">
                            {name}
                          </text>
                        )}
                      </g>
                    );
                  })}
                </g>
              );
            })}
            {[0, 0.25, 0.5, 0.75, 1].map((f) => (
              <text key={f} x={labelWidth + f * plot} y={height - 4} textAnchor={f === 0 ? "start" : f === 1 ? "end" : "middle"} fontSize="10" fill="var(--fl-muted)">
                {formatSimTime(f * tMax)}
              </text>
            ))}
            <line x1={x(timeMs)} x2={x(timeMs)} y1={0} y2={height - 16} stroke="var(--fl-fg)" strokeOpacity={0.5} strokeDasharray="3 3" />
          </svg>
        </div>
      )}
    </figure>
  );
}
