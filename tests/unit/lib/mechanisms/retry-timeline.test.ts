import { describe, expect, it } from "vitest";
import { retrySendTimesMs, retryTimeline } from "@/lib/mechanisms/retry-timeline";

describe("retries over time", () => {
  const t = retryTimeline(200, 4);
  const [none, full] = t.histograms;

  it("sends the same number of retries with and without jitter", () => {
    expect(none.total).toBe(800);
    expect(full.total).toBe(800);
    expect(none.bins.reduce((a, b) => a + b, 0)).toBe(800);
    expect(full.bins.reduce((a, b) => a + b, 0)).toBe(800);
  });

  it("without jitter every client's n-th retry lands in the same bin (waves of all clients)", () => {
    expect(none.peak).toBe(200);
    expect(none.bins.filter((b) => b > 0)).toEqual([200, 200, 200, 200]);
  });

  it("full jitter spreads the waves: the peak bin is several times lower", () => {
    expect(full.peak).toBeLessThan(none.peak / 2);
  });

  it("full jitter halves the mean wait (uniform on [0, backoff])", () => {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const plain = retrySendTimesMs(2000, 1, { baseMs: 100, maxMs: 2000, multiplier: 2, jitter: "none" });
    const jittered = retrySendTimesMs(2000, 1, { baseMs: 100, maxMs: 2000, multiplier: 2, jitter: "full" });
    expect(mean(jittered) / mean(plain)).toBeCloseTo(0.5, 1);
  });

  it("is the same for the same seed", () => {
    expect(retryTimeline(200, 4)).toEqual(t);
  });
});
