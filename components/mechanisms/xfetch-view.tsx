"use client";
import type { XFetchCurves } from "@/lib/mechanisms/queueing";
import { MechanismShell, seconds, Swatch } from "./mechanism-shell";
import { color, labelSize, seriesColors } from "./palette";

export interface XFetchViewProps {
  curves: XFetchCurves;
}

const W = 360;
const pct = (x: number) => `${(x * 100).toFixed(x < 0.01 ? 2 : 1)}%`;

/** XFetch: the chance a read refreshes a key early, rising as expiry nears; a bigger beta refreshes sooner. */
export function XFetchView({ curves }: XFetchViewProps) {
  const { betas, gapsMs, perRead, refreshedBy, fetchMs, readsPerSec, windowMs } = curves;
  const x = (gap: number) => 36 + ((windowMs - gap) / windowMs) * (W - 50);
  const plotTop = 16;
  const plotH = 110;
  const y = (p: number) => plotTop + (1 - p) * plotH;
  const colorOf = (i: number) => seriesColors[i % seriesColors.length];
  const describe = (i: number) =>
    `${seconds(gapsMs[i])} before expiry (the last fetch took ${fetchMs} ms): one read refreshes early with probability ${betas.map((b, k) => `${pct(perRead[k][i])} at beta ${b}`).join(", ")}. With ${readsPerSec} reads per second, some read has already refreshed it with probability ${betas.map((b, k) => `${pct(refreshedBy[k][i])} (beta ${b})`).join(", ")}.`;
  return (
    <MechanismShell
      title={`XFetch early refresh: chance per read = exp(−time left / (${fetchMs} ms × beta))`}
      testId="xfetch-view"
      steps={gapsMs.length}
      initialStep={Math.floor(gapsMs.length * 0.75)}
      stepMs={400}
      stepLabel={(i) => `${seconds(gapsMs[i])} to expiry`}
      describe={describe}
      table={{
        caption: "Chance per read, and chance some read has refreshed, by time left before expiry",
        columns: ["time left", ...betas.map((b) => `per read, β ${b}`), ...betas.map((b) => `refreshed by now, β ${b}`)],
        rows: gapsMs.map((g, i) => [seconds(g), ...betas.map((_, k) => pct(perRead[k][i])), ...betas.map((_, k) => pct(refreshedBy[k][i]))]),
      }}
      legend={
        <>
          {betas.map((b, k) => (
            <Swatch key={b} color={colorOf(k)} label={`beta ${b}`} />
          ))}
          <span>solid: one read; dashed: some read by now</span>
        </>
      }
    >
      {(step) => {
        const g = gapsMs[step];
        return (
          <svg viewBox={`0 0 ${W} 160`} className="h-auto w-full" fontSize={labelSize} fill={color.fg}>
            <line x1={36} x2={W - 14} y1={y(0)} y2={y(0)} stroke={color.line} />
            <line x1={36} x2={36} y1={y(1)} y2={y(0)} stroke={color.line} />
            {[0, 0.5, 1].map((p) => (
              <text key={p} x={32} y={y(p) + 4} textAnchor="end" fill={color.muted}>
                {p * 100}%
              </text>
            ))}
            {betas.map((b, k) => (
              <g key={b}>
                <polyline points={gapsMs.map((gap, i) => `${x(gap)},${y(perRead[k][i])}`).join(" ")} fill="none" stroke={colorOf(k)} strokeWidth={2} />
                <polyline points={gapsMs.map((gap, i) => `${x(gap)},${y(refreshedBy[k][i])}`).join(" ")} fill="none" stroke={colorOf(k)} strokeWidth={1.3} strokeDasharray="4 3" />
                <circle cx={x(g)} cy={y(perRead[k][step])} r={3.5} fill={colorOf(k)} />
              </g>
            ))}
            <line x1={x(g)} x2={x(g)} y1={y(1)} y2={y(0)} stroke={color.fg} opacity={0.5} />
            <text x={x(windowMs)} y={y(0) + 16} textAnchor="start" fill={color.muted}>
              {seconds(windowMs)} before expiry
            </text>
            <text x={x(0)} y={y(0) + 16} textAnchor="end" fill={color.muted}>
              expiry
            </text>
          </svg>
        );
      }}
    </MechanismShell>
  );
}
