import { describe, expect, it } from "vitest";
import { formatMetricValue, metricName, metricTitle } from "@/lib/lab/metric-names";
import { namedMetrics } from "../../content/named-metrics";

describe("metric names", () => {
  it("names whole-run and per-node metrics in words, with the owner apart", () => {
    expect(metricTitle("latencyMs.p99")).toBe("p99 latency");
    expect(metricTitle("requests.failed")).toBe("Failed requests");
    expect(metricTitle("nodes.recs.received")).toBe("Calls received · recs");
    expect(metricTitle("nodes.recs-breaker.callsNotPermitted")).toBe("Calls refused by the breaker · recs-breaker");
    expect(metricTitle("nodes.recs-breaker.timeInStateMs.open")).toBe("Time open · recs-breaker");
    expect(metricTitle("nodes.orders.waitMs.p99")).toBe("p99 wait in the queue · orders");
    expect(metricTitle("nodes.lb.sentTo.api-2")).toBe("Sent to api-2 · lb");
    expect(metricTitle("nodes.broker.urgent.p99WaitMs")).toBe("Urgent queue: p99 wait · broker");
  });

  it("formats values with the unit the metric carries", () => {
    expect(formatMetricValue("latencyMs.p99", 412.4)).toBe("412 ms");
    expect(formatMetricValue("nodes.recs-breaker.timeInStateMs.open", 40_000)).toBe("40 s");
    expect(formatMetricValue("nodes.shop.utilization", 0.973)).toBe("97.3%");
    expect(formatMetricValue("throughputPerSec", 1204)).toBe("1,204 req/s");
    expect(formatMetricValue("requests.failed", 1)).toBe("1 request");
    expect(formatMetricValue("requests.failed", 37)).toBe("37 requests");
    expect(formatMetricValue("nodes.recs.received", 7915)).toBe("7,915");
  });

  it("generates a readable label for a path the table does not know, never the raw path", () => {
    const name = metricName("nodes.api.someNewCounterMs");
    expect(name.known).toBe(false);
    expect(name.label).toBe("Some new counter");
    expect(name.kind).toBe("ms");
    expect(metricName("somethingElse.entirely").label).toBe("Something else entirely");
  });

  it("has a human label for every metric a chapter names (Watch, Predict, Challenge)", () => {
    const named = namedMetrics();
    expect(named.length).toBeGreaterThan(50);
    const unknown = named.filter((m) => !metricName(m.path).known).map((m) => `${m.chapter} (${m.where}): ${m.path}`);
    // A new metric in a chapter needs an entry in lib/lab/metric-names.ts (its generated label is a fallback).
    expect(unknown, `add labels to lib/lab/metric-names.ts for:\n${unknown.join("\n")}`).toEqual([]);
    for (const m of named) {
      const title = metricTitle(m.path);
      expect(title).not.toMatch(/[a-z][A-Z]/); // no camelCase
      expect(title).not.toContain("nodes.");
    }
  });
});
