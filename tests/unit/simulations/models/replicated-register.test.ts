/**
 * The replicated register, the first protocol kind on the kernel: checked against what replication
 * theory says each mode guarantees, and the PBS staleness formula for quorums without repair.
 */
import { describe, expect, it } from "vitest";
import { runScenario, validateScenario, type Scenario } from "@/simulations";

type Metrics = { ops: number; reads: number; staleReads: number; staleCandidates: number; linearizable: string; sessionViolations: Record<string, number>; messagesSent: number; messagesDropped: number; failedOps: number };

function scenario(register: Record<string, unknown>, seed = 1, durationMs = 20_000): Scenario {
  const doc = { version: 1, title: "register", seed, stop: { durationMs }, nodes: [{ id: "register", kind: "replicated-register", ...register }], edges: [] };
  const result = validateScenario(doc);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("\n"));
  return result.scenario;
}

function run(register: Record<string, unknown>, seed = 1, durationMs = 20_000) {
  const report = runScenario(scenario(register, seed, durationMs), { strict: true });
  const q = report.requests;
  expect(q.arrived).toBe(q.completed + q.failed + q.dropped + q.inFlight);
  return { report, m: report.nodes.register as unknown as Metrics };
}

const binomial = (n: number, n_choose: number) => {
  let c = 1;
  for (let i = 0; i < n_choose; i++) c = (c * (n - i)) / (i + 1);
  return c;
};

describe("replicated register", () => {
  it("quorums with R + W > N and read repair give linearizable histories without faults", () => {
    for (const seed of [1, 2, 3]) {
      const { m } = run({ mode: "quorum", replicas: 3, readQuorum: 2, writeQuorum: 2, readRepair: "blocking", keys: 3 }, seed);
      expect(m.ops).toBeGreaterThan(500);
      expect(m.linearizable).toBe("true");
      expect(m.staleReads).toBe(0);
      expect(Object.values(m.sessionViolations).every((v) => v === 0)).toBe(true);
    }
  });

  it("async leader-follower with reads from followers serves stale reads and breaks monotonic reads", () => {
    const { m } = run({ mode: "leader-follower", replication: "async", replicationLagMs: { dist: "exponential", meanMs: 200 }, readFrom: "followers", keys: 3 });
    expect(m.staleReads).toBeGreaterThan(0);
    expect(m.sessionViolations.monotonicReads).toBeGreaterThan(0);
    expect(m.sessionViolations.readYourWrites).toBeGreaterThan(0);
    expect(m.linearizable).toBe("false");
  });

  it("sync leader-follower reading from the leader is linearizable; a follower crash makes writes time out", () => {
    const { m } = run({ mode: "leader-follower", replication: "sync", readFrom: "leader", timeoutMs: 300, replicaFaults: [{ atMs: 5000, durationMs: 4000, kind: "crash", replica: "r2" }] });
    expect(m.linearizable).toBe("true");
    expect(m.failedOps).toBeGreaterThan(10);
    expect(m.messagesDropped).toBeGreaterThan(0);
  });

  for (const [n, r, w] of [[3, 1, 1], [5, 2, 2], [5, 1, 3]] as const) {
    it(`stale reads of uniformly chosen quorums without repair match PBS: N=${n}, R=${r}, W=${w}`, () => {
      // P(stale) = C(N−W, R) / C(N, R) (Bailis et al. 2012, k = 1). Many keys and a light load keep writes
      // of one key rarely concurrent with its reads, the formula's assumption.
      const expected = binomial(n - w, r) / binomial(n, r);
      let stale = 0;
      let candidates = 0;
      for (const seed of [1, 2]) {
        const { m } = run({ mode: "quorum", replicas: n, readQuorum: r, writeQuorum: w, quorumTargets: "exact", keys: 20, clients: 5, opsPerSec: 20, latencyMs: { dist: "constant", ms: 1 } }, seed, 30_000);
        stale += m.staleReads;
        candidates += m.staleCandidates;
      }
      expect(candidates).toBeGreaterThan(2000);
      const ratio = stale / candidates;
      const halfWidth = 3.3 * Math.sqrt((expected * (1 - expected)) / candidates); // 99.9% binomial band
      expect(Math.abs(ratio - expected)).toBeLessThan(halfWidth + 0.01);
    });
  }

  it("a partition that leaves the clients with a minority stops quorum operations until it heals", () => {
    const clients = ["c1", "c2", "c3", "c4", "c5"];
    const base = { mode: "quorum", replicas: 3, readQuorum: 2, writeQuorum: 2, readRepair: "blocking", timeoutMs: 200 };
    const { m, report } = run({ ...base, replicaFaults: [{ atMs: 5000, durationMs: 5000, kind: "partition", groups: [["r1", ...clients], ["r2", "r3"]] }] });
    const healthy = run(base).m;
    expect(m.messagesDropped).toBeGreaterThan(0);
    // About a quarter of the 20 s is cut off: operations time out, one per client per timeout.
    expect(m.failedOps).toBeGreaterThan(50);
    expect(m.ops).toBeLessThan(healthy.ops);
    // After the heal the clients are served again: far more completed than the 5 s before the cut.
    expect(report.requests.completed).toBeGreaterThan(healthy.ops * 0.6);
    expect(m.linearizable).toBe("true");
  });

  it("is deterministic for a seed and counts every operation once", () => {
    const spec = { mode: "leader-follower", replication: "async", readFrom: "any", loss: 0.05, timeoutMs: 200 };
    const a = run(spec, 9).report;
    const b = run(spec, 9).report;
    expect(a).toEqual(b);
    expect((a.nodes.register as unknown as Metrics).ops).toBe(a.requests.completed + a.requests.failed);
  });

  it("refuses quorums larger than N and faults naming processes that do not exist", () => {
    const doc = (register: Record<string, unknown>) => ({ version: 1, title: "t", seed: 1, stop: { durationMs: 1000 }, nodes: [{ id: "reg", kind: "replicated-register", mode: "quorum", ...register }], edges: [] });
    const bad = validateScenario(doc({ replicas: 3, readQuorum: 4, replicaFaults: [{ atMs: 1, kind: "crash", replica: "r7" }, { atMs: 1, kind: "partition", groups: [["r1"], ["c9"]] }] }));
    expect(bad.ok).toBe(false);
    const messages = bad.ok ? "" : bad.issues.map((i) => i.message).join("\n");
    expect(messages).toMatch(/nodes\[0\]\.readQuorum is 4, more than the 3 replicas/);
    expect(messages).toMatch(/replicaFaults\[0\]\.replica must name a replica r1\.\.r3/);
    expect(messages).toMatch(/replicaFaults\[1\]\.groups names no process "c9"/);
  });
});

describe("replicated register: sessions, semi-sync and multi-leader", () => {
  type ML = Metrics & { lostWrites: number; lostNewerWrites: number; conflicts: number; keysWithSiblings: number; counterTotal: number; writes: number };
  const async = { mode: "leader-follower", replication: "async", replicationLagMs: { dist: "exponential", meanMs: 200 }, readFrom: "followers", keys: 3 };

  it("async followers without stickiness break monotonic reads; sticky sessions remove every violation (read-your-writes still fails)", () => {
    for (const seed of [1, 2, 3]) {
      const loose = run({ ...async }, seed).m;
      const sticky = run({ ...async, stickySessions: true }, seed).m;
      expect(loose.sessionViolations.monotonicReads).toBeGreaterThan(0);
      expect(sticky.sessionViolations.monotonicReads).toBe(0);
      expect(sticky.sessionViolations.readYourWrites).toBeGreaterThan(0);
    }
  });

  it("semi-sync keeps writes flowing through a follower crash that makes sync writes time out", () => {
    const base = { mode: "leader-follower", readFrom: "leader", timeoutMs: 300, replicaFaults: [{ atMs: 5000, durationMs: 4000, kind: "crash", replica: "r3" }] };
    const semi = run({ ...base, replication: "semi-sync" }).m;
    const sync = run({ ...base, replication: "sync" }).m;
    expect(semi.failedOps).toBe(0);
    expect(semi.linearizable).toBe("true");
    expect(sync.failedOps).toBeGreaterThan(10);
  });

  const ml = { mode: "multi-leader", clients: 6, keys: 5, opsPerSec: 5, replicationLagMs: { dist: "exponential", meanMs: 100 } };
  it("last-writer-wins drops concurrent writes; only clock skew makes it drop the later one", () => {
    const synced = run({ ...ml, conflictResolution: "lww" }).m as ML;
    const skewed = run({ ...ml, conflictResolution: "lww", clockSkewMs: 300 }).m as ML;
    expect(synced.lostWrites).toBeGreaterThan(0);
    expect(synced.lostNewerWrites).toBe(0);
    expect(skewed.lostNewerWrites).toBeGreaterThan(0);
    expect(skewed.lostWrites).toBeGreaterThan(synced.lostWrites);
  });

  it("version vectors keep concurrent writes as siblings and lose none; a G-counter keeps every increment", () => {
    const vv = run({ ...ml, conflictResolution: "version-vectors", clockSkewMs: 300 }).m as ML;
    expect(vv.lostWrites).toBe(0);
    expect(vv.conflicts).toBeGreaterThan(0);
    const counter = run({ ...ml, conflictResolution: "g-counter", clockSkewMs: 300 }).m as ML;
    expect(counter.lostWrites).toBe(0);
    expect(counter.counterTotal).toBeGreaterThanOrEqual(counter.writes);
  });

  it("the PBS miss probability over 20 seeds: the formula lies in the 95% interval; R + W > N never misses", async () => {
    const { theory } = await import("@/simulations");
    const { pbsMissProbability } = await import("@/lib/fidelity/rows");
    for (const [n, r, w] of [[3, 1, 1], [3, 2, 2]] as const) {
      const shares: number[] = [];
      for (let seed = 1; seed <= 20; seed++) {
        const { m } = run({ mode: "quorum", replicas: n, readQuorum: r, writeQuorum: w, quorumTargets: "exact", keys: 20, clients: 5, opsPerSec: 20, latencyMs: { dist: "constant", ms: 1 } }, seed, 20_000);
        shares.push(m.staleReads / m.staleCandidates);
      }
      const ci = theory.confidenceInterval(shares);
      const expected = pbsMissProbability(n, r, w);
      if (expected === 0) expect(Math.max(...shares)).toBe(0);
      else expect(Math.abs(ci.mean - expected)).toBeLessThanOrEqual(ci.halfWidth);
    }
  });

  it("flags the stale-follower preset's history with an explanation naming the read it cannot place", async () => {
    const { readFileSync } = await import("node:fs");
    const doc = JSON.parse(readFileSync("content/scenarios/replication/register-stale-follower.json", "utf8"));
    const v = validateScenario(doc);
    if (!v.ok) throw new Error("invalid preset");
    const m = runScenario(v.scenario).nodes.register as unknown as Metrics & { linearizabilityViolation: string };
    expect(m.linearizable).toBe("false");
    expect(m.linearizabilityViolation).toMatch(/read\(0 → null\).*cannot be placed/);
  });
});
