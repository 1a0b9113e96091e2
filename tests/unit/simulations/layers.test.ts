/**
 * The layers inside simulations/ (issue 11): engine → kernel → references → models → registry →
 * scenario → runtime → index (simulations/layers.json). No import runs back up a layer and there are no
 * import cycles, on the real import graph. The checks are shown to fail: the graph walk on a synthetic
 * folder with a deliberate back-import and cycle, and the lint rule on deliberate back-imports.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import { backImports, importCycles, layerOf, readImportGraph, SIMULATION_LAYERS } from "../../helpers/import-graph";

const root = path.resolve(import.meta.dirname, "../../..");

describe("simulations/ import graph", () => {
  const graph = readImportGraph(root, "simulations");

  it("reads a real graph (every file, its relative imports resolved)", () => {
    expect(graph.size).toBeGreaterThan(60);
    expect(graph.get("simulations/registry.ts")).toContain("simulations/models/source/source.ts");
    expect(graph.get("simulations/kernel/ledger.ts")).toContain("simulations/kernel/request.ts");
  });

  it("places every file in a layer", () => {
    expect(backImports(graph, "simulations").unplaced).toEqual([]);
  });

  it("has no import running back up a layer", () => {
    const { back } = backImports(graph, "simulations");
    expect(back.map((b) => `${b.from} (${b.fromLayer}) imports ${b.to} (${b.toLayer})`)).toEqual([]);
  });

  it("has no import cycle (type-only imports included)", () => {
    expect(importCycles(graph)).toEqual([]);
  });
});

describe("the graph check fails on a deliberate back-import and cycle", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-layers-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write("simulations/engine/clock.ts", "export const now = 0;\n");
  write("simulations/kernel/model.ts", 'import { now } from "../engine/clock";\nexport const t = now;\n');
  // The back-import: a model reaching up into the runtime, which imports the model (a cycle).
  write("simulations/models/server.ts", 'import type { Run } from "../runtime/run";\nimport { t } from "../kernel/model";\nexport type S = Run | typeof t;\n');
  write("simulations/runtime/run.ts", 'import type { S } from "../models/server";\nexport interface Run { s?: S }\n');

  const graph = readImportGraph(dir, "simulations");

  it("finds exactly the back-import", () => {
    expect(backImports(graph, "simulations").back).toEqual([
      { from: "simulations/models/server.ts", to: "simulations/runtime/run.ts", fromLayer: "models", toLayer: "runtime" },
    ]);
  });

  it("finds the cycle", () => {
    expect(importCycles(graph)).toEqual([["simulations/models/server.ts", "simulations/runtime/run.ts"]]);
  });

  it("places files by their longest prefix", () => {
    const names = SIMULATION_LAYERS.map((l) => l.name);
    expect(names[layerOf("registry.ts")]).toBe("registry");
    expect(names[layerOf("checker/history.ts")]).toBe("references");
    expect(layerOf("elsewhere/x.ts")).toBe(-1);
  });
});

describe("the lint rule refuses imports that run back up", () => {
  const eslint = new ESLint({ cwd: root });
  const lint = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
    return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
  };

  it.each([
    ["simulations/models/source/probe.ts", 'import type { ScenarioRun } from "../../runtime/scenario-run";', "models must not import runtime"],
    ["simulations/models/source/probe.ts", 'import { nodeKinds } from "../../registry";', "models must not import registry"],
    ["simulations/engine/probe.ts", 'import type { Request } from "../kernel/model";', "engine must not import kernel"],
    ["simulations/kernel/probe.ts", 'import type { Scenario } from "../scenario/schema";', "kernel must not import scenario"],
    ["simulations/scenario/probe.ts", 'import { ScenarioRun } from "../runtime/scenario-run";', "scenario must not import runtime"],
  ])("%s: %s is refused", async (file, code, expected) => {
    const messages = await lint(file, `${code}\n`);
    expect(messages.length).toBe(1);
    expect(messages[0]).toContain(expected);
  }, 60_000);

  it("allows imports down the layers", async () => {
    expect(await lint("simulations/runtime/probe.ts", 'import { nodeKinds } from "../registry";\n')).toEqual([]);
    expect(await lint("simulations/models/source/probe.ts", 'import type { Request } from "../../kernel/model";')).toEqual([]);
  }, 60_000);
});
