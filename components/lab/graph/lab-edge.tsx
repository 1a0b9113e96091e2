"use client";
/**
 * A lab edge: the curve, plus, in reduced-motion mode, a counter of the traffic it carries and a
 * "heat" (thicker line for more traffic, a dashed line and a warning glyph when much of it fails).
 * A partitioned edge is drawn dashed with a "✂ partitioned" label.
 */
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, type Edge } from "@xyflow/react";
import { useLabState, useReducedMotion } from "../lab-context";
import { curvePath, edgeCurve, pointOnCurve } from "./edge-geometry";

export type LabEdgeData = { index: number; edgeId: string } & Record<string, unknown>;

export function LabEdge({ id, sourceX, sourceY, targetX, targetY, data, selected }: EdgeProps<Edge<LabEdgeData>>) {
  const index = data?.index ?? 0;
  const edgeId = data?.edgeId ?? id;
  // Primitives, so an edge re-renders only when its numbers change (not on every frame).
  const rate = useLabState((s) => s.edgeStats[index]?.ratePerSec ?? 0);
  const failShare = useLabState((s) => Math.round((s.edgeStats[index]?.failShare ?? 0) * 100) / 100);
  const partitioned = useLabState((s) => s.partitioned.includes(edgeId));
  const reduced = useReducedMotion();
  const curve = edgeCurve(sourceX, sourceY, targetX, targetY);
  const [lx, ly] = pointOnCurve(curve, 0.5);
  const failing = failShare >= 0.1 && rate > 0;
  const width = reduced ? 1.5 + Math.min(6, Math.log10(1 + rate) * 2) : 1.5;
  return (
    <>
      <BaseEdge
        id={id}
        path={curvePath(curve)}
        style={{
          stroke: partitioned || failing ? "var(--fl-danger, #dc2626)" : selected ? "var(--fl-accent)" : "var(--fl-faint)",
          strokeWidth: selected ? width + 1 : width,
          strokeDasharray: partitioned ? "6 5" : failing && reduced ? "4 3" : undefined,
          opacity: reduced ? 0.5 + Math.min(0.5, rate / 2000) : 0.8,
        }}
      />
      {(reduced || partitioned) && (
        <EdgeLabelRenderer>
          <div
            className="nodrag nopan pointer-events-none absolute rounded border border-line bg-surface px-1.5 py-0.5 font-mono text-[10px] text-fg shadow-sm"
            style={{ transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)` }}
            data-testid={`edge-counter-${edgeId}`}
          >
            {partitioned ? (
              <span>✂ partitioned</span>
            ) : (
              <span>
                ≈{rate}/s{failing && <span> · ⚠ {Math.round(failShare * 100)}% fail</span>}
              </span>
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const labEdgeTypes = { lab: LabEdge };
