"use client";
import type { TokenBucketTrace } from "@/lib/mechanisms/rate-limiting";
import { MechanismShell, seconds, Swatch } from "./mechanism-shell";
import { color, labelSize } from "./palette";

export interface TokenBucketViewProps {
  trace: TokenBucketTrace;
}

const W = 360;
const top = 16;
const bottom = 132;

/** A token bucket's level as requests arrive: the bucket itself, the level over time and each decision. */
export function TokenBucketView({ trace }: TokenBucketViewProps) {
  const { frames, level, burst, ratePerSec, endMs } = trace;
  const x = (t: number) => 86 + (t / endMs) * (W - 96);
  const y = (tokens: number) => bottom - (tokens / burst) * (bottom - top);
  const describe = (i: number) => {
    const f = frames[i];
    const whole = f.tokensBefore >= 1 - 1e-9;
    return `At ${seconds(f.tMs)} a request arrives. After refilling at ${ratePerSec} per second the bucket holds ${f.tokensBefore.toFixed(2)} of ${burst} tokens, so the request is ${
      f.admitted ? `admitted and takes one token (${f.tokensAfter.toFixed(2)} left).` : whole ? "refused." : "refused: there is no whole token."
    }`;
  };
  return (
    <MechanismShell
      title={`Token bucket: ${ratePerSec} tokens per second, burst ${burst}`}
      testId="token-bucket-view"
      steps={frames.length}
      stepLabel={(i) => `t = ${seconds(frames[i].tMs)}`}
      describe={describe}
      table={{
        caption: "Each arrival: the level before it, the decision, the level after",
        columns: ["time", "tokens before", "decision", "tokens after"],
        rows: frames.map((f) => [seconds(f.tMs), f.tokensBefore.toFixed(2), f.admitted ? "admitted" : "refused", f.tokensAfter.toFixed(2)]),
      }}
      legend={
        <>
          <Swatch color={color.note} label="tokens" />
          <Swatch color={color.ok} label="admitted" />
          <Swatch color={color.bad} label="refused" />
        </>
      }
    >
      {(step) => {
        const f = frames[step];
        const shown = level.filter((p) => p.frame <= step && p.tMs <= f.tMs);
        const fill = (f.tokensAfter / burst) * (bottom - top);
        return (
          <svg viewBox={`0 0 ${W} 170`} className="h-auto w-full" fontSize={labelSize} fill={color.fg}>
            {/* The bucket */}
            <rect x={14} y={top} width={44} height={bottom - top} fill="none" stroke={color.muted} strokeWidth={1.5} rx={3} />
            <rect x={16} y={bottom - fill} width={40} height={fill} fill={color.note} opacity={0.8} className="transition-all duration-300" />
            <text x={36} y={bottom + 16} textAnchor="middle">
              {f.tokensAfter.toFixed(1)}
            </text>
            <text x={36} y={10} textAnchor="middle" fill={color.muted}>
              bucket
            </text>
            {/* Level over time */}
            <line x1={x(0)} x2={x(endMs)} y1={y(burst)} y2={y(burst)} stroke={color.muted} strokeDasharray="3 3" />
            <text x={x(endMs)} y={y(burst) - 4} textAnchor="end" fill={color.muted}>
              burst {burst}
            </text>
            <line x1={x(0)} x2={x(endMs)} y1={bottom} y2={bottom} stroke={color.line} />
            <polyline points={shown.map((p) => `${x(p.tMs)},${y(p.tokens)}`).join(" ")} fill="none" stroke={color.note} strokeWidth={2} />
            {frames.slice(0, step + 1).map((a, i) =>
              a.admitted ? (
                <circle key={i} cx={x(a.tMs)} cy={bottom + 10} r={3} fill={color.ok} />
              ) : (
                <path key={i} d={`M${x(a.tMs) - 3},${bottom + 7}l6,6m0,-6l-6,6`} stroke={color.bad} strokeWidth={1.8} />
              ),
            )}
            <line x1={x(f.tMs)} x2={x(f.tMs)} y1={top} y2={bottom + 16} stroke={color.fg} strokeWidth={1} opacity={0.5} />
            <text x={x(0)} y={bottom + 30}>0 s</text>
            <text x={x(endMs)} y={bottom + 30} textAnchor="end">
              {seconds(endMs)}
            </text>
          </svg>
        );
      }}
    </MechanismShell>
  );
}
