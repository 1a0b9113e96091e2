import { describe, expect, it } from "vitest";
import { layeredLayout } from "@/lib/lab/layout";
import { preset } from "./fixtures";

describe("layered layout", () => {
  it("places a load-balancer preset left to right by depth, backends in one column, no overlaps", () => {
    const lb = preset("load-balancing/round-robin");
    const p = layeredLayout(lb);
    expect(p.users.layer).toBe(0);
    expect(p.lb.layer).toBe(1);
    const backends = ["api-1", "api-2", "api-3", "api-4", "api-5"].map((id) => p[id]);
    expect(new Set(backends.map((b) => b.x)).size).toBe(1);
    expect(backends.every((b) => b.x > p.lb.x)).toBe(true);
    const ys = backends.map((b) => b.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(new Set(ys).size).toBe(5);
    // The balancer sits level with the middle backend.
    expect(p.lb.y).toBe(p["api-3"].y);
  });

  it("uses the longest path and survives cycles", () => {
    const p = layeredLayout({
      nodes: [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }],
      edges: [{ from: "a", to: "b" }, { from: "b", to: "c" }, { from: "a", to: "c" }, { from: "c", to: "b" }, { from: "c", to: "d" }],
    });
    expect(p.a.layer).toBe(0);
    expect(p.b.layer).toBe(1);
    expect(p.c.layer).toBe(2);
    expect(p.d.layer).toBe(3);
  });
});
