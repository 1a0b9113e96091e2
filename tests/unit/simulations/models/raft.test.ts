/**
 * Raft (Ongaro & Ousterhout 2014) on the kernel: the safety properties hold at every step with the
 * rules on (under crashes, partitions and loss), break in the paper's Figure 8 when the current-term
 * commit rule is off and when the vote restriction is off, split votes are rare with randomized
 * timeouts and nearly certain with equal ones, and a crashed leader is replaced in well under a second.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ScenarioRun, runScenario, validateScenario, type Scenario } from "@/simulations";

type Metrics = Record<string, number> & { linearizable: string; firstViolation?: string };

function scenario(doc: Record<string, unknown>): Scenario {
  const result = validateScenario(doc);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("\n"));
  return result.scenario;
}

const cluster = (node: Record<string, unknown>, seed = 1, durationMs = 10_000) => scenario({ version: 1, title: "raft", seed, stop: { durationMs }, nodes: [{ id: "cluster", kind: "raft", ...node }], edges: [] });

function run(s: Scenario): Metrics {
  const report = runScenario(s, { strict: true });
  const q = report.requests;
  expect(q.arrived).toBe(q.completed + q.failed + q.dropped + q.inFlight);
  return report.nodes.cluster as unknown as Metrics;
}

const preset = (name: string, node: Record<string, unknown> = {}) => {
  const doc = JSON.parse(readFileSync(`content/scenarios/consensus/${name}.json`, "utf8"));
  Object.assign(doc.nodes[0], node);
  return scenario(doc);
};

const leaderCrashes = (count: number, everyMs = 3000) => Array.from({ length: count }, (_, i) => ({ atMs: 1000 + i * everyMs, durationMs: 1000, kind: "crash", replica: "leader" }));

describe("raft", () => {
  it("elects one leader, commits every acknowledged write and keeps the history linearizable", () => {
    const m = run(preset("raft-steady"));
    expect(m.electionsWon).toBeGreaterThanOrEqual(2); // the first leader, and one after its crash
    expect(m.failovers).toBe(1);
    expect(m.safetyViolations).toBe(0);
    expect(m.committedEntries).toBeGreaterThanOrEqual(m.completedOps);
    expect(m.linearizable).toBe("true");
    expect(m.invariantChecks).toBeGreaterThan(1000);
  });

  it("checks the invariants at every step: no violation under crashes, partitions and loss with the rules on", () => {
    for (let seed = 1; seed <= 6; seed++) {
      const faults = [
        ...leaderCrashes(6, 1500),
        { atMs: 2200, durationMs: 900, kind: "partition", groups: [["leader", "r1"], ["r2", "r3", "r4", "r5", "c1", "c2"]] },
        { atMs: 6100, durationMs: 700, kind: "partition", groups: [["r1", "r2", "c1"], ["r3", "r4", "r5", "c2"]] },
      ];
      // Stepping by hand: the observer's counts stay 0 after every event, not only at the end.
      const s = cluster({ servers: 5, clients: 2, opsPerSec: 20, readRatio: 0.3, loss: 0.05, replicaFaults: faults }, seed, 10_000);
      const r = new ScenarioRun(s);
      let steps = 0;
      while (r.sim.now < 10_000 && r.sim.step()) {
        if (++steps % 500 === 0) expect((r.report().nodes.cluster as unknown as Metrics).safetyViolations).toBe(0);
      }
      const m = r.report().nodes.cluster as unknown as Metrics;
      expect(m.safetyViolations, `seed ${seed}: ${m.firstViolation}`).toBe(0);
      expect(m.linearizable, `seed ${seed}`).toBe("true");
      expect(m.electionsWon).toBeGreaterThan(3);
    }
  });

  it("reproduces Figure 8: with the commit rule off a committed entry is overwritten; with it on, never", () => {
    const off = run(preset("raft-figure-8"));
    expect(off.committedEntriesLost).toBeGreaterThan(0);
    expect(off.firstViolation).toMatch(/overwrote entry \d+ \(term 1\)/);
    const on = run(preset("raft-figure-8", { commitRule: "current-term" }));
    expect(on.safetyViolations).toBe(0);
  });

  it("without the vote restriction a server missing committed entries wins and loses them; with it, never", () => {
    const off = run(preset("raft-vote-restriction"));
    expect(off.committedEntriesLost).toBeGreaterThan(0);
    const on = run(preset("raft-vote-restriction", { voteRestriction: "up-to-date" }));
    expect(on.safetyViolations).toBe(0);
    expect(on.electionsWon).toBeGreaterThanOrEqual(2);
  });

  it("split votes are rare with randomized timeouts and nearly certain when every timeout is equal", () => {
    const share = (min: number, max: number) => {
      let held = 0;
      let split = 0;
      for (let seed = 1; seed <= 3; seed++) {
        const m = run(cluster({ servers: 5, clients: 1, electionTimeoutMinMs: min, electionTimeoutMaxMs: max, replicaFaults: leaderCrashes(10) }, seed, 31_000));
        expect(m.safetyViolations).toBe(0);
        held += m.elections;
        split += m.splitVotes;
      }
      return split / held;
    };
    const randomized = share(150, 300);
    const equal = share(150, 150);
    expect(randomized).toBeLessThan(0.1);
    expect(equal).toBeGreaterThan(0.5);
  });

  it("replaces a crashed leader in well under a second with 150–300 ms timeouts (Raft §9.3)", () => {
    const m = run(cluster({ servers: 5, clients: 1, replicaFaults: leaderCrashes(60) }, 1, 181_000));
    expect(m.failovers).toBe(60);
    // At least the shortest timeout after the last heartbeat; usually one round of voting more.
    expect(m.failoverP50Ms).toBeGreaterThan(150);
    expect(m.failoverP50Ms).toBeLessThan(300);
    expect(m.failoverP99Ms).toBeLessThan(1000);
  });

  it("refuses timeouts out of order and faults naming missing processes", () => {
    const result = validateScenario({ version: 1, title: "bad", seed: 1, stop: { durationMs: 100 }, nodes: [{ id: "c", kind: "raft", servers: 3, electionTimeoutMinMs: 300, electionTimeoutMaxMs: 150, replicaFaults: [{ atMs: 0, kind: "crash", replica: "r7" }] }], edges: [] });
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.issues.map((i) => i.message);
    expect(messages.some((m) => m.includes("electionTimeoutMaxMs is 150 ms, shorter than electionTimeoutMinMs"))).toBe(true);
    expect(messages.some((m) => m.includes("must name a server r1..r3"))).toBe(true);
  });

  it("is deterministic for a seed", () => {
    expect(JSON.stringify(run(preset("raft-steady")))).toBe(JSON.stringify(run(preset("raft-steady"))));
  });
});

describe("lease lock", () => {
  const lease = (fencing: boolean) => {
    const doc = JSON.parse(readFileSync("content/scenarios/consensus/lease-gc-pause.json", "utf8"));
    doc.nodes[0].fencing = fencing;
    const report = runScenario(scenario(doc), { strict: true });
    const q = report.requests;
    expect(q.arrived).toBe(q.completed + q.failed + q.dropped + q.inFlight);
    return report.nodes.locks as Record<string, number>;
  };

  it("a client paused past its lease overwrites the next holder's write unless storage checks fencing tokens", () => {
    const without = lease(false);
    expect(without.leasesExpired).toBe(1);
    expect(without.staleWritesAccepted).toBe(1);
    const withFencing = lease(true);
    expect(withFencing.staleWritesAccepted).toBe(0);
    expect(withFencing.writesRejected).toBe(1);
  });

  it("without pauses every lease is released in time and no write is stale, fencing or not", () => {
    for (const fencing of [false, true]) {
      const doc = JSON.parse(readFileSync("content/scenarios/consensus/lease-gc-pause.json", "utf8"));
      Object.assign(doc.nodes[0], { fencing, pauses: [], clients: 4 });
      const m = runScenario(scenario(doc)).nodes.locks as Record<string, number>;
      expect(m.leasesExpired).toBe(0);
      expect(m.staleWritesAccepted + m.writesRejected).toBe(0);
      expect(m.writesAccepted).toBeGreaterThan(10);
    }
  });
});
