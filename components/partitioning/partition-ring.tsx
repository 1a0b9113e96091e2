"use client";
/**
 * <PartitionRing>: 10,000 keys placed on n nodes by modulo hashing, a consistent-hash ring with
 * virtual nodes, or a ring with bounded loads. The learner adds node n + 1 and sees how many keys
 * change owner, how even the load is (peak ÷ mean), and what one hot partition key does to its
 * node, with key salting or a per-key throttle. Logic in lib/partitioning/placement.ts; native
 * inputs only, so the keyboard works without extra code; no animation.
 */
import { useId, useMemo, useState } from "react";
import { hotKeyLoads, joinOneNode, keyRange, nodeNames, peakToMean, type Scheme } from "@/lib/partitioning/placement";
import { ringArcs } from "@/lib/mechanisms/hash-ring";
import { Choice } from "@/components/mechanisms/mechanism-shell";
import { color, labelSize, seriesColors } from "@/components/mechanisms/palette";
import { GeoFrame, px2, RangeField, Toggle } from "@/components/geo/widget-parts";

export interface PartitionRingProps {
  /** Scheme shown first (default "ring"). */
  scheme?: Scheme;
  /** Nodes before one joins (default 4). */
  nodes?: number;
  /** Virtual nodes per node (default 8). */
  virtualNodes?: number;
  /** Hot key's share of requests to start with, 0–0.5 (default 0). */
  hotShare?: number;
}

const KEYS = 10_000;
const KEY_IDS = keyRange(KEYS);
const VNODE_STEPS = [1, 2, 4, 8, 16, 32, 64, 128, 256];
const SALT_STEPS = [1, 2, 4, 8, 16];
const THROTTLE = 0.05;
const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
const times = (x: number) => `${x.toFixed(2)}×`;
const schemeLabel: Record<Scheme, string> = { modulo: "hash mod n", ring: "consistent-hash ring", bounded: "ring with bounded loads" };

function nodeColor(i: number, newNode: number | null) {
  if (i === newNode) return seriesColors[seriesColors.length - 1];
  return seriesColors[i % (seriesColors.length - 1)];
}

const R = 70;
const C = 80;
function arcPath(start: number, end: number, radius: number): string {
  const a0 = start * 2 * Math.PI - Math.PI / 2;
  const a1 = end * 2 * Math.PI - Math.PI / 2;
  const large = end - start > 0.5 ? 1 : 0;
  const p = (a: number) => `${px2(C + radius * Math.cos(a))},${px2(C + radius * Math.sin(a))}`;
  return `M${p(a0)}A${radius},${radius} 0 ${large} 1 ${p(a1)}`;
}

export function PartitionRing({ scheme: s0 = "ring", nodes: n0 = 4, virtualNodes: v0 = 8, hotShare: h0 = 0 }: PartitionRingProps) {
  const [scheme, setScheme] = useState<Scheme>(s0);
  const [nodes, setNodes] = useState(n0);
  const [vIndex, setVIndex] = useState(Math.max(0, VNODE_STEPS.indexOf(v0)));
  const [epsilon, setEpsilon] = useState(0.25);
  const [joined, setJoined] = useState(false);
  const [hotShare, setHotShare] = useState(h0);
  const [saltIndex, setSaltIndex] = useState(0);
  const [throttle, setThrottle] = useState(false);
  const summaryId = useId();
  const virtualNodes = VNODE_STEPS[vIndex];
  const salts = SALT_STEPS[saltIndex];

  const join = useMemo(() => joinOneNode(KEY_IDS, { scheme, nodes, virtualNodes, epsilon }), [scheme, nodes, virtualNodes, epsilon]);
  const shown = joined ? join.after : join.before;
  const n = joined ? nodes + 1 : nodes;
  const newNode = joined ? nodes : null;
  const hot = useMemo(
    () => (hotShare > 0 ? hotKeyLoads({ scheme, nodes: n, virtualNodes, epsilon, keys: 1000, hotShare, salts, throttleShare: throttle ? THROTTLE : null }) : null),
    [scheme, n, virtualNodes, epsilon, hotShare, salts, throttle],
  );
  const arcs = useMemo(() => (scheme === "modulo" ? [] : ringArcs(nodeNames(n), virtualNodes)), [scheme, n, virtualNodes]);
  const names = nodeNames(n);
  const mean = KEYS / n;
  const maxLoad = Math.max(...shown.loads, shown.capacity ?? 0, mean * 1.2);
  const ptm = peakToMean(shown.loads);
  const movedPerNode = names.map((_, i) => {
    if (!joined) return 0;
    let c = 0;
    for (let k = 0; k < KEYS; k++) if (join.after.owners[k] === i && join.before.owners[k] !== i) c++;
    return c;
  });

  const summary =
    `${KEYS.toLocaleString("en")} keys on ${n} nodes by ${schemeLabel[scheme]}${scheme === "modulo" ? "" : ` with ${virtualNodes} point${virtualNodes === 1 ? "" : "s"} per node`}${scheme === "bounded" ? ` and a cap of ${shown.capacity} keys per node (ε = ${epsilon.toFixed(2)})` : ""}. ` +
    `The busiest node holds ${Math.max(...shown.loads).toLocaleString("en")} keys, ${times(ptm)} the mean of ${Math.round(mean).toLocaleString("en")}. ` +
    (joined
      ? `Node ${nodes + 1} joined: ${join.moved.toLocaleString("en")} keys (${pct(join.share)}) changed owner, ${join.movedToNewNode.toLocaleString("en")} of them to the new node; 1/${nodes + 1} would be ${pct(1 / (nodes + 1))} and ${nodes}/${nodes + 1} is ${pct(nodes / (nodes + 1))}.`
      : `Tick “Node ${nodes + 1} joins” to count the keys that move.`) +
    (hot
      ? ` One key takes ${pct(hot.hotShare, 0)} of requests${salts > 1 ? `, salted into ${salts} keys on ${hot.hotNodes} node${hot.hotNodes === 1 ? "" : "s"}` : ""}${throttle ? `, throttled at ${pct(THROTTLE, 0)} (${pct(hot.throttled)} of requests refused)` : ""}: the busiest node serves ${pct(Math.max(...hot.loads))} of requests, ${times(hot.peakToFair)} its fair share.`
      : "");

  const barW = 150;
  const rowH = 15;
  const chartH = 18 + n * rowH;
  return (
    <GeoFrame title="Placing keys on nodes: modulo, ring, bounded loads" testId="partition-ring">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Choice
          label="Scheme"
          value={scheme}
          options={[
            { value: "modulo", label: "hash mod n" },
            { value: "ring", label: "ring" },
            { value: "bounded", label: "bounded loads" },
          ]}
          onChange={setScheme}
        />
        <Toggle label={`Node ${nodes + 1} joins`} checked={joined} onChange={setJoined} testId="partition-join" />
      </div>
      <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
        <RangeField label="Nodes before the join" value={nodes} min={2} max={16} onChange={setNodes} format={(v) => String(v)} testId="partition-nodes" />
        {scheme !== "modulo" ? <RangeField label="Virtual nodes per node" value={vIndex} min={0} max={VNODE_STEPS.length - 1} onChange={setVIndex} format={(i) => String(VNODE_STEPS[i])} testId="partition-vnodes" /> : null}
        {scheme === "bounded" ? <RangeField label="Slack ε" value={epsilon} min={0.05} max={1} step={0.05} onChange={setEpsilon} format={(v) => v.toFixed(2)} testId="partition-epsilon" /> : null}
      </div>
      <div className="mt-3 grid items-start gap-3 sm:grid-cols-[minmax(0,180px)_1fr]">
        <svg viewBox="0 0 160 160" className="mx-auto h-auto w-full max-w-[180px]" fontSize={labelSize} role="img" aria-label={scheme === "modulo" ? "No ring: each key's node is its hash modulo the node count." : `The ring: ${arcs.length} arcs, coloured by owning node.`}>
          {scheme === "modulo" ? (
            <>
              <rect x={8} y={52} width={144} height={56} rx={8} fill={color.sunken} stroke={color.line} />
              <text x={80} y={76} textAnchor="middle" fill={color.fg} fontWeight={600}>
                node = hash mod {n}
              </text>
              <text x={80} y={94} textAnchor="middle" fill={color.muted}>
                no ring
              </text>
            </>
          ) : (
            <>
              <circle cx={C} cy={C} r={R} fill="none" stroke={color.line} strokeWidth={16} />
              {arcs.map((a, i) => (
                <path key={i} d={arcPath(a.start, a.end, R)} fill="none" stroke={nodeColor(a.target, newNode)} strokeWidth={a.target === newNode ? 22 : 16} />
              ))}
              <text x={C} y={C - 2} textAnchor="middle" fill={color.fg} fontWeight={600}>
                {n} nodes
              </text>
              <text x={C} y={C + 13} textAnchor="middle" fill={color.muted}>
                {n * virtualNodes} points
              </text>
            </>
          )}
        </svg>
        <svg viewBox={`0 0 300 ${chartH}`} className="h-auto w-full" fontSize={labelSize - 1} role="img" aria-label="Keys per node as bars; the dashed line is the mean.">
          <text x={0} y={11} fill={color.fg} fontWeight={600}>
            keys per node
          </text>
          {names.map((name, i) => {
            const y = 18 + i * rowH;
            const w = (shown.loads[i] / maxLoad) * barW;
            const mw = (movedPerNode[i] / maxLoad) * barW;
            return (
              <g key={name}>
                <text x={0} y={y + 10} fill={color.fg}>
                  {name}
                </text>
                <rect x={52} y={y + 1} width={px2(Math.max(1, w))} height={10} fill={nodeColor(i, newNode)} />
                {mw > 0 ? <rect x={px2(52 + w - mw)} y={y + 1} width={px2(mw)} height={10} fill="none" stroke={color.fg} strokeDasharray="2 2" /> : null}
                <text x={px2(56 + Math.max(w, 1))} y={y + 10} fill={color.muted}>
                  {shown.loads[i].toLocaleString("en")}
                </text>
              </g>
            );
          })}
          <line x1={px2(52 + (mean / maxLoad) * barW)} x2={px2(52 + (mean / maxLoad) * barW)} y1={16} y2={chartH} stroke={color.fg} strokeDasharray="4 3" />
          {shown.capacity !== null ? <line x1={px2(52 + (shown.capacity / maxLoad) * barW)} x2={px2(52 + (shown.capacity / maxLoad) * barW)} y1={16} y2={chartH} stroke={color.bad} strokeWidth={1.5} /> : null}
        </svg>
      </div>
      <div className="mt-1 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-muted" aria-hidden="true">
        <span>dashed line: mean</span>
        {shown.capacity !== null ? <span style={{ color: color.bad }}>solid line: cap ⌈(1+ε)·mean⌉ = {shown.capacity}</span> : null}
        {joined ? <span>dotted box: keys that moved onto that node</span> : null}
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-2 text-center text-sm sm:grid-cols-4" data-testid="partition-stats">
        <div className="rounded-md bg-sunken p-2">
          <dt className="text-xs text-muted">keys moved by the join</dt>
          <dd className="font-mono text-lg font-semibold" data-testid="partition-moved">{joined ? pct(join.share) : "–"}</dd>
        </div>
        <div className="rounded-md bg-sunken p-2">
          <dt className="text-xs text-muted">1/(n+1) · n/(n+1)</dt>
          <dd className="font-mono text-lg font-semibold">
            {pct(1 / (nodes + 1), 0)} · {pct(nodes / (nodes + 1), 0)}
          </dd>
        </div>
        <div className="rounded-md bg-sunken p-2">
          <dt className="text-xs text-muted">busiest ÷ mean (keys)</dt>
          <dd className="font-mono text-lg font-semibold" data-testid="partition-peak">{times(ptm)}</dd>
        </div>
        <div className="rounded-md bg-sunken p-2">
          <dt className="text-xs text-muted">busiest ÷ fair (requests)</dt>
          <dd className="font-mono text-lg font-semibold" data-testid="partition-hot">{hot ? times(hot.peakToFair) : "–"}</dd>
        </div>
      </dl>
      <fieldset className="mt-3 rounded-md border border-line p-2">
        <legend className="px-1 text-sm font-semibold">A hot partition key</legend>
        <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
          <RangeField label="Hot key's share of requests" value={hotShare} min={0} max={0.5} step={0.05} onChange={setHotShare} format={(v) => pct(v, 0)} testId="partition-hot-share" />
          <RangeField label="Salt the hot key into" value={saltIndex} min={0} max={SALT_STEPS.length - 1} onChange={setSaltIndex} format={(i) => `${SALT_STEPS[i]} key${SALT_STEPS[i] === 1 ? "" : "s"}`} testId="partition-salts" />
          <Toggle label={`Throttle it at ${pct(THROTTLE, 0)} of requests`} checked={throttle} onChange={setThrottle} testId="partition-throttle" />
        </div>
        <p className="mt-2 text-xs text-muted">
          1,000 partition keys; the hot one takes the share above and the rest split what is left evenly.
          {salts > 1 ? ` Writes to the hot key now go to ${salts} keys; a read of it must ask all ${salts} and merge.` : ""}
        </p>
      </fieldset>
      <p id={summaryId} className="mt-3 text-sm" aria-live="polite" data-testid="partition-summary">
        {summary}
      </p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-muted">Show the nodes as a table</summary>
        <table className="mt-2 w-full text-left text-xs">
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-2">node</th>
              <th scope="col" className="py-1 pr-2 text-right">keys</th>
              <th scope="col" className="py-1 pr-2 text-right">keys moved in</th>
              <th scope="col" className="py-1 text-right">share of requests</th>
            </tr>
          </thead>
          <tbody>
            {names.map((name, i) => (
              <tr key={name} className="border-b border-line/60">
                <th scope="row" className="py-1 pr-2 font-normal">{name}</th>
                <td className="py-1 pr-2 text-right font-mono">{shown.loads[i].toLocaleString("en")}</td>
                <td className="py-1 pr-2 text-right font-mono">{movedPerNode[i].toLocaleString("en")}</td>
                <td className="py-1 text-right font-mono">{hot ? pct(hot.loads[i]) : pct(shown.loads[i] / KEYS)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </GeoFrame>
  );
}
