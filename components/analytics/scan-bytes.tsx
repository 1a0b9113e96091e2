"use client";
/**
 * <ScanBytes>: bytes a query reads from the same 10 GB table stored in rows and in columns. The
 * learner ticks the columns the query selects, picks how many rows the filter keeps, and whether the
 * table is partitioned and/or sorted on the filter column; a 10 × 10 grid shows which blocks are
 * read, pruned by partition or pruned by their zone map, and a table gives blocks and bytes for each
 * layout. Logic in lib/analytics/scan.ts; native inputs only, no animation.
 */
import { useId, useState } from "react";
import { BLOCKS_PER_PARTITION, COLUMNS, FILTER_COLUMN, formatBytes, formatSelectivity, PARTITIONS, ROWS_PER_BLOCK, scan, SELECTIVITIES } from "@/lib/analytics/scan";
import { color, labelSize } from "@/components/mechanisms/palette";
import { GeoFrame, RangeField } from "@/components/geo/widget-parts";

export interface ScanBytesProps {
  /** Fraction of rows the filter keeps, one of SELECTIVITIES (default 0.01). */
  selectivity?: number;
  /** Start range-partitioned on the filter column (default false). */
  partitioned?: boolean;
  /** Start sorted on the filter column (default false). */
  sorted?: boolean;
}

const DEFAULT_COLUMNS = ["city_id", "tip_cents"];
const pct = (x: number) => `${Number((x * 100).toPrecision(2))}%`;
const count = (n: number) => n.toLocaleString("en");

export function ScanBytes({ selectivity: s0 = 0.01, partitioned: p0 = false, sorted: o0 = false }: ScanBytesProps) {
  const [selected, setSelected] = useState<string[]>(DEFAULT_COLUMNS);
  const [sIndex, setSIndex] = useState(Math.max(0, SELECTIVITIES.findIndex((s) => s === s0)));
  const [partitioned, setPartitioned] = useState(p0);
  const [sorted, setSorted] = useState(o0);
  const baseId = useId();
  const selectivity = SELECTIVITIES[sIndex];
  const r = scan({ selected, selectivity, partitioned, sorted });
  const toggle = (name: string) => setSelected((cur) => (cur.includes(name) ? cur.filter((c) => c !== name) : [...cur, name]));
  const selectList = COLUMNS.filter((c) => selected.includes(c.name)).map((c) => c.name);
  const sql = `SELECT ${selectList.length === COLUMNS.length ? "*" : selectList.join(", ") || "count(*)"} FROM deliveries WHERE restaurant_id < X`;
  const ratio = r.row.bytes / r.columnar.bytes;

  const how = partitioned && sorted ? `The range touches ${r.partitionsOpened} of ${PARTITIONS} partitions; inside them, the zone maps skip ${r.prunedByZoneMap} of ${r.zoneMapsChecked} blocks, leaving ${r.row.blocksRead}.` : partitioned ? `Partition pruning keeps ${r.partitionsOpened} of ${PARTITIONS} partitions; inside them the rows are unsorted, so every block's min–max overlaps the filter and all ${r.row.blocksRead} are read.` : sorted ? `Sorted on ${FILTER_COLUMN}, the matches sit in the first ${r.row.blocksRead} block${r.row.blocksRead === 1 ? "" : "s"}; the other ${r.prunedByZoneMap} are skipped from their min–max alone.` : `Unsorted and unpartitioned, every block holds restaurant ids from across the range, so its zone map cannot rule it out: all ${r.row.blocksRead} blocks are read.`;
  const summary = `The filter keeps ${formatSelectivity(selectivity)} of rows (${count(r.matchingRows)}). ${how} Row layout reads ${formatBytes(r.row.bytes)}; columnar reads ${r.columnsRead.length} of ${COLUMNS.length} columns, ${formatBytes(r.columnar.bytes)}${ratio > 1.001 ? `, ${Number(ratio.toPrecision(3))} times less` : ", the same: every column is needed"}.`;

  // The grid: one row of 10 cells per partition (or per group of 10 blocks when not partitioned).
  const cell = 30;
  const gap = 3;
  const W = 10 * (cell + gap) + 40;
  const H = 10 * (cell + gap) + 4;
  const blockState = (i: number): "read" | "partition" | "zonemap" => (r.blockRead[i] ? "read" : i >= r.partitionsOpened * BLOCKS_PER_PARTITION ? "partition" : "zonemap");
  const fill = { read: color.note, zonemap: color.okSoft, partition: color.sunken } as const;

  const bar = (bytes: number) => `${Math.max(0.5, (bytes / r.fullScanBytes) * 100)}%`;

  return (
    <GeoFrame title="Bytes scanned: rows or columns, with zone maps" testId="scan-bytes">
      <p className="mb-2 break-words font-mono text-xs" data-testid="scan-sql">
        {sql}
      </p>
      <fieldset className="text-sm">
        <legend className="mb-1 font-medium">Columns the query selects</legend>
        <div className="mb-2 flex flex-wrap gap-2">
          <button type="button" className="rounded-md border border-line px-2 py-1 text-xs" onClick={() => setSelected(COLUMNS.map((c) => c.name))} data-testid="scan-all">
            SELECT *
          </button>
          <button type="button" className="rounded-md border border-line px-2 py-1 text-xs" onClick={() => setSelected(DEFAULT_COLUMNS)}>
            Two columns
          </button>
          <button type="button" className="rounded-md border border-line px-2 py-1 text-xs" onClick={() => setSelected([])} data-testid="scan-none">
            None (count only)
          </button>
        </div>
        <div className="grid grid-cols-2 gap-x-3 gap-y-1 sm:grid-cols-4">
          {COLUMNS.map((c) => {
            const isFilter = c.name === FILTER_COLUMN;
            return (
              <label key={c.name} className="flex items-center gap-1 font-mono text-xs" title={c.about}>
                <input type="checkbox" checked={isFilter ? true : selected.includes(c.name)} disabled={isFilter} onChange={() => toggle(c.name)} data-testid={`scan-col-${c.name}`} />
                <span className="truncate">{c.name}</span>
                <span className="text-muted">{c.bytes} B</span>
              </label>
            );
          })}
        </div>
        <p className="mt-1 text-xs text-muted">{FILTER_COLUMN} is always read: the filter needs it. 100 bytes a row in all, 100,000,000 rows, 10 GB uncompressed.</p>
      </fieldset>
      <div className="mt-3 flex flex-wrap items-end gap-x-6 gap-y-2">
        <RangeField label="Rows the filter keeps" value={sIndex} min={0} max={SELECTIVITIES.length - 1} onChange={setSIndex} format={(i) => formatSelectivity(SELECTIVITIES[i])} testId="scan-selectivity" />
        <div className="flex flex-col gap-1 text-sm">
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={partitioned} onChange={(e) => setPartitioned(e.target.checked)} data-testid="scan-partitioned" />
            Partitioned by {FILTER_COLUMN} range ({PARTITIONS} partitions)
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={sorted} onChange={(e) => setSorted(e.target.checked)} data-testid="scan-sorted" />
            Sorted (clustered) on {FILTER_COLUMN}
          </label>
        </div>
      </div>

      <div className="mt-3 flex flex-wrap items-start gap-4">
        <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-[360px]" fontSize={labelSize - 2} role="img" aria-label={`100 blocks of ${count(ROWS_PER_BLOCK)} rows: ${r.row.blocksRead} read, ${r.prunedByZoneMap} skipped by zone maps, ${r.prunedByPartition} skipped by partition pruning.`} data-testid="scan-grid">
          {Array.from({ length: 100 }, (_, i) => {
            const st = blockState(i);
            const x = 40 + (i % 10) * (cell + gap);
            const y = 2 + Math.floor(i / 10) * (cell + gap);
            return <rect key={i} x={x} y={y} width={cell} height={cell} rx={3} fill={fill[st]} stroke={st === "zonemap" ? color.ok : st === "partition" ? color.muted : color.line} strokeDasharray={st === "partition" ? "3 2" : undefined} data-state={st} />;
          })}
          {Array.from({ length: 10 }, (_, row) => (
            <text key={row} x={34} y={2 + row * (cell + gap) + cell / 2 + 4} textAnchor="end" fill={color.muted}>
              {partitioned ? `P${row + 1}` : `${row * 10 + 1}`}
            </text>
          ))}
        </svg>
        <ul className="list-none space-y-1 pl-0 text-xs">
          <li className="flex items-center gap-2">
            <span className="inline-block h-3 w-3 rounded-sm" style={{ background: fill.read }} /> read ({r.row.blocksRead})
          </li>
          <li className="flex items-center gap-2">
            <span className="inline-block h-3 w-3 rounded-sm border" style={{ background: fill.zonemap, borderColor: color.ok }} /> skipped by its zone map ({r.prunedByZoneMap})
          </li>
          <li className="flex items-center gap-2">
            <span className="inline-block h-3 w-3 rounded-sm border border-dashed" style={{ background: fill.partition, borderColor: color.muted }} /> skipped by partition pruning ({r.prunedByPartition})
          </li>
          <li className="text-muted">Each square is a block of {count(ROWS_PER_BLOCK)} rows{partitioned ? "; each line a partition" : ""}.</li>
        </ul>
      </div>

      <div className="mt-3 space-y-1 text-xs" aria-hidden="true">
        {[
          ["Row layout", r.row.bytes],
          ["Columnar", r.columnar.bytes],
        ].map(([label, bytes]) => (
          <div key={label as string} className="flex items-center gap-2">
            <span className="w-20 shrink-0">{label}</span>
            <span className="h-3 flex-1 rounded-sm" style={{ background: color.sunken }}>
              <span className="block h-3 rounded-sm" style={{ width: bar(bytes as number), background: label === "Row layout" ? color.warn : color.note }} />
            </span>
            <span className="w-16 shrink-0 text-right font-mono tabular-nums">{formatBytes(bytes as number)}</span>
          </div>
        ))}
      </div>

      <table className="mt-3 w-full text-left text-xs tabular-nums" data-testid="scan-table">
        <caption className="sr-only">Blocks and bytes each layout reads for this query</caption>
        <thead>
          <tr className="border-b border-line">
            <th scope="col" className="py-1 pr-2">Layout</th>
            <th scope="col" className="py-1 pr-2">Blocks read</th>
            <th scope="col" className="py-1 pr-2">Bytes read</th>
            <th scope="col" className="py-1">Of the table</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row" className="py-1 pr-2 font-normal">Row layout</th>
            <td className="py-1 pr-2">{r.row.blocksRead} of 100</td>
            <td className="py-1 pr-2" data-testid="scan-row-bytes">{formatBytes(r.row.bytes)}</td>
            <td className="py-1">{pct(r.row.fractionOfTable)}</td>
          </tr>
          <tr>
            <th scope="row" className="py-1 pr-2 font-normal">Columnar ({r.columnarRowBytes} B a row)</th>
            <td className="py-1 pr-2">{r.columnar.blocksRead} of 100</td>
            <td className="py-1 pr-2" data-testid="scan-col-bytes">{formatBytes(r.columnar.bytes)}</td>
            <td className="py-1">{pct(r.columnar.fractionOfTable)}</td>
          </tr>
          <tr className="text-muted">
            <th scope="row" className="py-1 pr-2 font-normal">No pruning, all columns</th>
            <td className="py-1 pr-2">100 of 100</td>
            <td className="py-1 pr-2">{formatBytes(r.fullScanBytes)}</td>
            <td className="py-1">100%</td>
          </tr>
        </tbody>
      </table>
      <p id={`${baseId}-summary`} className="mt-2 text-sm" aria-live="polite" data-testid="scan-summary">
        {summary}
      </p>
      <p className="mt-1 text-xs text-muted">Uncompressed sizes and whole blocks; zone maps are consulted for {r.zoneMapsChecked} blocks. Real engines also skip pages inside a block and decompress less than they read; compression usually widens the gap in favour of columns.</p>
    </GeoFrame>
  );
}
