/**
 * A small layered layout for scenario graphs: left to right by depth from the sources (the longest
 * path, so a chain reads in order), nodes in a layer ordered by the mean position of their parents
 * (the barycentre heuristic, which removes most edge crossings in the shallow graphs presets have),
 * each layer centred vertically. Cycles (retries, callbacks) are broken by ignoring back edges.
 * Hand-written because presets are small and a general layout library would cost more to load than
 * this whole file.
 */
export interface LayoutInput {
  nodes: readonly { id: string; kind?: string }[];
  edges: readonly { from: string; to: string }[];
}

export interface LayoutOptions {
  columnGapPx?: number;
  rowGapPx?: number;
}

export type Positions = Record<string, { x: number; y: number; layer: number }>;

export function layeredLayout(graph: LayoutInput, options: LayoutOptions = {}): Positions {
  const columnGap = options.columnGapPx ?? 230;
  const rowGap = options.rowGapPx ?? 120;
  const ids = graph.nodes.map((n) => n.id);
  const outgoing = new Map<string, string[]>(ids.map((id) => [id, []]));
  const incoming = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of graph.edges) {
    if (!outgoing.has(e.from) || !incoming.has(e.to)) continue;
    outgoing.get(e.from)!.push(e.to);
    incoming.get(e.to)!.push(e.from);
  }

  // Depth-first from roots to find back edges (cycles), then longest-path layering on the DAG.
  const state = new Map<string, 0 | 1 | 2>();
  const back = new Set<string>();
  const visit = (id: string) => {
    state.set(id, 1);
    for (const to of outgoing.get(id)!) {
      if (state.get(to) === 1) back.add(`${id}->${to}`);
      else if (!state.get(to)) visit(to);
    }
    state.set(id, 2);
  };
  const roots = ids.filter((id) => incoming.get(id)!.length === 0);
  for (const id of [...roots, ...ids]) if (!state.get(id)) visit(id);

  const layer = new Map<string, number>();
  const layerOf = (id: string, seen = new Set<string>()): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0;
    seen.add(id);
    const parents = incoming.get(id)!.filter((p) => !back.has(`${p}->${id}`));
    const value = parents.length ? Math.max(...parents.map((p) => layerOf(p, seen) + 1)) : 0;
    layer.set(id, value);
    return value;
  };
  ids.forEach((id) => layerOf(id));

  const layers: string[][] = [];
  for (const id of ids) (layers[layer.get(id)!] ??= []).push(id);

  const order = new Map<string, number>();
  layers.forEach((members, l) => {
    if (l > 0) {
      const centre = (id: string) => {
        const parents = incoming.get(id)!.filter((p) => order.has(p));
        return parents.length ? parents.reduce((s, p) => s + order.get(p)!, 0) / parents.length : Infinity;
      };
      // Stable sort keeps scenario order among equals (api-1, api-2, ...).
      members.sort((a, b) => centre(a) - centre(b));
    }
    members.forEach((id, i) => order.set(id, i - (members.length - 1) / 2));
  });

  const positions: Positions = {};
  const tallest = Math.max(1, ...layers.map((m) => m?.length ?? 0));
  layers.forEach((members, l) =>
    members?.forEach((id) => {
      positions[id] = { x: l * columnGap, y: (order.get(id)! + (tallest - 1) / 2) * rowGap, layer: l };
    }),
  );
  return positions;
}
