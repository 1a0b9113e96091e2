"use client";
/**
 * The playground editor: a palette of node kinds ("Add" puts the node to the right of the selected
 * one and connects it; or drag onto the canvas), edges by click-to-connect ("Connect", then click the
 * target), the keyboard "Connect to…" menu, or dragging handles; a side panel for the selected node
 * with the validator's messages, delete, undo and redo (Ctrl/⌘+Z, Ctrl/⌘+Shift+Z or Ctrl+Y). Every
 * change is reported through `onChange`, so the lab beside it runs the design as it is edited.
 */
import { useCallback, useEffect, useMemo, useState, type DragEvent } from "react";
import { Background, Controls, Handle, Position, ReactFlow, ReactFlowProvider, useReactFlow, type Connection, type Edge, type Node, type NodeProps, type NodeTypes } from "@xyflow/react";
import { nodeKinds } from "@/simulations";
import { addNode, addNodeAfter, commit, connect, designIssues, issuesOfNode, kindName, moveNode, redo, removeEdges, removeNodes, startHistory, undo, updateNode, type Design, type History } from "@/lib/playground/design";
import { NodeInspector } from "./node-inspector";

type DraftNode = Node<{ label: string; kind: string; bad: boolean }>;

function DraftNodeView({ data, selected }: NodeProps<DraftNode>) {
  return (
    <div className={`min-w-[130px] rounded-lg border bg-surface px-3 py-2 text-sm shadow-sm ${selected ? "border-accent ring-2 ring-accent/40" : data.bad ? "border-warn" : "border-line"}`}>
      <Handle type="target" position={Position.Left} />
      <p className="font-semibold">{data.label}</p>
      <p className="text-xs text-muted">{kindName(data.kind)}</p>
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

const nodeTypes: NodeTypes = { draft: DraftNodeView };
const DRAG_TYPE = "application/x-faultline-kind";

function Canvas({ history, setHistory, selected, setSelected, connecting, onConnectTo }: { history: History; setHistory: (f: (h: History) => History) => void; selected: string | null; setSelected: (id: string | null) => void; connecting: boolean; onConnectTo: (id: string) => void }) {
  const flow = useReactFlow();
  const design = history.present;
  const issues = useMemo(() => designIssues(design), [design]);
  const nodes: DraftNode[] = design.scenario.nodes.map((n) => ({
    id: n.id,
    type: "draft",
    position: design.positions[n.id] ?? { x: 0, y: 0 },
    selected: n.id === selected,
    data: { label: n.id, kind: n.kind, bad: issuesOfNode(design, issues, n.id).length > 0 },
  }));
  const edges: Edge[] = design.scenario.edges.map((e) => ({ id: `${e.from}->${e.to}`, source: e.from, target: e.to, markerEnd: { type: "arrowclosed" } as Edge["markerEnd"] }));
  const apply = (f: (d: Design) => Design) => setHistory((h) => commit(h, f(h.present)));
  const count = design.scenario.nodes.length;
  // Keep every node in view as the design grows or shrinks.
  useEffect(() => {
    const id = requestAnimationFrame(() => void flow.fitView({ padding: 0.25, maxZoom: 1 }));
    return () => cancelAnimationFrame(id);
  }, [count, flow]);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    const kind = event.dataTransfer.getData(DRAG_TYPE);
    if (!kind || !nodeKinds[kind]) return;
    apply((d) => addNode(d, kind, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY })));
  };
  return (
    <div className={`h-full ${connecting ? "cursor-crosshair" : ""}`} onDrop={onDrop} onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = "copy"; }} data-testid="playground-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onConnect={(c: Connection) => c.source && c.target && apply((d) => connect(d, c.source, c.target))}
        onNodesDelete={(deleted) => apply((d) => removeNodes(d, deleted.map((n) => n.id)))}
        onEdgesDelete={(deleted) => apply((d) => removeEdges(d, deleted.map((e) => e.id)))}
        onNodeDragStop={(_e, node) => apply((d) => moveNode(d, node.id, node.position))}
        onNodesChange={(changes) => {
          for (const c of changes) if (c.type === "position" && c.position && c.dragging) setHistory((h) => ({ ...h, present: moveNode(h.present, c.id, c.position!) }));
        }}
        onNodeClick={(_e, node) => (connecting ? onConnectTo(node.id) : setSelected(node.id))}
        onPaneClick={() => setSelected(null)}
        deleteKeyCode={["Delete", "Backspace"]}
        fitView
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls />
      </ReactFlow>
    </div>
  );
}

export function PlaygroundEditor({ initial, onChange }: { initial: Design; onChange: (design: Design, runnable: boolean) => void }) {
  const [history, setHistoryState] = useState<History>(() => startHistory(initial));
  const [selected, setSelected] = useState<string | null>(null);
  const [connecting, setConnecting] = useState(false);
  const setHistory = useCallback((f: (h: History) => History) => setHistoryState(f), []);
  const design = history.present;
  const issues = useMemo(() => designIssues(design), [design]);
  const node = design.scenario.nodes.find((n) => n.id === selected);
  const apply = (f: (d: Design) => Design) => setHistory((h) => commit(h, f(h.present)));
  useEffect(() => onChange(design, issues.length === 0), [design, issues.length, onChange]);
  const add = (kind: string) => {
    const { design: next, id } = addNodeAfter(history.present, kind, selected);
    setHistory((h) => commit(h, next));
    setSelected(id);
  };
  const connectTo = (target: string) => {
    if (selected && target !== selected) apply((d) => connect(d, selected, target));
    setConnecting(false);
  };
  const others = design.scenario.nodes.filter((n) => n.id !== selected);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest("input, textarea, select")) return;
      const mod = e.ctrlKey || e.metaKey;
      if (e.key === "Escape") setConnecting(false);
      if (mod && e.key.toLowerCase() === "z") {
        e.preventDefault();
        setHistory(e.shiftKey ? redo : undo);
      } else if (mod && e.key.toLowerCase() === "y") {
        e.preventDefault();
        setHistory(redo);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [setHistory]);

  return (
    <div className="grid h-full min-h-[520px] grid-cols-1 gap-2 md:grid-cols-[220px_1fr_300px]" data-testid="playground-editor">
      <aside className="space-y-2 overflow-auto rounded-lg border border-line bg-surface p-2" aria-label="Node kinds">
        <h2 className="text-sm font-semibold">Node kinds</h2>
        <p className="text-xs text-muted">{selected ? `Add puts the node after “${selected}” and connects it.` : "Add puts the node on the canvas; select a node first to add after it."} Or drag onto the canvas.</p>
        {Object.entries(nodeKinds).map(([kind, entry]) => (
          <div key={kind} draggable onDragStart={(e) => e.dataTransfer.setData(DRAG_TYPE, kind)} className="cursor-grab rounded border border-line p-2 text-xs" data-testid={`palette-${kind}`}>
            <div className="flex items-center">
              <span className="font-semibold">{kindName(kind)}</span>
              <button type="button" className="ml-auto rounded border border-line px-1.5" onClick={() => add(kind)} aria-label={selected ? `Add a ${kindName(kind).toLowerCase()} after ${selected}` : `Add a ${kindName(kind).toLowerCase()}`} data-testid={`add-${kind}`}>
                Add
              </button>
            </div>
            <p className="mt-1 text-muted">{entry.summary}</p>
          </div>
        ))}
      </aside>
      <div className="flex min-h-[420px] flex-col rounded-lg border border-line">
        <div className="flex flex-wrap items-center gap-2 border-b border-line bg-surface px-2 py-1.5 text-sm">
          <button type="button" className="rounded border border-line px-2 py-0.5 disabled:opacity-50" onClick={() => setHistory(undo)} disabled={!history.past.length} aria-keyshortcuts="Control+Z" data-testid="undo">
            Undo
          </button>
          <button type="button" className="rounded border border-line px-2 py-0.5 disabled:opacity-50" onClick={() => setHistory(redo)} disabled={!history.future.length} aria-keyshortcuts="Control+Shift+Z" data-testid="redo">
            Redo
          </button>
          <label className="flex items-center gap-1 text-xs">
            Selected
            <select value={selected ?? ""} onChange={(e) => { setSelected(e.target.value || null); setConnecting(false); }} className="h-7 rounded border border-line bg-surface px-1 text-sm" data-testid="select-node">
              <option value="">none</option>
              {design.scenario.nodes.map((n) => (
                <option key={n.id} value={n.id}>{n.id}</option>
              ))}
            </select>
          </label>
          <button type="button" className={`rounded border px-2 py-0.5 disabled:opacity-50 ${connecting ? "border-accent bg-accent-soft text-accent-strong" : "border-line"}`} disabled={!selected || others.length === 0} aria-pressed={connecting} onClick={() => setConnecting(!connecting)} data-testid="connect-mode">
            {connecting ? "Click the target… (Esc)" : "Connect"}
          </button>
          <label className="flex items-center gap-1 text-xs">
            <span className="sr-only">Connect the selected node to…</span>
            <select value="" disabled={!selected || others.length === 0} onChange={(e) => e.target.value && connectTo(e.target.value)} className="h-7 rounded border border-line bg-surface px-1 text-sm disabled:opacity-50" data-testid="connect-to">
              <option value="">Connect to…</option>
              {others.map((n) => (
                <option key={n.id} value={n.id}>{n.id} ({kindName(n.kind).toLowerCase()})</option>
              ))}
            </select>
          </label>
          <span className="ml-auto text-xs text-muted" role="status" data-testid="design-status">
            {design.scenario.nodes.length} nodes, {design.scenario.edges.length} edges · {issues.length ? `${issues.length} problem${issues.length > 1 ? "s" : ""}` : "running below"}
          </span>
        </div>
        <div className="min-h-0 flex-1">
          <ReactFlowProvider>
            <Canvas history={history} setHistory={setHistory} selected={selected} setSelected={setSelected} connecting={connecting} onConnectTo={connectTo} />
          </ReactFlowProvider>
        </div>
      </div>
      <aside className="space-y-3 overflow-auto rounded-lg border border-line bg-surface p-3 text-sm" aria-label="Selected node">
        {node ? (
          <NodeInspector key={node.id} node={node} issues={issuesOfNode(design, issues, node.id)} onChange={(n) => apply((d) => updateNode(d, node.id, n))} onDelete={() => { apply((d) => removeNodes(d, [node.id])); setSelected(null); }} />
        ) : (
          <p className="text-muted">Select a node to configure it. To connect two nodes, select the first, then press Connect and click the second (or pick it in “Connect to…”).</p>
        )}
        {issues.length > 0 && (
          <details open={!node} className="text-xs">
            <summary className="font-medium">All problems ({issues.length})</summary>
            <ul className="mt-1 space-y-1" data-testid="design-issues">
              {issues.slice(0, 30).map((i, k) => (
                <li key={k}>
                  <code>{i.path || "scenario"}</code>: {i.message}
                </li>
              ))}
            </ul>
          </details>
        )}
        <label className="block text-xs">
          Title
          <input className="mt-0.5 block w-full rounded border border-line bg-surface px-1.5 py-1" value={design.scenario.title} onChange={(e) => apply((d) => ({ ...d, scenario: { ...d.scenario, title: e.target.value } }))} data-testid="design-title" />
        </label>
      </aside>
    </div>
  );
}
