"use client";
import type { RetryTimeline } from "@/lib/mechanisms/retry-timeline";
import { MechanismShell, seconds, Swatch } from "./mechanism-shell";
import { color, labelSize } from "./palette";

export interface RetryTimelineViewProps {
  timeline: RetryTimeline;
}

const W = 360;
const jitterName: Record<string, string> = { none: "No jitter", full: "Full jitter", equal: "Equal jitter", decorrelated: "Decorrelated jitter" };

/** Retries over time after a shared failure at t = 0: synchronized waves without jitter, a spread with it. */
export function RetryTimelineView({ timeline }: RetryTimelineViewProps) {
  const { histograms, binMs, endMs, clients, retries, backoff } = timeline;
  const bins = histograms[0].bins.length;
  const x = (t: number) => 10 + (t / endMs) * (W - 20);
  const rowH = 74;
  const maxPeak = Math.max(...histograms.map((h) => h.peak));
  const nonEmpty = histograms[0].bins.map((_, i) => i).filter((i) => histograms.some((h) => h.bins[i] > 0));
  const describe = (i: number) => {
    const parts = histograms.map((h) => `${jitterName[h.jitter].toLowerCase()} sends ${h.bins[i]}`);
    const sent = histograms.map((h) => `${h.bins.slice(0, i + 1).reduce((a, b) => a + b, 0)}`);
    return `From ${i * binMs} to ${(i + 1) * binMs} ms: ${parts.join(", ")} retries. Sent so far: ${sent.join(" and ")} of ${clients * retries}. Peak per ${binMs} ms: ${histograms.map((h) => `${h.peak} (${jitterName[h.jitter].toLowerCase()})`).join(", ")}.`;
  };
  return (
    <MechanismShell
      title={`Retries over time: ${clients} clients fail together and retry ${retries} times (backoff ${backoff.baseMs} ms × ${backoff.multiplier}, cap ${seconds(backoff.maxMs)})`}
      testId="retry-timeline-view"
      steps={bins}
      stepMs={120}
      stepLabel={(i) => `t = ${(i + 1) * binMs} ms`}
      describe={describe}
      table={{
        caption: `Retries sent in each ${binMs} ms (bins with any)`,
        columns: ["from", ...histograms.map((h) => jitterName[h.jitter])],
        rows: nonEmpty.map((i) => [`${i * binMs} ms`, ...histograms.map((h) => h.bins[i])]),
      }}
      rowForStep={(i) => nonEmpty.indexOf(i)}
      legend={
        <>
          <Swatch color={color.bad} label="no jitter" />
          <Swatch color={color.note} label="with jitter" />
          <span>bar height: retries per {binMs} ms</span>
        </>
      }
    >
      {(step) => (
        <svg viewBox={`0 0 ${W} ${histograms.length * rowH + 20}`} className="h-auto w-full" fontSize={labelSize} fill={color.fg}>
          {histograms.map((h, row) => {
            const base = row * rowH + rowH - 6;
            return (
              <g key={h.jitter}>
                <text x={10} y={row * rowH + 12} fontWeight={600}>
                  {jitterName[h.jitter]}
                </text>
                <text x={W - 10} y={row * rowH + 12} textAnchor="end" fill={color.muted}>
                  peak {h.peak} per {binMs} ms
                </text>
                {h.bins.map((n, i) => {
                  const hgt = (n / maxPeak) * (rowH - 24);
                  return n > 0 ? <rect key={i} x={x(i * binMs)} y={base - hgt} width={Math.max(1, x(binMs) - x(0) - 0.5)} height={hgt} fill={h.jitter === "none" ? color.bad : color.note} opacity={i <= step ? 1 : 0.15} /> : null;
                })}
                <line x1={x(0)} x2={x(endMs)} y1={base} y2={base} stroke={color.line} />
              </g>
            );
          })}
          <line x1={x((step + 1) * binMs)} x2={x((step + 1) * binMs)} y1={14} y2={histograms.length * rowH} stroke={color.fg} opacity={0.5} />
          {[0, endMs / 2, endMs].map((t) => (
            <text key={t} x={x(t)} y={histograms.length * rowH + 14} textAnchor={t === 0 ? "start" : t === endMs ? "end" : "middle"} fill={color.muted}>
              {seconds(t)}
            </text>
          ))}
        </svg>
      )}
    </MechanismShell>
  );
}
