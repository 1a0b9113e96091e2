"use client";
/**
 * <QuadtreeSearch>: a few hundred seeded points in a square, a quadtree built with a chosen leaf
 * capacity, and a radius or k-nearest query. The nodes the query opened are shaded and the points it
 * examined are marked, next to what a brute-force scan examines (all of them). The learner moves the
 * query point by dragging or with the arrow keys, and sets the radius, k and the capacity.
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { allNodes, buildQuadtree, nearestQuery, radiusQuery, seededPoints } from "@/lib/geo/quadtree";
import { color, labelSize } from "@/components/mechanisms/palette";
import { Choice } from "@/components/mechanisms/mechanism-shell";
import { GeoFrame, px2, RangeField } from "./widget-parts";

export interface QuadtreeSearchProps {
  /** Number of points (default 300). */
  count?: number;
  /** Seed of the point set (default 7). */
  seed?: number;
  /** Leaf capacity to start with (default 4). */
  capacity?: number;
}

type Mode = "radius" | "nearest";
const SIZE = 360;
const PAD = 4;
const S = SIZE - 2 * PAD;

export function QuadtreeSearch({ count = 300, seed = 7, capacity: c0 = 4 }: QuadtreeSearchProps) {
  const points = useMemo(() => seededPoints(count, seed), [count, seed]);
  const [capacity, setCapacity] = useState(c0);
  const [mode, setMode] = useState<Mode>("radius");
  const [radius, setRadius] = useState(0.1);
  const [k, setK] = useState(5);
  const [query, setQuery] = useState({ x: 0.42, y: 0.38 });
  const [dragging, setDragging] = useState(false);
  const svgRef = useRef<SVGSVGElement>(null);
  const summaryId = useId();

  const tree = useMemo(() => buildQuadtree(points, capacity), [points, capacity]);
  const nodes = useMemo(() => allNodes(tree), [tree]);
  const result = useMemo(() => (mode === "radius" ? radiusQuery(tree, query.x, query.y, radius) : nearestQuery(tree, query.x, query.y, k)), [tree, mode, query, radius, k]);
  const visited = new Set(result.visited);
  const examinedIds = new Set<number>();
  for (const n of nodes) if (visited.has(n.id) && !n.children) for (const p of n.points) examinedIds.add(p.id);
  const foundIds = new Set(result.found.map((p) => p.id));
  const reach = mode === "radius" ? radius : result.found.length ? Math.hypot(result.found[result.found.length - 1]!.x - query.x, result.found[result.found.length - 1]!.y - query.y) : 0;

  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const fromPointer = (event: PointerEvent<SVGSVGElement>) => {
    const box = svgRef.current?.getBoundingClientRect();
    if (!box) return;
    setQuery({ x: clamp((((event.clientX - box.left) / box.width) * SIZE - PAD) / S), y: clamp((((event.clientY - box.top) / box.height) * SIZE - PAD) / S) });
  };
  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 0.1 : 0.02;
    const d: Record<string, [number, number]> = { ArrowUp: [0, -step], ArrowDown: [0, step], ArrowLeft: [-step, 0], ArrowRight: [step, 0] };
    const m = d[event.key];
    if (!m) return;
    event.preventDefault();
    setQuery((q) => ({ x: clamp(q.x + m[0]), y: clamp(q.y + m[1]) }));
  };

  const leaves = nodes.filter((n) => !n.children).length;
  const share = result.examined / points.length;
  const summary =
    `${mode === "radius" ? `Points within ${radius.toFixed(2)} of the query at (${query.x.toFixed(2)}, ${query.y.toFixed(2)})` : `The ${k} nearest points to the query at (${query.x.toFixed(2)}, ${query.y.toFixed(2)})`}: ` +
    `found ${result.found.length}. The quadtree (capacity ${capacity}: ${nodes.length} nodes, ${leaves} leaves, ${tree.children ? "deepest level " + Math.max(...nodes.map((n) => n.depth)) : "a single leaf"}) ` +
    `opened ${result.visited.length} nodes and examined ${result.examined} of ${points.length} points (${Math.round(share * 100)}%); a brute-force scan examines all ${points.length}.`;

  const px = (v: number) => px2(PAD + v * S);
  return (
    <GeoFrame title="A quadtree answering a proximity query" testId="quadtree-search">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Choice
          label="Query"
          value={mode}
          options={[
            { value: "radius", label: "within a radius" },
            { value: "nearest", label: "k nearest" },
          ]}
          onChange={setMode}
        />
      </div>
      <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
        {mode === "radius" ? (
          <RangeField label="Radius" value={radius} min={0.02} max={0.3} step={0.01} onChange={setRadius} format={(v) => v.toFixed(2)} testId="quadtree-radius" />
        ) : (
          <RangeField label="k" value={k} min={1} max={20} onChange={setK} format={(v) => String(v)} testId="quadtree-k" />
        )}
        <RangeField label="Leaf capacity" value={capacity} min={1} max={32} onChange={setCapacity} format={(v) => `${v} point${v === 1 ? "" : "s"}`} testId="quadtree-capacity" />
      </div>
      <div
        role="application"
        aria-roledescription="movable query point"
        aria-label="The query point among the points. Arrow keys move it; with Shift, further."
        aria-describedby={summaryId}
        tabIndex={0}
        onKeyDown={onKey}
        className="mx-auto mt-3 w-full max-w-[480px] rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
        data-testid="quadtree-drawing"
      >
        <svg
          ref={svgRef}
          viewBox={`0 0 ${SIZE} ${SIZE}`}
          className="h-auto w-full touch-none select-none"
          fontSize={labelSize}
          aria-hidden="true"
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            setDragging(true);
            fromPointer(e);
          }}
          onPointerMove={(e) => {
            if (dragging) fromPointer(e);
          }}
          onPointerUp={() => setDragging(false)}
          onPointerCancel={() => setDragging(false)}
        >
          <rect x={PAD} y={PAD} width={S} height={S} fill={color.sunken} stroke={color.line} />
          {nodes.map((n) =>
            visited.has(n.id) && !n.children ? <rect key={`v${n.id}`} x={px(n.bounds.x)} y={px(n.bounds.y)} width={px2(n.bounds.size * S)} height={px2(n.bounds.size * S)} fill={color.noteSoft} /> : null,
          )}
          {nodes.map((n) => (
            <rect key={n.id} x={px(n.bounds.x)} y={px(n.bounds.y)} width={px2(n.bounds.size * S)} height={px2(n.bounds.size * S)} fill="none" stroke={visited.has(n.id) ? color.note : color.line} strokeWidth={visited.has(n.id) ? 0.9 : 0.6} />
          ))}
          {points.map((p) => {
            const found = foundIds.has(p.id);
            const examined = examinedIds.has(p.id);
            return <circle key={p.id} cx={px(p.x)} cy={px(p.y)} r={found ? 3.2 : examined ? 2.4 : 1.8} fill={found ? color.bad : examined ? color.note : color.muted} opacity={found || examined ? 1 : 0.55} />;
          })}
          {reach > 0 ? <circle cx={px(query.x)} cy={px(query.y)} r={px2(reach * S)} fill="none" stroke={color.bad} strokeWidth={1.5} strokeDasharray="5 3" /> : null}
          <circle cx={px(query.x)} cy={px(query.y)} r={6} fill="none" stroke={color.fg} strokeWidth={2} />
          <circle cx={px(query.x)} cy={px(query.y)} r={2} fill={color.fg} />
        </svg>
      </div>
      <div className="mt-1 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-muted" aria-hidden="true">
        <span className="inline-flex items-center gap-1.5"><span className="inline-block size-2.5 rounded-full" style={{ background: color.bad }} />found</span>
        <span className="inline-flex items-center gap-1.5"><span className="inline-block size-2.5 rounded-full" style={{ background: color.note }} />examined, not a match</span>
        <span className="inline-flex items-center gap-1.5"><span className="inline-block h-2.5 w-3.5 border" style={{ background: color.noteSoft, borderColor: color.note }} />leaf the query opened</span>
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-2 text-center text-sm sm:grid-cols-4" data-testid="quadtree-stats">
        <div className="rounded-md bg-sunken p-2"><dt className="text-xs text-muted">found</dt><dd className="font-mono text-lg font-semibold" data-testid="quadtree-found">{result.found.length}</dd></div>
        <div className="rounded-md bg-sunken p-2"><dt className="text-xs text-muted">points examined</dt><dd className="font-mono text-lg font-semibold" data-testid="quadtree-examined">{result.examined}</dd></div>
        <div className="rounded-md bg-sunken p-2"><dt className="text-xs text-muted">brute force examines</dt><dd className="font-mono text-lg font-semibold">{points.length}</dd></div>
        <div className="rounded-md bg-sunken p-2"><dt className="text-xs text-muted">nodes opened</dt><dd className="font-mono text-lg font-semibold">{result.visited.length} / {nodes.length}</dd></div>
      </dl>
      <p id={summaryId} className="mt-3 text-sm" aria-live="polite" data-testid="quadtree-summary">
        {summary}
      </p>
    </GeoFrame>
  );
}
