/**
 * The model library's resilience blocks checked against their definitions and against theory:
 * backoff formulas and jitter bounds, attempt caps, retry budgets, answer-once under timeouts,
 * breaker thresholds and half-open probes, hedging, held workers and conservation.
 */
import { describe, expect, it } from "vitest";
import { BACKGROUND_PRIORITY, CircuitBreaker, RetryBudget, ScenarioRun, Simulation, backoffDelayMs, breakerConfig, createStream, exponentialBackoffMs, theory, validateScenario, type Scenario } from "@/simulations";

function valid(doc: unknown): Scenario {
  const r = validateScenario(doc);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return r.scenario;
}
const exp = (meanMs: number) => ({ dist: "exponential", meanMs });
const run = (doc: unknown, strict = true) => new ScenarioRun(valid(doc), { strict }).runToEnd().report();

describe("backoff", () => {
  const cfg = { baseMs: 100, maxMs: 1000, multiplier: 2, jitter: "none" as const };
  it("follows min(cap, base × multiplier^(n-1))", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => exponentialBackoffMs(cfg, n))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
  it("full jitter lies in [0, cap] and equal jitter in [cap/2, cap]; decorrelated in [base, min(cap, 3 × previous)]", () => {
    const r = createStream(1, "t");
    for (let n = 1; n <= 8; n++) {
      const cap = exponentialBackoffMs(cfg, n);
      for (let i = 0; i < 500; i++) {
        const full = backoffDelayMs({ ...cfg, jitter: "full" }, n, 0, r);
        expect(full).toBeGreaterThanOrEqual(0);
        expect(full).toBeLessThanOrEqual(cap);
        const equal = backoffDelayMs({ ...cfg, jitter: "equal" }, n, 0, r);
        expect(equal).toBeGreaterThanOrEqual(cap / 2);
        expect(equal).toBeLessThanOrEqual(cap);
        const prev = 50 + r.next() * 900;
        const dec = backoffDelayMs({ ...cfg, jitter: "decorrelated" }, n, prev, r);
        expect(dec).toBeGreaterThanOrEqual(100);
        expect(dec).toBeLessThanOrEqual(Math.min(1000, Math.max(100, prev * 3)));
      }
    }
  });
  it("full jitter averages half the exponential value", () => {
    const r = createStream(2, "t");
    let sum = 0;
    for (let i = 0; i < 20000; i++) sum += backoffDelayMs({ ...cfg, jitter: "full" }, 3, 0, r);
    expect(sum / 20000).toBeCloseTo(200, -1);
  });
});

describe("retry budget", () => {
  it("caps retries at ratio × requests (+ minPerSec × window) within the window", () => {
    const b = new RetryBudget({ ratio: 0.1, minPerSec: 0, windowMs: 10_000 });
    let allowed = 0;
    for (let i = 0; i < 1000; i++) {
      b.recordRequest(i * 5);
      if (b.tryWithdraw(i * 5)) allowed++;
    }
    expect(allowed).toBe(100);
  });
});

/** users -> client -> db, db failing every call. */
function failing(clientFields: Record<string, unknown>, requests = 2000): unknown {
  return {
    version: 1, title: "t", seed: 3, stop: { requests },
    nodes: [
      { id: "users", kind: "source", ratePerSec: 100 },
      { id: "client", kind: "client", ...clientFields },
      { id: "db", kind: "server", workers: 50, serviceMs: exp(5) },
    ],
    edges: [{ from: "users", to: "client" }, { from: "client", to: "db" }],
    faults: [{ atMs: 0, target: "db", kind: "errors", rate: 1 }],
  };
}

describe("retries", () => {
  it("never exceed maxAttempts, and every request settles exactly once", () => {
    const r = run(failing({ maxAttempts: 4, backoffBaseMs: 10, jitter: "full" }));
    expect(r.nodes.client.attempts).toBe(4 * 2000);
    expect(r.nodes.db.received).toBe(8000);
    expect(r.requests.failed).toBe(2000);
  });
  it("a retry budget keeps retries near the ratio when everything fails", () => {
    const r = run(failing({ maxAttempts: 4, retryBudgetRatio: 0.1, retryBudgetMinPerSec: 0 }, 5000));
    const retries = r.nodes.client.retries as number;
    expect(retries / 5000).toBeLessThanOrEqual(0.1 + 1e-9);
    expect(retries / 5000).toBeGreaterThan(0.08);
    expect(r.nodes.client.budgetExhausted).toBeGreaterThan(0);
  });
  it("retry layers multiply: 3 × 3 × 3 = 27 calls at the bottom", () => {
    const doc = JSON.parse(JSON.stringify(failing({ maxAttempts: 3 }, 300))) as { nodes: Record<string, unknown>[]; edges: unknown[] };
    doc.nodes = [
      { id: "users", kind: "source", ratePerSec: 50 },
      { id: "a", kind: "server", workers: 100, serviceMs: exp(1), calls: {} }, { id: "a-client", kind: "client", maxAttempts: 3 },
      { id: "b", kind: "server", workers: 100, serviceMs: exp(1), calls: {} }, { id: "b-client", kind: "client", maxAttempts: 3 },
      { id: "c", kind: "server", workers: 100, serviceMs: exp(1), calls: {} }, { id: "c-client", kind: "client", maxAttempts: 3 },
      { id: "db", kind: "server", workers: 100, serviceMs: exp(1) },
    ];
    doc.edges = [["users", "a"], ["a", "a-client"], ["a-client", "b"], ["b", "b-client"], ["b-client", "c"], ["c", "c-client"], ["c-client", "db"]].map(([from, to]) => ({ from, to }));
    const r = run(doc);
    expect(r.nodes.db.amplification).toBe(27);
  });
});

describe("timeouts", () => {
  it("a timed-out attempt's late answer is ignored, the request settles once, and the callee's work is counted as wasted", () => {
    const doc = {
      version: 1, title: "t", seed: 4, stop: { requests: 3000 },
      nodes: [
        { id: "users", kind: "source", ratePerSec: 50 },
        { id: "db", kind: "server", workers: 100, serviceMs: { dist: "uniform", minMs: 0, maxMs: 200 } },
      ],
      edges: [{ id: "to-db", from: "users", to: "db", timeoutMs: 100 }],
    };
    const r = run(doc); // strict: settling twice would throw
    const e = r.edges!["to-db"];
    expect(r.requests.completed + r.requests.failed).toBe(3000);
    expect(e.timeouts).toBe(r.requests.failed);
    expect(r.requests.failed / 3000).toBeGreaterThan(0.45);
    expect(r.requests.failed / 3000).toBeLessThan(0.55);
    expect(r.latencyMs.max).toBeLessThanOrEqual(100);
    // Every timed-out attempt's answer comes late and is ignored (a few are still running at the end).
    expect(e.lateReplies).toBeLessThanOrEqual(e.timeouts as number);
    expect(e.lateReplies).toBeGreaterThan((e.timeouts as number) - 10);
    expect(r.nodes.db.wasted).toBe(e.lateReplies);
    expect(e.orphanedWork).toBe(e.timeouts);
  });
});

describe("circuit breaker", () => {
  const make = (over: Record<string, unknown>) => {
    const sim = new Simulation();
    const events: string[] = [];
    const b = new CircuitBreaker(breakerConfig({ failureRateThreshold: 0.5, windowType: "count", windowSize: 10, minimumNumberOfCalls: 10, waitDurationInOpenStateMs: 1000, permittedCallsInHalfOpen: 3, ...over }), {
      sim, warmupMs: 0, onTransition: (_f, to) => events.push(`${sim.now}:${to}`),
    });
    return { sim, b, events };
  };
  it("does not open before minimumNumberOfCalls, and opens exactly when the window's failure rate reaches the threshold", () => {
    const { b } = make({});
    for (let i = 0; i < 9; i++) b.onResult(b.tryAcquire(true), true, 1);
    expect(b.state).toBe("closed"); // 9 failures of 9, but fewer than 10 calls
    b.onResult(b.tryAcquire(true), true, 1);
    expect(b.state).toBe("open");
    const { b: b2 } = make({});
    for (let i = 0; i < 6; i++) b2.onResult(b2.tryAcquire(true), false, 1);
    for (let i = 0; i < 4; i++) b2.onResult(b2.tryAcquire(true), true, 1);
    expect(b2.state).toBe("closed"); // 40%
    b2.onResult(b2.tryAcquire(true), true, 1); // window: 5 ok + 5 failed = 50%
    expect(b2.state).toBe("open");
  });
  it("opens on the slow-call rate too", () => {
    const { b } = make({ slowCallRateThreshold: 0.5, slowCallDurationMs: 100 });
    for (let i = 0; i < 10; i++) b.onResult(b.tryAcquire(true), false, i < 5 ? 150 : 10);
    expect(b.state).toBe("open");
  });
  it("refuses calls while open, half-opens on simulated time and lets exactly the permitted probes through", () => {
    const { sim, b, events } = make({});
    for (let i = 0; i < 10; i++) b.onResult(b.tryAcquire(true), true, 1);
    expect(b.tryAcquire(true)).toBe(-1);
    expect(b.callsNotPermitted).toBe(1);
    sim.schedule(5000, () => {}, 0);
    sim.run(999);
    expect(b.state).toBe("open");
    sim.run(1000);
    expect(b.state).toBe("half-open");
    const permits = Array.from({ length: 10 }, () => b.tryAcquire(true));
    expect(permits.filter((p) => p >= 0)).toHaveLength(3);
    for (const p of permits.filter((x) => x >= 0)) b.onResult(p, false, 1);
    expect(b.state).toBe("closed");
    expect(events).toEqual(["0:open", "1000:half-open", "1000:closed"]);
    expect(BACKGROUND_PRIORITY).toBeGreaterThan(0);
  });
  it("re-opens when the probes fail, and ignores answers to calls admitted before it opened", () => {
    const { sim, b } = make({});
    const early = b.tryAcquire(true);
    for (let i = 0; i < 10; i++) b.onResult(b.tryAcquire(true), true, 1);
    sim.schedule(2000, () => {}, 0);
    sim.run(1000);
    b.onResult(early, false, 1); // stale permit: must not count as a probe
    const probes = [b.tryAcquire(true), b.tryAcquire(true), b.tryAcquire(true)];
    b.onResult(probes[0], true, 1);
    b.onResult(probes[1], true, 1);
    expect(b.state).toBe("half-open");
    b.onResult(probes[2], false, 1);
    expect(b.state).toBe("open");
    expect(b.opens).toBe(2);
  });
});

describe("hedging", () => {
  const doc = (hedgeDelayMs: number | null) => ({
    version: 1, title: "t", seed: 8, stop: { requests: 20000 },
    nodes: [
      { id: "users", kind: "source", ratePerSec: 200 },
      { id: "client", kind: "client", hedgeDelayMs },
      { id: "lb", kind: "load-balancer", strategy: "round-robin" },
      ...[1, 2, 3, 4].map((i) => ({ id: `r-${i}`, kind: "server", workers: 32, serviceMs: { dist: "lognormal", medianMs: 20, sigma: 0.8 } })),
    ],
    edges: [{ from: "users", to: "client" }, { from: "client", to: "lb" }, ...[1, 2, 3, 4].map((i) => ({ from: "lb", to: `r-${i}` }))],
  });
  it("hedging after about the p95 lowers the p99 at a bounded extra load", () => {
    const plain = run(doc(null));
    const hedged = run(doc(75));
    expect(hedged.latencyMs.p99).toBeLessThan(plain.latencyMs.p99 * 0.8);
    expect(hedged.nodes.client.attemptsPerCall).toBeLessThan(1.08);
    expect(hedged.requests.completed).toBe(20000);
  });
});

describe("service calls", () => {
  it("a server holding workers while calling a slow dependency saturates", () => {
    const r = run({
      version: 1, title: "t", seed: 5, stop: { durationMs: 30000 }, warmupMs: 5000,
      nodes: [
        { id: "users", kind: "source", ratePerSec: 100 },
        { id: "api", kind: "server", workers: 20, serviceMs: exp(2), queueCapacity: 50, calls: { mode: "sequential" } },
        { id: "slow", kind: "server", workers: 1000, serviceMs: { dist: "constant", ms: 400 } },
      ],
      edges: [{ from: "users", to: "api" }, { from: "api", to: "slow" }],
    }, false);
    // Needs 100/s × 0.402 s ≈ 40 workers, has 20: all busy, the rest dropped.
    expect(r.nodes.api.utilization).toBeGreaterThan(0.97);
    expect(r.requests.dropped).toBeGreaterThan(0.4 * r.requests.arrived);
  });
  it("a connection pool behaves as M/M/c: the mean wait for a connection matches Erlang C", () => {
    const c = 4;
    const r = run({
      version: 1, title: "t", seed: 6, stop: { durationMs: 400000 }, warmupMs: 20000,
      nodes: [
        { id: "users", kind: "source", ratePerSec: 150 },
        { id: "db", kind: "server", workers: 1000, serviceMs: exp(20) },
      ],
      edges: [{ id: "pool", from: "users", to: "db", pool: { size: c, queueCapacity: null } }],
    }, false);
    const expected = theory.mmc(150, 20, c).meanWaitMs;
    expect(r.edges!.pool.meanPoolWaitMs as number).toBeGreaterThan(expected * 0.85);
    expect(r.edges!.pool.meanPoolWaitMs as number).toBeLessThan(expected * 1.15);
    expect(r.edges!.pool.maxConnectionsInUse).toBe(c);
  });
  it("parallel calls with a quorum answer once enough dependencies succeed", () => {
    const r = run({
      version: 1, title: "t", seed: 7, stop: { requests: 2000 },
      nodes: [
        { id: "users", kind: "source", ratePerSec: 50 },
        { id: "api", kind: "server", workers: 100, serviceMs: { dist: "constant", ms: 1 }, calls: { mode: "parallel", quorum: 2 } },
        { id: "a", kind: "server", workers: 100, serviceMs: { dist: "constant", ms: 10 } },
        { id: "b", kind: "server", workers: 100, serviceMs: { dist: "constant", ms: 20 } },
        { id: "c", kind: "server", workers: 100, serviceMs: { dist: "constant", ms: 500 } },
      ],
      edges: [{ from: "users", to: "api" }, { from: "api", to: "a" }, { from: "api", to: "b" }, { from: "api", to: "c" }],
    });
    expect(r.latencyMs.max).toBeLessThan(22);
    expect(r.latencyMs.p50).toBeGreaterThan(20);
  });
  it("duplicate side effects are counted at a non-idempotent callee and not at an idempotent or deduplicating one", () => {
    const doc = (server: Record<string, unknown>) => ({
      version: 1, title: "t", seed: 9, stop: { requests: 2000 },
      nodes: [
        { id: "users", kind: "source", ratePerSec: 50 },
        { id: "pay", kind: "server", workers: 100, serviceMs: { dist: "uniform", minMs: 0, maxMs: 100 }, ...server },
      ],
      edges: [{ id: "e", from: "users", to: "pay", timeoutMs: 60, retry: { maxAttempts: 2 } }],
    });
    const plain = run(doc({}));
    expect(plain.nodes.pay.duplicateSideEffects).toBeGreaterThan(0);
    expect(run(doc({ idempotent: true })).nodes.pay.duplicateSideEffects).toBe(0);
  });
});

describe("conservation on random scenarios with calls, clients and breakers", () => {
  it("arrived = completed + failed + dropped + inFlight, each request settled once", () => {
    for (let seed = 1; seed <= 12; seed++) {
      const r = createStream(seed, "gen");
      const pick = <T,>(xs: T[]) => xs[r.int(xs.length)];
      const doc = {
        version: 1, title: "t", seed, stop: { durationMs: 20000 }, warmupMs: 1000,
        nodes: [
          { id: "users", kind: "source", ratePerSec: 50 + r.int(300) },
          { id: "api", kind: "server", workers: 1 + r.int(20), serviceMs: exp(1 + r.next() * 10), queueCapacity: pick([0, 10, null]), calls: { mode: pick(["sequential", "parallel"]) } },
          { id: "c1", kind: "client", timeoutMs: pick([null, 20, 100]), maxAttempts: 1 + r.int(4), jitter: pick(["none", "full", "equal", "decorrelated"]), backoffBaseMs: r.int(50), hedgeDelayMs: pick([null, 30]), propagateDeadline: r.next() < 0.5, deadlineMs: pick([null, 150]) },
          { id: "cb", kind: "circuit-breaker", minimumNumberOfCalls: 5, windowSize: 20, waitDurationInOpenStateMs: 500, fallback: pick(["ok", "error"]) },
          { id: "db", kind: "server", workers: 1 + r.int(8), serviceMs: exp(5 + r.next() * 40), queueCapacity: pick([5, 100, null]) },
          { id: "cache-ish", kind: "server", workers: 2, serviceMs: exp(3) },
        ],
        edges: [
          { from: "users", to: "api" }, { from: "api", to: "c1" }, { from: "c1", to: "cb" }, { from: "cb", to: "db" },
          { from: "api", to: "cache-ish", timeoutMs: pick([null, 10]), retry: { maxAttempts: 2, jitter: "full", backoff: { baseMs: 5 } }, pool: pick([undefined, { size: 2, queueCapacity: 3 }]), callFraction: r.next() },
        ],
        faults: [
          { atMs: r.int(10000), durationMs: 3000, target: "db", kind: pick(["crash", "latency", "errors"]), addMs: 200, rate: 0.7 },
          { atMs: r.int(10000), durationMs: 2000, target: "cb->db", kind: "partition" },
        ].map((f) => (f.kind === "crash" || f.kind === "partition" ? { atMs: f.atMs, durationMs: f.durationMs, target: f.target, kind: f.kind } : f.kind === "latency" ? { atMs: f.atMs, durationMs: f.durationMs, target: f.target, kind: f.kind, addMs: f.addMs } : { atMs: f.atMs, durationMs: f.durationMs, target: f.target, kind: f.kind, rate: f.rate })),
      };
      const rep = run(doc);
      const q = rep.requests;
      expect(q.arrived).toBe(q.completed + q.failed + q.dropped + q.inFlight);
      expect(q.inFlight).toBeGreaterThanOrEqual(0);
    }
  });
});
