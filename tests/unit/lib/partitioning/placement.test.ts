import { describe, expect, it } from "vitest";
import { boundedCapacity, harmonic, hotKeyLoads, hotNodeShareTheory, joinOneNode, keyRange, peakToMean, place, relativeShareVariance, ringShares, shareVarianceTheory } from "@/lib/partitioning/placement";

const keys = keyRange(20_000);
const base = { virtualNodes: 100, epsilon: 0.25 };

describe("placement: adding the (n+1)th node", () => {
  it("moves about 1/(n+1) of the keys on the ring, all of them to the new node", () => {
    for (const n of [3, 5, 9]) {
      const j = joinOneNode(keys, { ...base, scheme: "ring", nodes: n });
      expect(j.share).toBeGreaterThan(0.6 / (n + 1));
      expect(j.share).toBeLessThan(1.4 / (n + 1));
      expect(j.movedToNewNode).toBe(j.moved);
    }
  });

  it("moves about n/(n+1) with modulo, mostly between old nodes", () => {
    for (const n of [3, 5, 9]) {
      const j = joinOneNode(keys, { ...base, scheme: "modulo", nodes: n });
      expect(j.share).toBeCloseTo(n / (n + 1), 1);
      expect(j.moved - j.movedToNewNode).toBeGreaterThan(j.movedToNewNode);
    }
  });

  it("averaged over rings, the ring's moved share matches 1/(n+1) within 2%", () => {
    let total = 0;
    const R = 20;
    for (let r = 0; r < R; r++) total += joinOneNode(keyRange(5_000, r * 10_000), { ...base, scheme: "ring", nodes: 4, namePrefix: `r${r}-` }).share;
    expect(Math.abs(total / R - 0.2)).toBeLessThan(0.02);
  });
});

describe("placement: evenness", () => {
  it("peak-to-mean load falls as virtual nodes rise", () => {
    const ptm = [1, 4, 16, 64, 256].map((v) => {
      let s = 0;
      for (let r = 0; r < 10; r++) s += peakToMean(ringShares(10, v, `r${r}-`));
      return s / 10;
    });
    for (let i = 1; i < ptm.length; i++) expect(ptm[i]).toBeLessThan(ptm[i - 1]);
    expect(ptm[0]).toBeGreaterThan(2);
    expect(ptm[4]).toBeLessThan(1.15);
  });

  it("ring shares sum to 1 and their spread follows (n − 1)/(n·v + 1)", () => {
    for (const v of [1, 10, 100]) {
      let s = 0;
      const R = 60;
      for (let r = 0; r < R; r++) {
        const shares = ringShares(10, v, `s${r}-`);
        expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
        s += relativeShareVariance(shares);
      }
      expect(s / R).toBeGreaterThan(shareVarianceTheory(10, v) * 0.75);
      expect(s / R).toBeLessThan(shareVarianceTheory(10, v) * 1.25);
    }
  });

  it("with one point per node the largest arc is about H_n times the mean", () => {
    let s = 0;
    const R = 200;
    for (let r = 0; r < R; r++) s += peakToMean(ringShares(10, 1, `h${r}-`));
    expect(Math.abs(s / R - harmonic(10))).toBeLessThan(0.15);
  });
});

describe("placement: bounded loads", () => {
  it("no node exceeds ⌈(1+ε)·mean⌉, while the plain ring does with one point per node", () => {
    for (const epsilon of [0.05, 0.25, 1]) {
      const p = place(keys, { scheme: "bounded", nodes: 10, virtualNodes: 1, epsilon });
      expect(p.capacity).toBe(boundedCapacity(keys.length, 10, epsilon));
      expect(Math.max(...p.loads)).toBeLessThanOrEqual(p.capacity!);
      expect(p.loads.reduce((a, b) => a + b, 0)).toBe(keys.length);
    }
    const plain = place(keys, { scheme: "ring", nodes: 10, virtualNodes: 1, epsilon: 0.25 });
    expect(Math.max(...plain.loads)).toBeGreaterThan(boundedCapacity(keys.length, 10, 0.25));
  });

  it("computes the cap without floating-point overshoot", () => {
    expect(boundedCapacity(1000, 10, 0.25)).toBe(125);
    expect(boundedCapacity(1001, 10, 0.25)).toBe(126);
  });

  it("refuses bad options with a message naming them", () => {
    expect(() => place(keys, { scheme: "bounded", nodes: 3, virtualNodes: 1, epsilon: 0 })).toThrow(/epsilon/);
    expect(() => place(keys, { scheme: "ring", nodes: 0, virtualNodes: 1, epsilon: 1 })).toThrow(/nodes/);
    expect(() => place(keys, { scheme: "ring", nodes: 3, virtualNodes: 0, epsilon: 1 })).toThrow(/virtualNodes/);
  });
});

describe("placement: a hot partition key", () => {
  const hot = { ...base, scheme: "ring" as const, nodes: 8, keys: 1000, hotShare: 0.2, salts: 1, throttleShare: null };

  it("overloads the node that owns it, close to the expected p + (1 − p)·n·E[S²]", () => {
    let s = 0;
    const R = 30;
    for (let r = 0; r < R; r++) {
      const res = hotKeyLoads({ ...hot, namePrefix: `k${r}-` });
      expect(res.loads[res.hotNode]).toBe(Math.max(...res.loads));
      s += res.loads[res.hotNode];
    }
    expect(Math.abs(s / R - hotNodeShareTheory(0.2, 8, 100))).toBeLessThan(0.01);
  });

  it("salting spreads it over several nodes and lowers the peak; throttling caps it and refuses the rest", () => {
    const plain = hotKeyLoads(hot);
    const salted = hotKeyLoads({ ...hot, salts: 16 });
    const throttled = hotKeyLoads({ ...hot, throttleShare: 0.05 });
    expect(plain.peakToFair).toBeGreaterThan(2);
    expect(salted.hotNodes).toBeGreaterThan(4);
    expect(salted.peakToFair).toBeLessThan(plain.peakToFair * 0.7);
    expect(throttled.throttled).toBeCloseTo(0.15, 9);
    expect(throttled.peakToFair).toBeLessThan(plain.peakToFair);
    expect(throttled.loads.reduce((a, b) => a + b, 0)).toBeCloseTo(0.85, 9);
  });

  it("refuses a share outside 0–1", () => {
    expect(() => hotKeyLoads({ ...hot, hotShare: 1.5 })).toThrow(/hotShare/);
  });
});
