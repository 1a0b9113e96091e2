"use client";
import { useId } from "react";
import type { BandState, BreakerTimeline } from "@/lib/mechanisms/breaker-timeline";
import { MechanismShell, seconds, Swatch } from "./mechanism-shell";
import { color, labelSize } from "./palette";

export interface BreakerTimelineViewProps {
  timeline: BreakerTimeline;
  title: string;
}

const W = 360;
const stateColor: Record<BandState, string> = { closed: color.ok, open: color.bad, "half-open": color.warn };

/** A real run's breaker states as coloured bands over time, with each second's completed and failed requests. */
export function BreakerTimelineView({ timeline, title }: BreakerTimelineViewProps) {
  const { bands, seconds: secs, endMs, faults, breaker } = timeline;
  const hatch = `hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const x = (t: number) => 10 + (t / endMs) * (W - 20);
  const maxCount = Math.max(1, ...secs.map((s) => s.completed + s.failed));
  const bandAt = (ms: number) => Math.max(0, bands.findIndex((b) => b.fromMs <= ms && ms <= b.toMs));
  const describe = (i: number) => {
    const s = secs[i];
    const b = bands[bandAt(s.tMs)];
    const fault = faults.find((f) => f.fromMs < s.tMs && s.tMs <= f.toMs);
    return `${seconds(s.tMs)}: ${breaker} is ${b.state}${b.fromMs > 0 ? ` (since ${seconds(b.fromMs)})` : ""}. In the last second ${s.completed} requests completed and ${s.failed} failed.${fault ? ` Fault: ${fault.target} ${fault.kind} from ${seconds(fault.fromMs)} to ${seconds(fault.toMs)}.` : ""}`;
  };
  return (
    <MechanismShell
      title={title}
      testId="breaker-timeline-view"
      steps={secs.length}
      stepMs={250}
      stepLabel={(i) => `t = ${seconds(secs[i].tMs)}`}
      describe={describe}
      table={{
        caption: `States of ${breaker} over the run`,
        columns: ["state", "from", "to", "for"],
        rows: bands.map((b) => [b.state, seconds(b.fromMs), seconds(b.toMs), `${((b.toMs - b.fromMs) / 1000).toFixed(2)} s`]),
      }}
      rowForStep={(i) => bandAt(secs[i].tMs)}
      legend={
        <>
          <Swatch color={color.ok} label="closed" />
          <Swatch color={color.bad} label="open" />
          <Swatch color={color.warn} label="half-open" />
          <Swatch color={color.sunken} label="fault active" pattern="hatch" />
          <span>bars: completed (green) and failed (orange) per second</span>
        </>
      }
    >
      {(step) => {
        const now = secs[step].tMs;
        return (
          <svg viewBox={`0 0 ${W} 170`} className="h-auto w-full" fontSize={labelSize} fill={color.fg}>
            <defs>
              <pattern id={hatch} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <line x1="0" y1="0" x2="0" y2="4" stroke={color.muted} strokeWidth="1.2" />
              </pattern>
            </defs>
            {faults.map((f, i) => (
              <g key={i}>
                <rect x={x(f.fromMs)} y={8} width={x(f.toMs) - x(f.fromMs)} height={10} fill={`url(#${hatch})`} />
                <text x={x(f.toMs) + 4} y={17} fill={color.muted}>
                  {f.target} {f.kind}
                </text>
              </g>
            ))}
            <text x={10} y={32} fill={color.muted}>
              {breaker}
            </text>
            {bands.map((b, i) => (
              // Half-open lasts as long as the probes take (tens of ms): drawn taller and at least 3 units wide so it shows.
              <rect key={i} x={x(b.fromMs)} y={b.state === "half-open" ? 33 : 38} width={Math.max(b.state === "half-open" ? 3 : 1.5, x(b.toMs) - x(b.fromMs))} height={b.state === "half-open" ? 28 : 18} fill={stateColor[b.state]} opacity={b.fromMs <= now ? 1 : 0.15} />
            ))}
            {secs.map((s, i) => {
              const h1 = (s.completed / maxCount) * 70;
              const h2 = (s.failed / maxCount) * 70;
              const bx = x(s.tMs - 1000);
              const bw = Math.max(0.8, x(s.tMs) - bx - 0.6);
              return (
                <g key={i} opacity={s.tMs <= now ? 1 : 0.15}>
                  <rect x={bx} y={140 - h1} width={bw} height={h1} fill={color.ok} />
                  <rect x={bx} y={140 - h1 - h2} width={bw} height={h2} fill={color.bad} />
                </g>
              );
            })}
            <line x1={x(0)} x2={x(endMs)} y1={140} y2={140} stroke={color.line} />
            <line x1={x(now)} x2={x(now)} y1={6} y2={144} stroke={color.fg} opacity={0.6} />
            {[0, endMs / 4, endMs / 2, (3 * endMs) / 4, endMs].map((t) => (
              <text key={t} x={x(t)} y={158} textAnchor={t === 0 ? "start" : t === endMs ? "end" : "middle"} fill={color.muted}>
                {seconds(Math.round(t / 1000) * 1000)}
              </text>
            ))}
          </svg>
        );
      }}
    </MechanismShell>
  );
}
