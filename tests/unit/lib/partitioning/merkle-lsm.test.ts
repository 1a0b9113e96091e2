import { describe, expect, it } from "vitest";
import { buildMerkleTree, diffMerkle, merkleExchangeBound, replicaPair, spreadKeys } from "@/lib/partitioning/merkle";
import { amplification, compareStrategies } from "@/lib/partitioning/lsm";

describe("Merkle anti-entropy", () => {
  it("equal replicas cost one hash and no key comparisons", () => {
    const { a, b } = replicaPair(1024, []);
    const d = diffMerkle(a, b, 8);
    expect(d.hashesExchanged).toBe(1);
    expect(d.keysCompared).toBe(0);
  });

  it("one divergent key costs exactly 1 + 2·depth hashes and one leaf of keys", () => {
    for (const depth of [2, 4, 8, 10]) {
      const { a, b } = replicaPair(1024, [517]);
      const d = diffMerkle(a, b, depth);
      expect(d.hashesExchanged).toBe(1 + 2 * depth);
      expect(d.divergentLeaves).toEqual([Math.floor(517 / (1024 / 2 ** depth))]);
      expect(d.keysCompared).toBe(1024 / 2 ** depth);
    }
  });

  it("hashes exchanged grow with depth × divergent leaves, never past 1 + 2·k·depth, and find every differing key", () => {
    for (const k of [1, 2, 8, 32]) {
      const stale = spreadKeys(65_536, k, k);
      const { a, b } = replicaPair(65_536, stale);
      const d = diffMerkle(a, b, 12);
      expect(d.hashesExchanged).toBeLessThanOrEqual(merkleExchangeBound(d.divergentLeaves.length, 12));
      expect(d.hashesExchanged).toBeGreaterThanOrEqual(1 + 2 * 12);
      for (const key of stale) expect(d.divergentLeaves).toContain(Math.floor(key / 16));
      expect(d.keysDiffering).toBe(k);
    }
  });

  it("a tree over a range 16 times bigger costs only 8 more hashes for one divergent key", () => {
    const small = replicaPair(1024, [3]);
    const big = replicaPair(16_384, [3]);
    expect(diffMerkle(big.a, big.b, 14).hashesExchanged - diffMerkle(small.a, small.b, 10).hashesExchanged).toBe(8);
  });

  it("refuses a range that does not split evenly, naming the sizes", () => {
    expect(() => buildMerkleTree([1, 1, 1], 1)).toThrow(/3 keys/);
    expect(() => replicaPair(8, [9])).toThrow(/outside/);
  });
});

describe("LSM amplification estimates", () => {
  const input = { dataGb: 100, flushMb: 64, fanout: 10, windows: 30 };

  it("leveled writes more and reads fewer runs than size-tiered; size-tiered needs up to twice the space", () => {
    const [tiered, leveled, window] = compareStrategies(input);
    expect(leveled.write).toBeGreaterThan(3 * tiered.write);
    expect(leveled.readRuns).toBeLessThan(tiered.readRuns);
    expect(tiered.space).toBe(2);
    expect(leveled.space).toBeCloseTo(1.1, 9);
    expect(window.write).toBeLessThan(tiered.write);
  });

  it("counts levels as ⌈log_fanout(data / flush)⌉: 100 GB of 64 MB runs with fanout 10 is 4 levels", () => {
    expect(amplification("leveled", input).levels).toBe(4);
    expect(amplification("leveled", input).write).toBe(1 + (4 * 11) / 2);
    expect(amplification("leveled", { ...input, dataGb: 0.0625 }).levels).toBe(1);
  });

  it("refuses a fanout below 2", () => {
    expect(() => amplification("leveled", { ...input, fanout: 1 })).toThrow(/fanout/);
  });
});
