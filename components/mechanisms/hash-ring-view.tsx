"use client";
import type { RingStep } from "@/lib/mechanisms/hash-ring";
import { MechanismShell, Swatch } from "./mechanism-shell";
import { color, labelSize, seriesColors } from "./palette";

export interface HashRingViewProps {
  steps: RingStep[];
  /** Share of keys that change server under hash mod n when the server joins. */
  moduloMoved: number;
}

const cx = 100;
const cy = 100;
const r = 78;

function arcPath(start: number, end: number, radius: number): string {
  const a0 = start * 2 * Math.PI - Math.PI / 2;
  const a1 = end * 2 * Math.PI - Math.PI / 2;
  const large = end - start > 0.5 ? 1 : 0;
  const p = (a: number) => `${(cx + radius * Math.cos(a)).toFixed(2)},${(cy + radius * Math.sin(a)).toFixed(2)}`;
  return `M${p(a0)}A${radius},${radius} 0 ${large} 1 ${p(a1)}`;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Consistent hashing on the load balancer's ring: one point per server, virtual nodes, then a server joining. */
export function HashRingView({ steps, moduloMoved }: HashRingViewProps) {
  const servers = steps[steps.length - 1].servers;
  const colorOf = (target: number) => (target === servers.length - 1 ? seriesColors[seriesColors.length - 1] : seriesColors[target % (seriesColors.length - 1)]);
  const describe = (i: number) => {
    const s = steps[i];
    const spread = `Shares run from ${pct(Math.min(...s.shares))} to ${pct(Math.max(...s.shares))}.`;
    if (i === 0) return `${s.servers.length} servers with one point each on the ring. A key goes to the first point clockwise from its hash, so each server owns the arc before its point; the arcs are uneven. ${spread}`;
    if (i === 1) return `The same ${s.servers.length} servers with ${s.virtualNodes} virtual nodes each: many short arcs average out. ${spread}`;
    return `${servers[servers.length - 1]} joins with ${s.virtualNodes} points. Only the arcs it now owns change hands (drawn outside the ring): ${pct(s.movedKeys)} of keys move, about 1/${servers.length} = ${pct(1 / servers.length)}. With hash mod n, ${pct(moduloMoved)} would move.`;
  };
  return (
    <MechanismShell
      title="Consistent hashing: virtual nodes and a server joining"
      testId="hash-ring-view"
      steps={steps.length}
      initialStep={0}
      stepMs={1600}
      stepLabel={(i) => (i === 0 ? "1 point each" : i === 1 ? `${steps[i].virtualNodes} virtual nodes` : "a server joins")}
      describe={describe}
      table={{
        caption: "Share of the ring each server owns at each step",
        columns: ["server", "1 point each", `${steps[1].virtualNodes} virtual nodes`, "after the join"],
        rows: servers.map((name, t) => [name, ...steps.map((s) => (t < s.shares.length ? pct(s.shares[t]) : "–"))]),
      }}
      rowForStep={() => -1}
      legend={servers.map((name, t) => <Swatch key={name} color={colorOf(t)} label={name} />)}
    >
      {(step) => {
        const s = steps[step];
        return (
          <svg viewBox="0 0 360 200" className="h-auto w-full" fontSize={labelSize} fill={color.fg}>
            <circle cx={cx} cy={cy} r={r} fill="none" stroke={color.line} strokeWidth={14} />
            {s.arcs.map((a, i) => (
              <path key={i} d={arcPath(a.start, a.end, a.moved ? r + 12 : r)} fill="none" stroke={colorOf(a.target)} strokeWidth={a.moved ? 8 : 14} />
            ))}
            {s.arcs.map((a, i) => {
              const angle = a.end * 2 * Math.PI - Math.PI / 2;
              return <line key={`p${i}`} x1={cx + (r - 9) * Math.cos(angle)} y1={cy + (r - 9) * Math.sin(angle)} x2={cx + (r + 7) * Math.cos(angle)} y2={cy + (r + 7) * Math.sin(angle)} stroke={color.fg} strokeWidth={a.end === 1 ? 0 : 0.8} />;
            })}
            <text x={cx} y={cy - 4} textAnchor="middle" fontWeight={600}>
              {s.servers.length} servers
            </text>
            <text x={cx} y={cy + 11} textAnchor="middle" fill={color.muted}>
              {s.virtualNodes === 1 ? "1 point each" : `${s.virtualNodes} points each`}
            </text>
            {/* Shares as bars */}
            <text x={212} y={22} fontWeight={600}>
              share of keys
            </text>
            {s.servers.map((name, t) => {
              const y0 = 34 + t * 26;
              return (
                <g key={name}>
                  <text x={212} y={y0 + 9}>
                    {name}
                  </text>
                  <rect x={262} y={y0} width={Math.max(1, s.shares[t] * 120)} height={11} fill={colorOf(t)} className="transition-all duration-300" />
                  <text x={262 + s.shares[t] * 120 + 4} y={y0 + 9} fill={color.muted}>
                    {pct(s.shares[t])}
                  </text>
                </g>
              );
            })}
            {step === 2 ? (
              <text x={212} y={34 + s.servers.length * 26 + 8} fill={color.bad}>
                moved: {pct(s.movedKeys)} (mod n: {pct(moduloMoved)})
              </text>
            ) : null}
          </svg>
        );
      }}
    </MechanismShell>
  );
}
