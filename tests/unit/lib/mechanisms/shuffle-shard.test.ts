import { describe, expect, it } from "vitest";
import { allShards, choose, overlapProbability, overlapsWith, shuffleShardLayout } from "@/lib/mechanisms/shuffle-shard";

describe("shuffle sharding", () => {
  it("8 workers in shards of 2 give 28 shards, and 1 in 28 shards shares both workers with a given one", () => {
    expect(choose(8, 2)).toBe(28);
    expect(allShards(8, 2)).toHaveLength(28);
    expect(overlapProbability(8, 2, 2)).toBeCloseTo(1 / 28, 12);
  });

  it("the hypergeometric overlap matches counting every pair of shards", () => {
    for (const [n, k] of [
      [8, 2],
      [10, 3],
    ]) {
      const shards = allShards(n, k);
      const counts = new Array(k + 1).fill(0);
      for (const a of shards) for (const b of shards) counts[a.filter((w) => b.includes(w)).length]++;
      for (let j = 0; j <= k; j++) expect(counts[j] / shards.length ** 2).toBeCloseTo(overlapProbability(n, k, j), 12);
    }
  });

  it("the poison tenant overlaps itself fully and every overlap is between 0 and the shard size", () => {
    const layout = shuffleShardLayout(8, 2, 28);
    const o = overlapsWith(layout, 0);
    expect(o[0]).toBe(2);
    expect(o.every((x) => x >= 0 && x <= 2)).toBe(true);
    for (const t of layout.tenants) expect(new Set(t.shard).size).toBe(2);
  });
});
