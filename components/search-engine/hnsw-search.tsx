"use client";
/**
 * <HnswSearch>: 1,000 seeded 2-D points in an HNSW graph. The learner moves a query point (arrow keys
 * on the drawing, or the query buttons), sets M, efConstruction, efSearch and k, and sees the nodes
 * the search touched, what it returned against the true nearest neighbours, and mean recall@k and
 * cost over 100 seeded queries for a range of efSearch. Logic in lib/search-engine/hnsw.ts; native
 * inputs, no animation.
 */
import { useId, useMemo, useState, type KeyboardEvent } from "react";
import { buildHnsw, exactKnn, recallAtK, recallCurve, searchHnsw, seededPoints, type Point } from "@/lib/search-engine/hnsw";
import { color } from "@/components/mechanisms/palette";
import { GeoFrame, RangeField, quietButton } from "@/components/geo/widget-parts";

export interface HnswSearchProps {
  /** Links per node, 2–16 (4). */
  m?: number;
  /** Beam width while building, one of 4, 8, 16, 32, 64 (16). */
  efConstruction?: number;
  /** Beam width while searching, 1–100 (5). */
  ef?: number;
  /** Neighbours asked for, 1–10 (5). */
  k?: number;
}

export const HNSW_POINTS = 1000;
export const EF_CONSTRUCTION_CHOICES = [4, 8, 16, 32, 64] as const;
const CURVE_EFS = [1, 2, 5, 10, 20, 50, 100];
const points = seededPoints(HNSW_POINTS, 7);
const queries = seededPoints(100, 99);
const S = 320;
const px = (v: number) => Math.round(v * S * 10) / 10;

export function HnswSearch({ m: m0 = 4, efConstruction: c0 = 16, ef: ef0 = 5, k: k0 = 5 }: HnswSearchProps) {
  const [m, setM] = useState(m0);
  const [efc, setEfc] = useState(c0);
  const [ef, setEf] = useState(ef0);
  const [k, setK] = useState(k0);
  const [qi, setQi] = useState(0);
  const [q, setQ] = useState<Point>(queries[0]);
  const efcId = useId();

  const index = useMemo(() => buildHnsw(points, { m, efConstruction: efc }, 7), [m, efc]);
  const trace = useMemo(() => searchHnsw(index, q, k, ef), [index, q, k, ef]);
  const truth = useMemo(() => exactKnn(points, q, k), [q, k]);
  const curve = useMemo(() => recallCurve(index, k, CURVE_EFS, queries), [index, k]);
  const meanAtEf = useMemo(() => curve.find((r) => r.ef === ef)?.recall ?? recallCurve(index, k, [ef], queries)[0].recall, [curve, index, k, ef]);
  const recall = recallAtK(trace.results, truth);
  const truthSet = new Set(truth);
  const layerSizes = index.links.map((l) => l.size);

  const pickQuery = (i: number) => {
    const j = (i + queries.length) % queries.length;
    setQi(j);
    setQ(queries[j]);
  };
  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    const step = e.shiftKey ? 0.1 : 0.02;
    const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
    if (!d) return;
    e.preventDefault();
    setQ((p) => ({ x: Math.min(1, Math.max(0, p.x + d[0])), y: Math.min(1, Math.max(0, p.y + d[1])) }));
  };

  const summary =
    `This query: found ${trace.results.filter((id) => truthSet.has(id)).length} of the ${k} true nearest neighbours (recall@${k} ${recall.toFixed(2)}) ` +
    `with ${trace.distances} distance computations; brute force computes ${HNSW_POINTS.toLocaleString("en")}. ` +
    `Over 100 queries at efSearch ${ef}: mean recall ${meanAtEf.toFixed(3)}.`;

  // Layer-0 edges, each drawn once.
  const edges: [number, number][] = [];
  for (const [a, ns] of index.links[0]) for (const b of ns) if (a < b || !index.links[0].get(b)?.includes(a)) edges.push([a, b]);

  return (
    <GeoFrame title="HNSW: a beam search through a graph of neighbours" testId="hnsw-search">
      <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
        <RangeField label="M (links per node)" value={m} min={2} max={16} onChange={setM} format={(v) => String(v)} testId="hnsw-m" />
        <div className="flex flex-col gap-1 text-sm">
          <label htmlFor={efcId}>efConstruction</label>
          <select id={efcId} className="h-9 rounded-md border border-line bg-surface px-2" value={efc} onChange={(e) => setEfc(Number(e.target.value))} data-testid="hnsw-efc">
            {EF_CONSTRUCTION_CHOICES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <RangeField label="efSearch (beam width)" value={ef} min={1} max={100} onChange={setEf} format={(v) => String(v)} testId="hnsw-ef" />
        <RangeField label="k (neighbours wanted)" value={k} min={1} max={10} onChange={setK} format={(v) => String(v)} testId="hnsw-k" />
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
        <button type="button" className={quietButton} onClick={() => pickQuery(qi - 1)} data-testid="hnsw-prev">
          Previous query
        </button>
        <button type="button" className={quietButton} onClick={() => pickQuery(qi + 1)} data-testid="hnsw-next">
          Next query
        </button>
        <span className="text-xs text-muted">or focus the drawing and move the query with the arrow keys (Shift for bigger steps)</span>
      </div>
      <svg
        viewBox={`0 0 ${S} ${S}`}
        className="mt-2 h-auto w-full max-w-[440px] rounded-md border border-line bg-surface focus:outline-2 focus:outline-[var(--fl-accent)]"
        role="img"
        tabIndex={0}
        onKeyDown={onKey}
        aria-label={`Query at (${q.x.toFixed(2)}, ${q.y.toFixed(2)}). ${trace.visited.size} nodes touched on the bottom layer, ${trace.results.filter((id) => truthSet.has(id)).length} of ${k} true neighbours found.`}
        data-testid="hnsw-drawing"
      >
        <g stroke={color.line} strokeWidth={0.4}>
          {edges.map(([a, b]) => (
            <line key={`${a}-${b}`} x1={px(points[a].x)} y1={px(points[a].y)} x2={px(points[b].x)} y2={px(points[b].y)} />
          ))}
        </g>
        {points.map((p, id) => (
          <circle key={id} cx={px(p.x)} cy={px(p.y)} r={trace.visited.has(id) ? 2 : 1.2} fill={trace.visited.has(id) ? color.note : color.muted} opacity={trace.visited.has(id) ? 1 : 0.5} />
        ))}
        <polyline points={trace.path.map((id) => `${px(points[id].x)},${px(points[id].y)}`).join(" ")} fill="none" stroke={color.warn} strokeWidth={1.5} strokeDasharray="4 3" />
        {truth.map((id) => (
          <circle key={`t${id}`} cx={px(points[id].x)} cy={px(points[id].y)} r={5} fill="none" stroke={color.ok} strokeWidth={1.5} />
        ))}
        {trace.results.map((id) => (
          <circle key={`f${id}`} cx={px(points[id].x)} cy={px(points[id].y)} r={3} fill={truthSet.has(id) ? color.ok : color.bad} />
        ))}
        <g stroke={color.fg} strokeWidth={2}>
          <line x1={px(q.x) - 6} y1={px(q.y)} x2={px(q.x) + 6} y2={px(q.y)} />
          <line x1={px(q.x)} y1={px(q.y) - 6} x2={px(q.x)} y2={px(q.y) + 6} />
        </g>
      </svg>
      <ul className="mt-1 flex flex-wrap gap-x-3 text-xs" aria-hidden="true">
        <li className="inline-flex items-center gap-1"><span className="inline-block size-2.5 rounded-full" style={{ backgroundColor: color.note }} />touched on the bottom layer</li>
        <li className="inline-flex items-center gap-1"><span className="inline-block size-2.5 rounded-full border-2" style={{ borderColor: color.ok }} />true nearest</li>
        <li className="inline-flex items-center gap-1"><span className="inline-block size-2.5 rounded-full" style={{ backgroundColor: color.ok }} />returned, correct</li>
        <li className="inline-flex items-center gap-1"><span className="inline-block size-2.5 rounded-full" style={{ backgroundColor: color.bad }} />returned, wrong</li>
        <li className="inline-flex items-center gap-1"><span className="inline-block h-0.5 w-4" style={{ backgroundColor: color.warn }} />greedy path through upper layers</li>
      </ul>
      <p className="mt-3 text-sm" aria-live="polite" data-testid="hnsw-summary">
        {summary}
      </p>
      <table className="mt-2 w-full max-w-[28rem] text-left text-xs" data-testid="hnsw-curve">
        <caption className="text-left font-semibold">Mean over 100 seeded queries (M {m}, efConstruction {efc}, k {k}); a beam is never narrower than k, shown in brackets</caption>
        <thead>
          <tr className="border-b border-line">
            <th scope="col" className="pr-2">efSearch</th>
            <th scope="col" className="pr-2 text-right">recall@{k}</th>
            <th scope="col" className="text-right">distance computations</th>
          </tr>
        </thead>
        <tbody className="font-mono">
          {curve.map((r) => (
            <tr key={r.ef} className="border-b border-line/60 aria-[current=true]:font-semibold aria-[current=true]:text-accent" aria-current={r.ef === ef ? "true" : undefined}>
              <td className="py-0.5 pr-2">
                {r.ef}
                {r.ef < k ? ` (${k})` : ""}
              </td>
              <td className="py-0.5 pr-2 text-right">{r.recall.toFixed(3)}</td>
              <td className="py-0.5 text-right">{Math.round(r.distances)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 text-xs text-muted">
        Layers: {layerSizes.map((n, l) => `${l}: ${n} nodes`).join(", ")}. Built as in Malkov &amp; Yashunin (2018): levels with mL = 1/ln M, up to M links per node (2M on layer 0) chosen by the paper&apos;s neighbour heuristic; the search uses a beam of max(efSearch, k). Euclidean distance, seeded points, the same on every visit.
      </p>
    </GeoFrame>
  );
}
