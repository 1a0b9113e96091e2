/** The disaster-recovery fidelity rows hold their bounds, and would be flagged if the model broke them. */
import { describe, expect, it } from "vitest";
import { evaluateRow } from "@/lib/fidelity/rows";
import { disasterRecoveryRowSpecs } from "@/lib/fidelity/disaster-recovery-rows";

describe("disaster-recovery fidelity rows", () => {
  const specs = disasterRecoveryRowSpecs();
  it("agree, each on at least 40 disasters", () => {
    expect(specs.map((s) => s.id)).toEqual(["disaster-recovery-async-loss", "disaster-recovery-sync-loss", "disaster-recovery-backup-loss", "disaster-recovery-pitr-loss", "disaster-recovery-rto-sum"]);
    for (const spec of specs) {
      const row = evaluateRow(spec);
      expect(row.verdict, `${row.id}: ${row.estimate} vs ${row.theory}`).toBe("agrees");
      expect(row.replications).toBeGreaterThanOrEqual(40);
      expect(row.widget?.href).toMatch(/^\/learn\/disaster-recovery#/);
    }
  });
  it("are not vacuous: the loss ratios come close to their bounds", () => {
    const byId = Object.fromEntries(specs.map((s) => [s.id, evaluateRow(s)]));
    expect(byId["disaster-recovery-async-loss"].estimate).toBeGreaterThan(0.5);
    expect(byId["disaster-recovery-backup-loss"].estimate).toBeGreaterThan(0.5);
    expect(byId["disaster-recovery-pitr-loss"].estimate).toBeGreaterThan(0.5);
  });
  it("flag a bound that is too tight", () => {
    const spec = { ...specs[0], theory: 0.01 };
    expect(evaluateRow(spec).verdict).toBe("flagged");
  });
});
