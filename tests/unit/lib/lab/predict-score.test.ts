import { describe, expect, it } from "vitest";
import { scorePrediction } from "@/lib/lab/predict-score";

describe("scorePrediction", () => {
  it("says how far off a high guess is, in numbers and words", () => {
    const s = scorePrediction(562, 450, { metric: "latencyMs.p99" });
    expect(s.difference).toBe(112);
    expect(s.relativeError).toBeCloseTo(0.2489, 3);
    expect(s.closeness).toBe("close");
    expect(s.summary).toBe("Your guess was 112 ms too high (25% above the measured 450 ms).");
  });
  it("grades by relative error", () => {
    expect(scorePrediction(102, 100, { metric: "latencyMs.p50" }).closeness).toBe("spot-on");
    expect(scorePrediction(50, 100, { metric: "latencyMs.p50" }).closeness).toBe("off");
    expect(scorePrediction(400, 100, { metric: "latencyMs.p50" }).closeness).toBe("far-off");
  });
  it("low guesses are described as low, with the unit the question uses", () => {
    const s = scorePrediction(4, 6, { metric: "nodes.pool.finalInstances", unit: "replicas", min: 1, max: 12 });
    expect(s.summary).toBe("Your guess was 2 replicas too low (33% below the measured 6 replicas).");
    expect(scorePrediction(5, 6, { metric: "nodes.pool.finalInstances", unit: "replicas" }).summary).toMatch(/^Your guess was 1 replica too low/);
  });
  it("uses the range when the measured value is zero", () => {
    const s = scorePrediction(0.1, 0, { metric: "nodes.api.failShare", min: 0, max: 1 });
    expect(s.relativeError).toBeCloseTo(0.1);
    expect(s.closeness).toBe("close");
    expect(s.summary).toMatch(/10% of the range/);
  });
  it("an exact guess is spot on", () => {
    const s = scorePrediction(0.4, 0.4, { metric: "nodes.db.utilization", min: 0, max: 1 });
    expect(s.closeness).toBe("spot-on");
    expect(s.summary).toMatch(/exactly/);
  });
});
