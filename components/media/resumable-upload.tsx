"use client";
/**
 * <ResumableUpload>: one upload over a seeded link that keeps dropping, sent whole (restart from zero
 * after each drop) and in resumable chunks (resume at the first chunk not received). Bars split the MB
 * sent into delivered and wasted; a table lists every connection; a live sentence compares the two.
 * Logic in lib/media/resumable.ts; native inputs only, no animation.
 */
import { useState } from "react";
import { compareUploads, wholeFileSuccessChance, type UploadRun } from "@/lib/media/resumable";
import { color, labelSize } from "@/components/mechanisms/palette";
import { GeoFrame, RangeField, px2 } from "@/components/geo/widget-parts";

export const FILE_STEPS = [20, 50, 100, 300, 1000] as const;
export const DROP_STEPS = [10, 25, 50, 100, 250] as const;
export const CHUNK_STEPS = [1, 5, 8, 16, 64] as const;
const MAX_ATTEMPTS = 50;

export interface ResumableUploadProps {
  /** Index into FILE_STEPS (default 3: 300 MB). */
  file?: number;
  /** Index into DROP_STEPS (default 2: a drop every 50 MB on average). */
  drops?: number;
  /** Index into CHUNK_STEPS (default 1: 5 MB). */
  chunk?: number;
  /** Seed of the link's drops (default 1). */
  seed?: number;
}

const mb = (x: number) => `${x >= 100 ? Math.round(x).toLocaleString("en") : x.toFixed(1)} MB`;

function outcome(r: UploadRun): string {
  return r.finished ? `finished after ${r.attempts} connection${r.attempts === 1 ? "" : "s"}` : `gave up after ${r.attempts} connections with ${r.confirmedMb > 0 ? `${mb(r.confirmedMb)} kept` : "nothing kept"}`;
}

export function ResumableUpload({ file: f0 = 3, drops: d0 = 2, chunk: c0 = 1, seed: s0 = 1 }: ResumableUploadProps) {
  const [fi, setFi] = useState(f0);
  const [di, setDi] = useState(d0);
  const [ci, setCi] = useState(c0);
  const [seed, setSeed] = useState(s0);
  const fileMb = FILE_STEPS[fi];
  const dropsEveryMb = DROP_STEPS[di];
  const chunkMb = CHUNK_STEPS[ci];
  const { whole, chunked } = compareUploads({ fileMb, dropsEveryMb, chunkMb, seed, maxAttempts: MAX_ATTEMPTS });
  const p = wholeFileSuccessChance(fileMb, dropsEveryMb);
  const summary =
    `A ${mb(fileMb)} file over a link that drops every ${dropsEveryMb} MB on average (link ${seed}). ` +
    `Whole file: ${outcome(whole)}, ${mb(whole.sentMb)} sent. ` +
    `In ${chunkMb} MB chunks: ${outcome(chunked)}, ${mb(chunked.sentMb)} sent, ${mb(chunked.wastedMb)} of it lost in chunks cut off by a drop. ` +
    `Each connection carries the whole file with a chance of only ${p < 0.001 ? p.toExponential(1) : `${(p * 100).toFixed(p < 0.1 ? 1 : 0)}%`}.`;

  const rows = [
    { id: "whole", name: "Whole file", run: whole, fill: color.bad },
    { id: "chunked", name: `${chunkMb} MB chunks`, run: chunked, fill: color.ok },
  ];
  const W = 340;
  const left = 92;
  const max = Math.max(whole.sentMb, chunked.sentMb, fileMb);
  const bw = (x: number) => (x / max) * (W - left - 70);
  const longest = Math.max(whole.connections.length, chunked.connections.length);

  return (
    <GeoFrame title="A big upload over a link that keeps dropping" testId="resumable-upload">
      <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
        <RangeField label="File size" value={fi} min={0} max={FILE_STEPS.length - 1} onChange={setFi} format={(i) => mb(FILE_STEPS[i])} testId="upload-file" />
        <RangeField label="Drop every (mean)" value={di} min={0} max={DROP_STEPS.length - 1} onChange={setDi} format={(i) => `${DROP_STEPS[i]} MB`} testId="upload-drops" />
        <RangeField label="Chunk size" value={ci} min={0} max={CHUNK_STEPS.length - 1} onChange={setCi} format={(i) => `${CHUNK_STEPS[i]} MB`} testId="upload-chunk" />
        <button type="button" className="h-9 rounded-md border border-line bg-surface px-3 text-sm hover:bg-sunken" onClick={() => setSeed((s) => s + 1)} data-testid="upload-reroll">
          Another link (seed {seed})
        </button>
      </div>
      <svg viewBox={`0 0 ${W} 74`} className="mt-3 h-auto w-full max-w-[480px]" fontSize={labelSize} role="img" aria-label={rows.map((r) => `${r.name}: ${mb(r.run.sentMb)} sent, ${mb(r.run.wastedMb)} wasted, ${outcome(r.run)}`).join("; ")}>
        <text x={0} y={11} fill={color.fg} fontWeight={600}>MB sent</text>
        <rect x={W - 140} y={2} width={10} height={10} fill={color.muted} />
        <text x={W - 126} y={11} fill={color.muted}>kept</text>
        <rect x={W - 86} y={2} width={10} height={10} fill="none" stroke={color.fg} strokeDasharray="2 2" />
        <text x={W - 72} y={11} fill={color.muted}>wasted</text>
        {rows.map((r, i) => {
          const y = 24 + i * 24;
          const kept = r.run.sentMb - r.run.wastedMb;
          return (
            <g key={r.id}>
              <text x={0} y={y + 10} fill={color.fg}>{r.name}</text>
              <rect x={left} y={y} width={px2(Math.max(bw(r.run.sentMb), 1))} height={13} fill="none" stroke={r.fill} strokeDasharray="2 2" />
              <rect x={left} y={y} width={px2(bw(kept))} height={13} fill={r.fill} />
              <text x={px2(left + Math.max(bw(r.run.sentMb), 1) + 4)} y={y + 10} fill={color.muted}>
                {r.run.finished ? mb(r.run.sentMb) : "gave up"}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="mt-2 text-sm" aria-live="polite" data-testid="upload-summary">
        {summary}
      </p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-muted">Show every connection as a table</summary>
        <div className="mt-1 overflow-x-auto">
          <table className="w-full min-w-[18rem] text-left text-xs" data-testid="upload-table">
            <caption className="sr-only">MB carried by each connection and MB the server has confirmed after it, per strategy</caption>
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-1 pr-2">connection</th>
                <th scope="col" className="py-1 pr-2 text-right">carried</th>
                <th scope="col" className="py-1 pr-2 text-right">whole file: kept</th>
                <th scope="col" className="py-1 text-right">chunks: kept</th>
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: longest }, (_, k) => {
                const w = whole.connections[k];
                const c = chunked.connections[k];
                return (
                  <tr key={k} className="border-b border-line/60">
                    <th scope="row" className="py-1 pr-2 font-normal">{k + 1}</th>
                    <td className="whitespace-nowrap py-1 pr-2 text-right font-mono">{mb((w ?? c)!.carriedMb)}</td>
                    <td className="whitespace-nowrap py-1 pr-2 text-right font-mono">{w ? mb(w.confirmedAfterMb) : "done"}</td>
                    <td className="whitespace-nowrap py-1 text-right font-mono">{c ? mb(c.confirmedAfterMb) : "done"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
      <p className="mt-2 text-xs text-muted">
        Assumptions: how much a connection carries before it drops is random with the mean you set (exponential, seeded, so the same link gives the same run), and the client reconnects at once. A whole-file upload keeps nothing from a failed attempt. A chunk counts once it is fully received, as with S3 multipart parts; tus servers also keep a partial chunk, so they waste even less. Both give up after {MAX_ATTEMPTS} connections.
      </p>
    </GeoFrame>
  );
}
