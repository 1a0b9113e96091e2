import { describe, expect, it } from "vitest";
import { applyEdits, initialEdits, isFaultActive, withFault, withParam, withRecovery, withoutFault } from "@/lib/lab/edit-timeline";
import { preset } from "./fixtures";

const lb = preset("load-balancing/crash-behind-lb");

describe("edit timeline", () => {
  it("starts from the preset's own faults and applies settings without touching the preset", () => {
    const edits = withParam(withParam(initialEdits(lb), "users.ratePerSec", 500), "api-1.serviceMs.medianMs", 9);
    const scenario = applyEdits(lb, edits);
    expect(scenario.nodes[0].ratePerSec).toBe(500);
    expect((scenario.nodes[2].serviceMs as { medianMs: number }).medianMs).toBe(9);
    expect(lb.nodes[0].ratePerSec).toBe(1000);
    expect(scenario.faults).toEqual(lb.faults);
  });

  it("recover closes only the faults in effect now", () => {
    let edits = withFault(initialEdits(lb), { atMs: 1_000, target: "api-1", kind: "crash" }, "a");
    edits = withFault(edits, { atMs: 50_000, target: "api-1", kind: "crash" }, "later");
    const recovered = withRecovery(edits, "api-1", 4_000);
    expect(recovered.faults.find((f) => f.id === "a")!.durationMs).toBe(3_000);
    expect(recovered.faults.find((f) => f.id === "later")!.durationMs).toBeUndefined();
    expect(isFaultActive(recovered.faults.find((f) => f.id === "a")!, 3_999)).toBe(true);
    expect(isFaultActive(recovered.faults.find((f) => f.id === "a")!, 4_000)).toBe(false);
  });

  it("keeps the timeline sorted and removes faults by id", () => {
    let edits = withFault(initialEdits(lb), { atMs: 30_000, target: "api-1", kind: "crash" }, "x");
    edits = withFault(edits, { atMs: 100, target: "api-2", kind: "errors", rate: 0.5 }, "y");
    expect(edits.faults.map((f) => f.atMs)).toEqual([100, 20_000, 30_000]);
    expect(withoutFault(edits, "x").faults.map((f) => f.id)).toEqual(["y", "preset-0"]);
  });
});
