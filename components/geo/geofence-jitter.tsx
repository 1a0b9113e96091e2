"use client";
/**
 * <GeofenceJitter>: a seeded 20-minute walk past a fence, measured by a GPS whose error the learner
 * sets. The chart shows the true and the measured distance to the fence edge; two event rows compare
 * the naive inside/outside answer (every flicker is an enter or exit) with hysteresis (a band either
 * side of the edge) plus a dwell time. A live sentence gives the counts and times.
 */
import { useId, useMemo, useState } from "react";
import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import { debouncedTransitions, naiveTransitions, scriptedWalk, type FenceTransition } from "@/lib/geo/geofence";
import { color, labelSize } from "@/components/mechanisms/palette";
import { GeoFrame, px2, RangeField } from "./widget-parts";

export interface GeofenceJitterProps {
  /** GPS error, standard deviation in metres (default 10). */
  jitter?: number;
  /** Seed of the walk's GPS noise (default 42). */
  seed?: number;
}

const W = 360;
const H = 230;
const M = { left: 34, right: 8, top: 10, bottom: 64 };
const clock = (tMs: number) => `${Math.floor(tMs / 60_000)}:${String(Math.round((tMs % 60_000) / 1000)).padStart(2, "0")}`;
const list = (ts: FenceTransition[]) => (ts.length === 0 ? "none" : ts.map((t) => `${t.kind} at ${clock(t.tMs)}`).join(", "));

export function GeofenceJitter({ jitter: j0 = 10, seed = 42 }: GeofenceJitterProps) {
  const [jitter, setJitter] = useState(j0);
  const [band, setBand] = useState(0);
  const [dwellS, setDwellS] = useState(0);
  const tableId = useId();
  const clipId = `${useId().replace(/[^a-zA-Z0-9_-]/g, "")}-plot`;
  const walk = useMemo(() => scriptedWalk({ jitterM: jitter, seed }), [jitter, seed]);
  const naive = naiveTransitions(walk.fixes);
  const debounced = debouncedTransitions(walk.fixes, { bandM: band, dwellMs: dwellS * 1000 });
  const xScale = scaleLinear().domain([0, 20 * 60_000]).range([M.left, W - M.right]);
  const yScale = scaleLinear().domain([-50, 70]).range([H - M.bottom, M.top]);
  const x = (v: number) => px2(xScale(v));
  const y = (v: number) => px2(yScale(v));
  const path = line<{ tMs: number; distanceM: number }>()
    .x((f) => x(f.tMs))
    .y((f) => y(f.distanceM));
  const rowNaive = H - M.bottom + 26;
  const rowDebounced = H - M.bottom + 48;
  const lateBy = debounced.length === walk.trueTransitions.length ? debounced.map((t, i) => (t.tMs - walk.trueTransitions[i]!.tMs) / 1000) : null;
  const summary =
    `The walker really crosses the fence twice: ${list(walk.trueTransitions)}. With GPS error of ${jitter} m, the naive test reports ${naive.length} transitions. ` +
    `With a ${band} m band and a ${dwellS} s dwell, it reports ${debounced.length}: ${list(debounced)}.` +
    (lateBy ? ` Each is late by ${lateBy.map((s) => `${Math.round(s)} s`).join(" and ")}.` : "");

  const marker = (t: FenceTransition, row: number, i: number) => (
    <g key={`${row}-${i}`}>
      <line x1={x(t.tMs)} x2={x(t.tMs)} y1={row - 8} y2={row + 8} stroke={t.kind === "enter" ? color.ok : color.bad} strokeWidth={2} />
    </g>
  );

  return (
    <GeoFrame title="GPS jitter at a fence edge: naive answers against a band and a dwell time" testId="geofence-jitter">
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        <RangeField label="GPS error (σ)" value={jitter} min={0} max={30} onChange={setJitter} format={(v) => `${v} m`} testId="geofence-jitter-sigma" />
        <RangeField label="Band around the edge" value={band} min={0} max={40} onChange={setBand} format={(v) => `${v} m`} testId="geofence-band" />
        <RangeField label="Dwell time" value={dwellS} min={0} max={120} step={5} onChange={setDwellS} format={(v) => `${v} s`} testId="geofence-dwell" />
      </div>
      <div className="mx-auto mt-3 w-full max-w-[560px]" aria-hidden="true">
        <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" fontSize={labelSize - 2} fill={color.fg}>
          {band > 0 ? <rect x={M.left} width={W - M.left - M.right} y={y(band)} height={y(-band) - y(band)} fill={color.warnSoft} /> : null}
          <line x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} stroke={color.fg} strokeWidth={1} />
          <text x={x(20_000)} y={y(0) - 3} fill={color.muted}>fence edge</text>
          <text x={x(60_000)} y={y(-42)} fill={color.muted}>inside ↓</text>
          <text x={x(6.5 * 60_000)} y={y(58)} fill={color.muted}>outside ↑</text>
          {[-40, -20, 0, 20, 40, 60].map((v) => (
            <g key={v}>
              <line x1={M.left - 3} x2={M.left} y1={y(v)} y2={y(v)} stroke={color.muted} />
              <text x={M.left - 5} y={y(v) + 3} textAnchor="end" fill={color.muted}>{v}</text>
            </g>
          ))}
          <text x={4} y={M.top + 4} fill={color.muted}>m</text>
          <defs>
            <clipPath id={clipId}>
              <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
            </clipPath>
          </defs>
          <g clipPath={`url(#${clipId})`}>
          {walk.fixes.map((f) => (
            <circle key={f.tMs} cx={x(f.tMs)} cy={y(f.distanceM)} r={1.6} fill={f.distanceM <= 0 ? color.note : color.muted} />
          ))}
          <path d={path(walk.truth) ?? ""} fill="none" stroke={color.fg} strokeWidth={1.5} />
          </g>
          {[0, 5, 10, 15, 20].map((m) => (
            <text key={m} x={x(m * 60_000)} y={H - M.bottom + 12} textAnchor="middle" fill={color.muted}>{m} min</text>
          ))}
          <text x={M.left - 4} y={rowNaive + 3} textAnchor="end" fill={color.muted}>naive</text>
          <line x1={M.left} x2={W - M.right} y1={rowNaive} y2={rowNaive} stroke={color.line} />
          {naive.map((t, i) => marker(t, rowNaive, i))}
          <text x={M.left - 4} y={rowDebounced + 3} textAnchor="end" fill={color.muted}>band</text>
          <line x1={M.left} x2={W - M.right} y1={rowDebounced} y2={rowDebounced} stroke={color.line} />
          {debounced.map((t, i) => marker(t, rowDebounced, i))}
        </svg>
      </div>
      <div className="mt-1 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-muted" aria-hidden="true">
        <span className="inline-flex items-center gap-1.5"><span className="inline-block h-0.5 w-4" style={{ background: color.fg }} />true distance</span>
        <span className="inline-flex items-center gap-1.5"><span className="inline-block size-2 rounded-full" style={{ background: color.muted }} />GPS fix every 5 s</span>
        <span className="inline-flex items-center gap-1.5"><span className="inline-block h-3 w-0.5" style={{ background: color.ok }} />enter</span>
        <span className="inline-flex items-center gap-1.5"><span className="inline-block h-3 w-0.5" style={{ background: color.bad }} />exit</span>
      </div>
      <dl className="mt-3 grid grid-cols-3 gap-2 text-center text-sm">
        <div className="rounded-md bg-sunken p-2"><dt className="text-xs text-muted">real crossings</dt><dd className="font-mono text-lg font-semibold">{walk.trueTransitions.length}</dd></div>
        <div className="rounded-md bg-sunken p-2"><dt className="text-xs text-muted">naive events</dt><dd className="font-mono text-lg font-semibold" data-testid="geofence-naive-count">{naive.length}</dd></div>
        <div className="rounded-md bg-sunken p-2"><dt className="text-xs text-muted">band + dwell events</dt><dd className="font-mono text-lg font-semibold" data-testid="geofence-debounced-count">{debounced.length}</dd></div>
      </dl>
      <p className="mt-3 text-sm" aria-live="polite" data-testid="geofence-summary">
        {summary}
      </p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer select-none text-accent">Show the events as a table</summary>
        <table className="mt-2 w-full border-collapse text-left text-xs tabular-nums" aria-describedby={tableId}>
          <caption id={tableId} className="sr-only">Enter and exit events by method</caption>
          <thead>
            <tr>
              <th scope="col" className="border-b border-line px-2 py-1">method</th>
              <th scope="col" className="border-b border-line px-2 py-1">events</th>
            </tr>
          </thead>
          <tbody>
            <tr><td className="border-b border-line px-2 py-1">true walk</td><td className="border-b border-line px-2 py-1">{list(walk.trueTransitions)}</td></tr>
            <tr><td className="border-b border-line px-2 py-1">naive</td><td className="border-b border-line px-2 py-1">{list(naive)}</td></tr>
            <tr><td className="border-b border-line px-2 py-1">band {band} m, dwell {dwellS} s</td><td className="border-b border-line px-2 py-1">{list(debounced)}</td></tr>
          </tbody>
        </table>
      </details>
    </GeoFrame>
  );
}
