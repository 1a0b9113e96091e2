import { describe, expect, it } from "vitest";
import { annualLoss, binomialTail, choose, copies, failureWithin, formatChance, lossDuringRepair, nines, overhead, repairReads, report, schemeLabel, simulateRepairWindows } from "@/lib/storage/durability";

const rs = (k: number, m: number) => ({ k, m });

describe("storage overhead and repair cost", () => {
  it("raw bytes per data byte: (k + m) / k", () => {
    expect(overhead(copies(3))).toBe(3);
    expect(overhead(rs(6, 3))).toBe(1.5);
    expect(overhead(rs(10, 4))).toBe(1.4);
    expect(overhead(rs(4, 2))).toBe(1.5);
  });

  it("rebuilding a fragment reads one copy, or k fragments", () => {
    expect(repairReads(copies(3))).toBe(1);
    expect(repairReads(rs(10, 4))).toBe(10);
    expect(schemeLabel(copies(2))).toBe("2 copies");
    expect(schemeLabel(rs(6, 3))).toBe("RS(6,3)");
  });

  it("refuses a scheme it cannot draw", () => {
    expect(() => overhead(rs(0, 2))).toThrow(/k must be/);
    expect(() => overhead(rs(4, 1.5))).toThrow(/m must be/);
    expect(() => failureWithin(1, 24)).toThrow(/annual failure rate/);
  });
});

describe("failure within a repair window (hand-computed)", () => {
  it("p = 1 − (1 − AFR)^(t / 8760)", () => {
    expect(failureWithin(0.5, 8760)).toBeCloseTo(0.5, 12);
    expect(failureWithin(0.5, 4380)).toBeCloseTo(1 - Math.SQRT1_2, 12); // 0.292893…
    expect(failureWithin(0.02, 0)).toBe(0);
    // AFR 2 %, 24 h: ln(0.98) = −0.0202027, × 24/8760 = −5.53499e-5, so p = 5.53484e-5
    expect(failureWithin(0.02, 24) / 5.53484e-5).toBeCloseTo(1, 5);
  });

  it("binomial coefficients and tails", () => {
    expect(choose(8, 2)).toBe(28);
    expect(choose(13, 4)).toBe(715);
    expect(binomialTail(8, 0.5, 3)).toBeCloseTo(219 / 256, 12); // 1 − (1 + 8 + 28) / 256
    expect(binomialTail(5, 0.3, 0)).toBe(1);
  });
});

describe("loss during one repair window (hand-computed)", () => {
  it("3 copies lose data when both other disks fail: p²", () => {
    expect(lossDuringRepair(copies(3), 0.5, 8760)).toBeCloseTo(0.25, 12);
    expect(lossDuringRepair(copies(3), 0.02, 24) / 3.06345e-9).toBeCloseTo(1, 4); // (5.53484e-5)²
  });

  it("RS(2,1) loses data when either of the other two fails: 1 − (1 − p)²", () => {
    expect(lossDuringRepair(rs(2, 1), 0.5, 8760)).toBeCloseTo(0.75, 12);
  });

  it("RS(6,3) loses data when 3 or more of the other 8 fail", () => {
    expect(lossDuringRepair(rs(6, 3), 0.5, 8760)).toBeCloseTo(219 / 256, 12);
    // p = 0.1: 1 − 0.9⁸ − 8·0.1·0.9⁷ − 28·0.01·0.9⁶ = 1 − 0.43046721 − 0.38263752 − 0.14880348
    expect(lossDuringRepair(rs(6, 3), 0.1, 8760)).toBeCloseTo(0.03809179, 8);
  });

  it("one copy is lost with its disk", () => {
    expect(lossDuringRepair(copies(1), 0.02, 24)).toBe(1);
  });

  it("at realistic rates RS(6,3) beats 3 copies on loss while storing half as much", () => {
    const three = report(copies(3), 0.02, 24);
    const six3 = report(rs(6, 3), 0.02, 24);
    expect(six3.overhead).toBe(three.overhead / 2);
    expect(six3.lossDuringRepair).toBeLessThan(three.lossDuringRepair);
    // a longer window hurts: loss grows like t^m
    expect(lossDuringRepair(copies(3), 0.02, 240) / lossDuringRepair(copies(3), 0.02, 24)).toBeCloseTo(100, 0);
    expect(lossDuringRepair(rs(6, 3), 0.02, 240) / lossDuringRepair(rs(6, 3), 0.02, 24)).toBeCloseTo(1000, -1);
  });
});

describe("per year", () => {
  it("first failures n·λ a year times the loss per repair", () => {
    // 3 · 0.0202027 · 3.06345e-9 = 1.85668e-10
    expect(annualLoss(copies(3), 0.02, 24) / 1.85668e-10).toBeCloseTo(1, 4);
    expect(nines(1e-11)).toBeCloseTo(11, 12);
    expect(nines(0)).toBe(Infinity);
  });

  it("formats chances for reading", () => {
    expect(formatChance(0.25)).toBe("25%");
    expect(formatChance(1 / 3300)).toBe("1 in 3,300");
    expect(formatChance(1 / 2.1e6)).toBe("1 in 2.1 million");
    expect(formatChance(3.06e-9)).toBe("1 in 330 million");
    expect(formatChance(2.5e-16)).toBe("1 in 4.0e15");
  });
});

describe("the closed form against a seeded Monte Carlo", () => {
  it("agrees within sampling error at a rate high enough to measure", () => {
    const exact = lossDuringRepair(rs(4, 2), 0.5, 2000);
    const sim = simulateRepairWindows(rs(4, 2), 0.5, 2000, 20000, 7);
    expect(Math.abs(sim - exact)).toBeLessThan(0.01);
  });
});
