import { describe, expect, it } from "vitest";
import { queueingCurves, waitInServiceTimes, xfetchEmpiricalShare, xfetchProbability, xfetchRefreshedBy } from "@/lib/mechanisms/queueing";

/** Erlang C written out independently: P(wait) = (a^c/c!)/(1−ρ) / (Σ_{k<c} a^k/k! + (a^c/c!)/(1−ρ)). */
function erlangC(c: number, rho: number): number {
  const a = c * rho;
  let fact = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    if (k > 0) fact *= k;
    sum += a ** k / fact;
  }
  const top = a ** c / (fact * c) / (1 - rho);
  return top / (sum + top);
}

describe("M/M/c curves", () => {
  it("equal Erlang C: Wq / S = C(c, a) / (c (1 − ρ))", () => {
    for (const c of [1, 4, 16])
      for (const rho of [0.3, 0.5, 0.8, 0.9, 0.95]) expect(waitInServiceTimes(c, rho)).toBeCloseTo(erlangC(c, rho) / (c * (1 - rho)), 9);
  });

  it("match the review's table (c = 1: 4× at 0.8 and 9× at 0.9; c = 4 ≈ 0.75× at 0.8; c = 16 ≈ 0.37× at 0.9)", () => {
    expect(waitInServiceTimes(1, 0.8)).toBeCloseTo(4, 6);
    expect(waitInServiceTimes(1, 0.9)).toBeCloseTo(9, 6);
    expect(waitInServiceTimes(4, 0.8)).toBeCloseTo(0.75, 1);
    expect(waitInServiceTimes(16, 0.9)).toBeCloseTo(0.37, 1);
  });

  it("bigger pools wait less at every utilisation", () => {
    const { waits } = queueingCurves();
    for (let j = 0; j < waits[0].length; j++) {
      expect(waits[1][j]).toBeLessThanOrEqual(waits[0][j]);
      expect(waits[2][j]).toBeLessThanOrEqual(waits[1][j]);
    }
  });
});

describe("XFetch curves", () => {
  it("the cache model's decision rule refreshes with probability exp(−gap / (fetch × beta))", () => {
    for (const [gap, beta] of [
      [100, 1],
      [300, 1],
      [400, 2],
    ])
      expect(xfetchEmpiricalShare(gap, 200, beta, 100_000)).toBeCloseTo(xfetchProbability(gap, 200, beta), 2);
  });

  it("is 1 at expiry, rises towards it, and a larger beta refreshes earlier", () => {
    expect(xfetchProbability(0, 200, 1)).toBe(1);
    expect(xfetchProbability(400, 200, 1)).toBeLessThan(xfetchProbability(200, 200, 1));
    expect(xfetchProbability(400, 200, 2)).toBeGreaterThan(xfetchProbability(400, 200, 1));
    expect(xfetchRefreshedBy(0, 200, 1, 20, 2000)).toBeGreaterThan(xfetchRefreshedBy(500, 200, 1, 20, 2000));
  });
});
