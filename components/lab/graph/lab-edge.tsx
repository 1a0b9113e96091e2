"use client";
/**
 * A lab edge: the curve, plus, in reduced-motion mode, a counter of the traffic it carries and a
 * "heat" (thicker line for more traffic, a dashed line and a warning glyph when much of it fails).
 * A partitioned edge is drawn dashed with a "✂ partitioned" label.
 */
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, type Edge } from "@xyflow/react";
import type { KeyboardEvent } from "react";
import { useLab, useLabState, useReducedMotion } from "../lab-context";
import { curvePath, edgeCurve, pointOnCurve } from "./edge-geometry";

export type LabEdgeData = { index: number; edgeId: string } & Record<string, unknown>;

/** Keyboard on a focused edge: → / ← to its target / source node, ↑ / ↓ to sibling links, Enter selects it. */
function onEdgeKey(event: KeyboardEvent<SVGPathElement>, source: string, target: string, select: () => void) {
  const el = event.currentTarget;
  const root = el.closest(".react-flow");
  const focus = (selector: string) => {
    const next = root?.querySelector<HTMLElement>(selector);
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };
  if (event.key === "ArrowRight") focus(`[data-lab-node="${CSS.escape(target)}"]`);
  else if (event.key === "ArrowLeft" || event.key === "Escape") focus(`[data-lab-node="${CSS.escape(source)}"]`);
  else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    const siblings = [...(root?.querySelectorAll<SVGPathElement>(`[data-lab-edge-from="${CSS.escape(source)}"]`) ?? [])];
    const next = siblings[(siblings.indexOf(el) + (event.key === "ArrowDown" ? 1 : siblings.length - 1)) % siblings.length];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  } else if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    select();
  }
}

export function LabEdge({ id, source, target, sourceX, sourceY, targetX, targetY, data, selected }: EdgeProps<Edge<LabEdgeData>>) {
  const lab = useLab();
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
      {data?.focusable !== false && (
        <path
          d={curvePath(curve)}
          fill="none"
          stroke="transparent"
          strokeWidth={10}
          pointerEvents="none"
          tabIndex={-1}
          role="button"
          aria-label={`Link from ${source} to ${target}, about ${rate} requests a second${partitioned ? ", partitioned" : ""}. Enter selects it for faults.`}
          data-lab-edge={index}
          data-lab-edge-from={source}
          data-lab-edge-to={target}
          onKeyDown={(e) => onEdgeKey(e, source, target, () => lab.select({ type: "edge", id: edgeId, index }))}
        />
      )}
      {(reduced || partitioned) && (
        <EdgeLabelRenderer>
          <div
            className="nodrag nopan pointer-events-none absolute rounded border border-line bg-surface px-1.5 py-0.5 font-mono text-[11px] text-fg shadow-sm"
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
