/**
 * Bulkheads, load shedding, closed-loop clients, backpressure and the autoscaler against the claims
 * the chapters make about them, plus conservation on random scenarios built from these kinds.
 */
import { describe, expect, it } from "vitest";
import { ScenarioRun, createStream, runScenario, validateScenario, type Scenario } from "@/simulations";

function scenario(doc: Record<string, unknown>): Scenario {
  const r = validateScenario({ version: 1, title: "t", seed: 11, ...doc });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
  return r.scenario;
}
type M = Record<string, number>;

describe("bulkhead", () => {
  const doc = (withFault: boolean, maxConcurrent: number | null) =>
    scenario({
      stop: { durationMs: 60_000 },
      warmupMs: 10_000,
      nodes: [
        { id: "checkout", kind: "source", ratePerSec: 20, priority: "critical" },
        { id: "browse", kind: "source", ratePerSec: 80, priority: "sheddable" },
        { id: "payments-pool", kind: "bulkhead", maxConcurrent: 10 },
        { id: "recs-pool", kind: "bulkhead", maxConcurrent },
        { id: "payments", kind: "server", workers: 20, serviceMs: { dist: "lognormal", medianMs: 60, sigma: 0.4 } },
        { id: "recs", kind: "server", workers: 400, serviceMs: { dist: "lognormal", medianMs: 40, sigma: 0.5 } },
      ],
      edges: [
        { from: "checkout", to: "payments-pool" },
        { from: "payments-pool", to: "payments" },
        { from: "browse", to: "recs-pool" },
        { from: "recs-pool", to: "recs" },
      ],
      faults: withFault ? [{ atMs: 10_000, durationMs: 50_000, target: "recs", kind: "latency", addMs: 2000 }] : [],
    });

  it("a slow dependency fills only its own compartment; the other dependency's latency is unchanged", () => {
    const healthy = runScenario(doc(false, 10));
    const slow = runScenario(doc(true, 10));
    const recsPool = slow.nodes["recs-pool"] as M;
    expect(recsPool.maxInUse).toBe(10);
    expect(recsPool.rejected).toBeGreaterThan(2000);
    expect((slow.nodes.browse as M).successRatio).toBeLessThan(0.1);
    // Independent random streams: checkout sees exactly the same service times either way.
    expect((slow.nodes.checkout as M).p99Ms).toBe((healthy.nodes.checkout as M).p99Ms);
    expect((slow.nodes.checkout as M).successRatio).toBe(1);
  });

  it("fallback turns refusals into degraded successes; pool mode times out the caller but keeps the thread busy", () => {
    const s = doc(true, 10);
    (s.nodes.find((n) => n.id === "recs-pool") as Record<string, unknown>).fallback = "default";
    const r = runScenario(s);
    expect((r.nodes.browse as M).successRatio).toBe(1);
    expect((r.nodes.browse as M).degraded).toBeGreaterThan(2000);
    const p = doc(true, 10);
    Object.assign(p.nodes.find((n) => n.id === "recs-pool")!, { mode: "pool", queueCapacity: 50, timeoutMs: 300 });
    const pr = runScenario(p);
    const pool = pr.nodes["recs-pool"] as M;
    expect(pool.timeouts).toBeGreaterThan(100);
    expect(pool.maxInUse).toBe(10);
    expect((pr.nodes.browse as M).p99Ms).toBeLessThanOrEqual(301);
  });
});

describe("load shedding", () => {
  const doc = (policy: string) =>
    scenario({
      stop: { durationMs: 90_000 },
      warmupMs: 10_000,
      nodes: [
        { id: "checkout", kind: "source", ratePerSec: 25, priority: "critical" },
        { id: "browse", kind: "source", ratePerSec: 95, priority: "sheddable" },
        { id: "shedder", kind: "load-shedder", policy, queueCapacity: 1000 },
        { id: "api", kind: "server", workers: 8, serviceMs: { dist: "lognormal", medianMs: 70, sigma: 0.5 } },
      ],
      edges: [{ from: "checkout", to: "shedder" }, { from: "browse", to: "shedder" }, { from: "shedder", to: "api" }],
    });

  it("under 120% load, priority shedding keeps the critical class's success ratio high and its latency short", () => {
    const none = runScenario(doc("none"));
    const prio = runScenario(doc("priority"));
    expect((none.nodes.checkout as M).p99Ms).toBeGreaterThan(3000);
    expect((prio.nodes.checkout as M).successRatio).toBeGreaterThan(0.99);
    expect((prio.nodes.checkout as M).p99Ms).toBeLessThan(400);
    expect((prio.nodes.browse as M).successRatio).toBeLessThan(0.9);
    expect(prio.throughputPerSec).toBeGreaterThan(90);
    const shed = (prio.nodes.shedder as unknown as { shedByClass: M }).shedByClass;
    expect(shed.sheddable).toBeGreaterThan(10 * shed.critical);
  });

  it("queue-time (CoDel) admission bounds the wait of everyone", () => {
    const r = runScenario(doc("queue-time"));
    expect((r.nodes.shedder as M).meanWaitMs).toBeLessThan(100);
    expect(r.latencyMs.p99).toBeLessThan(500);
  });
});

describe("closed-loop users and backpressure", () => {
  it("obey the interactive response-time law R = N / X − Z", () => {
    for (const [users, thinkMs, workers] of [[50, 1000, 2], [200, 500, 4], [20, 2000, 1]] as const) {
      const r = runScenario(
        scenario({
          stop: { durationMs: 300_000 },
          warmupMs: 20_000,
          nodes: [
            { id: "users", kind: "source", users, thinkMs: { dist: "exponential", meanMs: thinkMs } },
            { id: "api", kind: "server", workers, serviceMs: { dist: "exponential", meanMs: 40 } },
          ],
          edges: [{ from: "users", to: "api" }],
        }),
      );
      const X = r.throughputPerSec / 1000; // per ms
      const R = r.latencyMs.mean;
      expect(R).toBeCloseTo(users / X - thinkMs, -Math.log10(0.03 * (R + thinkMs)));
      expect(Math.abs(R - (users / X - thinkMs)) / (R + thinkMs)).toBeLessThan(0.03);
    }
  });

  it("a producer with maxOutstanding blocks instead of overflowing a bounded queue", () => {
    const r = runScenario(
      scenario({
        stop: { durationMs: 60_000 },
        nodes: [
          { id: "producer", kind: "source", ratePerSec: 150, maxOutstanding: 12 },
          { id: "api", kind: "server", workers: 2, serviceMs: { dist: "exponential", meanMs: 20 }, queueCapacity: 10 },
        ],
        edges: [{ from: "producer", to: "api" }],
      }),
    );
    const p = r.nodes.producer as M;
    expect(r.requests.dropped).toBe(0);
    expect(p.blockedMs).toBeGreaterThan(1000);
    expect(p.producerSlowdown).toBeGreaterThan(0.2);
    expect(r.throughputPerSec).toBeGreaterThan(90);
  });

  it("clients retrying after a fixed delay come back in synchronised waves; jitter spreads them", () => {
    /** Most retries sent within any 100 ms, from the retry-scheduled trace records. */
    const wave = (jitter: string) => {
      const times: number[] = [];
      const s = scenario({
        stop: { durationMs: 30_000 },
        nodes: [
          { id: "clients", kind: "source", users: 1000, thinkMs: { dist: "exponential", meanMs: 1000 }, maxAttempts: 50, backoff: "fixed", baseMs: 1000, jitter },
          { id: "api", kind: "server", workers: 40, serviceMs: { dist: "exponential", meanMs: 100 }, queueCapacity: 2000 },
        ],
        edges: [{ from: "clients", to: "api" }],
        faults: [{ atMs: 10_000, durationMs: 10_000, target: "api", kind: "crash" }],
      });
      new ScenarioRun(s, {
        onEvent: (e) => {
          if (e.type === "request.retry-scheduled") times.push(e.atMs + Number(/in (\d+) ms/.exec(e.detail ?? "")?.[1] ?? 0));
        },
      }).runToEnd();
      times.sort((x, y) => x - y);
      let best = 0;
      for (let hi = 0, lo = 0; hi < times.length; hi++) {
        while (times[hi] - times[lo] >= 100) lo++;
        best = Math.max(best, hi - lo + 1);
      }
      return best;
    };
    const herd = wave("none");
    const spread = wave("full");
    expect(herd).toBeGreaterThan(300);
    expect(herd).toBeGreaterThan(2 * spread);
  });
});

describe("autoscaled pool", () => {
  const pool = (extra: Record<string, unknown>, ratePerSec = 120, durationMs = 900_000) =>
    scenario({
      stop: { durationMs },
      warmupMs: 300_000,
      nodes: [
        { id: "users", kind: "source", ratePerSec },
        { id: "pool", kind: "autoscaled-pool", workersPerInstance: 4, serviceMs: { dist: "exponential", meanMs: 100 }, minInstances: 1, maxInstances: 40, initialInstances: 2, metricWindowMs: 60_000, evaluateEveryMs: 15_000, targetUtilization: 0.6, ...extra },
      ],
      edges: [{ from: "users", to: "pool" }],
    });

  it("settles where λ / (c μ) ≈ the target utilisation", () => {
    for (const [rate, target] of [[120, 0.6], [200, 0.5], [60, 0.75]] as const) {
      const r = runScenario(pool({ targetUtilization: target }, rate));
      const m = r.nodes.pool as M;
      const c = m.finalInstances * 4;
      const mu = 1 / 0.1; // per second per worker
      const implied = Math.ceil(rate / (mu * 4 * target) - 1e-9);
      expect(Math.abs(m.finalInstances - implied)).toBeLessThanOrEqual(1);
      expect(rate / (c * mu)).toBeGreaterThan(target * (1 - 0.25));
      expect(rate / (c * mu)).toBeLessThan(target * (1 + 0.15));
      expect(Math.abs(m.utilization - target)).toBeLessThan(0.12);
    }
  });

  it("respects min, max and the cooldown, and logs its actions", () => {
    const capped = runScenario(pool({ maxInstances: 3 }, 200)).nodes.pool as M;
    expect(capped.peakInstances).toBeLessThanOrEqual(3);
    expect(capped.saturatedMs).toBeGreaterThan(100_000);
    const floored = runScenario(pool({ minInstances: 8 }, 10)).nodes.pool as M;
    expect(floored.finalInstances).toBe(8);
    const events: { atMs: number; type: string }[] = [];
    const s = pool({ policy: "step", scaleOutThreshold: 0.7, scaleInThreshold: 0.5, cooldownMs: 120_000, initialInstances: 1 }, 200);
    new ScenarioRun(s, { onEvent: (e) => e.type.startsWith("autoscaler.scaled") && events.push(e) }).runToEnd();
    expect(events.length).toBeGreaterThan(2);
    for (let i = 1; i < events.length; i++) expect(events[i].atMs - events[i - 1].atMs).toBeGreaterThanOrEqual(120_000);
  });

  it("HPA: 4 replicas at 90% with target 60% settle on ceil(4 × 0.9 / 0.6) = 6", () => {
    const r = runScenario(pool({ policy: "hpa", initialInstances: 4, minInstances: 2, tolerance: 0.1, metricWindowMs: 30_000 }, 144, 600_000));
    expect((r.nodes.pool as M).finalInstances).toBe(6);
  });

  it("instance-hours count cold instances too", () => {
    const r = runScenario(pool({ minInstances: 5, initialInstances: 5, coldStartMs: 60_000 }, 1, 3_900_000));
    expect((r.nodes.pool as M).instanceHours).toBeCloseTo(5 * (3_900_000 - 300_000) / 3_600_000, 2);
  });
});

describe("conservation with the model-library kinds", () => {
  function randomScenario(seed: number): Scenario {
    const r = createStream(seed, "library-generator");
    const pick = <T,>(xs: readonly T[]) => xs[r.int(xs.length)];
    const source = pick([
      { id: "users", kind: "source", ratePerSec: 50 + r.int(300), spikes: [{ atMs: 2000, durationMs: 1000, ratePerSec: 600, repeatEveryMs: 5000 }] },
      { id: "users", kind: "source", users: 20 + r.int(200), thinkMs: { dist: "exponential", meanMs: 200 + r.int(800) }, maxAttempts: 1 + r.int(4), jitter: pick(["none", "full"]), honorRetryAfter: r.next() < 0.5, timeoutMs: pick([null, 300]) },
      { id: "users", kind: "source", ratePerSec: 100 + r.int(200), priorities: { critical: 1, sheddable: 2 }, maxOutstanding: pick([undefined, 20]), throttle: pick(["none", "adaptive"]), maxAttempts: 2 },
    ]);
    const middle = pick([
      { id: "mid", kind: "rate-limiter", algorithm: pick(["token-bucket", "leaky-bucket-meter", "leaky-bucket-queue", "fixed-window", "sliding-log", "sliding-counter"]), ratePerSec: 50 + r.int(200), limit: 20 + r.int(100), scope: pick(["global", "per-client"]), onLimit: pick(["reject", "delay"]), queueCapacity: r.int(30) },
      { id: "mid", kind: "bulkhead", mode: pick(["semaphore", "pool"]), maxConcurrent: 1 + r.int(10), maxWaitMs: pick([0, 50]), timeoutMs: pick([null, 100]), fallback: pick(["none", "default"]), partitionBy: pick(["none", "priority"]) },
      { id: "mid", kind: "load-shedder", policy: pick(["none", "priority", "queue-time", "priority-queue-time"]), queueCapacity: pick([null, 0, 20]) },
    ]);
    const back = pick([
      { id: "api", kind: "server", workers: 1 + r.int(8), serviceMs: { dist: "exponential", meanMs: 5 + r.int(40) }, queueCapacity: pick([null, 5, 50]) },
      { id: "api", kind: "autoscaled-pool", workersPerInstance: 1 + r.int(4), serviceMs: { dist: "exponential", meanMs: 5 + r.int(40) }, queueCapacity: pick([null, 50]), coldStartMs: r.int(3000), evaluateEveryMs: 1000, metricWindowMs: 2000, policy: pick(["target-tracking", "step", "hpa"]), maxInstances: 5 },
    ]);
    const faults = r.next() < 0.5 ? [{ kind: pick(["crash", "latency", "errors"] as const), atMs: r.int(8000), durationMs: 3000, target: pick(["api", "mid"]), addMs: 100, rate: 0.5 }] : [];
    return scenario({
      seed,
      stop: pick([{ durationMs: 15_000 }, { requests: 2000 }]),
      warmupMs: pick([0, 1000]),
      nodes: [source, middle, back],
      edges: [{ from: "users", to: "mid" }, { from: "mid", to: "api" }],
      faults: faults.map((f) => (f.kind === "crash" ? { kind: f.kind, atMs: f.atMs, durationMs: f.durationMs, target: f.target } : f.kind === "latency" ? { kind: f.kind, atMs: f.atMs, durationMs: f.durationMs, target: f.target, addMs: f.addMs } : { kind: f.kind, atMs: f.atMs, durationMs: f.durationMs, target: f.target, rate: f.rate })),
    });
  }

  it("arrived = completed + failed + dropped + in flight, each request settled once, runs deterministic", () => {
    for (let seed = 1; seed <= 120; seed++) {
      const s = randomScenario(seed);
      const a = new ScenarioRun(s, { strict: true }).runToEnd().report();
      const q = a.requests;
      expect(q.arrived).toBe(q.completed + q.failed + q.dropped + q.inFlight);
      expect(q.inFlight).toBeGreaterThanOrEqual(0);
      const b = new ScenarioRun(s, { strict: true }).runToEnd().report();
      expect(b).toEqual(a);
    }
  });
});
