"use client";
import type { QueueingCurves } from "@/lib/mechanisms/queueing";
import { MechanismShell, Swatch } from "./mechanism-shell";
import { color, labelSize, seriesColors } from "./palette";

export interface QueueingCurvesViewProps {
  curves: QueueingCurves;
}

const W = 360;
const yMax = 10;
const times = (w: number) => (w >= 100 ? `${Math.round(w)}×` : w >= 10 ? `${w.toFixed(0)}×` : `${w.toFixed(2)}×`);

/** M/M/c mean wait in queue (in service times) against utilisation, one curve per pool size: the knee moves right as the pool grows. */
export function QueueingCurvesView({ curves }: QueueingCurvesViewProps) {
  const { workers, utilisations, waits } = curves;
  const x = (rho: number) => 40 + rho * (W - 54);
  const y = (w: number) => 14 + (1 - Math.min(w, yMax) / yMax) * 120;
  const colorOf = (i: number) => seriesColors[[0, 1, 2, 4][i] ?? i % seriesColors.length];
  const describe = (j: number) =>
    `At ${Math.round(utilisations[j] * 100)}% utilisation a request waits on average ${workers.map((c, i) => `${times(waits[i][j])} its service time with ${c} worker${c > 1 ? "s" : ""}`).join(", ")} (M/M/c, Erlang C).`;
  return (
    <MechanismShell
      title={`Waiting time against utilisation for ${workers.join(", ")} workers (M/M/c)`}
      testId="queueing-curves-view"
      steps={utilisations.length}
      initialStep={utilisations.indexOf(0.8) >= 0 ? utilisations.indexOf(0.8) : undefined}
      stepMs={400}
      stepLabel={(j) => `ρ = ${Math.round(utilisations[j] * 100)}%`}
      describe={describe}
      table={{
        caption: "Mean wait in queue, as a multiple of the mean service time",
        columns: ["utilisation", ...workers.map((c) => `${c} worker${c > 1 ? "s" : ""}`)],
        rows: utilisations.map((rho, j) => [`${Math.round(rho * 100)}%`, ...workers.map((_, i) => times(waits[i][j]))]),
      }}
      legend={
        <>
          {workers.map((c, i) => (
            <Swatch key={c} color={colorOf(i)} label={`c = ${c}`} />
          ))}
          <span>wait ÷ service time, cut at {yMax}×</span>
        </>
      }
    >
      {(j) => {
        const rho = utilisations[j];
        return (
          <svg viewBox={`0 0 ${W} 172`} className="h-auto w-full" fontSize={labelSize} fill={color.fg}>
            <line x1={x(0)} x2={x(1)} y1={y(0)} y2={y(0)} stroke={color.line} />
            <line x1={x(0)} x2={x(0)} y1={y(yMax)} y2={y(0)} stroke={color.line} />
            {[0, 5, 10].map((w) => (
              <text key={w} x={x(0) - 4} y={y(w) + 4} textAnchor="end" fill={color.muted}>
                {w}×
              </text>
            ))}
            {[0, 0.5, 0.8, 1].map((r) => (
              <text key={r} x={x(r)} y={y(0) + 14} textAnchor="middle" fill={color.muted}>
                {Math.round(r * 100)}%
              </text>
            ))}
            {workers.map((c, i) => {
              const pts = utilisations.map((u, k) => ({ u, w: waits[i][k] })).filter((p) => p.w <= yMax * 1.5);
              return (
                <g key={c}>
                  <polyline points={pts.map((p) => `${x(p.u)},${y(p.w)}`).join(" ")} fill="none" stroke={colorOf(i)} strokeWidth={2} />
                  <circle cx={x(rho)} cy={y(waits[i][j])} r={3.5} fill={colorOf(i)} />
                  <text x={x(0) + 8} y={y(yMax) + 4 + i * 14} fill={colorOf(i)} fontWeight={600}>
                    c = {c}: {times(waits[i][j])}
                  </text>
                </g>
              );
            })}
            <line x1={x(rho)} x2={x(rho)} y1={y(yMax)} y2={y(0)} stroke={color.fg} opacity={0.4} />
            <text x={x(1)} y={y(0) + 26} textAnchor="end" fill={color.muted}>
              utilisation ρ
            </text>
          </svg>
        );
      }}
    </MechanismShell>
  );
}
