import { describe, expect, it } from "vitest";
import { visibilityTrace } from "@/lib/mechanisms/visibility-timeout";

describe("visibility timeout script", () => {
  it("work that fits the lease is acked once and deleted", () => {
    const t = visibilityTrace("ok");
    expect(t.events.map((e) => e.kind)).toEqual(["received", "acked"]);
    expect(t.completions).toBe(1);
  });

  it("work slower than the lease is delivered again while it still runs: duplicate work, refused acks", () => {
    const t = visibilityTrace("slow", { visibilityMs: 30_000, processingMs: 40_000 });
    const received = t.events.filter((e) => e.kind === "received");
    expect(received[1].tMs).toBeLessThan(t.work[0].toMs);
    expect(t.events.some((e) => e.kind === "ack-refused")).toBe(true);
    expect(t.completions).toBeGreaterThan(1);
  });

  it("a crash waits out the lease before redelivery", () => {
    const t = visibilityTrace("crash", { visibilityMs: 30_000 });
    const again = t.events.find((e) => e.kind === "visible-again")!;
    expect(again.tMs).toBe(30_000);
    expect(t.events.at(-1)!.kind).toBe("acked");
    expect(t.events.at(-1)!.receiveCount).toBe(2);
  });

  it("a poison message is dead-lettered after maxReceiveCount receives", () => {
    const t = visibilityTrace("poison", { maxReceiveCount: 3 });
    expect(t.events.filter((e) => e.kind === "received")).toHaveLength(3);
    expect(t.events.at(-1)!.kind).toBe("dead-lettered");
    expect(t.completions).toBe(0);
  });

  it("a message is never hidden by two leases' acks at once: events are in time order", () => {
    for (const s of ["ok", "slow", "crash", "poison"] as const) {
      const ev = visibilityTrace(s).events;
      for (let i = 1; i < ev.length; i++) expect(ev[i].tMs).toBeGreaterThanOrEqual(ev[i - 1].tMs);
    }
  });
});
