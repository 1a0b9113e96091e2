import { describe, expect, it } from "vitest";
import { evaluateRow } from "@/lib/fidelity/rows";
import { storageRowSpecs } from "@/lib/fidelity/storage-rows";
import { FIDELITY_FAMILIES } from "@/lib/fidelity/families";
import { lossDuringRepair } from "@/lib/storage/durability";

describe("durability fidelity rows", () => {
  it("the binomial tail agrees with the seeded Monte Carlo", () => {
    const rows = storageRowSpecs().map(evaluateRow);
    expect(rows.map((r) => r.id)).toEqual(["durability-three-copies", "durability-rs-6-3"]);
    for (const r of rows) {
      expect(FIDELITY_FAMILIES[r.family]).toBeDefined();
      expect(r.verdict, `${r.id}: ${r.estimate} ± ${r.halfWidth} vs ${r.theory}`).toBe("agrees");
      expect(r.widget?.href).toBe("/learn/storage-object-block-file#copies-or-erasure-codes");
    }
  });

  it("the rows can fail: a formula that forgets one disk is down (n disks instead of n − 1) is flagged", () => {
    const spec = storageRowSpecs()[1];
    const wrong = lossDuringRepair({ k: 7, m: 3 }, 0.5, 2000); // 9 other disks instead of 8
    expect(evaluateRow({ ...spec, theory: wrong }).verdict).toBe("flagged");
  });
});
