import { describe, expect, it } from "vitest";
import { boundaryBurstMs, traceTokenBucket, traceWindowEdges } from "@/lib/mechanisms/rate-limiting";

describe("token bucket trace", () => {
  const trace = traceTokenBucket(2, 5);

  it("never holds more than the burst nor less than zero tokens", () => {
    for (const p of trace.level) {
      expect(p.tokens).toBeLessThanOrEqual(5 + 1e-9);
      expect(p.tokens).toBeGreaterThanOrEqual(-1e-9);
    }
  });

  it("admits at most burst + rate × t in any interval of length t", () => {
    const admitted = trace.frames.filter((f) => f.admitted).map((f) => f.tMs);
    for (let i = 0; i < admitted.length; i++)
      for (let j = i; j < admitted.length; j++) expect(j - i + 1).toBeLessThanOrEqual(5 + (2 * (admitted[j] - admitted[i])) / 1000 + 1e-9);
  });

  it("admits the first burst then refuses until a token refills", () => {
    const first8 = trace.frames.slice(0, 8).map((f) => f.admitted);
    expect(first8).toEqual([true, true, true, true, true, false, false, false]);
    // Each admission takes exactly one token; a refusal takes none.
    for (const f of trace.frames) expect(f.tokensBefore - f.tokensAfter).toBeCloseTo(f.admitted ? 1 : 0, 9);
  });

  it("refills linearly at the rate between arrivals", () => {
    const [a, b] = [trace.frames[8], trace.frames[9]];
    expect(b.tokensBefore).toBeCloseTo(Math.min(5, a.tokensAfter + (2 * (b.tMs - a.tMs)) / 1000), 6);
  });
});

describe("window edges trace", () => {
  const trace = traceWindowEdges(5, 1000);

  it("lets a fixed window pass twice its limit across a boundary, and the sliding log never more than the limit", () => {
    expect(trace.peak["fixed-window"]).toBe(10);
    expect(trace.peak["sliding-log"]).toBe(5);
    // The counter assumes the previous window's requests were spread evenly; a burst at its end breaks that,
    // so it lets more than the limit through in a true sliding second (the view shows it), but fewer than fixed.
    expect(trace.peak["sliding-counter"]).toBeGreaterThan(5);
    expect(trace.peak["sliding-counter"]).toBeLessThan(10);
  });

  it("puts the burst on both sides of the edge", () => {
    const times = boundaryBurstMs(5, 1000);
    expect(times.filter((t) => t < 1000)).toHaveLength(5);
    expect(times.filter((t) => t >= 1000 && t < 1200)).toHaveLength(5);
  });
});
