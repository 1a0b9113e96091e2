/**
 * The partitioned-log rows on /fidelity hold, and they can fail: the same row run on a model
 * configured to break the guarantee (acks=1, a fixed partition count) is flagged.
 */
import { describe, expect, it } from "vitest";
import { evaluateRow } from "@/lib/fidelity/rows";
import { partitionedLogRowSpecs } from "@/lib/fidelity/partitioned-log-rows";
import type { Scenario } from "@/simulations";

const specs = partitionedLogRowSpecs();
const spec = (id: string) => specs.find((s) => s.id === id)!;

/** The row's spec with `fields` overriding the log node's fields in every replication. */
function altered(id: string, fields: Record<string, unknown>) {
  const s = spec(id);
  return { ...s, scenario: (seed: number): Scenario => {
    const doc = s.scenario!(seed);
    return { ...doc, nodes: doc.nodes.map((n) => ({ ...n, ...fields })) } as Scenario;
  } };
}

describe("partitioned-log fidelity rows", () => {
  it("all agree", () => {
    for (const s of specs) expect(evaluateRow(s).verdict, s.id).toBe("agrees");
  });
  it("flag a broken guarantee", () => {
    expect(evaluateRow(altered("partitioned-log-acks-all", { acks: "1", minInsyncReplicas: 1 })).verdict).toBe("flagged");
    expect(evaluateRow(altered("partitioned-log-key-order-moved", { partitionsGrow: [] })).verdict).toBe("flagged");
    expect(evaluateRow(altered("partitioned-log-cooperative-pause", { rebalance: "eager" })).verdict).toBe("flagged");
  });
});
