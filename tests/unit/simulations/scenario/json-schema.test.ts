/**
 * The published JSON Schema and the validator are generated from the same definitions; this checks
 * they agree: every preset passes both, and broken documents fail both.
 */
import { describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import { readFileSync } from "node:fs";
import { scenarioJsonSchema, validateScenario } from "@/simulations";
import { listPresetFiles } from "../../../helpers/presets";

const presets = listPresetFiles();

const ajv = new Ajv2020({ strict: false, allErrors: true });
const validateJson = ajv.compile(scenarioJsonSchema());

describe("scenario JSON Schema", () => {
  it("accepts every preset, as the validator does", () => {
    for (const preset of presets) {
      const doc = JSON.parse(readFileSync(preset, "utf8"));
      expect(validateScenario(doc).ok, preset).toBe(true);
      expect(validateJson(doc), `${preset}: ${ajv.errorsText(validateJson.errors)}`).toBe(true);
    }
  });

  it("refuses what the validator refuses", () => {
    const good = JSON.parse(readFileSync(presets[0], "utf8"));
    const broken = [
      { ...good, version: 2 },
      { ...good, nodes: [{ ...good.nodes[0], ratePerSec: -1 }, ...good.nodes.slice(1)] },
      { ...good, extra: true },
      { ...good, stop: {} },
      { ...good, nodes: [{ ...good.nodes[0], kind: "teapot" }, ...good.nodes.slice(1)] },
    ];
    for (const doc of broken) {
      expect(validateScenario(doc).ok).toBe(false);
      expect(validateJson(doc)).toBe(false);
    }
  });
});
