"use client";
/**
 * <GorillaCompression>: a series the learner picks or edits, encoded the way Gorilla does
 * (delta-of-delta timestamps, XOR values), with bits per point against 16 raw bytes, how many
 * points took each code, and the first points worked through. Logic in lib/tsdb/gorilla.ts;
 * native inputs only, no animation.
 */
import { useId, useMemo, useState } from "react";
import { bitsPerPoint, encode, floatBits, parseSeries, RAW_BYTES_PER_POINT } from "@/lib/tsdb/gorilla";
import { presetSeries, seriesPresetLabel, seriesText, type SeriesPreset } from "@/lib/tsdb/series";
import { color } from "@/components/mechanisms/palette";
import { GeoFrame, px2 } from "@/components/geo/widget-parts";

export interface GorillaCompressionProps {
  /** The series shown first (default "gauge"). */
  preset?: SeriesPreset;
}

const POINTS = 120;
const presets = Object.keys(seriesPresetLabel) as SeriesPreset[];

export function GorillaCompression({ preset: p0 = "gauge" }: GorillaCompressionProps) {
  const [preset, setPreset] = useState<SeriesPreset | "edited">(p0);
  const [text, setText] = useState(() => seriesText(presetSeries(p0, POINTS)));
  const selectId = useId();
  const areaId = useId();
  const parsed = useMemo(() => parseSeries(text), [text]);
  const encoded = useMemo(() => (parsed.error ? null : encode(parsed.points)), [parsed]);

  const choose = (p: SeriesPreset) => {
    setPreset(p);
    setText(seriesText(presetSeries(p, POINTS)));
  };

  const per = encoded ? bitsPerPoint(encoded) : null;
  const tsCases = ["0", "10", "110", "1110", "1111"] as const;
  const valueCases = ["same", "reuse-window", "new-window"] as const;
  const count = <K extends string>(key: "tsCase" | "valueCase", k: K) => (encoded ? encoded.codes.filter((c) => c[key] === k).length : 0);
  const summary = parsed.error
    ? `The series cannot be encoded: ${parsed.error}. The last good numbers are not shown.`
    : `${encoded!.pointCount} points in ${encoded!.counts.total.toLocaleString("en")} bits: ${per!.bits.toFixed(2)} bits (${per!.bytes.toFixed(2)} bytes) per point against ${RAW_BYTES_PER_POINT} bytes raw, ${(RAW_BYTES_PER_POINT / per!.bytes).toFixed(1)} times smaller. ` +
      `Timestamps take ${(encoded!.counts.timestamps / Math.max(1, encoded!.pointCount - 1)).toFixed(2)} bits each (${count("tsCase", "0")} of them a single '0'); values take ${(encoded!.counts.values / encoded!.pointCount).toFixed(2)} bits each (${count("valueCase", "same")} unchanged).`;

  const W = 320;
  const parts = encoded ? ([["header", encoded.counts.header, color.muted], ["timestamps", encoded.counts.timestamps, color.note], ["values", encoded.counts.values, color.ok]] as const) : [];
  let x = 0;
  const pts = parsed.error ? [] : parsed.points.slice(0, 6);

  return (
    <GeoFrame title="Gorilla compression: delta-of-delta timestamps, XOR values" testId="gorilla-compression">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <div className="flex flex-col gap-1">
          <label htmlFor={selectId}>Series</label>
          <select id={selectId} className="h-9 rounded-md border border-line bg-surface px-2" value={preset} onChange={(e) => choose(e.target.value as SeriesPreset)} data-testid="gorilla-preset">
            {presets.map((p) => (
              <option key={p} value={p}>
                {seriesPresetLabel[p]}
              </option>
            ))}
            {preset === "edited" ? <option value="edited">your edits</option> : null}
          </select>
        </div>
      </div>
      <div className="mt-2 flex flex-col gap-1 text-sm">
        <label htmlFor={areaId}>Points, one per line: Unix seconds, value</label>
        <textarea
          id={areaId}
          rows={5}
          spellCheck={false}
          className="w-full rounded-md border border-line bg-surface p-2 font-mono text-xs aria-[invalid=true]:border-accent"
          value={text}
          aria-invalid={parsed.error ? true : undefined}
          aria-describedby={parsed.error ? `${areaId}-error` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setPreset("edited");
          }}
          data-testid="gorilla-text"
        />
        {parsed.error ? (
          <span id={`${areaId}-error`} className="text-xs text-accent" data-testid="gorilla-error">
            {parsed.error}
          </span>
        ) : null}
      </div>
      {encoded && per ? (
        <>
          <p className="mt-3 text-2xl font-semibold tabular-nums" data-testid="gorilla-bytes">
            {per.bytes.toFixed(2)} bytes / point
          </p>
          <svg viewBox={`0 0 ${W} 16`} className="h-auto w-full max-w-[440px]" role="img" aria-label={`Bits by part: header ${encoded.counts.header}, timestamps ${encoded.counts.timestamps}, values ${encoded.counts.values}.`}>
            {parts.map(([name, bits, fill]) => {
              const w = (bits / encoded.counts.total) * W;
              const g = <rect key={name} x={px2(x)} y={1} width={px2(Math.max(w - 1, 1))} height={14} fill={fill} />;
              x += w;
              return g;
            })}
          </svg>
          <ul className="mt-1 flex flex-wrap gap-x-3 text-xs" aria-hidden="true">
            {parts.map(([name, bits, fill]) => (
              <li key={name} className="inline-flex items-center gap-1">
                <span className="inline-block size-2.5 rounded-sm" style={{ background: fill }} />
                {name} <span className="font-mono text-muted">{bits} bits</span>
              </li>
            ))}
          </ul>
          <div className="mt-2 grid gap-3 text-xs sm:grid-cols-2">
            <table className="w-full text-left text-xs" data-testid="gorilla-ts-codes">
              <caption className="text-left font-semibold">Timestamp codes (delta of delta)</caption>
              <tbody>
                {tsCases.map((k) => (
                  <tr key={k} className="border-b border-line/60">
                    <th scope="row" className="py-0.5 pr-2 font-mono font-normal">
                      &apos;{k}&apos; {k === "0" ? "same gap" : k === "10" ? "±64 s, +7 bits" : k === "110" ? "±256 s, +9" : k === "1110" ? "±2048 s, +12" : "anything, +32"}
                    </th>
                    <td className="py-0.5 text-right font-mono">{count("tsCase", k)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="w-full text-left text-xs" data-testid="gorilla-value-codes">
              <caption className="text-left font-semibold">Value codes (XOR with the previous)</caption>
              <tbody>
                {valueCases.map((k) => (
                  <tr key={k} className="border-b border-line/60">
                    <th scope="row" className="py-0.5 pr-2 font-normal">
                      {k === "same" ? "'0' unchanged, 1 bit" : k === "reuse-window" ? "'10' fits last window" : "'11' new window, +11 bits"}
                    </th>
                    <td className="py-0.5 text-right font-mono">{count("valueCase", k)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <details className="mt-2 text-xs">
            <summary className="cursor-pointer text-sm text-muted">Show the first points worked through</summary>
            <div className="overflow-x-auto">
              <table className="mt-1 w-full min-w-[30rem] text-left text-xs" data-testid="gorilla-steps">
                <thead>
                  <tr className="border-b border-line">
                    <th scope="col" className="pr-2">t</th>
                    <th scope="col" className="pr-2">Δ</th>
                    <th scope="col" className="pr-2">ΔΔ</th>
                    <th scope="col" className="pr-2">t bits</th>
                    <th scope="col" className="pr-2">value</th>
                    <th scope="col" className="pr-2">XOR (hex)</th>
                    <th scope="col">v bits</th>
                  </tr>
                </thead>
                <tbody className="font-mono">
                  {pts.map((p, i) => {
                    const d = i > 0 ? p.t - pts[i - 1].t : null;
                    const dd = i > 1 ? d! - (pts[i - 1].t - pts[i - 2].t) : null;
                    const xor = i > 0 ? (floatBits(p.v) ^ floatBits(pts[i - 1].v)).toString(16).padStart(16, "0") : "—";
                    const c = encoded.codes[i];
                    return (
                      <tr key={i} className="border-b border-line/60">
                        <td className="pr-2">{p.t}</td>
                        <td className="pr-2">{d ?? "—"}</td>
                        <td className="pr-2">{dd ?? "—"}</td>
                        <td className="pr-2">{i === 0 ? "header" : c.tsBits}</td>
                        <td className="pr-2">{p.v}</td>
                        <td className="pr-2">{xor}</td>
                        <td>{c.valueBits}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </details>
        </>
      ) : null}
      <p className="mt-3 text-sm" aria-live="polite" data-testid="gorilla-summary">
        {summary}
      </p>
      <p className="mt-1 text-xs text-muted">One block, as in Gorilla (Pelkonen et al., VLDB 2015, §4.1): a 64-bit header holding the first timestamp, the first gap in 14 bits, the first value in 64. Raw is a 64-bit timestamp plus a 64-bit double.</p>
    </GeoFrame>
  );
}
