"use client";
/**
 * <CollisionOdds>: the birthday bound computed live. The learner types how many IDs and picks how
 * many random bits they carry; the widget shows the chance that any two collide, the counts for a
 * one-in-a-billion and a 50% chance, and a curve of probability against the number of IDs.
 * Logic in lib/ids/collision.ts (−expm1, so tiny odds keep their digits); native inputs only.
 */
import { useId, useState } from "react";
import { collisionProbability, formatProbability, idsForProbability } from "@/lib/ids/collision";
import { color, labelSize } from "@/components/mechanisms/palette";
import { GeoFrame, px2 } from "@/components/geo/widget-parts";

export interface CollisionOddsProps {
  /** Random bits to start with, 16–160 (default 122, UUIDv4). */
  bits?: number;
  /** Number of IDs to start with (default 1e12). */
  ids?: number;
}

const PRESETS: { bits: number; label: string }[] = [
  { bits: 122, label: "UUIDv4: 122 random bits" },
  { bits: 80, label: "ULID: 80 random bits per ms" },
  { bits: 74, label: "UUIDv7: 74 random bits per ms" },
  { bits: 64, label: "a random 64-bit integer" },
  { bits: 32, label: "a random 32-bit integer" },
];

const big = (n: number) => (n >= 1e6 ? n.toExponential(2).replace("e+", " × 10^") : Math.round(n).toLocaleString("en"));

export function CollisionOdds({ bits: b0 = 122, ids: n0 = 1e12 }: CollisionOddsProps) {
  const [bits, setBits] = useState(b0);
  const [raw, setRaw] = useState(String(n0));
  const selectId = useId();
  const inputId = useId();
  const n = Number(raw.trim());
  const error = raw.trim() === "" || !Number.isFinite(n) || n < 0 ? `"${raw}" is not a number of IDs: type a count such as 1000000 or 1e12.` : null;
  const p = error ? null : collisionProbability(n, bits);
  const half = idsForProbability(0.5, bits);
  const billion = idsForProbability(1e-9, bits);
  const summary = error ?? `With ${big(n)} IDs of ${bits} random bits, the chance that some two are equal is ${formatProbability(p!)}. A 50% chance takes about ${big(half)} IDs; one in a billion, about ${big(billion)}.`;

  // Curve: p against log2(n), from 2^(b/2 − 12) to 2^(b/2 + 4).
  const W = 320;
  const H = 110;
  const lo = Math.max(0, bits / 2 - 12);
  const hi = bits / 2 + 4;
  const xOf = (l2: number) => 30 + ((l2 - lo) / (hi - lo)) * (W - 40);
  const yOf = (pr: number) => 10 + (1 - pr) * (H - 30);
  const pts: string[] = [];
  for (let i = 0; i <= 64; i++) {
    const l2 = lo + ((hi - lo) * i) / 64;
    pts.push(`${px2(xOf(l2))},${px2(yOf(collisionProbability(2 ** l2, bits)))}`);
  }
  const here = p !== null && n >= 1 ? Math.min(hi, Math.max(lo, Math.log2(n))) : null;

  return (
    <GeoFrame title="Birthday bound: when do random IDs collide?" testId="collision-odds">
      <div className="flex flex-wrap items-start gap-x-4 gap-y-2 text-sm">
        <div className="flex flex-col gap-1">
          <label htmlFor={inputId}>How many IDs</label>
          <input
            id={inputId}
            inputMode="decimal"
            className="h-9 w-44 rounded-md border border-line bg-surface px-2 font-mono tabular-nums aria-[invalid=true]:border-accent"
            value={raw}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-error` : undefined}
            onChange={(e) => setRaw(e.target.value)}
            data-testid="collision-ids"
          />
          {error ? (
            <span id={`${inputId}-error`} className="text-xs text-accent">
              {error}
            </span>
          ) : (
            <span className="text-xs text-muted">1e9 means a billion</span>
          )}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={selectId}>Random bits</label>
          <select id={selectId} className="h-9 rounded-md border border-line bg-surface px-2" value={bits} onChange={(e) => setBits(Number(e.target.value))} data-testid="collision-bits">
            {[...PRESETS, ...(PRESETS.some((x) => x.bits === bits) ? [] : [{ bits, label: `${bits} random bits` }])].map((o) => (
              <option key={o.bits} value={o.bits}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="mt-3 text-2xl font-semibold tabular-nums" data-testid="collision-p">
        {p === null ? "—" : formatProbability(p)}
      </p>
      <svg viewBox={`0 0 ${W} ${H}`} className="mt-1 h-auto w-full max-w-[440px]" fontSize={labelSize - 2} role="img" aria-label={`Collision probability rising from near 0 to near 1 as the number of IDs grows from 2^${Math.round(lo)} to 2^${Math.round(hi)}; it passes 50% near 2^${(Math.log2(half)).toFixed(1)}.`}>
        <line x1={30} x2={W - 10} y1={yOf(0)} y2={yOf(0)} stroke={color.line} />
        <line x1={30} x2={30} y1={yOf(1)} y2={yOf(0)} stroke={color.line} />
        <text x={26} y={yOf(1) + 4} textAnchor="end" fill={color.muted}>1</text>
        <text x={26} y={yOf(0.5) + 4} textAnchor="end" fill={color.muted}>½</text>
        <text x={26} y={yOf(0) + 4} textAnchor="end" fill={color.muted}>0</text>
        <polyline points={pts.join(" ")} fill="none" stroke={color.note} strokeWidth={2} />
        <text x={30} y={H - 4} fill={color.muted}>2^{Math.round(lo)} IDs</text>
        <text x={W - 10} y={H - 4} textAnchor="end" fill={color.muted}>2^{Math.round(hi)}</text>
        {here !== null ? <circle cx={px2(xOf(here))} cy={px2(yOf(collisionProbability(2 ** here, bits)))} r={4} fill={color.bad} /> : null}
      </svg>
      <p className="mt-2 text-sm" aria-live="polite" data-testid="collision-summary">
        {summary}
      </p>
      <p className="mt-1 text-xs text-muted">p ≈ 1 − exp(−n(n − 1) / (2 · 2^bits)), computed as −expm1(…) so small odds keep their digits. It assumes uniformly random bits from a good generator; a badly seeded one voids it.</p>
    </GeoFrame>
  );
}
