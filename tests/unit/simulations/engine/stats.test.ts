import { describe, expect, it } from "vitest";
import { LatencyHistogram, TimeWeighted, createStream } from "@/simulations";

describe("LatencyHistogram", () => {
  it("estimates percentiles within 1% of the exact order statistics", () => {
    const s = createStream(11, "hist");
    const h = new LatencyHistogram();
    const values: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      // A mix of scales: sub-millisecond to tens of seconds.
      const v = Math.exp(s.next() * 20 - 8);
      values.push(v);
      h.record(v);
    }
    values.sort((a, b) => a - b);
    for (const q of [0.01, 0.1, 0.5, 0.9, 0.95, 0.99, 0.999]) {
      const exact = values[Math.ceil(q * values.length) - 1];
      expect(Math.abs(h.quantile(q) - exact) / exact).toBeLessThanOrEqual(0.01);
    }
    expect(h.quantile(1)).toBe(values[values.length - 1]);
    expect(h.count).toBe(100_000);
  });

  it("uses the same memory however many values it holds", () => {
    const h = new LatencyHistogram();
    const before = JSON.stringify(Object.keys(h)).length;
    for (let i = 0; i < 1_000_000; i++) h.record((i % 1000) + 1);
    expect(JSON.stringify(Object.keys(h)).length).toBe(before);
    expect(h.quantile(0.5)).toBeGreaterThan(495);
    expect(h.quantile(0.5)).toBeLessThan(506);
  });
});

describe("TimeWeighted", () => {
  it("integrates a step function exactly and ignores time before the warm-up", () => {
    const t = new TimeWeighted(10);
    t.set(0, 4); // 4 from 0 to 20, but only 10..20 counts
    t.set(20, 2); // 2 from 20 to 30
    t.set(30, 0);
    expect(t.integral(40)).toBe(4 * 10 + 2 * 10);
    expect(t.average(40)).toBeCloseTo(60 / 30, 10);
  });
});
