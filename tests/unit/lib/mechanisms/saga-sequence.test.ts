import { describe, expect, it } from "vitest";
import { sequenceTrace } from "@/lib/mechanisms/saga-sequence";

describe("2PC and saga sequences", () => {
  it("2PC without a crash: prepare and votes before any commit, everyone committed", () => {
    const t = sequenceTrace("2pc", false);
    const firstCommit = t.messages.findIndex((m) => m.label === "commit");
    expect(t.messages.slice(0, firstCommit).filter((m) => m.label === "vote yes")).toHaveLength(3);
    const last = t.messages.at(-1)!.states;
    expect([last.Orders, last.Inventory, last.Payments]).toEqual(["committed", "committed", "committed"]);
  });

  it("2PC with the coordinator crashing after the votes leaves every participant in doubt, holding locks", () => {
    const t = sequenceTrace("2pc", true);
    const crash = t.messages.findIndex((m) => m.label === "crash");
    const beforeRecover = t.messages[t.messages.findIndex((m) => m.label === "recover") - 1].states;
    expect(crash).toBeGreaterThan(0);
    for (const s of ["Orders", "Inventory", "Payments"]) expect(beforeRecover[s]).toMatch(/in doubt/);
  });

  it("a failed saga step compensates the completed steps in reverse order", () => {
    const t = sequenceTrace("saga", true);
    const undo = t.messages.filter((m) => m.from === "Orchestrator" && /cancel|release|refund/.test(m.label)).map((m) => m.label);
    expect(undo).toEqual(["release stock", "cancel order"]);
    const end = t.messages.at(-1)!.states;
    expect(end.Orders).toBe("order cancelled");
    expect(end.Inventory).toBe("stock released");
    expect(end.Orchestrator).toBe("compensated");
  });

  it("a saga that succeeds holds no compensations", () => {
    const t = sequenceTrace("saga", false);
    expect(t.messages.some((m) => /cancel|release|refund/.test(m.label))).toBe(false);
    expect(t.messages.at(-1)!.states.Orchestrator).toBe("completed");
  });
});
