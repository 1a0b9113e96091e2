/**
 * Sagas and the transactional outbox, checked as invariants:
 * - started = completed + compensated + inconsistent + running, always;
 * - inconsistent = 0 when every step is compensable and compensations eventually succeed, and > 0
 *   (with a `saga.left-inconsistent` record) when the scenario makes compensation impossible;
 * - the outbox never loses an event across relay crashes; a dual write does.
 */
import { describe, expect, it } from "vitest";
import { ScenarioRun, runScenario, validateScenario, type Scenario, type TraceRecord } from "@/simulations";

type Step = { name: string; service: string; failureRate?: number; compensable?: boolean; compensationFailureRate?: number };

function sagaScenario(steps: Step[], saga: Record<string, unknown> = {}, opts: Partial<Scenario> = {}): Scenario {
  const services = [...new Set(steps.map((s) => s.service))];
  const doc = {
    version: 1,
    title: "saga test",
    seed: 11,
    stop: { durationMs: 60_000 },
    nodes: [
      { id: "orders", kind: "source", ratePerSec: 40 },
      { id: "saga", kind: "saga", steps, ...saga },
      ...services.map((id) => ({ id, kind: "server", workers: 16, serviceMs: { dist: "exponential", meanMs: 15 } })),
    ],
    edges: [{ from: "orders", to: "saga" }, ...services.map((to) => ({ from: "saga", to }))],
    ...opts,
  };
  const result = validateScenario(doc);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
  return result.scenario;
}

const n = (x: unknown) => x as number;
const balanced = (m: Record<string, unknown>) => n(m.completed) + n(m.compensated) + n(m.inconsistent) + n(m.running);

const steps: Step[] = [
  { name: "reserve", service: "inventory" },
  { name: "charge", service: "payments", failureRate: 0.2, compensationFailureRate: 0.3 },
  { name: "ship", service: "shipping", failureRate: 0.2, compensationFailureRate: 0.3 },
];

describe("saga: consistency", () => {
  for (const coordination of ["orchestration", "choreography"] as const) {
    it(`${coordination}: every started saga is accounted for; compensable steps leave nothing inconsistent`, () => {
      for (const seed of [1, 2, 3]) {
        const run = new ScenarioRun(sagaScenario(steps, { coordination, compensationRetries: 30, eventDelayMs: { dist: "constant", ms: 5 } }, { seed }), { strict: true });
        const report = run.runToEnd().report();
        const m = report.nodes.saga;
        expect(balanced(m)).toBe(m.started);
        expect(m.inconsistent).toBe(0);
        expect(n(m.compensated)).toBeGreaterThan(0);
        expect(n(m.compensationFailures)).toBeGreaterThan(0);
        // The caller hears the saga's outcome.
        expect(report.requests.completed).toBe(m.completed);
        expect(report.reasons["saga-compensated"] ?? 0).toBe(m.compensated);
      }
    });
  }

  it("says so when compensation is impossible: a non-compensable step before a failing one", () => {
    const events: TraceRecord[] = [];
    const s = sagaScenario([
      { name: "reserve", service: "inventory" },
      { name: "send-email", service: "email", compensable: false },
      { name: "charge", service: "payments", failureRate: 0.1 },
    ]);
    const m = new ScenarioRun(s, { strict: true, onEvent: (e) => events.push(e) }).runToEnd().report().nodes.saga;
    expect(balanced(m)).toBe(m.started);
    expect(n(m.inconsistent)).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === "saga.left-inconsistent").length).toBe(m.inconsistent);
  });

  it("says so when compensation retries run out", () => {
    const m = runScenario(sagaScenario(
      [
        { name: "reserve", service: "inventory", compensationFailureRate: 0.9 },
        { name: "charge", service: "payments", failureRate: 0.3 },
      ],
      { compensationRetries: 2, compensationBackoffMs: 10 },
    )).nodes.saga;
    expect(balanced(m)).toBe(m.started);
    expect(n(m.inconsistent)).toBeGreaterThan(0);
    // Each failing saga attempted its compensation up to 1 + retries times.
    expect(n(m.compensationAttempts)).toBeLessThanOrEqual(3 * (n(m.compensated) + n(m.inconsistent)));
  });

  it("an orchestrator crash pauses sagas and resumes them: nothing is left inconsistent", () => {
    const s = sagaScenario(steps, { compensationRetries: 30 }, { faults: [{ kind: "crash", target: "saga", atMs: 20_000, durationMs: 5000 }] });
    const report = new ScenarioRun(s, { strict: true }).runToEnd().report();
    const m = report.nodes.saga;
    expect(balanced(m)).toBe(m.started);
    expect(m.inconsistent).toBe(0);
    // Only sagas started in the last moments are still running when the run stops.
    expect(n(m.running)).toBeLessThan(20);
  });

  it("choreography with direct publishing loses events in a crash and stalls sagas; the outbox does not", () => {
    const faults = [{ kind: "crash" as const, target: "saga", atMs: 20_000, durationMs: 2000 }];
    const direct = runScenario(sagaScenario(steps, { coordination: "choreography", events: "direct", publishCrashRate: 0.01, publishMs: 5 }, { faults })).nodes.saga;
    expect(n(direct.lostEvents)).toBeGreaterThan(0);
    expect(direct.stalled).toBe(direct.lostEvents);
    expect(balanced(direct)).toBe(direct.started);
    const viaOutbox = runScenario(sagaScenario(steps, { coordination: "choreography", events: "outbox", compensationRetries: 30 }, { faults })).nodes.saga;
    expect(viaOutbox.lostEvents).toBe(0);
    expect(viaOutbox.stalled).toBe(0);
    expect(n(viaOutbox.running)).toBeLessThan(40);
    expect(viaOutbox.inconsistent).toBe(0);
  });
});

describe("outbox", () => {
  function outboxScenario(mode: string, faults: Scenario["faults"] = [], extra: Record<string, unknown> = {}): Scenario {
    const doc = {
      version: 1,
      title: "outbox",
      seed: 5,
      stop: { durationMs: 60_000 },
      nodes: [
        { id: "orders", kind: "source", ratePerSec: 100 },
        { id: "order-service", kind: "outbox", mode, commitMs: { dist: "exponential", meanMs: 5 }, ...extra },
        { id: "events", kind: "broker" },
        { id: "billing", kind: "consumer", workers: 4, processingMs: { dist: "exponential", meanMs: 10 }, idempotent: true },
      ],
      edges: [
        { from: "orders", to: "order-service" },
        { from: "order-service", to: "events" },
        { from: "events", to: "billing" },
      ],
      faults,
    };
    const result = validateScenario(doc);
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
    return result.scenario;
  }
  const crashes: Scenario["faults"] = [
    { kind: "crash", target: "order-service", atMs: 10_000, durationMs: 3000 },
    { kind: "crash", target: "order-service", atMs: 30_000, durationMs: 500 },
    { kind: "crash", target: "events", atMs: 40_000, durationMs: 2000 },
  ];

  it("never loses an event across relay and broker crashes", () => {
    const m = new ScenarioRun(outboxScenario("outbox", crashes), { strict: true }).runToEnd().report().nodes;
    const o = m["order-service"];
    expect(o.lostEvents).toBe(0);
    expect(n(o.published) + n(o.pending)).toBe(o.committed);
    expect(n(o.pending)).toBeLessThan(100);
    // Every committed order reached billing exactly once in effect.
    expect(n(m.billing.effects) + n(m.events.inQueue) + n(m.events.inFlight)).toBeGreaterThanOrEqual(n(o.published));
    expect(m.billing.duplicateEffects).toBe(0);
  });

  it("a dual write loses the events caught between commit and publish", () => {
    const o = runScenario(outboxScenario("dual-write", crashes, { publishCrashRate: 0.001, publishMs: 20 })).nodes["order-service"];
    expect(n(o.lostEvents)).toBeGreaterThan(0);
    expect(n(o.published) + n(o.pending) + n(o.lostEvents)).toBe(o.committed);
  });
});
