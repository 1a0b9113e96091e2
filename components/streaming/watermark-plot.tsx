"use client";
/**
 * <WatermarkPlot>: the Dataflow model on one picture. Each event is a dot at (event time, arrival
 * time); the watermark is the staircase the pipeline draws as processing time goes up; each pane is
 * a bar across its window at the processing time it fired, labelled with its value. The learner picks
 * windows, watermark, lateness, triggers and accumulation mode, and edits the stream: select a dot
 * (click, or the "Event" list), move it with the arrow keys on the plot or type its times in the
 * table, add or remove events. Logic in lib/streaming; native inputs only; no animation.
 */
import { useId, useState, type KeyboardEvent } from "react";
import { EXAMPLE_STREAM, streamProblems, type StreamEvent } from "@/lib/streaming/events";
import { batchResult, windowKey, windowLabel, type WindowSpec } from "@/lib/streaming/windows";
import { lastPanes, paneSums, runPipeline, type AccumulationMode, type Pane, type PipelineSpec } from "@/lib/streaming/dataflow";
import { color, labelSize } from "@/components/mechanisms/palette";
import { Choice } from "@/components/mechanisms/mechanism-shell";
import { GeoFrame, px2, quietButton, RangeField, Toggle } from "@/components/geo/widget-parts";

export type WindowKind = WindowSpec["kind"];
export type WatermarkKind = "perfect" | "heuristic";

export interface WatermarkPlotProps {
  /** Window kind to start with (default tumbling). */
  window?: WindowKind;
  /** Watermark to start with (default heuristic). */
  watermark?: WatermarkKind;
  /** Heuristic allowance to start with, s (default 3). */
  allowanceS?: number;
  /** Allowed lateness to start with, s (default 10). */
  latenessS?: number;
  /** Accumulation mode to start with (default accumulating). */
  mode?: AccumulationMode;
  /** Start with early firings every 5 s (default false). */
  early?: boolean;
}

type Fate = "on-time" | "late" | "dropped";
const fateColor: Record<Fate, string> = { "on-time": color.ok, late: color.warn, dropped: color.bad };
const timingColor: Record<Pane["timing"], string> = { early: color.note, "on-time": color.ok, late: color.warn };
const LATENESS_MAX = 60;

const fmt = (v: number) => (v === Infinity ? "∞" : v === -Infinity ? "−∞" : String(v));

export function WatermarkPlot({ window: w0 = "tumbling", watermark: m0 = "heuristic", allowanceS: a0 = 3, latenessS: l0 = 10, mode: mode0 = "accumulating", early: e0 = false }: WatermarkPlotProps) {
  const [events, setEvents] = useState<StreamEvent[]>(() => EXAMPLE_STREAM.map((e) => ({ ...e })));
  const [selected, setSelected] = useState("e5");
  const [windowKind, setWindowKind] = useState<WindowKind>(w0);
  const [sizeS, setSizeS] = useState(20);
  const [gapS, setGapS] = useState(6);
  const [watermarkKind, setWatermarkKind] = useState<WatermarkKind>(m0);
  const [allowanceS, setAllowanceS] = useState(a0);
  const [latenessS, setLatenessS] = useState(l0);
  const [early, setEarly] = useState(e0);
  const [mode, setMode] = useState<AccumulationMode>(mode0);
  const [sideOutput, setSideOutput] = useState(false);
  const helpId = useId();
  const summaryId = useId();

  const windowSpec: WindowSpec = windowKind === "tumbling" ? { kind: "tumbling", sizeS } : windowKind === "sliding" ? { kind: "sliding", sizeS, everyS: sizeS / 2 } : { kind: "session", gapS };
  const spec: PipelineSpec = {
    window: windowSpec,
    watermark: watermarkKind === "perfect" ? { kind: "perfect" } : { kind: "heuristic", allowanceS },
    allowedLatenessS: latenessS >= LATENESS_MAX ? Infinity : latenessS,
    earlyEveryS: early ? 5 : null,
    mode,
    sideOutput,
  };
  const problems = streamProblems(events);
  // A dozen events: recomputing on every render is cheaper than memoising.
  const result = runPipeline(spec, events);
  const batch = batchResult(windowSpec, events);

  // Each event's fate: dropped if any of its windows dropped it, late if it came in a late pane.
  const fate = new Map<string, Fate>();
  for (const e of events) fate.set(e.id, "on-time");
  for (const p of result.panes) if (p.timing === "late") for (const id of p.newElements) fate.set(id, "late");
  for (const d of [...result.dropped, ...result.sideOutput]) fate.set(d.event.id, "dropped");

  // The streaming answer per batch window: last pane (accumulating) or the sum of panes (discarding).
  const last = lastPanes(result.panes);
  const sums = paneSums(result.panes);
  const answer = (k: string) => (mode === "accumulating" ? last.get(k)?.value : sums.get(k));
  const matching = batch.filter((b) => answer(windowKey(b)) === b.sum).length;
  const counts = { early: 0, "on-time": 0, late: 0 } as Record<Pane["timing"], number>;
  for (const p of result.panes) counts[p.timing]++;
  const lost = result.dropped.length + result.sideOutput.length;

  const summary =
    `${events.length} events, ${batch.length} window${batch.length === 1 ? "" : "s"}: ${counts.early} early, ${counts["on-time"]} on-time and ${counts.late} late pane${counts.late === 1 ? "" : "s"}` +
    `${lost ? `; ${lost} element${lost === 1 ? "" : "s"} past the allowed lateness ${sideOutput ? "went to the side output" : "dropped"}` : ""}. ` +
    `The streaming result equals the batch result in ${matching} of ${batch.length} windows.`;

  // Geometry: event time to the right, processing time upwards.
  const maxT = Math.max(70, ...events.map((e) => e.arrival + 4), ...batch.map((b) => b.end));
  const W = 360;
  const H = 300;
  const left = 28;
  const bottom = 22;
  const x = (t: number) => left + (Math.min(Math.max(t, 0), maxT) / maxT) * (W - left - 6);
  const y = (p: number) => H - bottom - (Math.min(Math.max(p, 0), maxT) / maxT) * (H - bottom - 8);
  const steps = result.watermarkSteps;
  let wmPath = "";
  steps.forEach((s, i) => {
    const wx = px2(x(s.watermark === Infinity ? maxT : s.watermark === -Infinity ? 0 : s.watermark));
    const py = px2(y(s.at));
    wmPath += i === 0 ? `M${wx},${py}` : `H${wx}`;
    const nextAt = i + 1 < steps.length ? steps[i + 1].at : s.at;
    wmPath += `V${px2(y(nextAt))}`;
  });
  const ticks = Array.from({ length: Math.floor(maxT / 10) + 1 }, (_, i) => i * 10);
  const windowEdges = windowKind === "session" ? [] : [...new Set(batch.flatMap((b) => [b.start, b.end]))];

  const update = (id: string, patch: Partial<StreamEvent>) => setEvents((list) => list.map((e) => (e.id === id ? { ...e, ...patch } : e)));
  const move = (dEvent: number, dArrival: number) => {
    const e = events.find((v) => v.id === selected);
    if (!e) return;
    const eventTime = Math.max(0, e.eventTime + dEvent);
    const arrival = Math.max(eventTime, e.arrival + dArrival + (dEvent > 0 && e.arrival === e.eventTime ? dEvent : 0));
    update(e.id, { eventTime, arrival });
  };
  const onKey = (k: KeyboardEvent<SVGSVGElement>) => {
    const step = k.shiftKey ? 5 : 1;
    const keys: Record<string, () => void> = {
      ArrowLeft: () => move(-step, 0),
      ArrowRight: () => move(step, 0),
      ArrowUp: () => move(0, step),
      ArrowDown: () => move(0, -step),
      PageDown: () => cycle(1),
      PageUp: () => cycle(-1),
      n: () => cycle(1),
      p: () => cycle(-1),
    };
    const act = keys[k.key];
    if (act) {
      k.preventDefault();
      act();
    }
  };
  const cycle = (d: number) => {
    const i = events.findIndex((e) => e.id === selected);
    const next = events[(i + d + events.length) % events.length];
    if (next) setSelected(next.id);
  };
  const add = () => {
    let n = events.length + 1;
    while (events.some((e) => e.id === `e${n}`)) n++;
    const e = { id: `e${n}`, eventTime: 30, arrival: 45, value: 1 };
    setEvents((list) => [...list, e]);
    setSelected(e.id);
  };
  const remove = () => {
    const rest = events.filter((e) => e.id !== selected);
    setEvents(rest);
    setSelected(rest[0]?.id ?? "");
  };
  const sel = events.find((e) => e.id === selected);

  return (
    <GeoFrame title="Event time, processing time and the watermark" testId="watermark-plot">
      <div className="flex flex-col gap-2 text-sm">
        <Choice label="Windows" value={windowKind} options={[{ value: "tumbling", label: "tumbling" }, { value: "sliding", label: "sliding" }, { value: "session", label: "session" }]} onChange={setWindowKind} />
        <Choice label="Watermark" value={watermarkKind} options={[{ value: "perfect", label: "perfect" }, { value: "heuristic", label: "heuristic" }]} onChange={setWatermarkKind} />
        <Choice label="Panes" value={mode} options={[{ value: "accumulating", label: "accumulating" }, { value: "discarding", label: "discarding" }]} onChange={setMode} />
      </div>
      <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
        {windowKind === "session" ? (
          <RangeField label="Session gap" value={gapS} min={1} max={20} onChange={setGapS} format={(v) => `${v} s`} testId="wm-gap" />
        ) : (
          <RangeField label={windowKind === "sliding" ? "Window size (slides by half)" : "Window size"} value={sizeS} min={10} max={30} step={10} onChange={setSizeS} format={(v) => `${v} s`} testId="wm-size" />
        )}
        {watermarkKind === "heuristic" ? <RangeField label="Watermark trails the newest event by" value={allowanceS} min={0} max={30} onChange={setAllowanceS} format={(v) => `${v} s`} testId="wm-allowance" /> : null}
        <RangeField label="Allowed lateness" value={latenessS} min={0} max={LATENESS_MAX} onChange={setLatenessS} format={(v) => (v >= LATENESS_MAX ? "unlimited" : `${v} s`)} testId="wm-lateness" />
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2">
        <Toggle label="Early panes every 5 s" checked={early} onChange={setEarly} testId="wm-early" />
        <Toggle label="Side output for dropped elements" checked={sideOutput} onChange={setSideOutput} testId="wm-side" />
      </div>

      <div className="mt-3 flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col gap-1">
          <span>Event</span>
          <select className="h-9 rounded-md border border-line bg-surface px-2" value={selected} onChange={(e) => setSelected(e.target.value)} data-testid="wm-select">
            {events.map((e) => (
              <option key={e.id} value={e.id}>
                {e.id}: happened {e.eventTime} s, arrives {e.arrival} s
              </option>
            ))}
          </select>
        </label>
        <button type="button" className={quietButton} onClick={add} data-testid="wm-add">Add an event</button>
        <button type="button" className={quietButton} onClick={remove} disabled={!sel} data-testid="wm-remove">Remove {selected}</button>
        <button type="button" className={quietButton} onClick={() => setEvents(EXAMPLE_STREAM.map((e) => ({ ...e })))} data-testid="wm-reset">Reset the stream</button>
      </div>
      <p id={helpId} className="mt-1 text-xs text-muted">
        On the plot: ←/→ moves the selected event in event time, ↑/↓ delays it more or less (Shift: 5 s), PageDown/PageUp picks the next or previous event.
      </p>

      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="mt-2 h-auto w-full rounded-md focus-visible:outline-2 focus-visible:outline-accent"
        fontSize={labelSize - 1}
        role="application"
        aria-roledescription="editable event plot"
        aria-label={`Event time to the right, processing time upwards. Selected: ${sel ? `${sel.id}, happened at ${sel.eventTime} s, arrives at ${sel.arrival} s, ${fate.get(sel.id)}` : "none"}.`}
        aria-describedby={`${helpId} ${summaryId}`}
        tabIndex={0}
        onKeyDown={onKey}
        data-testid="wm-svg"
      >
        {windowKind === "session"
          ? result.windows.map((w, i) => <rect key={i} x={px2(x(w.start))} y={8} width={px2(x(w.end) - x(w.start))} height={H - bottom - 8} fill={color.noteSoft} opacity={0.5} />)
          : windowEdges.map((t) => <line key={t} x1={px2(x(t))} x2={px2(x(t))} y1={8} y2={H - bottom} stroke={color.line} strokeDasharray="2 3" />)}
        <line x1={left} y1={H - bottom} x2={W - 6} y2={H - bottom} stroke={color.muted} />
        <line x1={left} y1={H - bottom} x2={left} y2={8} stroke={color.muted} />
        {ticks.map((t) => (
          <g key={t}>
            <text x={px2(x(t))} y={H - bottom + 11} textAnchor="middle" fill={color.muted}>{t}</text>
            <text x={left - 3} y={px2(y(t) + 3)} textAnchor="end" fill={color.muted}>{t}</text>
          </g>
        ))}
        <text x={W - 6} y={H - 2} textAnchor="end" fill={color.fg}>event time (s) →</text>
        <text x={left + 3} y={16} fill={color.fg}>↑ processing time (s)</text>
        <line x1={px2(x(0))} y1={px2(y(0))} x2={px2(x(maxT))} y2={px2(y(maxT))} stroke={color.muted} strokeDasharray="1 4" />
        <path d={wmPath} fill="none" stroke={color.note} strokeWidth={2} data-testid="wm-line" />
        {result.panes.map((p, i) => (
          <g key={i}>
            <rect x={px2(x(p.window.start) + 1)} y={px2(y(p.at) - 1.5)} width={px2(Math.max(x(p.window.end) - x(p.window.start) - 2, 2))} height={3} fill={timingColor[p.timing]} opacity={0.85} />
            <text x={px2(x(p.window.end) - 3)} y={px2(y(p.at) - 3)} textAnchor="end" fill={color.fg} fontWeight={600}>{p.value}</text>
          </g>
        ))}
        {events.map((e) => {
          const f = fate.get(e.id) ?? "on-time";
          const isSel = e.id === selected;
          return (
            <g key={e.id} onClick={() => setSelected(e.id)} className="cursor-pointer">
              {isSel ? <circle cx={px2(x(e.eventTime))} cy={px2(y(e.arrival))} r={8} fill="none" stroke={color.fg} strokeWidth={1.5} /> : null}
              {f === "dropped" ? (
                <path d={`M${px2(x(e.eventTime) - 4)},${px2(y(e.arrival) - 4)}l8,8m0,-8l-8,8`} stroke={fateColor[f]} strokeWidth={2.5} />
              ) : (
                <circle cx={px2(x(e.eventTime))} cy={px2(y(e.arrival))} r={4.5} fill={fateColor[f]} stroke={color.fg} strokeWidth={0.5} />
              )}
              <text x={px2(x(e.eventTime) + 6)} y={px2(y(e.arrival) + 3)} fill={color.fg}>{e.value}</text>
            </g>
          );
        })}
      </svg>
      <div className="mt-1 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-muted" aria-hidden="true">
        <span className="inline-flex items-center gap-1.5"><span className="inline-block size-2.5 rounded-full" style={{ background: color.ok }} />on time</span>
        <span className="inline-flex items-center gap-1.5"><span className="inline-block size-2.5 rounded-full" style={{ background: color.warn }} />late, within lateness</span>
        <span className="inline-flex items-center gap-1.5"><span className="font-bold" style={{ color: color.bad }}>×</span>dropped</span>
        <span className="inline-flex items-center gap-1.5"><span className="inline-block h-0.5 w-4" style={{ background: color.note }} />watermark</span>
        <span className="inline-flex items-center gap-1.5"><span className="inline-block h-1 w-4" style={{ background: color.note }} />early / <span className="inline-block h-1 w-4" style={{ background: color.ok }} />on-time / <span className="inline-block h-1 w-4" style={{ background: color.warn }} />late pane</span>
      </div>

      {problems.length ? (
        <p role="alert" className="mt-2 text-sm text-accent">{problems.join("; ")}</p>
      ) : null}
      <p id={summaryId} className="mt-3 text-sm" aria-live="polite" data-testid="wm-summary">
        {summary}
      </p>

      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-left text-xs" data-testid="wm-windows">
          <caption className="sr-only">Each window: the batch sum and the streaming result</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-2">window</th>
              <th scope="col" className="py-1 pr-2 text-right">batch sum</th>
              <th scope="col" className="py-1 pr-2 text-right">{mode === "accumulating" ? "last pane" : "panes added up"}</th>
              <th scope="col" className="py-1 text-right">panes</th>
            </tr>
          </thead>
          <tbody>
            {batch.map((b) => {
              const k = windowKey(b);
              const got = answer(k);
              const n = result.panes.filter((p) => windowKey(p.window) === k).length;
              return (
                <tr key={k} className="border-b border-line/60">
                  <th scope="row" className="py-1 pr-2 font-mono font-normal">{windowLabel(b)}</th>
                  <td className="py-1 pr-2 text-right font-mono">{b.sum}</td>
                  <td className={`py-1 pr-2 text-right font-mono ${got === b.sum ? "" : "font-semibold text-accent"}`}>{got ?? "none"}{got === b.sum ? "" : " ≠"}</td>
                  <td className="py-1 text-right font-mono">{n}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-muted">Show the panes as a table</summary>
        <div className="overflow-x-auto">
          <table className="mt-2 w-full text-left text-xs" data-testid="wm-panes">
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-1 pr-2">at (s)</th>
                <th scope="col" className="py-1 pr-2">window</th>
                <th scope="col" className="py-1 pr-2">pane</th>
                <th scope="col" className="py-1 pr-2 text-right">watermark</th>
                <th scope="col" className="py-1 pr-2 text-right">value</th>
                <th scope="col" className="py-1">new elements</th>
              </tr>
            </thead>
            <tbody>
              {result.panes.map((p, i) => (
                <tr key={i} className="border-b border-line/60">
                  <td className="py-1 pr-2 font-mono">{p.at}</td>
                  <td className="py-1 pr-2 font-mono">{windowLabel(p.window)}</td>
                  <td className="py-1 pr-2">{p.timing}</td>
                  <td className="py-1 pr-2 text-right font-mono">{fmt(p.watermark)}</td>
                  <td className="py-1 pr-2 text-right font-mono">{p.value}</td>
                  <td className="py-1 font-mono">{p.newElements.join(" ") || "none"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {lost ? (
            <p className="mt-2 text-xs" data-testid="wm-dropped">
              {sideOutput ? "Side output" : "Dropped"}: {[...result.dropped, ...result.sideOutput].map((d) => `${d.event.id} (value ${d.event.value}, for ${windowLabel(d.window)}, watermark ${fmt(d.watermark)})`).join("; ")}
            </p>
          ) : null}
        </div>
      </details>

      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-muted">Edit the stream as a table</summary>
        <div className="overflow-x-auto">
          <table className="mt-2 w-full text-left text-xs" data-testid="wm-events">
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-1 pr-2">event</th>
                <th scope="col" className="py-1 pr-2">happened (s)</th>
                <th scope="col" className="py-1 pr-2">arrives (s)</th>
                <th scope="col" className="py-1 pr-2">value</th>
                <th scope="col" className="py-1">fate</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} className="border-b border-line/60">
                  <th scope="row" className="py-1 pr-2 font-mono font-normal">{e.id}</th>
                  {(["eventTime", "arrival", "value"] as const).map((f) => (
                    <td key={f} className="py-1 pr-2">
                      <input
                        type="number"
                        className="h-8 w-16 rounded border border-line bg-surface px-1 font-mono"
                        aria-label={`${e.id} ${f === "eventTime" ? "event time" : f}`}
                        value={e[f]}
                        min={0}
                        onChange={(v) => v.target.value !== "" && update(e.id, { [f]: Number(v.target.value) })}
                        data-testid={`wm-${e.id}-${f}`}
                      />
                    </td>
                  ))}
                  <td className="py-1">{fate.get(e.id)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </GeoFrame>
  );
}
