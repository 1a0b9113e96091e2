/**
 * Prints the import graph of simulations/ by layer: the arrows between layers, the imports that run back
 * up, and the import cycles (`npm run layers`). tests/unit/simulations/layers.test.ts fails on either.
 */
import { backImports, importCycles, layerArrows, readImportGraph, SIMULATION_LAYERS } from "../tests/helpers/import-graph";

const graph = readImportGraph(process.cwd(), "simulations");
const edges = [...graph.values()].reduce((n, t) => n + t.length, 0);
const { back, unplaced } = backImports(graph, "simulations");
const cycles = importCycles(graph);
process.stdout.write(`layers (bottom first): ${SIMULATION_LAYERS.map((l) => l.name).join(" → ")}\n`);
process.stdout.write(`${graph.size} files, ${edges} imports\n`);
for (const [arrow, n] of [...layerArrows(graph, "simulations")].sort()) process.stdout.write(`  ${arrow}: ${n}\n`);
process.stdout.write(`imports running back up: ${back.length}\n`);
for (const b of back) process.stdout.write(`  ${b.from} (${b.fromLayer}) → ${b.to} (${b.toLayer})\n`);
process.stdout.write(`import cycles: ${cycles.length}\n`);
for (const c of cycles) process.stdout.write(`  ${c.join(" ⇄ ")}\n`);
if (unplaced.length) process.stdout.write(`files in no layer: ${unplaced.join(", ")}\n`);
process.exitCode = back.length || cycles.length || unplaced.length ? 1 : 0;
