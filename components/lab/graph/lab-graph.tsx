"use client";
/**
 * The scenario drawn as a node graph: layered layout, draggable nodes, live gauges on each node,
 * particles (or, in reduced motion, per-edge counters) on the edges. Click or press Enter on a node
 * for its fault menu; click an edge to select it for a partition; click a particle to open its trace.
 */
import { Controls, ReactFlow, ReactFlowProvider, useNodesState, useReactFlow, useStore, type Edge, type Node } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Scenario } from "@/simulations";
import { layeredLayout } from "@/lib/lab/layout";
import { useLab, useLabState, useReducedMotion } from "../lab-context";
import { labEdgeTypes, type LabEdgeData } from "./lab-edge";
import { labNodeTypes, nodeTypeFor } from "./node-types";
import type { LabNodeData } from "./node-shell";
import { ParticleCanvas, type ParticleHandle } from "./particle-canvas";

export function buildGraph(scenario: Scenario, interactive = true): { nodes: Node<LabNodeData>[]; edges: Edge<LabEdgeData>[] } {
  const positions = layeredLayout(scenario);
  const nodes = scenario.nodes.map((n) => ({
    id: n.id,
    type: nodeTypeFor(n.kind),
    position: { x: positions[n.id].x, y: positions[n.id].y },
    data: { kind: n.kind, interactive, hasIncoming: scenario.edges.some((e) => e.to === n.id), hasOutgoing: scenario.edges.some((e) => e.from === n.id) },
  }));
  const edges = scenario.edges.map((e, index) => {
    const edgeId = e.id ?? `${e.from}->${e.to}`;
    return { id: `edge-${index}`, source: e.from, target: e.to, type: "lab", data: { index, edgeId }, ariaLabel: `Link ${edgeId}` };
  });
  return { nodes, edges };
}

/** Keeps the whole graph in view when the lab is resized (drawer, rotation, window). */
function FitOnResize() {
  const { fitView } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const measured = useStore((s) => [...s.nodeLookup.values()].every((n) => n.measured.width));
  useEffect(() => {
    if (!width || !height || !measured) return;
    const timer = setTimeout(() => void fitView({ padding: 0.12, duration: 0 }), 30);
    return () => clearTimeout(timer);
  }, [width, height, measured, fitView]);
  return null;
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

function Graph({ scenario, interactive }: { scenario: Scenario; interactive: boolean }) {
  const lab = useLab();
  const initial = useMemo(() => buildGraph(scenario, interactive), [scenario, interactive]);
  const [nodes, setNodes, onNodesChange] = useNodesState(initial.nodes);
  // A new scenario in the same lab (the playground's live edits, a restored link) redraws the nodes.
  useEffect(() => setNodes(initial.nodes), [initial.nodes, setNodes]);
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
    <ReactFlow
      nodes={nodes}
      edges={edges}
      colorMode={colorMode}
      nodeTypes={labNodeTypes}
      edgeTypes={labEdgeTypes}
      onNodesChange={interactive ? onNodesChange : undefined}
      nodesDraggable={interactive}
      nodesConnectable={false}
      nodesFocusable={interactive}
      elementsSelectable={interactive}
      edgesFocusable={interactive}
      onNodeClick={interactive ? (_e, node) => lab.select({ type: "node", id: node.id }) : undefined}
      onEdgeClick={interactive ? (_e, edge) => lab.select({ type: "edge", id: (edge.data as LabEdgeData).edgeId, index: (edge.data as LabEdgeData).index }) : undefined}
      onPaneClick={interactive ? onPaneClick : undefined}
      fitView
      fitViewOptions={{ padding: 0.15 }}
      minZoom={0.3}
      maxZoom={2}
      proOptions={{ hideAttribution: true }}
      panOnScroll={false}
      zoomOnScroll={false}
      preventScrolling={false}
      aria-label={`Graph of ${scenario.title ?? "the scenario"}: ${scenario.nodes.length} nodes`}
    >
      <FitOnResize />
      {interactive && <Controls showInteractive={false} position="bottom-left" />}
      {!reduced && interactive && <ParticleCanvas edges={scenario.edges} handle={particles} />}
    </ReactFlow>
  );
}

export function LabGraph({ scenario, interactive = true }: { scenario: Scenario; interactive?: boolean }) {
  return (
    <ReactFlowProvider>
      <Graph scenario={scenario} interactive={interactive} />
    </ReactFlowProvider>
  );
}
