"use client";
import { windowAlgorithms, type WindowAlgorithm, type WindowEdgesTrace } from "@/lib/mechanisms/rate-limiting";
import { MechanismShell, seconds, Swatch } from "./mechanism-shell";
import { color, labelSize } from "./palette";

export interface WindowEdgesViewProps {
  trace: WindowEdgesTrace;
}

const names: Record<WindowAlgorithm, string> = { "fixed-window": "Fixed window", "sliding-log": "Sliding log", "sliding-counter": "Sliding counter" };
const W = 360;
const rowH = 46;

/** Fixed window, sliding log and sliding counter deciding the same boundary burst, one row each. */
export function WindowEdgesView({ trace }: WindowEdgesViewProps) {
  const { frames, limit, windowMs, endMs, peak } = trace;
  const x = (t: number) => 12 + (t / endMs) * (W - 24);
  const edges: number[] = [];
  for (let t = 0; t <= endMs; t += windowMs) edges.push(t);
  const describe = (i: number) => {
    const f = frames[i];
    const parts = windowAlgorithms.map((a) => `${names[a].toLowerCase()} ${f.admitted[a] ? "admits" : "refuses"} (${f.lastWindow[a]} let through in the last ${seconds(windowMs)})`);
    return `At ${seconds(f.tMs)}: ${parts.join("; ")}. The limit is ${limit} per ${seconds(windowMs)}.`;
  };
  return (
    <MechanismShell
      title={`Window edges: a burst of ${2 * limit} requests across a window boundary, limit ${limit} per ${seconds(windowMs)}`}
      testId="window-edges-view"
      steps={frames.length}
      stepLabel={(i) => `t = ${seconds(frames[i].tMs)}`}
      describe={describe}
      table={{
        caption: "Each arrival and what each algorithm decided",
        columns: ["time", ...windowAlgorithms.map((a) => names[a])],
        rows: frames.map((f) => [seconds(f.tMs), ...windowAlgorithms.map((a) => (f.admitted[a] ? "admit" : "refuse"))]),
      }}
      legend={
        <>
          <Swatch color={color.ok} label="admitted" />
          <Swatch color={color.bad} label="refused" />
          <Swatch color={color.noteSoft} label="the sliding window now" />
          <span>most in any {seconds(windowMs)}: {windowAlgorithms.map((a) => `${names[a].toLowerCase()} ${peak[a]}`).join(", ")}</span>
        </>
      }
    >
      {(step) => {
        const now = frames[step].tMs;
        return (
          <svg viewBox={`0 0 ${W} ${windowAlgorithms.length * rowH + 22}`} className="h-auto w-full" fontSize={labelSize} fill={color.fg}>
            {windowAlgorithms.map((a, row) => {
              const y0 = row * rowH;
              const mid = y0 + 30;
              return (
                <g key={a}>
                  <text x={12} y={y0 + 12} fontWeight={600}>
                    {names[a]}
                  </text>
                  <text x={W - 12} y={y0 + 12} textAnchor="end" fill={frames[step].lastWindow[a] > limit ? color.bad : color.muted}>
                    {frames[step].lastWindow[a]} in the last {seconds(windowMs)}
                  </text>
                  {a !== "fixed-window" ? <rect x={x(Math.max(0, now - windowMs))} y={mid - 9} width={x(now) - x(Math.max(0, now - windowMs))} height={18} fill={color.noteSoft} /> : null}
                  <line x1={x(0)} x2={x(endMs)} y1={mid} y2={mid} stroke={color.line} />
                  {edges.map((t) => (
                    <line key={t} x1={x(t)} x2={x(t)} y1={mid - 11} y2={mid + 11} stroke={color.muted} strokeDasharray={a === "fixed-window" ? undefined : "2 2"} strokeWidth={a === "fixed-window" ? 1.5 : 1} />
                  ))}
                  {frames.slice(0, step + 1).map((f, i) =>
                    f.admitted[a] ? (
                      <circle key={i} cx={x(f.tMs)} cy={mid} r={3} fill={color.ok} />
                    ) : (
                      <path key={i} d={`M${x(f.tMs) - 3},${mid - 3}l6,6m0,-6l-6,6`} stroke={color.bad} strokeWidth={1.8} />
                    ),
                  )}
                </g>
              );
            })}
            {edges.map((t) => (
              <text key={t} x={x(t)} y={windowAlgorithms.length * rowH + 14} textAnchor={t === 0 ? "start" : t === endMs ? "end" : "middle"} fill={color.muted}>
                {seconds(t)}
              </text>
            ))}
          </svg>
        );
      }}
    </MechanismShell>
  );
}
