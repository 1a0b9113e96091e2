import { describe, expect, it } from "vitest";
import { moduloMovedShare, movedKeyShare, ringArcs, ringSteps } from "@/lib/mechanisms/hash-ring";

const servers = (n: number) => Array.from({ length: n }, (_, i) => `api-${i + 1}`);

describe("hash ring model", () => {
  it("arcs cover the whole circle exactly once", () => {
    const arcs = ringArcs(servers(4), 16);
    const total = arcs.reduce((s, a) => s + (a.end - a.start), 0);
    expect(total).toBeCloseTo(1, 9);
    const sorted = [...arcs].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].start).toBeCloseTo(sorted[i - 1].end, 12);
  });

  it("a joining server takes about 1/(n+1) of the keys (virtual nodes), hash mod n moves about n/(n+1)", () => {
    for (const n of [3, 4, 7]) {
      const moved = movedKeyShare(servers(n), servers(n + 1), 100);
      expect(moved).toBeGreaterThan(0.6 / (n + 1));
      expect(moved).toBeLessThan(1.4 / (n + 1));
      expect(moduloMovedShare(n)).toBeCloseTo(n / (n + 1), 1);
    }
  });

  it("only the joining server's arcs move, and the keys that moved equal its share of the ring", () => {
    const steps = ringSteps(servers(5), 100);
    const joined = steps[2];
    for (const a of joined.arcs) if (a.moved) expect(a.target).toBe(4);
    expect(joined.movedKeys).toBeCloseTo(joined.shares[4], 1);
  });

  it("virtual nodes even out the shares", () => {
    const spread = (s: number[]) => Math.max(...s) - Math.min(...s);
    const [one, many] = ringSteps(servers(5), 100);
    expect(spread(many.shares)).toBeLessThan(spread(one.shares));
  });
});
