/**
 * Fidelity rows for the outbox and change data capture: the change-capture kind run under crashes
 * between its two writes, compared with what each design promises. A dual write loses (or invents) a
 * share p of events when it crashes in the gap with probability p; the outbox and CDC lose and invent
 * none; an idempotent consumer's copy ends equal to the database; the aggregate id as message key
 * keeps each aggregate's changes in order; a stopped connector's replication slot retains
 * rate × outage × log per change.
 */
import { runScenario, validateScenario, type RunReport, type Scenario } from "@/simulations";
import { checkReplay, generateLog, rebuild, replay, sameState, takeSnapshots } from "@/lib/event-sourcing/event-store";
import type { RowSpec } from "./rows";

const RATE = 200;
const PRODUCE_MS = 12_000;

/** A source of order changes at `rate`/s for `produceMs`, then quiet until `durationMs` so the pipeline drains. */
export function changeCaptureScenario(node: Record<string, unknown>, seed: number, opts: { rate?: number; produceMs?: number; durationMs?: number } = {}): Scenario {
  const result = validateScenario({
    version: 1,
    title: "Change capture under crashes between the two writes",
    seed,
    stop: { durationMs: opts.durationMs ?? 20_000 },
    nodes: [
      { id: "orders", kind: "source", ratePerSec: opts.rate ?? RATE, profile: [{ atMs: opts.produceMs ?? PRODUCE_MS, ratePerSec: 0 }] },
      { id: "order-service", kind: "change-capture", relayIntervalMs: 50, restartMs: 300, ...node },
    ],
    edges: [{ from: "orders", to: "order-service" }],
  });
  if (!result.ok) throw new Error(`fidelity scenario is invalid: ${result.issues.map((i) => i.message).join("; ")}`);
  return result.scenario;
}

const memo = new Map<string, RunReport>();
function metricsOf(scenario: Scenario): Record<string, number> {
  const key = JSON.stringify(scenario);
  if (!memo.has(key)) memo.set(key, runScenario(scenario));
  return memo.get(key)!.nodes["order-service"] as Record<string, number>;
}

const P = 0.02;
const ABORT = 0.01;
const OUTAGE = { atMs: 2_000, durationMs: 5_000 };
const SLOT_RATE = 100;
const KB_PER_CHANGE = 2;

/** Every outbox and CDC row, in page order. */
export function outboxRowSpecs(): RowSpec[] {
  const method = (reps: number) => `${reps} replications × ${PRODUCE_MS / 1000} s of changes at ${RATE}/s (Poisson), then drained`;
  const crashing = { gapCrashRate: 0.005 };
  const withCrashes = "crash between publish and mark with p = 0.005 per event, relay back after 300 ms";
  return [
    {
      id: "outbox-dual-write-loses",
      family: "outbox",
      compared: "share of committed changes never published, p",
      setting: `dual write, commit then publish, crash in the gap with p = ${P}`,
      unit: "ratio",
      comparison: "interval",
      theory: P,
      replications: 10,
      method: method(10),
      scenario: (seed) => changeCaptureScenario({ mode: "dual-write", gapCrashRate: P }, seed),
      measure: (s) => {
        const m = metricsOf(s);
        return m.lostEvents / m.committed;
      },
    },
    {
      id: "outbox-dual-write-invents",
      family: "outbox",
      compared: "share of published events whose change never committed, p + (1 − p)·a",
      setting: `dual write, publish then commit, crash in the gap with p = ${P}, rollbacks a = ${ABORT}`,
      unit: "ratio",
      comparison: "interval",
      theory: P + (1 - P) * ABORT,
      replications: 10,
      method: method(10),
      scenario: (seed) => changeCaptureScenario({ mode: "dual-write", publishFirst: true, gapCrashRate: P, abortRate: ABORT }, seed),
      measure: (s) => {
        const m = metricsOf(s);
        return m.inventedEvents / (m.published - m.duplicatesPublished);
      },
    },
    ...(["outbox", "cdc"] as const).map(
      (mode): RowSpec => ({
        id: `outbox-${mode}-loses-none`,
        family: "outbox",
        compared: "changes lost + events invented",
        setting: `${mode === "outbox" ? "transactional outbox, polling relay" : "log-based CDC"}, ${withCrashes}`,
        unit: "count",
        comparison: "equal",
        theory: 0,
        replications: 10,
        method: method(10),
        scenario: (seed) => changeCaptureScenario({ mode, ...crashing }, seed),
        measure: (s) => {
          const m = metricsOf(s);
          return m.lostEvents + m.inventedEvents;
        },
      }),
    ),
    {
      id: "outbox-idempotent-consumer",
      family: "outbox",
      compared: "aggregates whose consumer copy differs from the database, once drained",
      setting: `transactional outbox, consumer skipping seen event ids, ${withCrashes}`,
      unit: "count",
      comparison: "equal",
      theory: 0,
      replications: 10,
      method: method(10),
      scenario: (seed) => changeCaptureScenario({ mode: "outbox", dedupe: true, ...crashing }, seed),
      measure: (s) => metricsOf(s).mismatchedAggregates,
    },
    {
      id: "outbox-keyed-order",
      family: "outbox",
      compared: "changes applied after a later change of the same aggregate",
      setting: "log-based CDC, aggregate id as message key, 8 partitions, consumer 20 ms per message (exponential)",
      unit: "count",
      comparison: "equal",
      theory: 0,
      replications: 10,
      method: method(10),
      scenario: (seed) => changeCaptureScenario({ mode: "cdc", partitions: 8, consumeMs: { dist: "exponential", meanMs: 20 } }, seed),
      measure: (s) => metricsOf(s).outOfOrder,
    },
    {
      id: "outbox-slot-retention",
      family: "outbox",
      compared: "peak log retained by the slot during a connector outage, λ·D·b",
      setting: `log-based CDC at ${SLOT_RATE} changes/s, ${KB_PER_CHANGE} KB of log per change, connector down ${OUTAGE.durationMs / 1000} s`,
      unit: "count",
      comparison: "interval",
      theory: SLOT_RATE * (OUTAGE.durationMs / 1000) * KB_PER_CHANGE,
      replications: 20,
      method: `20 replications × ${PRODUCE_MS / 1000} s at ${SLOT_RATE} changes/s (Poisson), connector polling every 10 ms`,
      scenario: (seed) => changeCaptureScenario({ mode: "cdc", relayIntervalMs: 10, walKbPerChange: KB_PER_CHANGE, relayOutages: [OUTAGE] }, seed, { rate: SLOT_RATE }),
      measure: (s) => metricsOf(s).peakRetainedWalKb,
      knownDeviation: { explanation: "The peak also holds the changes committed in the last poll interval before the outage and the first after it (about 2 × 10 ms × 100/s × 2 KB = 4 KB), a bias well inside one interval.", upTo: 0.02 },
    },
  ];
}

// --- event sourcing: checked on the pure model behind the chapter widget (lib/event-sourcing) -----

const replayWidget = { href: "/learn/event-sourcing-cqrs#event-snapshotting", label: "Try it in the replay widget" };
const SNAPSHOT_EVERY = 20;
const LOG_EVENTS = 200;

/** Mean events a rebuild applies over 50 cut points drawn uniformly from the log (seeded). */
function meanRebuildCost(seed: number): number {
  const log = generateLog(LOG_EVENTS, seed);
  const snaps = takeSnapshots(log, SNAPSHOT_EVERY);
  let x = seed * 2654435761;
  let sum = 0;
  for (let i = 0; i < 50; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    sum += rebuild(log, snaps, 1 + (x % LOG_EVENTS)).applied;
  }
  return sum / 50;
}

/** Every event-sourcing row, in page order. */
export function eventSourcingRowSpecs(): RowSpec[] {
  const method = (reps: number) => `${reps} seeded logs of ${LOG_EVENTS} order events (a third stored in version 1 and upcast)`;
  return [
    {
      id: "event-sourcing-snapshot-plus-tail",
      family: "event-sourcing",
      compared: "cut points where snapshot + tail differs from a full replay",
      setting: "snapshot every N = 1 … 40 events (N varies with the seed), every cut point of the log",
      unit: "count",
      comparison: "equal",
      theory: 0,
      replications: 40,
      method: method(40),
      sample: (seed) => {
        const log = generateLog(LOG_EVENTS, seed);
        const snaps = takeSnapshots(log, seed);
        let differing = 0;
        let state = replay([]).state;
        for (let n = 1; n <= log.length; n++) {
          state = replay([log[n - 1]], { from: { seq: n - 1, state } }).state;
          if (!sameState(state, rebuild(log, snaps, n).state)) differing++;
        }
        return differing;
      },
      widget: replayWidget,
    },
    {
      id: "event-sourcing-rebuild-cost",
      family: "event-sourcing",
      compared: "mean events a rebuild replays, (N − 1)/2 for a uniform cut point",
      setting: `snapshot every ${SNAPSHOT_EVERY} events, 50 uniformly drawn cut points per log`,
      unit: "count",
      comparison: "interval",
      theory: (SNAPSHOT_EVERY - 1) / 2,
      replications: 20,
      method: method(20),
      sample: meanRebuildCost,
      widget: replayWidget,
    },
    ...(["clock-reading", "deterministic"] as const).map(
      (handler): RowSpec => ({
        id: `event-sourcing-${handler}-replay`,
        family: "event-sourcing",
        compared: "replay an hour later flagged as diverging (1 = flagged)",
        setting: handler === "clock-reading" ? "handler computes the delivery estimate from the clock" : "handler computes the delivery estimate from the event's time",
        unit: "count",
        comparison: "equal",
        theory: handler === "clock-reading" ? 1 : 0,
        replications: 20,
        method: method(20),
        sample: (seed) => (checkReplay(generateLog(LOG_EVENTS, seed), handler, 60).diverged ? 1 : 0),
        widget: replayWidget,
      }),
    ),
  ];
}
