/**
 * The playground's design: a draft scenario the learner builds node by node (it may be invalid while
 * being built; the validator's messages, with field paths, say what is missing), plus node positions
 * on the canvas, with undo and redo kept as a plain history of designs.
 */
import { isDefinedKind, nodeKinds, validateScenario, type Issue, type NodeSpec, type Scenario } from "@/simulations";
import { layeredLayout } from "@/lib/lab/layout";

export interface Design {
  scenario: Scenario;
  positions: Record<string, { x: number; y: number }>;
}

export interface History {
  past: Design[];
  present: Design;
  future: Design[];
}

const MAX_HISTORY = 100;

type AnySchema = { type: string; meta: Record<string, unknown>; fields?: Record<string, AnySchema>; optional?: readonly string[]; values?: readonly string[] };

/** A node of `kind` with valid starting values: its definition's `template`, else filled from its schema. */
export function templateFor(kind: string, id: string): NodeSpec {
  const entry = nodeKinds[kind];
  const template = entry && isDefinedKind(entry) ? entry.template : undefined;
  if (template) return { id, kind, ...structuredClone(template) };
  const schema = nodeKinds[kind]?.schema as unknown as AnySchema | undefined;
  const node: NodeSpec = { id, kind };
  for (const [field, f] of Object.entries(schema?.fields ?? {})) {
    if (field === "id" || field === "kind" || schema?.optional?.includes(field)) continue;
    if (f.type === "number") node[field] = (f.meta.uiMin as number | undefined) ?? (f.meta.min as number | undefined) ?? 1;
    else if (f.type === "enum" && f.values) node[field] = f.values[0];
    else if (f.type === "tagged") node[field] = { dist: "exponential", meanMs: 10 };
  }
  return node;
}

export function emptyDesign(): Design {
  return { scenario: { version: 1, title: "My system", seed: 1, stop: { durationMs: 120_000 }, nodes: [], edges: [], faults: [] }, positions: {} };
}

/** A design from a scenario, laid out left to right. */
export function designFrom(scenario: Scenario): Design {
  const laid = layeredLayout(scenario);
  return { scenario: structuredClone(scenario), positions: Object.fromEntries(Object.entries(laid).map(([id, p]) => [id, { x: p.x, y: p.y }])) };
}

export function startHistory(design: Design): History {
  return { past: [], present: design, future: [] };
}

export function commit(history: History, next: Design): History {
  return { past: [...history.past, history.present].slice(-MAX_HISTORY), present: next, future: [] };
}

export function undo(h: History): History {
  if (!h.past.length) return h;
  return { past: h.past.slice(0, -1), present: h.past[h.past.length - 1], future: [h.present, ...h.future] };
}

export function redo(h: History): History {
  if (!h.future.length) return h;
  return { past: [...h.past, h.present], present: h.future[0], future: h.future.slice(1) };
}

/** The first free id `<kind>`, `<kind>-2`, ... */
export function freeId(scenario: Scenario, kind: string): string {
  const used = new Set(scenario.nodes.map((n) => n.id));
  if (!used.has(kind)) return kind;
  for (let i = 2; ; i++) if (!used.has(`${kind}-${i}`)) return `${kind}-${i}`;
}

export function addNode(d: Design, kind: string, at?: { x: number; y: number }): Design {
  const id = freeId(d.scenario, kind);
  const n = d.scenario.nodes.length;
  return {
    scenario: { ...d.scenario, nodes: [...d.scenario.nodes, templateFor(kind, id)] },
    positions: { ...d.positions, [id]: at ?? { x: 40 + (n % 4) * 230, y: 40 + Math.floor(n / 4) * 140 } },
  };
}

/** A node kind's name for people: "load-balancer" → "Load balancer". */
export function kindName(kind: string): string {
  const words = kind.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Adds a node of `kind` to the right of `after` (below its other targets) and connects `after` to it,
 * so a system grows left to right without dragging: source, then balancer, then servers. Without
 * `after` the node goes below everything else.
 */
export function addNodeAfter(d: Design, kind: string, after: string | null): { design: Design; id: string } {
  const id = freeId(d.scenario, kind);
  const from = after ? d.scenario.nodes.find((n) => n.id === after) : undefined;
  let at: { x: number; y: number };
  if (from) {
    const origin = d.positions[from.id] ?? { x: 0, y: 0 };
    const siblings = d.scenario.edges.filter((e) => e.from === from.id).length;
    at = { x: origin.x + 240, y: origin.y + siblings * 120 };
  } else {
    const ys = Object.values(d.positions).map((p) => p.y);
    at = { x: 40, y: ys.length ? Math.max(...ys) + 140 : 40 };
  }
  const placed: Design = { scenario: { ...d.scenario, nodes: [...d.scenario.nodes, templateFor(kind, id)] }, positions: { ...d.positions, [id]: at } };
  return { design: from ? connect(placed, from.id, id) : placed, id };
}

export function removeNodes(d: Design, ids: string[]): Design {
  const gone = new Set(ids);
  const positions = { ...d.positions };
  for (const id of ids) delete positions[id];
  return {
    scenario: {
      ...d.scenario,
      nodes: d.scenario.nodes.filter((n) => !gone.has(n.id)),
      edges: d.scenario.edges.filter((e) => !gone.has(e.from) && !gone.has(e.to)),
      faults: (d.scenario.faults ?? []).filter((f) => !gone.has(f.target) && !ids.some((id) => f.target.startsWith(`${id}->`) || f.target.endsWith(`->${id}`))),
    },
    positions,
  };
}

export function connect(d: Design, from: string, to: string): Design {
  if (from === to || d.scenario.edges.some((e) => e.from === from && e.to === to)) return d;
  return { ...d, scenario: { ...d.scenario, edges: [...d.scenario.edges, { from, to }] } };
}

export function removeEdges(d: Design, keys: string[]): Design {
  const gone = new Set(keys);
  return { ...d, scenario: { ...d.scenario, edges: d.scenario.edges.filter((e) => !gone.has(`${e.from}->${e.to}`)) } };
}

/** Replaces a node's fields (its id may change; edges and positions follow). */
export function updateNode(d: Design, id: string, next: NodeSpec): Design {
  const rename = (x: string) => (x === id ? next.id : x);
  const positions = { ...d.positions };
  if (next.id !== id) {
    positions[next.id] = positions[id];
    delete positions[id];
  }
  return {
    scenario: {
      ...d.scenario,
      nodes: d.scenario.nodes.map((n) => (n.id === id ? next : n)),
      edges: d.scenario.edges.map((e) => ({ ...e, from: rename(e.from), to: rename(e.to) })),
    },
    positions,
  };
}

export function moveNode(d: Design, id: string, at: { x: number; y: number }): Design {
  return { ...d, positions: { ...d.positions, [id]: at } };
}

/** The validator's problems with the design (empty when it can run). */
export function designIssues(d: Design): Issue[] {
  const result = validateScenario(d.scenario);
  return result.ok ? [] : result.issues;
}

/** The problems that concern one node (paths under `nodes[i]`). */
export function issuesOfNode(d: Design, issues: Issue[], id: string): Issue[] {
  const i = d.scenario.nodes.findIndex((n) => n.id === id);
  return issues.filter((issue) => issue.path === `nodes[${i}]` || issue.path.startsWith(`nodes[${i}].`));
}
