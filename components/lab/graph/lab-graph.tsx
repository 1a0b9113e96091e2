"use client";
/**
 * The scenario drawn as a node graph: layered layout, draggable nodes, live gauges on each node,
 * particles (or, in reduced motion, per-edge counters) on the edges. Click or press Enter on a node
 * for its fault menu; click an edge to select it for a partition; click a particle to open its trace.
 */
import { ReactFlow, ReactFlowProvider, getNodesBounds, useNodesState, useReactFlow, useStore, type Edge, type Node } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { Scenario } from "@/simulations";
import { layeredLayout } from "@/lib/lab/layout";
import { COMPACT_MIN_FONT_PX, FULL_MIN_FONT_PX, fullFits, legibleViewport, type Box } from "@/lib/lab/graph-fit";
import { useLab, useLabState, useReducedMotion } from "../lab-context";
import { labEdgeTypes, type LabEdgeData } from "./lab-edge";
import { labNodeTypes, nodeTypeFor } from "./node-types";
import type { LabNodeData } from "./node-shell";
import { ParticleCanvas, type ParticleHandle } from "./particle-canvas";

export type NodeMode = "full" | "compact";

/** Column and row spacing of the layout for each card size (compact cards are 136 px wide). */
const spacing: Record<NodeMode, { columnGapPx: number; rowGapPx: number }> = {
  full: { columnGapPx: 236, rowGapPx: 132 },
  compact: { columnGapPx: 184, rowGapPx: 96 },
};

export function buildGraph(scenario: Scenario, interactive = true, mode: NodeMode = "full"): { nodes: Node<LabNodeData>[]; edges: Edge<LabEdgeData>[] } {
  const positions = layeredLayout(scenario, spacing[mode]);
  const nodes = scenario.nodes.map((n) => ({
    id: n.id,
    type: nodeTypeFor(n.kind),
    position: { x: positions[n.id].x, y: positions[n.id].y },
    focusable: false,
    data: { kind: n.kind, interactive, compact: mode === "compact", hasIncoming: scenario.edges.some((e) => e.to === n.id), hasOutgoing: scenario.edges.some((e) => e.from === n.id) },
  }));
  const edges = scenario.edges.map((e, index) => {
    const edgeId = e.id ?? `${e.from}->${e.to}`;
    return { id: `edge-${index}`, source: e.from, target: e.to, type: "lab", data: { index, edgeId }, ariaLabel: `Link ${edgeId}` };
  });
  return { nodes, edges };
}

/**
 * Fits the graph to its box without shrinking text below a legible size (lib/lab/graph-fit.ts):
 * full cards when they fit, else compact cards, else compact cards at the floor zoom with panning.
 * Runs when the box or the node sizes change (drawer, rotation, window, card mode).
 */
function LegibleFit({ mode, setMode, onPlan }: { mode: NodeMode; setMode: (m: NodeMode) => void; onPlan: (p: { overflow: boolean; minZoom: number }) => void }) {
  const { setViewport, getNodes } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const measured = useStore((s) => s.nodeLookup.size > 0 && [...s.nodeLookup.values()].every((n) => n.measured.width));
  const fullBounds = useRef<Box | null>(null);
  useEffect(() => {
    if (!width || !height || !measured) return;
    const bounds = getNodesBounds(getNodes());
    if (mode === "full") {
      fullBounds.current = bounds;
      if (!fullFits(bounds, width, height)) return setMode("compact");
    } else if (fullBounds.current && fullFits(fullBounds.current, width, height)) {
      return setMode("full");
    }
    const plan = legibleViewport(bounds, width, height, mode === "full" ? FULL_MIN_FONT_PX : COMPACT_MIN_FONT_PX);
    void setViewport({ x: plan.x, y: plan.y, zoom: plan.zoom }, { duration: 0 });
    onPlan({ overflow: plan.overflow, minZoom: plan.minZoom });
  }, [width, height, measured, mode, setMode, setViewport, getNodes, onPlan]);
  return null;
}

/** Zoom and fit buttons, in the toolbar above the canvas so they never cover a node. */
function ZoomButtons({ onFit }: { onFit: () => void }) {
  const { zoomIn, zoomOut } = useReactFlow();
  const button = "inline-flex size-7 items-center justify-center rounded border border-line bg-surface text-sm text-fg hover:bg-sunken focus-visible:outline-2 focus-visible:outline-accent";
  return (
    <div className="flex items-center gap-1" role="group" aria-label="Zoom">
      <button type="button" className={button} onClick={() => void zoomOut({ duration: 0 })} aria-label="Zoom out">
        −
      </button>
      <button type="button" className={button} onClick={() => void zoomIn({ duration: 0 })} aria-label="Zoom in">
        +
      </button>
      <button type="button" className={button} onClick={onFit} aria-label="Fit the graph to the view" title="Fit to view">
        ⤢
      </button>
    </div>
  );
}

/** The site's theme (`<html data-theme>`), so xyflow's own controls match it. */
function useDocumentTheme(): "light" | "dark" {
  const [theme, setTheme] = useState<"light" | "dark">("light");
  useEffect(() => {
    const read = () => setTheme(document.documentElement.dataset.theme === "dark" ? "dark" : "light");
    read();
    const observer = new MutationObserver(read);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    return () => observer.disconnect();
  }, []);
  return theme;
}

function Graph({ scenario, interactive, toolbar }: { scenario: Scenario; interactive: boolean; toolbar?: ReactNode }) {
  const lab = useLab();
  const [mode, setMode] = useState<NodeMode>("full");
  const initial = useMemo(() => buildGraph(scenario, interactive, mode), [scenario, interactive, mode]);
  const [nodes, setNodes, onNodesChange] = useNodesState(initial.nodes);
  useEffect(() => setNodes(initial.nodes), [initial.nodes, setNodes]);
  const [plan, setPlan] = useState({ overflow: false, minZoom: 0.3 });
  const [fitKey, setFitKey] = useState(0);
  const reduced = useReducedMotion();
  const colorMode = useDocumentTheme();
  const particles = useRef<ParticleHandle>(null);
  const selectedEdge = useLabState((s) => (s.selection?.type === "edge" ? s.selection.index : -1));
  const edges = useMemo(() => initial.edges.map((e) => ({ ...e, selected: e.data?.index === selectedEdge })), [initial.edges, selectedEdge]);

  const onPaneClick = useCallback(
    (event: React.MouseEvent) => {
      const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
      const requestId = particles.current?.hit(event.clientX - rect.left, event.clientY - rect.top);
      if (requestId != null) void lab.openTrace(requestId);
      else lab.select(null);
    },
    [lab],
  );

  return (
    <div className="flex h-full min-h-0 flex-1 flex-col">
      {(toolbar || interactive) && (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-line/60 px-2 py-1" data-testid="lab-graph-toolbar">
          {toolbar}
          {plan.overflow && (
            <p className="text-xs font-medium text-accent-strong" data-testid="lab-pan-hint">
              <span aria-hidden>↔ </span>Drag to pan: part of the graph is out of view
            </p>
          )}
          {interactive && (
            <div className="ml-auto">
              <ZoomButtons onFit={() => setFitKey((k) => k + 1)} />
            </div>
          )}
        </div>
      )}
      <div className="relative min-h-[var(--lab-graph-h,0px)] flex-1" data-node-mode={mode} data-testid="lab-canvas">
        {/* xyflow sizes itself at 100% of its parent; this box's height comes from flex and min-height,
            which a percentage cannot resolve against (it collapsed to 0 px), so an absolutely placed
            layer takes the box's laid-out size instead. */}
        <div className="absolute inset-0">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          colorMode={colorMode}
          nodeTypes={labNodeTypes}
          edgeTypes={labEdgeTypes}
          onNodesChange={interactive ? onNodesChange : undefined}
          nodesDraggable={interactive}
          nodesConnectable={false}
          // One tab stop per node: the card itself (NodeShell), not xyflow's wrapper as well.
          nodesFocusable={false}
          elementsSelectable={interactive}
          // Edges are reached with the arrow keys from a node (NodeShell), not with Tab.
          edgesFocusable={false}
          onNodeClick={interactive ? (_e, node) => lab.select({ type: "node", id: node.id }) : undefined}
          onEdgeClick={interactive ? (_e, edge) => lab.select({ type: "edge", id: (edge.data as LabEdgeData).edgeId, index: (edge.data as LabEdgeData).index }) : undefined}
          onPaneClick={interactive ? onPaneClick : undefined}
          minZoom={plan.minZoom}
          maxZoom={2}
          proOptions={{ hideAttribution: true }}
          panOnScroll={false}
          zoomOnScroll={false}
          preventScrolling={false}
          aria-label={`Graph of ${scenario.title ?? "the scenario"}: ${scenario.nodes.length} nodes`}
        >
          <LegibleFit key={fitKey} mode={mode} setMode={setMode} onPlan={setPlan} />
          {!reduced && interactive && <ParticleCanvas edges={scenario.edges} handle={particles} />}
        </ReactFlow>
        </div>
      </div>
    </div>
  );
}

export function LabGraph({ scenario, interactive = true, toolbar }: { scenario: Scenario; interactive?: boolean; toolbar?: ReactNode }) {
  return (
    <ReactFlowProvider>
      <Graph scenario={scenario} interactive={interactive} toolbar={toolbar} />
    </ReactFlowProvider>
  );
}
