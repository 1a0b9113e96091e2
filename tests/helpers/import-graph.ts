/**
 * A small import-graph walk over simulations/ (issue 11): the layers inside the library, the arrows that
 * run back up between them, and the import cycles. Shared by tests/unit/simulations/layers.test.ts (which
 * fails on a back-import or a cycle) and `npm run layers` (which prints the figures). Type-only imports
 * count: a type cycle is still a knot in the design.
 */
import fs from "node:fs";
import path from "node:path";
import layersJson from "../../simulations/layers.json";

/** File path (relative to the root, with `/`) → files it imports (same form). */
export type ImportGraph = Map<string, string[]>;

/**
 * The layers of simulations/, bottom first (simulations/layers.json, which the lint config reads too).
 * A file may import files of its own layer or of a lower one. Each layer lists path prefixes relative
 * to simulations/; a file belongs to the layer of its longest matching prefix.
 */
export const SIMULATION_LAYERS: readonly { name: string; prefixes: readonly string[] }[] = layersJson.layers.map((l) => ({ name: l.name, prefixes: l.paths }));

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+"([^"]+)"|(?:^|\n)\s*import\s+"([^"]+)"/g;

/** Reads every .ts file under `dir` (relative to `root`) and resolves its relative imports. */
export function readImportGraph(root: string, dir: string): ImportGraph {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(path.join(root, d), { withFileTypes: true })) {
      const rel = `${d}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith(".ts")) files.push(rel);
    }
  };
  walk(dir);
  const known = new Set(files);
  const graph: ImportGraph = new Map();
  for (const file of files.sort()) {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    const targets = new Set<string>();
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith(".")) continue;
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      const hit = [`${base}.ts`, `${base}/index.ts`, base].find((c) => known.has(c));
      if (!hit) throw new Error(`${file}: cannot resolve import "${spec}"`);
      targets.add(hit);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** The index of the layer a file belongs to (`file` relative to simulations/), or -1. */
export function layerOf(file: string, layers = SIMULATION_LAYERS): number {
  let best = -1;
  let bestLength = -1;
  layers.forEach((layer, i) => {
    for (const prefix of layer.prefixes) {
      if ((file === prefix || file.startsWith(prefix)) && prefix.length > bestLength) {
        best = i;
        bestLength = prefix.length;
      }
    }
  });
  return best;
}

/** An import that runs from a lower layer up to a higher one. */
export interface BackImport { from: string; to: string; fromLayer: string; toLayer: string }

/** Every import from a file to a file of a higher layer; files of no layer are reported too. */
export function backImports(graph: ImportGraph, base: string, layers = SIMULATION_LAYERS): { back: BackImport[]; unplaced: string[] } {
  const strip = (f: string) => (f.startsWith(`${base}/`) ? f.slice(base.length + 1) : f);
  const back: BackImport[] = [];
  const unplaced = new Set<string>();
  for (const [from, targets] of graph) {
    const a = layerOf(strip(from), layers);
    if (a < 0) unplaced.add(from);
    for (const to of targets) {
      const b = layerOf(strip(to), layers);
      if (b < 0) unplaced.add(to);
      if (a >= 0 && b > a) back.push({ from, to, fromLayer: layers[a].name, toLayer: layers[b].name });
    }
  }
  return { back, unplaced: [...unplaced].sort() };
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
export function importCycles(graph: ImportGraph): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return cycles;
}

/** Edges between folders (layer names), counted: a coarse picture for reports. */
export function layerArrows(graph: ImportGraph, base: string, layers = SIMULATION_LAYERS): Map<string, number> {
  const strip = (f: string) => (f.startsWith(`${base}/`) ? f.slice(base.length + 1) : f);
  const counts = new Map<string, number>();
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const a = layerOf(strip(from), layers);
      const b = layerOf(strip(to), layers);
      if (a === b) continue;
      const key = `${layers[a]?.name ?? "?"} -> ${layers[b]?.name ?? "?"}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}
