import { describe, expect, it } from "vitest";
import { evaluateRow } from "@/lib/fidelity/rows";
import { workflowRowSpecs } from "@/lib/fidelity/workflow-rows";
import { FIDELITY_FAMILIES } from "@/lib/fidelity/families";
import { finalState, simulate } from "@/lib/workflow/replay";

describe("workflow fidelity rows", () => {
  it("every row agrees with the replay invariant", () => {
    const rows = workflowRowSpecs().map(evaluateRow);
    expect(rows.map((r) => r.id)).toEqual(["workflow-replay-same-history", "workflow-nondeterminism-detected"]);
    for (const r of rows) {
      expect(FIDELITY_FAMILIES[r.family]).toBeDefined();
      expect(r.replications).toBe(9);
      expect(r.verdict, r.id).toBe("agrees");
      expect(r.widget?.href).toBe("/learn/workflow-orchestration#durable-workflow-engines");
    }
  });

  it("the rows can fail: clock-reading code killed before the timer ends in a different history", () => {
    const reference = finalState(simulate());
    const differs = [1, 2, 3, 4, 5].filter((k) => finalState(simulate({ mode: "reads-clock", killAfter: k })) !== reference);
    expect(differs).toEqual([1, 2, 3, 4, 5]);
  });
});
