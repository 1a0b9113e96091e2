"use client";
/**
 * <MerkleRepair>: two replicas of one key range, a few keys stale on replica B, and the top-down
 * Merkle-tree comparison that finds them. Shows the nodes compared per level (matching subtrees are
 * skipped), the divergent leaf ranges, the hashes exchanged against the bound 1 + 2·k·depth, and the
 * keys compared against comparing every key. Logic in lib/partitioning/merkle.ts; native inputs only.
 */
import { useId, useMemo, useState } from "react";
import { diffMerkle, merkleExchangeBound, replicaPair, spreadKeys } from "@/lib/partitioning/merkle";
import { color, labelSize } from "@/components/mechanisms/palette";
import { GeoFrame, px2, quietButton, RangeField, Toggle } from "@/components/geo/widget-parts";

export interface MerkleRepairProps {
  /** Tree depth to start with, 1–12 (default 6). */
  depth?: number;
  /** Stale keys to start with, 0–32 (default 3). */
  stale?: number;
}

const SIZE_STEPS = [1024, 4096, 16_384, 65_536];
const DRAWN_LEVELS = 6;

export function MerkleRepair({ depth: d0 = 6, stale: k0 = 3 }: MerkleRepairProps) {
  const [sizeIndex, setSizeIndex] = useState(2);
  const [depth, setDepth] = useState(d0);
  const [staleCount, setStaleCount] = useState(k0);
  const [clustered, setClustered] = useState(false);
  const [seed, setSeed] = useState(1);
  const summaryId = useId();
  const keys = SIZE_STEPS[sizeIndex];

  const stale = useMemo(() => {
    if (!clustered) return spreadKeys(keys, staleCount, seed);
    const start = spreadKeys(keys - staleCount, 1, seed)[0] ?? 0;
    return Array.from({ length: staleCount }, (_, i) => start + i);
  }, [keys, staleCount, seed, clustered]);
  const diff = useMemo(() => {
    const { a, b } = replicaPair(keys, stale);
    return diffMerkle(a, b, depth);
  }, [keys, stale, depth]);
  const leaves = 2 ** depth;
  const leafSize = keys / leaves;
  const k = diff.divergentLeaves.length;
  const bound = merkleExchangeBound(k, depth);
  const byLevel = Array.from({ length: depth + 1 }, (_, level) => {
    const steps = diff.steps.filter((s) => s.level === level);
    return { level, compared: steps.length, differing: steps.filter((s) => !s.match).length };
  });
  const stepOf = new Map(diff.steps.map((s) => [s.node, s]));

  const summary =
    `Replica B has ${staleCount} stale key${staleCount === 1 ? "" : "s"} in a range of ${keys.toLocaleString("en")}. ` +
    `With a tree of depth ${depth} (${leaves.toLocaleString("en")} leaves of ${leafSize.toLocaleString("en")} keys), the replicas exchanged ${diff.hashesExchanged} hashes ` +
    `(the bound 1 + 2·k·depth is ${bound} for k = ${k} divergent leaves) and compared ${diff.keysCompared.toLocaleString("en")} keys one by one, ` +
    `instead of ${keys.toLocaleString("en")} without a tree.`;

  const W = 320;
  const rowH = 22;
  const drawn = Math.min(depth, DRAWN_LEVELS);
  const H = (drawn + 1) * rowH + 34;
  return (
    <GeoFrame title="Merkle-tree repair between two replicas" testId="merkle-repair">
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        <RangeField label="Keys in the range" value={sizeIndex} min={0} max={SIZE_STEPS.length - 1} onChange={setSizeIndex} format={(i) => SIZE_STEPS[i].toLocaleString("en")} testId="merkle-size" />
        <RangeField label="Tree depth" value={depth} min={1} max={12} onChange={setDepth} format={(v) => `${v} (${(2 ** v).toLocaleString("en")} leaves)`} testId="merkle-depth" />
        <RangeField label="Stale keys on replica B" value={staleCount} min={0} max={32} onChange={setStaleCount} format={(v) => String(v)} testId="merkle-stale" />
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <Toggle label="Stale keys next to each other" checked={clustered} onChange={setClustered} testId="merkle-clustered" />
        <button type="button" className={quietButton} onClick={() => setSeed((s) => s + 1)} data-testid="merkle-reshuffle">
          Pick other stale keys
        </button>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} className="mt-3 h-auto w-full" fontSize={labelSize - 1} role="img" aria-label={`The tree's top ${drawn + 1} levels: nodes compared are outlined, differing ones filled; the strip at the bottom marks the divergent leaf ranges.`}>
        {Array.from({ length: drawn + 1 }, (_, level) => {
          const count = 2 ** level;
          const w = W / count;
          return (
            <g key={level}>
              {Array.from({ length: count }, (_, i) => {
                const node = count + i;
                const s = stepOf.get(node);
                const fill = !s ? color.sunken : s.match ? color.okSoft : color.bad;
                return <rect key={i} x={px2(i * w + 0.5)} y={level * rowH + 2} width={px2(Math.max(w - 1, 0.5))} height={rowH - 6} fill={fill} stroke={s ? (s.match ? color.ok : color.bad) : color.line} strokeWidth={s ? 1 : 0.5} />;
              })}
            </g>
          );
        })}
        <text x={0} y={(drawn + 1) * rowH + 10} fill={color.fg}>
          leaf ranges ({leaves.toLocaleString("en")}){depth > DRAWN_LEVELS ? `: levels ${DRAWN_LEVELS + 1}–${depth} not drawn` : ""}
        </text>
        <rect x={0} y={(drawn + 1) * rowH + 14} width={W} height={12} fill={color.okSoft} stroke={color.line} strokeWidth={0.5} />
        {diff.divergentLeaves.map((leaf) => (
          <rect key={leaf} x={px2((leaf / leaves) * W)} y={(drawn + 1) * rowH + 14} width={px2(Math.max(W / leaves, 1.5))} height={12} fill={color.bad} />
        ))}
      </svg>
      <div className="mt-1 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-muted" aria-hidden="true">
        <span className="inline-flex items-center gap-1.5"><span className="inline-block h-2.5 w-3.5 border" style={{ background: color.okSoft, borderColor: color.ok }} />compared, equal: skipped below</span>
        <span className="inline-flex items-center gap-1.5"><span className="inline-block h-2.5 w-3.5" style={{ background: color.bad }} />compared, differs</span>
        <span className="inline-flex items-center gap-1.5"><span className="inline-block h-2.5 w-3.5 border" style={{ background: color.sunken, borderColor: color.line }} />never compared</span>
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-2 text-center text-sm sm:grid-cols-4" data-testid="merkle-stats">
        <div className="rounded-md bg-sunken p-2"><dt className="text-xs text-muted">hashes exchanged</dt><dd className="font-mono text-lg font-semibold" data-testid="merkle-hashes">{diff.hashesExchanged}</dd></div>
        <div className="rounded-md bg-sunken p-2"><dt className="text-xs text-muted">bound 1 + 2·k·depth</dt><dd className="font-mono text-lg font-semibold">{bound}</dd></div>
        <div className="rounded-md bg-sunken p-2"><dt className="text-xs text-muted">keys compared</dt><dd className="font-mono text-lg font-semibold" data-testid="merkle-keys">{diff.keysCompared.toLocaleString("en")}</dd></div>
        <div className="rounded-md bg-sunken p-2"><dt className="text-xs text-muted">without a tree</dt><dd className="font-mono text-lg font-semibold">{keys.toLocaleString("en")}</dd></div>
      </dl>
      <p id={summaryId} className="mt-3 text-sm" aria-live="polite" data-testid="merkle-summary">
        {summary}
      </p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-muted">Show the comparison level by level</summary>
        <table className="mt-2 w-full text-left text-xs">
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-2">level</th>
              <th scope="col" className="py-1 pr-2 text-right">hashes compared</th>
              <th scope="col" className="py-1 text-right">differing</th>
            </tr>
          </thead>
          <tbody>
            {byLevel.map((l) => (
              <tr key={l.level} className="border-b border-line/60">
                <th scope="row" className="py-1 pr-2 font-normal">{l.level === 0 ? "0 (root)" : l.level === depth ? `${l.level} (leaves)` : l.level}</th>
                <td className="py-1 pr-2 text-right font-mono">{l.compared}</td>
                <td className="py-1 text-right font-mono">{l.differing}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </GeoFrame>
  );
}
