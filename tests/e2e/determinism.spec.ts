/**
 * The simulation is deterministic across runtimes: the same scenario and seed give the identical
 * report in Node and in Chromium. The engine is bundled as-is (no test doubles) and run in the page.
 */
import { test, expect } from "@playwright/test";
import { build } from "esbuild";
import path from "node:path";
import { readFileSync } from "node:fs";
import { runScenario, validateScenario } from "@/simulations";

const root = path.resolve(import.meta.dirname, "../..");

async function bundleEngine(): Promise<string> {
  const result = await build({
    stdin: { contents: `export { runScenario, validateScenario } from "./simulations/index.ts";`, resolveDir: root, loader: "ts" },
    bundle: true,
    format: "iife",
    globalName: "FaultlineEngine",
    platform: "browser",
    write: false,
  });
  return result.outputFiles[0].text;
}

const presets = ["load-balancing/p2c", "caching/cache-aside", "load-balancing/crash-behind-lb", "queues/mm1-80"];

test("Node and Chromium produce identical reports for the same seed", async ({ page }) => {
  await page.goto("about:blank");
  await page.addScriptTag({ content: await bundleEngine() });
  for (const id of presets) {
    const doc = JSON.parse(readFileSync(path.join(root, "content/scenarios", `${id}.json`), "utf8"));
    const checked = validateScenario(doc);
    expect(checked.ok, id).toBe(true);
    if (!checked.ok) continue;
    const inNode = runScenario(checked.scenario);
    const inBrowser = await page.evaluate((d) => {
      const engine = (globalThis as unknown as { FaultlineEngine: { validateScenario: (x: unknown) => { ok: boolean; scenario?: unknown }; runScenario: (s: unknown) => unknown } }).FaultlineEngine;
      const v = engine.validateScenario(d);
      return v.ok ? engine.runScenario(v.scenario) : null;
    }, doc);
    expect(inBrowser, id).toEqual(inNode);
    expect(inNode.requests.arrived, id).toBeGreaterThan(100);
  }
});
