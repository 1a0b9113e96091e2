/**
 * The outbox and CDC rows on /fidelity, evaluated here on their own (the full rows test runs them
 * too): each agrees with its reference, and each reference would catch a model that broke it.
 */
import { describe, expect, it } from "vitest";
import { evaluateRow } from "@/lib/fidelity/rows";
import { changeCaptureScenario, eventSourcingRowSpecs, outboxRowSpecs } from "@/lib/fidelity/outbox-rows";
import { runScenario } from "@/simulations";

describe("outbox and CDC fidelity rows", () => {
  const specs = outboxRowSpecs();

  it("are anchored under the outbox family", () => {
    expect(specs.length).toBeGreaterThanOrEqual(7);
    for (const s of specs) expect(s.id.startsWith("outbox-")).toBe(true);
  });

  for (const spec of specs) {
    it(`${spec.id} agrees with its reference`, () => {
      const row = evaluateRow(spec);
      expect(row.verdict, `${row.id}: ${row.estimate} ± ${row.halfWidth} vs ${row.theory}`).toBe("agrees");
    });
  }

  it("would flag a dual write as losing events, and an unkeyed topic as reordering", () => {
    const dual = runScenario(changeCaptureScenario({ mode: "dual-write", gapCrashRate: 0.005 }, 1)).nodes["order-service"] as Record<string, number>;
    expect(dual.lostEvents).toBeGreaterThan(0);
    const unkeyed = runScenario(changeCaptureScenario({ mode: "cdc", partitions: 8, messageKey: "none", consumeMs: { dist: "exponential", meanMs: 20 } }, 1)).nodes["order-service"] as Record<string, number>;
    expect(unkeyed.outOfOrder).toBeGreaterThan(0);
    const plain = runScenario(changeCaptureScenario({ mode: "outbox", gapCrashRate: 0.005 }, 1)).nodes["order-service"] as Record<string, number>;
    expect(plain.mismatchedAggregates).toBeGreaterThan(0);
  });
});

describe("event-sourcing fidelity rows", () => {
  for (const spec of eventSourcingRowSpecs()) {
    it(`${spec.id} agrees with its reference`, () => {
      expect(spec.id.startsWith(spec.family)).toBe(true);
      const row = evaluateRow(spec);
      expect(row.verdict, `${row.id}: ${row.estimate} ± ${row.halfWidth} vs ${row.theory}`).toBe("agrees");
    });
  }
});
