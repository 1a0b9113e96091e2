"use client";
/**
 * One node component per kind, registered once at module level (xyflow re-mounts every node when
 * `nodeTypes` changes identity). Kinds without their own component use the generic one, which reads
 * any gauges it recognises.
 */
import type { NodeProps, NodeTypes, Node } from "@xyflow/react";
import { formatNumber, formatPercent } from "../format";
import { Meter, NodeShell, type LabNodeData } from "./node-shell";
import type { ReadGauges } from "./node-gauges";

type LabNode = Node<LabNodeData>;

function Common({ g }: { g: ReadGauges }) {
  return (
    <>
      {g.utilisation !== null && <Meter label="Busy" value={g.busy ?? 0} max={g.workers ?? 1} text={`${g.busy}/${g.workers}`} warn={g.utilisation >= 0.9} />}
      {g.queue !== null && (
        <Meter
          label="Queue"
          value={g.queue}
          max={g.capacity ?? Math.max(20, g.queue)}
          text={g.capacity !== null ? `${g.queue}/${g.capacity}` : `${g.queue}`}
          warn={g.capacity !== null && g.queue >= g.capacity * 0.8}
        />
      )}
      {g.hitRatio !== null && <Meter label="Hit ratio" value={g.hitRatio} max={1} text={formatPercent(g.hitRatio)} />}
      {g.stateName && (
        <p className="flex justify-between text-muted">
          <span className="capitalize">{g.stateLabel}</span>
          <span className="font-mono font-semibold text-fg" data-testid="node-state">
            {g.stateName === "open" ? "⛔ " : g.stateName === "half-open" ? "◐ " : ""}
            {g.stateName}
          </span>
        </p>
      )}
      {g.replicas !== null && (
        <p className="flex justify-between text-muted">
          <span>Replicas</span>
          <span className="font-mono text-fg">{g.replicas}</span>
        </p>
      )}
      {g.extras.map(([key, value]) => (
        <p key={key} className="flex justify-between gap-2 text-muted">
          <span className="truncate">{key}</span>
          <span className="font-mono text-fg">{typeof value === "number" ? formatNumber(value) : value}</span>
        </p>
      ))}
    </>
  );
}

function SourceNode({ id, data }: NodeProps<LabNode>) {
  return (
    <NodeShell id={id} data={data} icon="⇶">
      {(_g, raw) => (
        <p className="text-muted">
          Sends <span className="font-mono text-fg">{formatNumber(Number(raw.ratePerSec ?? 0))}</span> req/s
        </p>
      )}
    </NodeShell>
  );
}

function ServerNode({ id, data }: NodeProps<LabNode>) {
  return <NodeShell id={id} data={data} icon="▤">{(g) => <Common g={g} />}</NodeShell>;
}

function BalancerNode({ id, data }: NodeProps<LabNode>) {
  return (
    <NodeShell id={id} data={data} icon="⑂">
      {(g, raw) => {
        const { strategy, healthyTargets: healthy, targets } = raw;
        return (
          <>
            {strategy !== undefined && <p className="truncate font-mono text-fg">{String(strategy)}</p>}
            {healthy !== undefined && (
              <p className="flex justify-between text-muted">
                <span>In rotation</span>
                <span className="font-mono text-fg">
                  {healthy !== targets && <span aria-hidden>⚠ </span>}
                  {String(healthy)}/{String(targets)}
                </span>
              </p>
            )}
            <Common g={g} />
          </>
        );
      }}
    </NodeShell>
  );
}

function CacheNode({ id, data }: NodeProps<LabNode>) {
  return <NodeShell id={id} data={data} icon="⚡">{(g) => <Common g={g} />}</NodeShell>;
}

function GenericNode({ id, data }: NodeProps<LabNode>) {
  return <NodeShell id={id} data={data} icon="◇">{(g) => <Common g={g} />}</NodeShell>;
}

export const labNodeTypes: NodeTypes = {
  source: SourceNode,
  server: ServerNode,
  "load-balancer": BalancerNode,
  cache: CacheNode,
  generic: GenericNode,
};

/** The node type to draw a scenario kind with. */
export function nodeTypeFor(kind: string): string {
  return kind in labNodeTypes ? kind : "generic";
}
