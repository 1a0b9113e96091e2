import { describe, expect, it } from "vitest";
import { createStream, createSampler, createZipfSampler, RandomStreams } from "@/simulations";

describe("seeded random streams", () => {
  it("repeat exactly for the same seed and name", () => {
    const a = createStream(42, "api/service");
    const b = createStream(42, "api/service");
    for (let i = 0; i < 1000; i++) expect(a.next()).toBe(b.next());
  });

  it("differ for another seed or another name", () => {
    const base = Array.from({ length: 5 }, ((s) => () => s.next())(createStream(42, "api/service")));
    const otherSeed = Array.from({ length: 5 }, ((s) => () => s.next())(createStream(43, "api/service")));
    const otherName = Array.from({ length: 5 }, ((s) => () => s.next())(createStream(42, "api/arrivals")));
    expect(otherSeed).not.toEqual(base);
    expect(otherName).not.toEqual(base);
  });

  it("are independent: drawing from one does not move another", () => {
    const streams1 = new RandomStreams(9);
    const streams2 = new RandomStreams(9);
    for (let i = 0; i < 5000; i++) streams1.stream("noisy").next();
    const x = Array.from({ length: 20 }, () => streams1.stream("quiet").next());
    const y = Array.from({ length: 20 }, () => streams2.stream("quiet").next());
    expect(x).toEqual(y);
  });

  it("are uniform on [0, 1): mean, variance and a chi-square test over 20 bins", () => {
    const s = createStream(1, "uniformity");
    const n = 200_000;
    const bins = new Array(20).fill(0);
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const u = s.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
      sumSq += u * u;
      bins[Math.floor(u * 20)]++;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sumSq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 2);
    const expected = n / 20;
    const chi2 = bins.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(43.8); // 99.9th percentile of chi-square with 19 degrees of freedom
  });

  it("sample distributions with the right means", () => {
    const s = createStream(5, "dists");
    const mean = (f: () => number, n = 100_000) => {
      let t = 0;
      for (let i = 0; i < n; i++) t += f();
      return t / n;
    };
    expect(mean(createSampler({ dist: "exponential", meanMs: 50 }, s))).toBeCloseTo(50, -0.5);
    expect(mean(createSampler({ dist: "uniform", minMs: 10, maxMs: 90 }, s))).toBeCloseTo(50, -0.5);
    expect(mean(createSampler({ dist: "constant", ms: 7 }, s))).toBe(7);
    // Lognormal mean = median * exp(sigma^2 / 2) = 40 * e^0.125 = 45.33
    expect(mean(createSampler({ dist: "lognormal", medianMs: 40, sigma: 0.5 }, s))).toBeCloseTo(45.33, -0.5);
  });

  it("draw Zipf ranks with probability proportional to 1/(k+1)^s", () => {
    const s = createStream(6, "zipf");
    const draw = createZipfSampler(100, 1, s);
    const counts = new Array(100).fill(0);
    const n = 200_000;
    for (let i = 0; i < n; i++) counts[draw()]++;
    let harmonic = 0;
    for (let k = 1; k <= 100; k++) harmonic += 1 / k;
    expect(counts[0] / n).toBeCloseTo(1 / harmonic, 2); // ~0.193
    expect(counts[1] / n).toBeCloseTo(1 / (2 * harmonic), 2);
    expect(counts[0] / counts[9]).toBeGreaterThan(8);
  });
});
