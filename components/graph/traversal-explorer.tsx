"use client";
/**
 * <TraversalExplorer>: friends-of-friends over a small editable social graph. The learner picks the
 * start person and the depth, adds or removes friendships with two selects, or adds a celebrity
 * everyone follows; the drawing colours people by hop, and a table counts, per hop, what a graph
 * traversal reads (frontier, adjacency entries, people first reached) against what a relational
 * self-join of friendships(a, b) produces (index probes, rows without and with DISTINCT).
 * Logic in lib/graph/traversal.ts; native controls only, no animation.
 */
import { useId, useMemo, useState } from "react";
import { SAMPLE_GRAPH, addEdge, hasEdge, removeEdge, traverse, withSupernode, type Graph } from "@/lib/graph/traversal";
import { color, labelSize } from "@/components/mechanisms/palette";
import { GeoFrame, RangeField, px2 } from "@/components/geo/widget-parts";

export interface TraversalExplorerProps {
  /** Hops to start with, 1–4 (default 2). */
  hops?: number;
  /** Start with the celebrity everyone follows (default false). */
  supernode?: boolean;
}

const HOP_FILL = [color.bad, color.note, color.ok, color.warn, color.muted] as const;
const HOP_SOFT = [color.badSoft, color.noteSoft, color.okSoft, color.warnSoft, color.sunken] as const;

const selectClass = "h-9 rounded-md border border-line bg-surface px-2";
const buttonClass = "h-9 rounded-md border border-line bg-surface px-3 text-sm hover:bg-sunken disabled:opacity-50";

export function TraversalExplorer({ hops: h0 = 2, supernode: s0 = false }: TraversalExplorerProps) {
  const [graph, setGraph] = useState<Graph>(s0 ? withSupernode(SAMPLE_GRAPH) : SAMPLE_GRAPH);
  const [start, setStart] = useState(0);
  const [hops, setHops] = useState(Math.min(4, Math.max(1, Math.round(h0))));
  const [a, setA] = useState(0);
  const [b, setB] = useState(4);
  const ids = { start: useId(), a: useId(), b: useId() };
  const t = useMemo(() => traverse(graph, start, hops), [graph, start, hops]);
  const hasStar = graph.people.length > SAMPLE_GRAPH.people.length;
  const last = t.steps[t.steps.length - 1];
  const name = (i: number) => graph.people[i];
  const linked = hasEdge(graph, a, b);

  const summary = `From ${name(start)}, ${hops} hop${hops === 1 ? "" : "s"} reach ${last.visited - 1} of ${graph.people.length - 1} other people after reading ${t.steps.reduce((s, x) => s + x.edgesFollowed, 0)} adjacency entries. The self-join produces ${last.joinRows.toLocaleString("en")} rows at hop ${hops} without DISTINCT (${last.distinctRows} with it), after ${t.steps.reduce((s, x) => s + x.indexProbes, 0).toLocaleString("en")} index probes.`;

  // Drawing: people on a circle, the celebrity (if any) in the middle.
  const W = 360;
  const H = 316;
  const cx = W / 2;
  const cy = 156;
  const ring = SAMPLE_GRAPH.people.length;
  const pos = (i: number) => (i >= ring ? { x: cx, y: cy } : { x: cx + 120 * Math.sin((2 * Math.PI * i) / ring), y: cy - 120 * Math.cos((2 * Math.PI * i) / ring) });

  const resetGraph = () => setGraph(hasStar ? withSupernode(SAMPLE_GRAPH) : SAMPLE_GRAPH);
  const toggleStar = () => {
    if (hasStar) {
      setGraph({ people: graph.people.slice(0, ring), edges: graph.edges.filter(([x, y]) => x < ring && y < ring) });
      if (start >= ring) setStart(0);
      if (a >= ring) setA(0);
      if (b >= ring) setB(1);
    } else setGraph(withSupernode(graph));
  };

  return (
    <GeoFrame title="Friends of friends: a traversal against a self-join" testId="traversal-explorer">
      <div className="flex flex-wrap items-end gap-x-4 gap-y-2 text-sm">
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.start}>Start from</label>
          <select id={ids.start} className={selectClass} value={start} onChange={(e) => setStart(Number(e.target.value))} data-testid="traversal-start">
            {graph.people.map((p, i) => (
              <option key={p} value={i}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <RangeField label="Hops" value={hops} min={1} max={4} onChange={setHops} format={(v) => `${v}`} testId="traversal-hops" />
        <button type="button" className={buttonClass} onClick={toggleStar} aria-pressed={hasStar} data-testid="traversal-star">
          {hasStar ? "Remove the celebrity" : "Add a celebrity everyone follows"}
        </button>
      </div>

      <svg viewBox={`0 0 ${W} ${H}`} className="mt-3 h-auto w-full max-w-[460px]" fontSize={labelSize} role="img" aria-label={`The social graph: ${graph.people.length} people and ${graph.edges.length} friendships, coloured by hops from ${name(start)}. The table below lists the same.`} data-testid="traversal-drawing">
        {graph.edges.map(([x, y]) => {
          const p = pos(x);
          const q = pos(y);
          const dx = t.distance[x];
          const dy = t.distance[y];
          const onPath = dx !== null && dy !== null && Math.abs(dx - dy) === 1;
          return <line key={`${x}-${y}`} x1={px2(p.x)} y1={px2(p.y)} x2={px2(q.x)} y2={px2(q.y)} stroke={onPath ? color.fg : color.line} strokeWidth={onPath ? 1.5 : 1} strokeOpacity={x >= ring || y >= ring ? 0.5 : 1} />;
        })}
        {graph.people.map((p, i) => {
          const { x, y } = pos(i);
          const d = t.distance[i];
          return (
            <g key={p}>
              <circle cx={px2(x)} cy={px2(y)} r={i >= ring ? 16 : 13} fill={d === null ? color.sunken : HOP_SOFT[d]} stroke={d === null ? color.line : HOP_FILL[d]} strokeWidth={2} />
              <text x={px2(x)} y={px2(y + 4)} textAnchor="middle" fill={color.fg}>
                {d === null ? "–" : d}
              </text>
              <text x={px2(i >= ring ? x : cx + 146 * Math.sin((2 * Math.PI * i) / ring))} y={px2(i >= ring ? y + 30 : cy - 146 * Math.cos((2 * Math.PI * i) / ring) + 4)} textAnchor="middle" fill={color.muted}>
                {p}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="text-xs text-muted">Each circle shows the hop at which the traversal first reaches that person (– for not within {hops}).</p>

      <fieldset className="mt-3 flex flex-wrap items-end gap-x-3 gap-y-2 text-sm">
        <legend className="mb-1 text-sm font-medium">Edit a friendship</legend>
        <PersonSelect id={ids.a} label="Person" people={graph.people} value={a} onChange={setA} testId="traversal-a" />
        <PersonSelect id={ids.b} label="and" people={graph.people} value={b} onChange={setB} testId="traversal-b" />
        <button type="button" className={buttonClass} disabled={a === b} onClick={() => setGraph(linked ? removeEdge(graph, a, b) : addEdge(graph, a, b))} data-testid="traversal-toggle-edge">
          {a === b ? "Pick two people" : linked ? "Remove friendship" : "Add friendship"}
        </button>
        <button type="button" className={buttonClass} onClick={resetGraph} data-testid="traversal-reset">
          Reset friendships
        </button>
      </fieldset>

      <p className="mt-3 text-sm" aria-live="polite" data-testid="traversal-summary">
        {summary}
      </p>

      <div className="mt-2 overflow-x-auto">
        <table className="w-full min-w-[22rem] border-collapse text-left text-xs tabular-nums" data-testid="traversal-table">
          <caption className="mb-1 text-left text-xs text-muted">Per hop: what the traversal reads, and what a self-join of friendships produces</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-2">Hop</th>
              <th scope="col" className="py-1 pr-2">Frontier</th>
              <th scope="col" className="py-1 pr-2">Entries read</th>
              <th scope="col" className="py-1 pr-2">First reached</th>
              <th scope="col" className="py-1 pr-2">Visited</th>
              <th scope="col" className="py-1 pr-2">Index probes</th>
              <th scope="col" className="py-1 pr-2">Join rows</th>
              <th scope="col" className="py-1">DISTINCT</th>
            </tr>
          </thead>
          <tbody>
            {t.steps.map((s) => (
              <tr key={s.hop} className="border-b border-line/60 align-top">
                <th scope="row" className="py-1 pr-2 font-normal">{s.hop}</th>
                <td className="py-1 pr-2">{s.frontier}</td>
                <td className="py-1 pr-2">{s.edgesFollowed}</td>
                <td className="py-1 pr-2">{s.newlyReached.length === 0 ? "nobody new" : s.newlyReached.map(name).join(", ")}</td>
                <td className="py-1 pr-2">{s.visited}</td>
                <td className="py-1 pr-2">{s.indexProbes.toLocaleString("en")}</td>
                <td className="py-1 pr-2">{s.joinRows.toLocaleString("en")}</td>
                <td className="py-1">{s.distinctRows}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-muted">
        Join rows are walks: the self-join keeps every path, including ones that go back to a friend already met, so hop k has as many rows as there are walks of length k (the row sum of A^k). DISTINCT keeps the people at the end of some walk of exactly k steps, which can include people met earlier and the start itself. The traversal keeps a visited set and reads each person&apos;s friend list once.
      </p>
    </GeoFrame>
  );
}

function PersonSelect({ id, label, people, value, onChange, testId }: { id: string; label: string; people: readonly string[]; value: number; onChange: (i: number) => void; testId: string }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id}>{label}</label>
      <select id={id} className={selectClass} value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId}>
        {people.map((p, i) => (
          <option key={p} value={i}>
            {p}
          </option>
        ))}
      </select>
    </div>
  );
}
