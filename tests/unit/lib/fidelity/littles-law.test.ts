/** Little's law on every preset: the books close exactly, and stable presets agree within 2% on answered requests alone. */
import { describe, expect, it } from "vitest";
import { littlesLawOnPresets } from "@/lib/fidelity/littles-law-presets";
import { listPresetIds } from "@/lib/lab/presets";

describe("Little's law on every preset", () => {
  const checks = littlesLawOnPresets();

  it("checks every preset", () => {
    expect(checks.map((c) => c.id)).toEqual(listPresetIds());
    expect(checks.length).toBeGreaterThan(100);
  });

  it("closes L = λW when requests still inside are counted up to the end", () => {
    for (const c of checks) expect(c.closedDeviation, c.id).toBeLessThan(1e-9);
  });

  it("agrees within 2% on answered requests where the end boundary is under 1% of the time", () => {
    for (const c of checks.filter((x) => x.openShare <= 0.01 && x.L > 0)) expect(c.answeredDeviation, c.id).toBeLessThan(0.02);
  });
}, 300_000);
