/**
 * Message broker and consumer: the definitions the labs rely on, checked as invariants.
 * - No message is lost: published = acked + dead-lettered + discarded + lost + in queue + in flight.
 * - At-least-once: duplicates (deliveries and effects) only happen after a redelivery.
 * - Ordering by key: a key's messages are processed in publish order.
 * - The DLQ receives exactly the messages that failed maxReceiveCount times.
 * - Prefetch bounds unacknowledged messages per consumer.
 * - Competing consumers on one queue behave as M/M/c (Erlang C wait).
 */
import { describe, expect, it } from "vitest";
import { ScenarioRun, runScenario, theory, validateScenario, type Scenario, type TraceRecord } from "@/simulations";

type Node = Scenario["nodes"][number];

function scenario(nodes: Node[], edges: Scenario["edges"], opts: Partial<Scenario> = {}): Scenario {
  const doc = { version: 1, title: "broker test", seed: 7, stop: { durationMs: 60_000 }, nodes, edges, ...opts };
  const result = validateScenario(doc);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
  return result.scenario;
}

function pipeline(broker: Record<string, unknown>, consumer: Record<string, unknown>, opts: Partial<Scenario> & { ratePerSec?: number; keys?: number; extra?: Node[] } = {}): Scenario {
  const { ratePerSec, keys, extra, ...rest } = opts;
  return scenario(
    [
      { id: "producer", kind: "source", ratePerSec: ratePerSec ?? 100, ...(keys ? { keys: { count: keys } } : {}) },
      { id: "q", kind: "broker", ...broker },
      { id: "worker", kind: "consumer", workers: 4, processingMs: { dist: "exponential", meanMs: 20 }, ...consumer },
      ...(extra ?? []),
    ],
    [
      { from: "producer", to: "q" },
      { from: "q", to: "worker" },
    ],
    rest,
  );
}

const num = (x: unknown) => x as number;

function conservation(m: Record<string, unknown>) {
  return num(m.acked) + num(m.deadLettered) + num(m.discarded) + num(m.lost) + num(m.inQueue) + num(m.inFlight);
}

describe("broker: conservation (no message lost)", () => {
  const configs: [string, Record<string, unknown>, Record<string, unknown>, Partial<Scenario>][] = [
    ["plain", {}, {}, {}],
    ["crashes + short timeout", { visibilityTimeoutMs: 50 }, { crashProbability: 0.05, errorRate: 0.05 }, {}],
    ["poison + DLQ", { maxReceiveCount: 3, deadLetterTo: "dlq", nackDelayMs: 100 }, { poisonRate: 0.02, crashProbability: 0.01, crashPoint: "between-effect-and-ack" }, {}],
    ["poison, no DLQ, ordered by key", { maxReceiveCount: 4, ordering: "key" }, { poisonRate: 0.02 }, {}],
    ["no timer, consumer crash fault", { visibilityTimeoutMs: null }, { crashProbability: 0.02 }, { faults: [{ kind: "crash", target: "worker", atMs: 10_000, durationMs: 5000 }] }],
    ["bounded, reject", { maxDepth: 20 }, { processingMs: { dist: "exponential", meanMs: 45 } }, {}],
    ["bounded, block", { maxDepth: 20, overflow: "block" }, { processingMs: { dist: "exponential", meanMs: 45 } }, {}],
    ["durable broker crash", {}, {}, { faults: [{ kind: "crash", target: "q", atMs: 20_000, durationMs: 3000 }] }],
    ["non-durable broker crash", { durable: false }, {}, { faults: [{ kind: "crash", target: "q", atMs: 20_000, durationMs: 3000 }] }],
    ["partition to consumer", { visibilityTimeoutMs: 500 }, {}, { faults: [{ kind: "partition", target: "q->worker", atMs: 15_000, durationMs: 2000 }] }],
    ["partitions, prefetch 10", { ordering: "partition", partitions: 4 }, { prefetch: 10 }, {}],
  ];
  for (const [name, broker, consumer, opts] of configs) {
    it(`holds: ${name}`, () => {
      for (const seed of [1, 2, 3]) {
        const s = pipeline(broker, consumer, { ...opts, seed, keys: 50, extra: [{ id: "dlq", kind: "broker" }] });
        const report = new ScenarioRun(s, { strict: true }).runToEnd().report();
        const q = report.nodes.q;
        expect(conservation(q)).toBe(q.published);
        const dlq = report.nodes.dlq;
        expect(dlq.published).toBe(q.deadLettered);
        // The producer's ledger balances too.
        const r = report.requests;
        expect(r.arrived).toBe(r.completed + r.failed + r.dropped + r.inFlight);
      }
    });
  }

  it("holds per subscription on a topic, and every group gets every message", () => {
    const s = scenario(
      [
        { id: "producer", kind: "source", ratePerSec: 200 },
        { id: "events", kind: "broker", mode: "topic" },
        { id: "billing", kind: "consumer", workers: 2, processingMs: { dist: "exponential", meanMs: 5 } },
        { id: "search", kind: "consumer", workers: 1, processingMs: { dist: "exponential", meanMs: 4 } },
      ],
      [
        { from: "producer", to: "events" },
        { from: "events", to: "billing" },
        { from: "events", to: "search" },
      ],
      { stop: { durationMs: 30_000 } },
    );
    const m = runScenario(s).nodes;
    const acked = m.events.ackedBySubscription as Record<string, number>;
    const lag = m.events.lagBySubscription as Record<string, number>;
    for (const group of ["billing", "search"]) expect(acked[group] + lag[group]).toBe(m.events.published);
    expect(m.billing.processed).toBe(acked.billing);
    expect(m.search.processed).toBe(acked.search);
  });
});

describe("broker: at-least-once", () => {
  it("delivers each message once when nothing fails", () => {
    const q = runScenario(pipeline({ visibilityTimeoutMs: 60_000 }, {})).nodes;
    expect(q.q.redeliveries).toBe(0);
    expect(q.q.duplicateDeliveries).toBe(0);
    expect(q.worker.duplicateEffects).toBe(0);
    expect(q.worker.effects).toBe(q.q.acked);
  });

  it("duplicates only come from redeliveries, and an idempotent consumer applies each effect once", () => {
    const consumer = { crashProbability: 0.02, crashPoint: "between-effect-and-ack" };
    const plain = runScenario(pipeline({ visibilityTimeoutMs: 200 }, consumer)).nodes;
    expect(plain.worker.duplicateEffects).toBeGreaterThan(0);
    expect(plain.worker.duplicateEffects).toBeLessThanOrEqual(num(plain.q.duplicateDeliveries));
    expect(plain.q.duplicateDeliveries).toBeLessThanOrEqual(num(plain.q.redeliveries));
    expect(plain.worker.lostMessages).toBe(0);
    const idem = runScenario(pipeline({ visibilityTimeoutMs: 200 }, { ...consumer, idempotent: true })).nodes;
    expect(idem.worker.duplicateEffects).toBe(0);
    expect(idem.worker.duplicatesSkipped).toBeGreaterThan(0);
  });

  it("acking before processing turns the same crashes into lost messages and no duplicates", () => {
    const m = runScenario(pipeline({ visibilityTimeoutMs: 200 }, { ackMode: "before-processing", crashProbability: 0.02, crashPoint: "between-effect-and-ack" })).nodes;
    expect(m.worker.duplicateEffects).toBe(0);
    expect(m.worker.lostMessages).toBe(m.worker.crashes);
    expect(m.worker.lostMessages).toBeGreaterThan(0);
  });

  it("a visibility timeout shorter than the work makes concurrent duplicate processing; a heartbeat removes it", () => {
    const slow = { workers: 20, processingMs: { dist: "lognormal", medianMs: 2000, sigma: 0.47 } };
    const short = runScenario(pipeline({ visibilityTimeoutMs: 3000 }, slow, { ratePerSec: 5, stop: { durationMs: 300_000 } })).nodes;
    expect(short.worker.duplicateProcessing).toBeGreaterThan(0);
    expect(short.q.visibilityExpired).toBeGreaterThan(0);
    const beat = runScenario(pipeline({ visibilityTimeoutMs: 3000 }, { ...slow, heartbeat: true }, { ratePerSec: 5, stop: { durationMs: 300_000 } })).nodes;
    expect(beat.worker.duplicateProcessing).toBe(0);
    expect(beat.q.visibilityExpired).toBe(0);
  });
});

describe("broker: dead-lettering", () => {
  it("moves exactly the messages that failed maxReceiveCount times", () => {
    for (const n of [1, 3, 5]) {
      const m = runScenario(pipeline({ maxReceiveCount: n, deadLetterTo: "dlq" }, { poisonRate: 0.01 }, { extra: [{ id: "dlq", kind: "broker" }] })).nodes;
      const dead = num(m.q.deadLettered);
      expect(dead).toBeGreaterThan(0);
      // Every poison message fails every time: n failures each, plus those still cycling at the end.
      const cycling = num(m.q.inQueue) + num(m.q.inFlight);
      expect(num(m.worker.poisonFailures)).toBeGreaterThanOrEqual(n * dead);
      expect(num(m.worker.poisonFailures)).toBeLessThanOrEqual(n * dead + n * cycling);
      expect(m.dlq.published).toBe(dead);
      expect(m.worker.failed).toBe(m.worker.poisonFailures);
    }
  });

  it("with transient errors, the dead-lettered fraction is errorRate^maxReceiveCount", () => {
    const m = runScenario(pipeline({ maxReceiveCount: 2, deadLetterTo: "dlq" }, { errorRate: 0.2 }, { ratePerSec: 150, stop: { durationMs: 300_000 }, extra: [{ id: "dlq", kind: "broker" }] })).nodes;
    const fraction = num(m.q.deadLettered) / num(m.q.published);
    expect(fraction).toBeGreaterThan(0.04 * 0.85);
    expect(fraction).toBeLessThan(0.04 * 1.15);
  });

  it("without a dead-letter target, a poison message blocks its FIFO group forever", () => {
    const m = runScenario(pipeline({ ordering: "key" }, { poisonRate: 0.002 }, { keys: 20, stop: { durationMs: 60_000 } })).nodes;
    expect(m.q.deadLettered).toBe(0);
    // Messages pile up behind the poison heads of their groups.
    expect(num(m.q.inQueue)).toBeGreaterThan(100);
  });
});

describe("broker: ordering", () => {
  for (const ordering of ["key", "partition"] as const) {
    it(`processes each ${ordering}'s messages in publish order, even with failures and redelivery`, () => {
      const events: TraceRecord[] = [];
      const s = pipeline({ ordering, partitions: 4, visibilityTimeoutMs: null }, { workers: 6, errorRate: 0.1, crashProbability: 0.01, prefetch: 12 }, { keys: 30, stop: { durationMs: 20_000 } });
      new ScenarioRun(s, { strict: true, onEvent: (e) => events.push(e) }).runToEnd();
      const lastByKey = new Map<number, number>();
      let checked = 0;
      for (const e of events) {
        if (e.type !== "message.processed" || e.requestId === undefined) continue;
        const key = Number(/key (-?\d+)/.exec(e.detail ?? "")![1]);
        const group = key;
        const last = lastByKey.get(group) ?? -1;
        expect(e.requestId).toBeGreaterThan(last);
        lastByKey.set(group, e.requestId);
        checked++;
      }
      expect(checked).toBeGreaterThan(1000);
    });
  }

  it("without ordering, work is spread and keys overtake each other", () => {
    const events: TraceRecord[] = [];
    new ScenarioRun(pipeline({}, { workers: 6, errorRate: 0.1 }, { keys: 5, stop: { durationMs: 10_000 } }), { onEvent: (e) => events.push(e) }).runToEnd();
    let inversions = 0;
    const last = new Map<number, number>();
    for (const e of events) {
      if (e.type !== "message.processed") continue;
      const key = Number(/key (-?\d+)/.exec(e.detail ?? "")![1]);
      if ((last.get(key) ?? -1) > e.requestId!) inversions++;
      last.set(key, Math.max(last.get(key) ?? -1, e.requestId!));
    }
    expect(inversions).toBeGreaterThan(0);
  });
});

describe("broker: prefetch and flow control", () => {
  it("never lets a consumer hold more than prefetch unacked messages", () => {
    for (const prefetch of [1, 3, 10]) {
      const m = runScenario(pipeline({}, { workers: 2, prefetch, processingMs: { dist: "exponential", meanMs: 30 } }, { ratePerSec: 200, stop: { durationMs: 20_000 } })).nodes;
      expect(m.worker.peakUnacked).toBeLessThanOrEqual(prefetch);
      expect(m.worker.peakUnacked).toBe(prefetch); // overloaded, so it is reached
    }
  });

  it("bounds plain push targets by the target's workers", () => {
    const s = scenario(
      [
        { id: "producer", kind: "source", ratePerSec: 300 },
        { id: "q", kind: "broker" },
        { id: "api", kind: "server", workers: 3, serviceMs: { dist: "exponential", meanMs: 10 }, queueCapacity: 0 },
      ],
      [
        { from: "producer", to: "q" },
        { from: "q", to: "api" },
      ],
    );
    const m = runScenario(s).nodes;
    // The broker never pushes more than the 3 workers can take, so nothing is dropped at the server.
    expect(m.api.dropped).toBe(0);
    expect(conservation(m.q)).toBe(m.q.published);
  });

  it("rejects publishes when full, or blocks the publisher until there is room", () => {
    const slow = { workers: 1, processingMs: { dist: "exponential", meanMs: 12 } };
    const rejected = runScenario(pipeline({ maxDepth: 50 }, slow)).nodes;
    expect(rejected.q.rejected).toBeGreaterThan(0);
    expect(num(rejected.q.peakDepth)).toBeLessThanOrEqual(50);
    const blocked = runScenario(pipeline({ maxDepth: 50, overflow: "block" }, slow));
    expect(blocked.nodes.q.rejected).toBe(0);
    expect(blocked.nodes.q.blockedPublishes).toBeGreaterThan(0);
    expect(blocked.latencyMs.p99).toBeGreaterThan(100);
  });

  it("deduplicates republished ids inside the window", () => {
    // A load balancer fanning the same request to the broker twice is not possible; use a topic of
    // two brokers feeding one deduplicating queue instead: each message arrives twice.
    const s = scenario(
      [
        { id: "producer", kind: "source", ratePerSec: 50 },
        { id: "fanout", kind: "broker", mode: "topic" },
        { id: "q", kind: "broker", dedupWindowMs: 60_000 },
        { id: "copy", kind: "broker", mode: "topic" },
        { id: "worker", kind: "consumer", workers: 2, processingMs: { dist: "constant", ms: 5 } },
      ],
      [
        { from: "producer", to: "fanout" },
        { from: "fanout", to: "q" },
        { from: "fanout", to: "copy" },
        { from: "copy", to: "q" },
        { from: "q", to: "worker" },
      ],
      { stop: { durationMs: 20_000 } },
    );
    const m = runScenario(s).nodes;
    expect(num(m.q.duplicatesDropped)).toBeGreaterThan(900);
    expect(num(m.q.published) + num(m.q.duplicatesDropped)).toBeGreaterThan(0);
    expect(m.worker.duplicateEffects).toBe(0);
  });
});

describe("broker: competing consumers are M/M/c", () => {
  it("matches the Erlang C wait with three single-thread consumers on one queue", () => {
    const consumer = (id: string): Node => ({ id, kind: "consumer", workers: 1, prefetch: 1, processingMs: { dist: "exponential", meanMs: 10 } });
    const s = scenario(
      [{ id: "producer", kind: "source", ratePerSec: 240 }, { id: "q", kind: "broker" }, consumer("c-1"), consumer("c-2"), consumer("c-3")],
      [
        { from: "producer", to: "q" },
        { from: "q", to: "c-1" },
        { from: "q", to: "c-2" },
        { from: "q", to: "c-3" },
      ],
      { stop: { durationMs: 900_000 }, warmupMs: 20_000, seed: 3 },
    );
    const m = runScenario(s).nodes.q;
    const expected = theory.mmc(240, 10, 3);
    const wait = (m.waitMs as Record<string, number>).mean;
    expect(Math.abs(wait - expected.meanWaitMs) / expected.meanWaitMs).toBeLessThan(0.08);
    expect(Math.abs(num(m.depth) - expected.meanQueueLength) / expected.meanQueueLength).toBeLessThan(0.08);
  });
});

describe("broker: priority classes", () => {
  it("strict priority starves bulk near capacity; weighted sharing bounds its wait", () => {
    const build = (policy: string) =>
      scenario(
        [
          { id: "urgent-producer", kind: "source", ratePerSec: 80 },
          { id: "bulk-producer", kind: "source", ratePerSec: 15 },
          { id: "q", kind: "broker", priorityPolicy: policy, classes: [{ name: "urgent", sources: ["urgent-producer"] }, { name: "bulk", sources: ["bulk-producer"], share: 0.2 }] },
          { id: "worker", kind: "consumer", workers: 1, prefetch: 1, processingMs: { dist: "exponential", meanMs: 10 } },
        ],
        [
          { from: "urgent-producer", to: "q" },
          { from: "bulk-producer", to: "q" },
          { from: "q", to: "worker" },
        ],
        { stop: { durationMs: 300_000 } },
      );
    const strict = runScenario(build("strict")).nodes.q as Record<string, Record<string, number>>;
    const weighted = runScenario(build("weighted")).nodes.q as Record<string, Record<string, number>>;
    expect(strict.urgent.meanWaitMs).toBeLessThan(weighted.urgent.meanWaitMs);
    expect(weighted.bulk.p99WaitMs).toBeLessThan(strict.bulk.p99WaitMs);
  });
});
