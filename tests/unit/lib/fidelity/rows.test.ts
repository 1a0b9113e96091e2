/**
 * The /fidelity rows, recomputed here (never read from a cache): every row has an interval or a
 * bound and a verdict, and a row whose theory falls outside its interval must carry a written
 * explanation that accounts for the size of the deviation.
 */
import { describe, expect, it } from "vitest";
import { computeFidelityRows, evaluateRow } from "@/lib/fidelity/rows";
import { FIDELITY_FAMILIES } from "@/lib/fidelity/families";
import { KIND_NOTES, labFidelityNote } from "@/lib/fidelity/lab-notes";
import { listPresetIds, loadPreset } from "@/lib/lab/presets";

describe("fidelity rows", () => {
  const rows = computeFidelityRows();

  it("cover at least 30 rows in at least 10 families, with unique anchors", () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(new Set(rows.map((r) => r.family)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    for (const r of rows) {
      expect(FIDELITY_FAMILIES[r.family]).toBeDefined();
      expect(r.id.startsWith(r.family)).toBe(true);
    }
  });

  it("give every statistical row a real interval from at least 5 replications", () => {
    for (const r of rows.filter((x) => x.comparison === "interval")) {
      expect(r.replications, r.id).toBeGreaterThanOrEqual(5);
      expect(r.halfWidth, r.id).toBeGreaterThan(0);
      expect(Number.isFinite(r.estimate), r.id).toBe(true);
    }
  });

  it("flag no row without an explanation, and no explained row beyond what its explanation allows", () => {
    for (const r of rows) {
      if (r.verdict === "agrees") continue;
      expect(r.explanation, `${r.id}: theory ${r.theory}, simulated ${r.estimate} ± ${r.halfWidth} with no explanation`).toBeTruthy();
      const distance = r.theory === 0 ? Math.abs(r.estimate) : Math.abs(r.estimate - r.theory) / Math.abs(r.theory);
      expect(distance, `${r.id} strays ${distance} from theory, beyond ${r.explainedUpTo}`).toBeLessThanOrEqual(r.explainedUpTo!);
    }
  });

  it("give every lab's fidelity link a row to land on: each family a lab note names has rows", () => {
    // Little's law is checked on every preset by the page itself (lib/fidelity/littles-law-presets.ts).
    const withRows = new Set<string>([...rows.map((r) => r.family), "littles-law"]);
    const linked = new Map<string, string>();
    for (const id of listPresetIds()) linked.set(labFidelityNote(loadPreset(id)!).family, id);
    for (const [kind, note] of Object.entries(KIND_NOTES)) if (!linked.has(note.family)) linked.set(note.family, `kind ${kind}`);
    const empty = [...linked].filter(([family]) => !withRows.has(family)).map(([family, by]) => `${family} (linked by ${by})`);
    expect(empty, "families a lab links to with no row on /fidelity").toEqual([]);
  });

  it("hold every bound and definition exactly", () => {
    for (const r of rows.filter((x) => x.comparison !== "interval")) expect(r.verdict, `${r.id}: ${r.estimate} vs ${r.theory}`).toBe("agrees");
  });
}, 600_000);

describe("bounds on an expectation", () => {
  // Ten replications of a made-up measurement around 10 (no simulation): the verdict logic alone.
  const spec = (comparison: "mean-at-least" | "mean-at-most", bound: number) => ({
    id: "x",
    family: "load-balancing" as const,
    compared: "x",
    setting: "x",
    unit: "ms" as const,
    comparison,
    theory: bound,
    replications: 10,
    method: "x",
    scenario: (seed: number) => ({ seed }) as never,
    measure: (s: { seed: number }) => 10 + (s.seed % 2 === 0 ? 0.5 : -0.5),
  });

  it("agree when the interval reaches the bound, and flag when it lies wholly on the wrong side", () => {
    expect(evaluateRow(spec("mean-at-least", 9)).verdict).toBe("agrees");
    expect(evaluateRow(spec("mean-at-least", 10.2)).verdict).toBe("agrees");
    expect(evaluateRow(spec("mean-at-least", 12)).verdict).toBe("flagged");
    expect(evaluateRow(spec("mean-at-most", 11)).verdict).toBe("agrees");
    expect(evaluateRow(spec("mean-at-most", 8)).verdict).toBe("flagged");
  });
});
