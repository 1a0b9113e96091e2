import { describe, expect, it } from "vitest";
import { evaluateRow } from "@/lib/fidelity/rows";
import { countedEmptyShare, deliveryRowSpecs } from "@/lib/fidelity/delivery-rows";
import { FIDELITY_FAMILIES } from "@/lib/fidelity/families";

describe("delivery fidelity rows", () => {
  it("every row agrees", () => {
    const rows = deliveryRowSpecs().map(evaluateRow);
    expect(rows.map((r) => r.id)).toEqual(["delivery-polling-empty-share", "delivery-whole-file-attempts", "delivery-chunk-waste-bound"]);
    for (const r of rows) {
      expect(FIDELITY_FAMILIES[r.family]).toBeDefined();
      expect(r.verdict, `${r.id}: ${r.estimate} ± ${r.halfWidth} vs ${r.theory}`).toBe("agrees");
      expect(r.widget?.href).toMatch(/^\/learn\/(real-time-communication|media-processing)#/);
    }
  });

  it("the timeline count works from poll and update times alone (hand-checked cases)", () => {
    expect(countedEmptyShare(10, 2, 0.7)).toBeCloseTo(0.8, 12); // four polls in five find nothing
    expect(countedEmptyShare(2, 10, 3.1)).toBe(0); // every poll collects five updates
    expect(countedEmptyShare(10, 5, 1.3)).toBeCloseTo(0.5, 12); // every other poll
  });
});
