/**
 * The partitioned log (Kafka-like): order per key holds within a partition and breaks when keys move
 * partitions; a group with more consumers than partitions leaves the extra ones idle; an eager
 * rebalance pauses every partition for a round while cooperative-sticky pauses only the ones that
 * move (for two rounds); acks=all with min.insync.replicas=2 loses no acknowledged write when one
 * broker dies, acks=1 and unclean leader election do; committing before processing loses records on
 * a consumer crash, committing after repeats them. Plus the books and the validator's messages.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runScenario, validateScenario, type RunReport, type Scenario } from "@/simulations";
import { movedPartitions, rangeAssign, stickyAssign, idleMembers } from "@/simulations/models/partitioned-log/assignors";

type Metrics = Record<string, number>;

function scenario(doc: Record<string, unknown>): Scenario {
  const result = validateScenario(doc);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("\n"));
  return result.scenario;
}

const log = (node: Record<string, unknown>, seed = 1, durationMs = 10_000) => scenario({ version: 1, title: "log", seed, stop: { durationMs }, nodes: [{ id: "log", kind: "partitioned-log", ...node }], edges: [] });

function run(s: Scenario): { m: Metrics; report: RunReport } {
  const report = runScenario(s, { strict: true });
  const q = report.requests;
  expect(q.arrived).toBe(q.completed + q.failed + q.dropped + q.inFlight);
  const m = Object.values(report.nodes)[0] as Metrics;
  // Every produced record was acknowledged, refused, or is still waiting for replication.
  expect(m.produced).toBe(m.acknowledged + m.refused + q.inFlight);
  expect(m.consumed).toBeLessThanOrEqual(m.produced);
  return { m, report };
}

const preset = (name: string, node: Record<string, unknown> = {}) => {
  const doc = JSON.parse(readFileSync(`content/scenarios/streaming/${name}.json`, "utf8"));
  Object.assign(doc.nodes[0], node);
  return run(scenario(doc)).m;
};

describe("assignors", () => {
  it("range cuts partitions into contiguous runs, the first members one more", () => {
    expect(rangeAssign(7, ["c2", "c1", "c3"])).toEqual(["c1", "c1", "c1", "c2", "c2", "c3", "c3"]);
  });
  it("leave members beyond the partition count with nothing", () => {
    const a = rangeAssign(4, ["c1", "c2", "c3", "c4", "c5", "c6"]);
    expect(idleMembers(a, ["c1", "c2", "c3", "c4", "c5", "c6"])).toEqual(["c5", "c6"]);
  });
  it("sticky keeps the balance and moves only what it must when a member joins or leaves", () => {
    const before = rangeAssign(6, ["c1", "c2", "c3"]);
    const joined = stickyAssign(6, ["c1", "c2", "c3", "c4"], before);
    expect(movedPartitions(before, joined)).toHaveLength(1);
    const counts = ["c1", "c2", "c3", "c4"].map((c) => joined.filter((o) => o === c).length).sort();
    expect(counts).toEqual([1, 1, 2, 2]);
    const left = stickyAssign(6, ["c1", "c3", "c4"], joined);
    expect(movedPartitions(joined, left)).toEqual(joined.flatMap((o, p) => (o === "c2" ? [p] : [])));
  });
});

describe("partitioned log", () => {
  it("keeps each key's order while the partition count holds, and breaks it when partitions are added", () => {
    expect(preset("keyed-order").orderViolations).toBe(0);
    const grown = preset("keyed-order", { partitionsGrow: [{ atMs: 10_000, to: 8 }] });
    expect(grown.orderViolations).toBeGreaterThan(0);
    expect(grown.duplicates).toBe(0);
  });

  it("leaves consumers beyond the partition count idle, and gains no throughput from them", () => {
    const six = run(log({ partitions: 4, consumers: 6, ratePerSec: 100 })).m;
    const four = run(log({ partitions: 4, consumers: 4, ratePerSec: 100 })).m;
    expect(six.idleConsumers).toBe(2);
    expect(four.idleConsumers).toBe(0);
    expect(six.consumed).toBe(four.consumed);
  });

  it("pauses every partition for an eager rebalance and only the moving ones for a cooperative one", () => {
    const grow = { partitions: 6, consumers: 3, rebalanceMs: 1000, groupGrows: [{ atMs: 5000, to: 4 }] };
    const eager = run(log({ ...grow, rebalance: "eager" })).m;
    const coop = run(log({ ...grow, rebalance: "cooperative-sticky" })).m;
    expect(eager.rebalances).toBe(1);
    expect(eager.pausedPartitionSeconds).toBe(6);
    expect(coop.movedPartitions).toBe(1);
    expect(coop.pausedPartitionSeconds).toBe(2);
    expect(preset("group-rebalance").pausedPartitionSeconds).toBeGreaterThan(preset("group-rebalance", { rebalance: "cooperative-sticky" }).pausedPartitionSeconds);
  });

  it("loses no acknowledged write with acks=all and min.insync.replicas=2 when a broker dies; acks=1 does", () => {
    const all = preset("broker-loss");
    expect(all.leaderElections).toBeGreaterThan(0);
    expect(all.lostAcknowledged).toBe(0);
    expect(preset("broker-loss", { acks: "1", minInsyncReplicas: 1 }).lostAcknowledged).toBeGreaterThan(0);
  });

  it("refuses writes rather than lose them when no in-sync replica is alive; unclean election loses them", () => {
    const clean = preset("unclean-election");
    expect(clean.lostAcknowledged).toBe(0);
    expect(clean.offlinePartitionSeconds).toBeGreaterThan(0);
    expect(clean.refused).toBeGreaterThan(0);
    const unclean = preset("unclean-election", { uncleanLeaderElection: true });
    expect(unclean.uncleanElections).toBeGreaterThan(0);
    expect(unclean.lostAcknowledged).toBeGreaterThan(0);
  });

  it("repeats records on a consumer crash when committing after processing, skips them when committing before", () => {
    const after = preset("consumer-crash");
    expect(after.duplicates).toBeGreaterThan(0);
    expect(after.skippedByConsumer).toBe(0);
    const before = preset("consumer-crash", { commit: "before-processing" });
    expect(before.skippedByConsumer).toBeGreaterThan(0);
    expect(before.duplicates).toBe(0);
  });

  it("is deterministic for a seed", () => {
    const s = log({ brokerCrashes: [{ broker: "b2", atMs: 3000, durationMs: 2000 }], consumerCrashes: [{ consumer: "c1", atMs: 4000, durationMs: 3000 }] }, 4);
    expect(runScenario(s)).toEqual(runScenario(s));
  });

  it("refuses impossible documents with messages naming the field", () => {
    const messages = (node: Record<string, unknown>) => {
      const r = validateScenario({ version: 1, title: "x", seed: 1, stop: { durationMs: 1000 }, nodes: [{ id: "log", kind: "partitioned-log", ...node }], edges: [] });
      return r.ok ? [] : r.issues.map((i) => i.message);
    };
    expect(messages({ brokers: 2, replicationFactor: 3 }).join()).toMatch(/replicationFactor is 3, but there are only 2 brokers/);
    expect(messages({ replicationFactor: 2, minInsyncReplicas: 3 }).join()).toMatch(/minInsyncReplicas is 3, above the replication factor 2/);
    expect(messages({ consumerCrashes: [{ consumer: "c9", atMs: 0, durationMs: 1 }] }).join()).toMatch(/names no consumer "c9"/);
    expect(messages({ partitionsGrow: [{ atMs: 0, to: 3 }] }).join()).toMatch(/can only gain partitions/);
    expect(messages({ acks: "2" }).length).toBeGreaterThan(0);
  });
});
