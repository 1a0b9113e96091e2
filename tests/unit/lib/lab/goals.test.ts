import { describe, expect, it } from "vitest";
import { checkGoal, checkGoals, describeGoal } from "@/lib/lab/goals";
import { describeMetric, formatMetric, readMetric } from "@/lib/lab/metrics";
import { fakeReport } from "./report-fixture";

describe("readMetric", () => {
  it("follows a dotted path into the report", () => {
    const r = fakeReport();
    expect(readMetric(r, "latencyMs.p99")).toBe(412);
    expect(readMetric(r, "nodes.api.utilization")).toBe(0.82);
    expect(readMetric(r, "requests.dropped")).toBe(30);
    expect(readMetric(r, "throughputPerSec")).toBe(95);
  });
  it("returns null for missing or non-numeric paths", () => {
    const r = fakeReport();
    expect(readMetric(r, "nodes.nope.utilization")).toBeNull();
    expect(readMetric(r, "latencyMs")).toBeNull();
    expect(readMetric(r, "latencyMs.p99.extra")).toBeNull();
    expect(readMetric(r, "constructor")).toBeNull();
  });
});

describe("metric words and units", () => {
  it("names metrics in words", () => {
    expect(describeMetric("latencyMs.p99")).toBe("p99 latency");
    expect(describeMetric("nodes.db.utilization")).toBe("utilization of db");
    expect(describeMetric("nodes.checkout.p99Ms")).toBe("p99 latency of checkout");
    expect(describeMetric("requests.dropped")).toBe("dropped requests");
  });
  it("formats by unit convention", () => {
    expect(formatMetric("latencyMs.p99", 412.4)).toBe("412 ms");
    expect(formatMetric("nodes.db.utilization", 0.4512)).toBe("45.1%");
    expect(formatMetric("throughputPerSec", 95)).toBe("95/s");
    expect(formatMetric("nodes.pool.finalInstances", 6, "replicas")).toBe("6 replicas");
  });
});

describe("checkGoal", () => {
  it("fails an atMost goal above the bound, with a clear message", () => {
    const result = checkGoal(fakeReport(), { metric: "latencyMs.p99", atMost: 300 });
    expect(result.passed).toBe(false);
    expect(result.measured).toBe(412);
    expect(result.message).toBe("P99 latency must be at most 300 ms — measured 412 ms");
  });
  it("bounds are inclusive", () => {
    expect(checkGoal(fakeReport(), { metric: "latencyMs.p99", atMost: 412 }).passed).toBe(true);
    expect(checkGoal(fakeReport(), { metric: "latencyMs.p99", atLeast: 412 }).passed).toBe(true);
    expect(checkGoal(fakeReport(), { metric: "latencyMs.p99", atLeast: 412.5 }).passed).toBe(false);
  });
  it("checks both bounds together", () => {
    expect(checkGoal(fakeReport(), { metric: "nodes.api.utilization", atLeast: 0.6, atMost: 0.9 }).passed).toBe(true);
    expect(checkGoal(fakeReport(), { metric: "nodes.api.utilization", atLeast: 0.6, atMost: 0.8 }).passed).toBe(false);
    expect(describeGoal({ metric: "nodes.api.utilization", atLeast: 0.6, atMost: 0.8 })).toBe("Utilization of api must be between 60% and 80%");
  });
  it("a missing metric fails and says so", () => {
    const result = checkGoal(fakeReport(), { metric: "nodes.cache.hitRatio", atLeast: 0.5 });
    expect(result.passed).toBe(false);
    expect(result.measured).toBeNull();
    expect(result.message).toMatch(/does not report nodes\.cache\.hitRatio/);
  });
});

describe("checkGoals", () => {
  it("passes only when every goal passes", () => {
    const r = fakeReport();
    expect(checkGoals(r, [{ metric: "latencyMs.p99", atMost: 500 }, { metric: "requests.dropped", atMost: 30 }]).passed).toBe(true);
    expect(checkGoals(r, [{ metric: "latencyMs.p99", atMost: 500 }, { metric: "requests.dropped", atMost: 29 }]).passed).toBe(false);
    expect(checkGoals(r, []).passed).toBe(false);
  });
});
