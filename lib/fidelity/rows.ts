/**
 * The fidelity rows: every model family that has a reference result, checked by running the
 * simulation and comparing with the theory (see simulations/README.md, "Fidelity").
 *
 * Each row runs independent replications (seeds 1..R, never tuned) and reports the mean with a 95%
 * Student t confidence interval. Three kinds of comparison:
 * - `interval`: the theory must lie inside estimate ± half-width ("agrees"), else the row is flagged;
 * - `at-most`: a bound (token bucket, sliding windows): the worst replication must not exceed it;
 * - `equal`: a definition (breaker thresholds, accounting identities): every replication must hit it;
 * - `mean-at-least` / `mean-at-most`: a bound on an expectation (a pooled queue is never beaten, a
 *   policy is never worse than random): the bound must not lie beyond the interval on the wrong side.
 * A flagged row carries a written explanation (a known approximation or finite-run bias), and the
 * unit tests fail when a row is flagged without one, or strays further than its explanation allows.
 * Costly: call at build time (the /fidelity page) or in tests only.
 */
import { ScenarioRun, runScenario, theory, validateScenario, type RunReport, type Scenario } from "@/simulations";
import type { FidelityFamily } from "./families";
import { partitioningRowSpecs } from "./partitioning-rows";
import { eventSourcingRowSpecs, outboxRowSpecs } from "./outbox-rows";
import { partitionedLogRowSpecs } from "./partitioned-log-rows";
import { disasterRecoveryRowSpecs } from "./disaster-recovery-rows";
import { isolationRowSpecs } from "./isolation-rows";
import { streamingRowSpecs } from "./streaming-rows";
import { batchRowSpecs } from "./batch-rows";
import { workflowRowSpecs } from "./workflow-rows";
import { graphRowSpecs } from "./graph-rows";
import { annRowSpecs, searchEngineRowSpecs } from "./search-engine-rows";
import { deliveryRowSpecs } from "./delivery-rows";
import { schemaRowSpecs } from "./schema-rows";
import { storageRowSpecs } from "./storage-rows";

export type Comparison = "interval" | "at-most" | "equal" | "mean-at-least" | "mean-at-most";

export interface FidelityRow {
  /** Anchor on /fidelity: `<family>-<name>`. */
  id: string;
  family: FidelityFamily;
  /** What is compared, e.g. "mean wait in queue". */
  compared: string;
  /** The setting, in words. */
  setting: string;
  unit: "ms" | "ratio" | "count" | "attempts" | "";
  comparison: Comparison;
  theory: number;
  /** Mean of the replications (interval, mean bounds), their maximum (at-most) or the value furthest from theory (equal). */
  estimate: number;
  /** 95% confidence half-width (0 for bounds and exact checks). */
  halfWidth: number;
  replications: number;
  /** How the estimate was obtained (requests, warm-up, replications). */
  method: string;
  verdict: "agrees" | "flagged";
  /** Why the theory lies outside the interval; present on every flagged row that is understood. */
  explanation?: string;
  /** Largest distance from theory the explanation accounts for: relative to theory, or absolute when theory is 0. */
  explainedUpTo?: number;
  /** The scenario of replication 1 ("run this check" opens it in the playground); absent for rows checked on a widget's logic. */
  scenario?: Scenario;
  /** For rows without a scenario: where the learner can try it (a chapter widget). */
  widget?: { href: string; label: string };
}

export interface RowSpec {
  id: string;
  family: FidelityFamily;
  compared: string;
  setting: string;
  unit: FidelityRow["unit"];
  comparison: Comparison;
  theory: number;
  replications: number;
  method: string;
  scenario?: (seed: number) => Scenario;
  /** One replication's measurement. */
  measure?: (scenario: Scenario) => number;
  /** One replication's measurement for rows without a scenario (pure logic behind a widget). */
  sample?: (seed: number) => number;
  widget?: FidelityRow["widget"];
  /** A deviation understood in advance: shown when the row is flagged, and how far it may go. */
  knownDeviation?: { explanation: string; upTo: number };
}

function checked(doc: unknown): Scenario {
  const result = validateScenario(doc);
  if (!result.ok) throw new Error(`fidelity scenario is invalid: ${result.issues.map((i) => i.message).join("; ")}`);
  return result.scenario;
}

/** Runs shared by several rows within one computeFidelityRows() call (same scenario, same seed). */
const memo = new Map<string, unknown>();
function once<T>(kind: string, scenario: Scenario, compute: () => T): T {
  const key = `${kind}:${JSON.stringify(scenario)}`;
  if (!memo.has(key)) memo.set(key, compute());
  return memo.get(key) as T;
}
/** The report of a scenario run to its end (memoised). */
const report = (scenario: Scenario): RunReport => once("report", scenario, () => runScenario(scenario));

const exp = (meanMs: number) => ({ dist: "exponential", meanMs }) as const;
const constant = (ms: number) => ({ dist: "constant", ms }) as const;
const num = (v: unknown) => v as number;

/** Evaluates one spec: replications, interval, verdict. */
export function evaluateRow(spec: RowSpec): FidelityRow {
  const values: number[] = [];
  for (let seed = 1; seed <= spec.replications; seed++) values.push(spec.sample ? spec.sample(seed) : spec.measure!(spec.scenario!(seed)));
  let estimate: number;
  let halfWidth = 0;
  let agrees: boolean;
  if (spec.comparison === "interval" || spec.comparison === "mean-at-least" || spec.comparison === "mean-at-most") {
    const ci = theory.confidenceInterval(values);
    estimate = ci.mean;
    halfWidth = ci.halfWidth;
    if (spec.comparison === "interval") agrees = Math.abs(estimate - spec.theory) <= halfWidth;
    else if (spec.comparison === "mean-at-least") agrees = estimate + halfWidth >= spec.theory;
    else agrees = estimate - halfWidth <= spec.theory;
  } else if (spec.comparison === "at-most") {
    estimate = Math.max(...values);
    agrees = estimate <= spec.theory + 1e-9;
  } else {
    estimate = values.reduce((worst, v) => (Math.abs(v - spec.theory) > Math.abs(worst - spec.theory) ? v : worst), values[0]);
    agrees = Math.abs(estimate - spec.theory) <= 1e-9 * Math.max(1, Math.abs(spec.theory));
  }
  return {
    id: spec.id,
    family: spec.family,
    compared: spec.compared,
    setting: spec.setting,
    unit: spec.unit,
    comparison: spec.comparison,
    theory: spec.theory,
    estimate,
    halfWidth,
    replications: spec.replications,
    method: spec.method,
    verdict: agrees ? "agrees" : "flagged",
    ...(agrees || !spec.knownDeviation ? {} : { explanation: spec.knownDeviation.explanation, explainedUpTo: spec.knownDeviation.upTo }),
    ...(spec.scenario ? { scenario: spec.scenario(1) } : {}),
    ...(spec.widget ? { widget: spec.widget } : {}),
  };
}

// --- queueing -----------------------------------------------------------------------------------

function queueScenario(opts: { rate: number; workers: number; service: Scenario["nodes"][number]["serviceMs"]; requests: number; warmupMs: number; queueCapacity?: number; title: string }) {
  return (seed: number) =>
    checked({
      version: 1,
      title: opts.title,
      seed,
      stop: { requests: opts.requests },
      warmupMs: opts.warmupMs,
      nodes: [
        { id: "users", kind: "source", ratePerSec: opts.rate },
        { id: "api", kind: "server", workers: opts.workers, serviceMs: opts.service, ...(opts.queueCapacity !== undefined ? { queueCapacity: opts.queueCapacity } : {}) },
      ],
      edges: [{ from: "users", to: "api" }],
    });
}

const api = (r: RunReport) => r.nodes.api as Record<string, number>;
const REPS = 10;
const queueMethod = (requests: number, warmupMs: number, reps = REPS) => `${reps} replications × ${requests.toLocaleString("en")} requests after a ${warmupMs / 1000} s warm-up`;

function queueingRows(): RowSpec[] {
  const rows: RowSpec[] = [];
  for (const [rho, requests] of [[0.5, 30_000], [0.8, 60_000], [0.9, 100_000]] as const) {
    const rate = rho * 100;
    const scenario = queueScenario({ rate, workers: 1, service: exp(10), requests, warmupMs: 20_000, title: `M/M/1 at ρ = ${rho}` });
    const base = { family: "mm1" as const, setting: `λ = ${rate}/s, exponential service, mean 10 ms (ρ = ${rho})`, replications: REPS, method: queueMethod(requests, 20_000), scenario, comparison: "interval" as const };
    rows.push({ ...base, id: `mm1-wait-${rho * 100}`, compared: "mean wait in queue", unit: "ms", theory: theory.mm1(rate, 10).meanWaitMs, measure: (s) => api(report(s)).meanWaitMs });
    if (rho === 0.8) {
      rows.push({ ...base, id: "mm1-utilisation-80", compared: "utilisation", unit: "ratio", theory: 0.8, measure: (s) => api(report(s)).utilization });
      rows.push({ ...base, id: "mm1-queue-80", compared: "mean queue length (time average)", unit: "", theory: theory.mm1(rate, 10).meanQueueLength, measure: (s) => api(report(s)).meanQueueLength });
      rows.push({
        ...base,
        id: "mm1-p95-80",
        compared: "p95 response time",
        unit: "ms",
        theory: theory.mm1ResponsePercentileMs(rate, 10, 0.95),
        measure: (s) => report(s).latencyMs.p95,
        knownDeviation: { explanation: "Percentiles come from a log-bucketed histogram whose buckets are up to 0.5% wide, so each replication's p95 can sit up to 0.5% off its exact sample value; that bias does not average out over replications.", upTo: 0.01 },
      });
    }
  }
  {
    const scenario = queueScenario({ rate: 85, workers: 4, service: exp(40), requests: 60_000, warmupMs: 20_000, title: "M/M/4 at ρ = 0.85" });
    const base = { family: "mmc" as const, setting: "4 workers, λ = 85/s, exponential service, mean 40 ms (ρ = 0.85)", replications: REPS, method: queueMethod(60_000, 20_000), scenario, comparison: "interval" as const };
    const t = theory.mmc(85, 40, 4);
    rows.push({ ...base, id: "mmc-wait-4", compared: "mean wait in queue", unit: "ms", theory: t.meanWaitMs, measure: (s) => api(report(s)).meanWaitMs });
    rows.push({ ...base, id: "mmc-queue-4", compared: "mean queue length (time average)", unit: "", theory: t.meanQueueLength, measure: (s) => api(report(s)).meanQueueLength });
  }
  {
    const scenario = queueScenario({ rate: 1440, workers: 16, service: exp(10), requests: 60_000, warmupMs: 5_000, title: "M/M/16 at ρ = 0.9" });
    rows.push({ id: "mmc-wait-16", family: "mmc", setting: "16 workers, λ = 1,440/s, exponential service, mean 10 ms (ρ = 0.9)", compared: "mean wait in queue", unit: "ms", comparison: "interval", replications: REPS, method: queueMethod(60_000, 5_000), scenario, theory: theory.mmc(1440, 10, 16).meanWaitMs, measure: (s) => api(report(s)).meanWaitMs });
  }
  for (const [rho, requests] of [[0.7, 40_000], [0.9, 100_000]] as const) {
    const rate = rho * 100;
    const scenario = queueScenario({ rate, workers: 1, service: constant(10), requests, warmupMs: 20_000, title: `M/D/1 at ρ = ${rho}` });
    rows.push({ id: `md1-wait-${rho * 100}`, family: "md1", setting: `λ = ${rate}/s, constant service 10 ms (ρ = ${rho})`, compared: "mean wait in queue", unit: "ms", comparison: "interval", replications: REPS, method: queueMethod(requests, 20_000), scenario, theory: theory.mg1(rate, 10, 0).meanWaitMs, measure: (s) => api(report(s)).meanWaitMs });
  }
  // M/G/1: the same mean service (10 ms) with more and less variability than exponential; only c² moves the wait.
  for (const g of [
    { id: "mg1-wait-lognormal-70", rate: 70, requests: 150_000, service: { dist: "lognormal", medianMs: 10 / Math.exp(0.5), sigma: 1 } as const, scv: Math.E - 1, label: "lognormal service, mean 10 ms, σ = 1 (c² = e − 1 ≈ 1.72)" },
    { id: "mg1-wait-uniform-80", rate: 80, requests: 100_000, service: { dist: "uniform", minMs: 0, maxMs: 20 } as const, scv: 1 / 3, label: "uniform service on [0, 20] ms (c² = 1/3)" },
  ]) {
    const scenario = queueScenario({ rate: g.rate, workers: 1, service: g.service, requests: g.requests, warmupMs: 20_000, title: `M/G/1 at ρ = ${g.rate / 100}` });
    rows.push({ id: g.id, family: "mg1", setting: `λ = ${g.rate}/s, ${g.label}, ρ = ${g.rate / 100}`, compared: "mean wait in queue", unit: "ms", comparison: "interval", replications: REPS, method: queueMethod(g.requests, 20_000), scenario, theory: theory.mg1(g.rate, 10, g.scv).meanWaitMs, measure: (s) => api(report(s)).meanWaitMs });
  }
  for (const [rate, waiting] of [[90, 4], [120, 9]] as const) {
    const scenario = queueScenario({ rate, workers: 1, service: exp(10), requests: 40_000, warmupMs: 10_000, queueCapacity: waiting, title: `M/M/1/${waiting + 1}` });
    rows.push({
      id: `mm1k-blocking-${waiting + 1}`,
      family: "mm1k",
      setting: `ρ = ${rate / 100}, ${waiting} waiting places (K = ${waiting + 1})`,
      compared: "share of arrivals refused",
      unit: "ratio",
      comparison: "interval",
      replications: REPS,
      method: queueMethod(40_000, 10_000),
      scenario,
      theory: theory.mm1kBlocking(rate, 10, waiting + 1),
      measure: (s) => {
        const r = report(s);
        return r.requests.dropped / r.requests.arrived;
      },
    });
  }
  return rows;
}

// --- load balancing -----------------------------------------------------------------------------

const FLEET = 100;

function fleetScenario(strategy: string, load: number, requests: number, warmupMs: number, fleet = FLEET) {
  return (seed: number) => {
    const servers = Array.from({ length: fleet }, (_, i) => ({ id: `s-${i + 1}`, kind: "server", workers: 1, serviceMs: exp(10) }));
    return checked({
      version: 1,
      title: `${strategy} over ${fleet} servers at ρ = ${load}`,
      seed,
      stop: { requests },
      warmupMs,
      nodes: [{ id: "users", kind: "source", ratePerSec: load * 100 * fleet }, { id: "lb", kind: "load-balancer", strategy }, ...servers],
      edges: [{ from: "users", to: "lb" }, ...servers.map((s) => ({ from: "lb", to: s.id }))],
    });
  };
}

/** Time-average fraction of servers holding at least `i` requests, from gauges sampled every 50 ms after warm-up. */
function fractionAtLeast(scenario: Scenario, i: number): number {
  const counts = once("fleet", scenario, () => {
    const run = new ScenarioRun(scenario, { sampleEveryMs: 50 });
    run.runToEnd();
    memo.set(`report:${JSON.stringify(scenario)}`, run.report());
    const atLeast = new Array<number>(16).fill(0);
    let total = 0;
    for (const sample of run.series) {
      if (sample.tMs <= (scenario.warmupMs ?? 0)) continue;
      for (const [id, g] of Object.entries(sample.nodes)) {
        if (!id.startsWith("s-")) continue;
        total++;
        const n = num(g.busy) + num(g.queue);
        for (let k = 0; k < atLeast.length && k <= n; k++) atLeast[k]++;
      }
    }
    return atLeast.map((c) => c / total);
  });
  return counts[i];
}

function loadBalancingRows(): RowSpec[] {
  const load = 0.9;
  const method = (requests: number) => `10 replications × ${requests.toLocaleString("en")} requests after a 2 s warm-up, ${FLEET} servers`;
  const p2c = fleetScenario("power-of-two-choices", load, 60_000, 2_000);
  // Random splitting makes every server M/M/1 whatever the fleet size; 10 servers and a long warm-up
  // (an M/M/1 at ρ = 0.9 takes seconds to forget that it started empty).
  const random = fleetScenario("random", load, 60_000, 30_000, 10);
  const randomMethod = "10 replications × 60,000 requests after a 30 s warm-up, 10 servers";
  const finiteFleet = (what: string) =>
    `The supermarket result is the limit of an infinitely large fleet; with ${FLEET} servers the ${what} sits slightly above it, by an amount that shrinks as the fleet grows; a narrow enough interval shows the gap.`;
  return [
    { id: "load-balancing-random-response", family: "load-balancing", setting: `random over 10 one-worker servers, ρ = ${load}, exponential 10 ms`, compared: "mean response time (each server is M/M/1)", unit: "ms", comparison: "interval", replications: 10, method: randomMethod, scenario: random, theory: theory.mm1(load * 100, 10).meanResponseMs, measure: (s) => report(s).latencyMs.mean },
    { id: "load-balancing-random-tail-3", family: "load-balancing", setting: `random over 10 one-worker servers, ρ = ${load}`, compared: "fraction of servers with ≥ 3 requests (λ³)", unit: "ratio", comparison: "interval", replications: 10, method: `${randomMethod}; gauges sampled every 50 ms`, scenario: random, theory: theory.supermarketTail(load, 1, 3), measure: (s) => fractionAtLeast(s, 3) },
    {
      id: "load-balancing-p2c-response",
      family: "load-balancing",
      setting: `power of two choices over ${FLEET} one-worker servers, ρ = ${load}`,
      compared: "mean response time (supermarket limit, n → ∞)",
      unit: "ms",
      comparison: "interval",
      replications: 10,
      method: method(60_000),
      scenario: p2c,
      theory: theory.supermarketMeanSojourn(load, 2) * 10,
      measure: (s) => (fractionAtLeast(s, 0), report(s).latencyMs.mean),
      knownDeviation: { explanation: finiteFleet("mean response time"), upTo: 0.06 },
    },
    ...([[2, "λ³", 0.05], [3, "λ⁷", 0.08]] as const).map(([k, power, upTo]) => ({
      id: `load-balancing-p2c-tail-${k}`,
      family: "load-balancing" as const,
      setting: `power of two choices over ${FLEET} one-worker servers, ρ = ${load}`,
      compared: `fraction of servers with ≥ ${k} requests (${power}, n → ∞)`,
      unit: "ratio" as const,
      comparison: "interval" as const,
      replications: 10,
      method: `${method(60_000)}; gauges sampled every 50 ms`,
      scenario: p2c,
      theory: theory.supermarketTail(load, 2, k),
      measure: (s: Scenario) => fractionAtLeast(s, k),
      knownDeviation: { explanation: finiteFleet("fraction"), upTo },
    })),
    {
      id: "load-balancing-round-robin-wait",
      family: "load-balancing",
      setting: "round robin over 4 one-worker servers, λ = 360/s, exponential 10 ms (ρ = 0.9)",
      compared: "mean wait in queue (E₄/M/1, exact)",
      unit: "ms",
      comparison: "interval",
      replications: REPS,
      method: queueMethod(60_000, 5_000),
      scenario: (seed) => {
        const servers = Array.from({ length: 4 }, (_, i) => ({ id: `s-${i + 1}`, kind: "server", workers: 1, serviceMs: exp(10) }));
        return checked({ version: 1, title: "Round robin, E4/M/1", seed, stop: { requests: 60_000 }, warmupMs: 5_000, nodes: [{ id: "users", kind: "source", ratePerSec: 360 }, { id: "lb", kind: "load-balancer", strategy: "round-robin" }, ...servers], edges: [{ from: "users", to: "lb" }, ...servers.map((s) => ({ from: "lb", to: s.id }))] });
      },
      theory: theory.roundRobinMeanWaitMs(360, 10, 4),
      measure: (s) => {
        const r = report(s);
        return [1, 2, 3, 4].reduce((sum, i) => sum + num(r.nodes[`s-${i}`].meanWaitMs), 0) / 4;
      },
    },
    ...leastConnectionsRows(),
  ];
}

/**
 * Least connections with one-worker servers is join-the-shortest-queue. It has no closed form, but
 * two bounds hold in expectation: it cannot beat one pooled queue with the same workers (M/M/c),
 * and for identical exponential servers it is never worse than random splitting (Winston 1977,
 * "Optimality of the shortest line discipline"), which gives n M/M/1 queues.
 */
function leastConnectionsRows(): RowSpec[] {
  const load = 0.8;
  const servers = 4;
  const scenario = fleetScenario("least-connections", load, 60_000, 5_000, servers);
  const base = {
    family: "load-balancing" as const,
    setting: `least connections over ${servers} one-worker servers, λ = ${load * 100 * servers}/s, exponential 10 ms (ρ = ${load})`,
    unit: "ms" as const,
    replications: REPS,
    method: queueMethod(60_000, 5_000),
    scenario,
    measure: (s: Scenario) => report(s).latencyMs.mean,
  };
  return [
    { ...base, id: "load-balancing-least-connections-pooled", compared: `mean response time: at least one pooled queue's (M/M/${servers})`, comparison: "mean-at-least", theory: theory.mmc(load * 100 * servers, 10, servers).meanResponseMs },
    { ...base, id: "load-balancing-least-connections-random", compared: "mean response time: at most random splitting's (M/M/1 each, Winston 1977)", comparison: "mean-at-most", theory: theory.mm1(load * 100, 10).meanResponseMs },
  ];
}

// --- caches -------------------------------------------------------------------------------------

function cacheScenario(opts: { title: string; keys: number; zipf: number; capacity: number; policy: string; ttlMs?: number; rate: number; requests: number; warmupMs: number }) {
  return (seed: number) =>
    checked({
      version: 1,
      title: opts.title,
      seed,
      stop: { requests: opts.requests },
      warmupMs: opts.warmupMs,
      nodes: [
        { id: "users", kind: "source", ratePerSec: opts.rate, keys: { count: opts.keys, zipfExponent: opts.zipf } },
        { id: "cache", kind: "cache", capacity: opts.capacity, policy: opts.policy, hitMs: constant(0.01), ...(opts.ttlMs ? { ttlMs: opts.ttlMs } : {}) },
        // A near-instant store: a miss's fetch takes 0.01 ms, so the references' "insert at once" holds.
        { id: "db", kind: "server", workers: 1000, serviceMs: constant(0.01) },
      ],
      edges: [{ from: "users", to: "cache" }, { from: "cache", to: "db" }],
    });
}

const hitRatio = (s: Scenario) => num(report(s).nodes.cache.hitRatio);

function cacheRows(): RowSpec[] {
  const popularities = theory.zipfPopularities(1000, 0.8);
  const cacheMethod = (requests: number, warmupMs: number) => `10 replications × ${requests.toLocaleString("en")} requests after a ${warmupMs / 1000} s warm-up`;
  const che = "Che's approximation is not exact: it replaces each key's time in the cache by one constant. Its error is a fraction of a percent at these sizes, which an interval this narrow can resolve.";
  const rows: RowSpec[] = [];
  for (const capacity of [50, 200]) {
    rows.push({
      id: `cache-eviction-lru-${capacity}`,
      family: "cache-eviction",
      setting: `LRU holding ${capacity} of 1,000 keys, Zipf exponent 0.8`,
      compared: "hit ratio (Che's approximation)",
      unit: "ratio",
      comparison: "interval",
      replications: 10,
      method: cacheMethod(50_000, 10_000),
      scenario: cacheScenario({ title: `LRU ${capacity} of 1,000 keys`, keys: 1000, zipf: 0.8, capacity, policy: "lru", rate: 1000, requests: 50_000, warmupMs: 10_000 }),
      theory: theory.lruHitRatioChe(popularities, capacity),
      measure: hitRatio,
      knownDeviation: { explanation: che, upTo: 0.01 },
    });
  }
  rows.push({
    id: "cache-eviction-fifo-200",
    family: "cache-eviction",
    setting: "FIFO holding 200 of 1,000 keys, Zipf exponent 0.8",
    compared: "hit ratio (random-eviction approximation)",
    unit: "ratio",
    comparison: "interval",
    replications: 10,
    method: cacheMethod(50_000, 10_000),
    scenario: cacheScenario({ title: "FIFO 200 of 1,000 keys", keys: 1000, zipf: 0.8, capacity: 200, policy: "fifo", rate: 1000, requests: 50_000, warmupMs: 10_000 }),
    theory: theory.fifoHitRatio(popularities, 200),
    measure: hitRatio,
    knownDeviation: { explanation: "The FIFO formula is, like Che's, an approximation (exact for random eviction as the cache grows); a deviation under one percent is its own error, not the simulator's.", upTo: 0.015 },
  });
  for (const [ttlMs, label] of [[1000, "λT = 1"], [4000, "λT = 4"]] as const) {
    rows.push({
      id: `cache-ttl-${ttlMs / 1000}s`,
      family: "cache-ttl",
      setting: `100 equally popular keys at 1 request/s each, TTL ${ttlMs / 1000} s, room for all (${label})`,
      compared: "hit ratio λT / (1 + λT)",
      unit: "ratio",
      comparison: "interval",
      replications: 10,
      method: cacheMethod(60_000, 20_000),
      scenario: cacheScenario({ title: `TTL ${ttlMs / 1000} s`, keys: 100, zipf: 0, capacity: 100, policy: "lru", ttlMs, rate: 100, requests: 60_000, warmupMs: 20_000 }),
      theory: theory.ttlHitRatio(1, ttlMs),
      measure: hitRatio,
    });
  }
  return rows;
}

// --- rate limiting ------------------------------------------------------------------------------

/** Times at which requests left the limiter (the store behind it answers in a constant 0.001 ms). */
function admissionTimes(scenario: Scenario): number[] {
  return once("admissions", scenario, () => recordAdmissions(scenario));
}

function recordAdmissions(scenario: Scenario): number[] {
  const run = new ScenarioRun(scenario);
  const times: number[] = [];
  run.ledger.onSettle = (request, outcome, latencyMs) => {
    if (outcome === "ok") times.push(request.createdAtMs + latencyMs);
  };
  run.runToEnd();
  return times.sort((a, b) => a - b);
}

/** max over every window [a_i, a_j] of (admissions in it − rate × its length): the burst a bucket allowed. */
function worstExcess(times: readonly number[], ratePerMs: number): number {
  let best = -Infinity;
  let bestStart = Infinity; // min over i of (i − rate × a_i), so count − rate·len = j − i + 1 − rate (a_j − a_i)
  for (let j = 0; j < times.length; j++) {
    bestStart = Math.min(bestStart, j - ratePerMs * times[j]);
    best = Math.max(best, j + 1 - ratePerMs * times[j] - bestStart);
  }
  return best;
}

/** Most admissions in any interval shorter than `windowMs`. */
function peakInWindow(times: readonly number[], windowMs: number): number {
  let peak = 0;
  let i = 0;
  for (let j = 0; j < times.length; j++) {
    while (times[j] - times[i] >= windowMs) i++;
    peak = Math.max(peak, j - i + 1);
  }
  return peak;
}

function limiterScenario(limiter: Record<string, unknown>, title: string) {
  return (seed: number) =>
    checked({
      version: 1,
      title,
      seed,
      stop: { durationMs: 60_000 },
      nodes: [
        { id: "users", kind: "source", ratePerSec: 250, spikes: [{ atMs: 20_000, durationMs: 2_000, ratePerSec: 1_000, repeatEveryMs: 15_000 }] },
        { id: "limiter", kind: "rate-limiter", ...limiter },
        { id: "api", kind: "server", workers: 1000, serviceMs: constant(0.001) },
      ],
      edges: [{ from: "users", to: "limiter" }, { from: "limiter", to: "api" }],
    });
}

function rateLimitingRows(): RowSpec[] {
  const method = "10 replications × 60 s of Poisson traffic at 2.5× the rate with 1,000/s spikes; every window between two admissions";
  const bucket = limiterScenario({ algorithm: "token-bucket", ratePerSec: 100, burst: 50 }, "Token bucket, 100/s, burst 50");
  const meter = limiterScenario({ algorithm: "leaky-bucket-meter", ratePerSec: 100, burst: 50 }, "Leaky bucket as a meter (GCRA), 100/s, burst 50");
  return [
    { id: "rate-limiting-token-bucket-bound", family: "rate-limiting", setting: "token bucket, 100/s, burst 50, offered 250/s with spikes", compared: "worst (admitted − rate × t) over every window: at most the burst", unit: "count", comparison: "at-most", replications: 10, method, scenario: bucket, theory: 50, measure: (s) => worstExcess(admissionTimes(s), 0.1) },
    {
      id: "rate-limiting-gcra-same-decisions",
      family: "rate-limiting",
      setting: "GCRA (leaky bucket as a meter) against the token bucket, same traffic",
      compared: "admissions that differ between the two (same decisions)",
      unit: "count",
      comparison: "equal",
      replications: 10,
      method,
      scenario: meter,
      theory: 0,
      measure: (s) => {
        const a = admissionTimes(s);
        const b = admissionTimes(bucket(s.seed));
        let differing = Math.abs(a.length - b.length);
        for (let i = 0; i < Math.min(a.length, b.length); i++) if (Math.abs(a[i] - b[i]) > 1e-6) differing++;
        return differing;
      },
    },
    { id: "rate-limiting-sliding-log-bound", family: "rate-limiting", setting: "sliding log, 100 per 1 s window", compared: "most admissions in any 1 s interval: at most the limit", unit: "count", comparison: "at-most", replications: 10, method, scenario: limiterScenario({ algorithm: "sliding-log", limit: 100, windowMs: 1000 }, "Sliding log, 100 per second"), theory: 100, measure: (s) => peakInWindow(admissionTimes(s), 1000) },
    { id: "rate-limiting-fixed-window-bound", family: "rate-limiting", setting: "fixed window, 100 per aligned 1 s window", compared: "most admissions in any 1 s interval: at most twice the limit (two windows' worth at a boundary)", unit: "count", comparison: "at-most", replications: 10, method, scenario: limiterScenario({ algorithm: "fixed-window", limit: 100, windowMs: 1000 }, "Fixed window, 100 per second"), theory: 200, measure: (s) => peakInWindow(admissionTimes(s), 1000) },
  ];
}

// --- retries, breaker, closed loops, pools, sagas -------------------------------------------------

function retryScenario(p: number, attempts: number) {
  return (seed: number) =>
    checked({
      version: 1,
      title: `Retries: p = ${p}, ${attempts} attempts`,
      seed,
      stop: { requests: 5_000 },
      nodes: [
        { id: "users", kind: "source", ratePerSec: 100 },
        { id: "client", kind: "client", maxAttempts: attempts, backoffBaseMs: 0 },
        { id: "api", kind: "server", workers: 1000, serviceMs: constant(1) },
      ],
      edges: [{ from: "users", to: "client" }, { from: "client", to: "api" }],
      faults: [{ atMs: 0, target: "api", kind: "errors", rate: p }],
    });
}

function retryRows(): RowSpec[] {
  const method = "10 replications × 5,000 calls";
  const rows: RowSpec[] = [];
  for (const [p, n] of [[0.2, 3], [0.5, 4], [0.9, 3]] as const) {
    rows.push({
      id: `retries-amplification-${p * 10}-${n}`,
      family: "retries",
      setting: `each attempt fails with p = ${p}, at most ${n} attempts, no backoff`,
      compared: `attempts per call, 1 + p + … + p^${n - 1}`,
      unit: "attempts",
      comparison: "interval",
      replications: 10,
      method,
      scenario: retryScenario(p, n),
      theory: theory.retryAmplification(p, n),
      measure: (s) => {
        const c = report(s).nodes.client;
        return num(c.attempts) / num(c.calls);
      },
    });
  }
  rows.push({
    id: "retries-success-5-4",
    family: "retries",
    setting: "each attempt fails with p = 0.5, at most 4 attempts",
    compared: "share of calls that succeed, 1 − p⁴",
    unit: "ratio",
    comparison: "interval",
    replications: 10,
    method,
    scenario: retryScenario(0.5, 4),
    theory: theory.retrySuccessProbability(0.5, 4),
    measure: (s) => {
      const r = report(s);
      return r.requests.completed / r.requests.arrived;
    },
  });
  return rows;
}

const BREAKER = { windowSize: 20, minimumNumberOfCalls: 20, failureRateThreshold: 0.5, waitDurationInOpenStateMs: 5000, permittedCallsInHalfOpen: 5 };

/** A steady caller (20/s, evenly spaced) behind a breaker; the dependency fails every call from `failFromMs`. */
function breakerScenario(failFromMs: number) {
  return (seed: number) =>
    checked({
      version: 1,
      title: failFromMs > 0 ? "Breaker: a healthy window, then every call fails" : "Breaker: every call fails from the start",
      seed,
      stop: { durationMs: 60_000 },
      nodes: [
        { id: "users", kind: "source", ratePerSec: 20, arrival: "constant" },
        { id: "breaker", kind: "circuit-breaker", ...BREAKER },
        { id: "api", kind: "server", workers: 10, serviceMs: constant(1) },
      ],
      edges: [{ from: "users", to: "breaker" }, { from: "breaker", to: "api" }],
      faults: [{ atMs: failFromMs, target: "api", kind: "errors", rate: 1 }],
    });
}

/** The answers in order, each call answered (1 ms) before the next arrives (50 ms later). */
function breakerTimeline(scenario: Scenario) {
  return once("breaker", scenario, () => recordBreaker(scenario));
}

function recordBreaker(scenario: Scenario) {
  const answers: ("ok" | "failed" | "refused")[] = [];
  const transitions: { atMs: number; type: string }[] = [];
  const run = new ScenarioRun(scenario, { onEvent: (e) => (e.type.startsWith("breaker.") ? transitions.push({ atMs: e.atMs, type: e.type }) : undefined) });
  run.ledger.onSettle = (_r, outcome, _l, reason) => answers.push(outcome === "ok" ? "ok" : reason === "circuit-open" ? "refused" : "failed");
  run.runToEnd();
  return { answers, transitions };
}

/** Failed calls the breaker let through before its first refusal. */
function failuresBeforeOpening(scenario: Scenario): number {
  const { answers } = breakerTimeline(scenario);
  const firstRefusal = answers.indexOf("refused");
  return answers.slice(0, firstRefusal < 0 ? answers.length : firstRefusal).filter((a) => a === "failed").length;
}

/** Calls admitted in each half-open episode; returns the one furthest from the permitted probes. */
function probesPerHalfOpen(scenario: Scenario): number {
  const { answers } = breakerTimeline(scenario);
  const episodes: number[] = [];
  let run = 0;
  for (let i = answers.indexOf("refused"); i >= 0 && i < answers.length; i++) {
    if (answers[i] === "refused") {
      if (run > 0) episodes.push(run);
      run = 0;
    } else run++;
  }
  if (episodes.length === 0) return NaN;
  return episodes.reduce((worst, e) => (Math.abs(e - BREAKER.permittedCallsInHalfOpen) > Math.abs(worst - BREAKER.permittedCallsInHalfOpen) ? e : worst), episodes[0]);
}

function openDurationMs(scenario: Scenario): number {
  const { transitions } = breakerTimeline(scenario);
  let worst = NaN;
  for (let i = 1; i < transitions.length; i++) {
    if (transitions[i - 1].type === "breaker.opened" && transitions[i].type === "breaker.half-opened") {
      const d = transitions[i].atMs - transitions[i - 1].atMs;
      if (Number.isNaN(worst) || Math.abs(d - BREAKER.waitDurationInOpenStateMs) > Math.abs(worst - BREAKER.waitDurationInOpenStateMs)) worst = d;
    }
  }
  return worst;
}

function breakerRows(): RowSpec[] {
  const method = "5 replications × 60 s, one call every 50 ms; every episode of every run checked";
  const setting = "count window of 20 calls, at least 20 calls, threshold 50%, open 5 s, 5 probes";
  const base = { family: "circuit-breaker" as const, unit: "count" as const, comparison: "equal" as const, replications: 5, method, setting };
  return [
    { ...base, id: "circuit-breaker-opens-at-threshold", compared: "failures that open it after a window of 20 successes (50% of 20)", scenario: breakerScenario(10_025), theory: 10, measure: failuresBeforeOpening },
    { ...base, id: "circuit-breaker-minimum-calls", compared: "failures that open it when every call fails (the minimum number of calls)", scenario: breakerScenario(0), theory: 20, measure: failuresBeforeOpening },
    { ...base, id: "circuit-breaker-probes", compared: "calls admitted in each half-open episode (the permitted probes)", scenario: breakerScenario(0), theory: 5, measure: probesPerHalfOpen },
    { ...base, id: "circuit-breaker-open-duration", compared: "time from opening to half-open, ms", unit: "ms", scenario: breakerScenario(0), theory: 5000, measure: openDurationMs },
  ];
}

function closedLoopScenario(seed: number) {
  return checked({
    version: 1,
    title: "Closed loop: 30 users, 1 s think time, one server",
    seed,
    stop: { durationMs: 400_000 },
    warmupMs: 20_000,
    nodes: [
      { id: "users", kind: "source", users: 30, thinkMs: exp(1000) },
      { id: "api", kind: "server", workers: 1, serviceMs: exp(25) },
    ],
    edges: [{ from: "users", to: "api" }],
  });
}

function closedLoopRows(): RowSpec[] {
  const method = `${REPS} replications × 380 s after a 20 s warm-up`;
  const setting = "30 users, exponential think time 1 s, one worker, exponential service 25 ms";
  return [
    { id: "closed-loop-mva-response", family: "closed-loop", setting, compared: "mean response time (mean value analysis, exact)", unit: "ms", comparison: "interval", replications: REPS, method, scenario: closedLoopScenario, theory: theory.mvaSingleServer(30, 25, 1000).responseMs, measure: (s) => report(s).latencyMs.mean },
    {
      id: "closed-loop-response-time-law",
      family: "closed-loop",
      setting,
      compared: "R − (N/X − Z): measured response time minus the interactive law's",
      unit: "ms",
      comparison: "interval",
      replications: REPS,
      method,
      scenario: closedLoopScenario,
      theory: 0,
      measure: (s) => {
        const r = report(s);
        return r.latencyMs.mean - theory.responseTimeLawMs(30, r.throughputPerSec, 1000);
      },
      knownDeviation: { explanation: "The law is exact over a run only when every user is thinking at its start and end; at the edges of the measured window some users are mid-request, which shifts N/X − Z by a few ms in a 380 s run.", upTo: 10 },
    },
  ];
}

function poolRows(): RowSpec[] {
  const method = "10 replications × 150 s after a 10 s warm-up";
  const erlang = theory.mmc(85, 40, 4).meanWaitMs;
  return [
    {
      id: "pools-connection-pool",
      family: "pools",
      setting: "pool of 4 connections, 85 calls/s, exponential 40 ms holding time (ρ = 0.85)",
      compared: "mean wait for a connection (Erlang C)",
      unit: "ms",
      comparison: "interval",
      replications: 10,
      method,
      scenario: (seed) =>
        checked({ version: 1, title: "Connection pool of 4", seed, stop: { durationMs: 160_000 }, warmupMs: 10_000, nodes: [{ id: "users", kind: "source", ratePerSec: 85 }, { id: "db", kind: "server", workers: 1000, serviceMs: exp(40) }], edges: [{ id: "pool", from: "users", to: "db", pool: { size: 4, queueCapacity: null } }] }),
      theory: erlang,
      measure: (s) => num(report(s).edges!.pool.meanPoolWaitMs),
    },
    {
      id: "pools-competing-consumers",
      family: "pools",
      setting: "4 single-thread consumers (prefetch 1) on one queue, 85 messages/s, exponential 40 ms",
      compared: "mean wait from publish to delivery (Erlang C)",
      unit: "ms",
      comparison: "interval",
      replications: 10,
      method,
      scenario: (seed) => {
        const consumers = [1, 2, 3, 4].map((i) => ({ id: `c-${i}`, kind: "consumer", workers: 1, prefetch: 1, processingMs: exp(40) }));
        return checked({ version: 1, title: "Competing consumers", seed, stop: { durationMs: 160_000 }, warmupMs: 10_000, nodes: [{ id: "producer", kind: "source", ratePerSec: 85 }, { id: "q", kind: "broker" }, ...consumers], edges: [{ from: "producer", to: "q" }, ...consumers.map((c) => ({ from: "q", to: c.id }))] });
      },
      theory: erlang,
      measure: (s) => (report(s).nodes.q.waitMs as Record<string, number>).mean,
    },
  ];
}

const SAGA_STEPS = [0.1, 0.2, 0.05];

function sagaScenario(seed: number) {
  const services = ["flights", "hotels", "cars"];
  return checked({
    version: 1,
    title: "Saga of three steps with independent failures",
    seed,
    stop: { durationMs: 100_000 },
    nodes: [
      { id: "users", kind: "source", ratePerSec: 50 },
      { id: "trip", kind: "saga", steps: services.map((name, i) => ({ name, service: name, failureRate: SAGA_STEPS[i] })) },
      ...services.map((id) => ({ id, kind: "server", workers: 100, serviceMs: exp(20) })),
    ],
    edges: [{ from: "users", to: "trip" }, ...services.map((id) => ({ from: "trip", to: id }))],
  });
}

/** started − (completed + compensated + inconsistent + running): zero when the books close. */
export function sagaBooksGap(report: RunReport): number {
  let gap = 0;
  for (const m of Object.values(report.nodes)) {
    if (m.started === undefined || m.compensated === undefined) continue;
    gap = Math.max(gap, Math.abs(num(m.started) - (num(m.completed) + num(m.compensated) + num(m.inconsistent) + num(m.running))));
  }
  return gap;
}

function sagaRows(): RowSpec[] {
  const method = "10 replications × 100 s at 50 sagas/s";
  const setting = "three steps failing independently with 10%, 20% and 5%";
  return [
    { id: "saga-completion", family: "saga", setting, compared: "share of sagas that complete, Π(1 − p_i)", unit: "ratio", comparison: "interval", replications: 10, method, scenario: sagaScenario, theory: theory.sagaCompletionProbability(SAGA_STEPS), measure: (s) => { const t = report(s).nodes.trip; return num(t.completed) / num(t.started); } },
    { id: "saga-accounting", family: "saga", setting, compared: "started − (completed + compensated + inconsistent + running)", unit: "count", comparison: "equal", replications: 10, method, scenario: sagaScenario, theory: 0, measure: (s) => sagaBooksGap(report(s)) },
  ];
}

// --- communication: synchronous chains, a queue in the middle, fan-out and hedging ---------------

const CHAIN_HOPS = [
  { id: "checkout", medianMs: 4, q: 0.01 },
  { id: "orders", medianMs: 6, q: 0.01 },
  { id: "payments", medianMs: 12, q: 0.02 },
  { id: "kitchen", medianMs: 8, q: 0.02 },
] as const;
const CHAIN_SIGMA = 0.4;

/** users -> checkout -> orders -> payments -> kitchen, each hop calling the next while it waits. */
function syncChainScenario(seed: number) {
  return checked({
    version: 1,
    title: "Four synchronous hops failing independently",
    seed,
    stop: { durationMs: 12_000 },
    warmupMs: 2_000,
    nodes: [
      { id: "users", kind: "source", ratePerSec: 100 },
      ...CHAIN_HOPS.map((h, i) => ({ id: h.id, kind: "server", workers: 64, serviceMs: { dist: "lognormal", medianMs: h.medianMs, sigma: CHAIN_SIGMA }, ...(i < CHAIN_HOPS.length - 1 ? { calls: { mode: "sequential" } } : {}) })),
    ],
    edges: [{ from: "users", to: "checkout" }, ...CHAIN_HOPS.slice(1).map((h, i) => ({ from: CHAIN_HOPS[i].id, to: h.id }))],
    faults: CHAIN_HOPS.map((h) => ({ atMs: 0, target: h.id, kind: "errors", rate: h.q })),
  });
}

const ASYNC_OUTAGE = { atMs: 5_000, durationMs: 20_000 };

/** The same first three hops; the kitchen is a consumer behind a queue and is down for 20 s. */
function asyncQueueScenario(seed: number) {
  const sync = CHAIN_HOPS.slice(0, 3);
  return checked({
    version: 1,
    title: "Three synchronous hops, the kitchen behind a queue and down for 20 s",
    seed,
    stop: { durationMs: 30_000 },
    warmupMs: 2_000,
    nodes: [
      { id: "users", kind: "source", ratePerSec: 100 },
      ...sync.map((h, i) => ({ id: h.id, kind: "server", workers: 64, serviceMs: { dist: "lognormal", medianMs: h.medianMs, sigma: CHAIN_SIGMA }, ...(i < 2 ? { calls: { mode: "sequential" } } : {}) })),
      { id: "order-events", kind: "broker" },
      { id: "kitchen", kind: "consumer", workers: 4, processingMs: { dist: "lognormal", medianMs: 8, sigma: CHAIN_SIGMA }, errorRate: 0.02 },
    ],
    edges: [{ from: "users", to: "checkout" }, { from: "checkout", to: "orders" }, { from: "orders", to: "payments" }, { from: "orders", to: "order-events" }, { from: "order-events", to: "kitchen" }],
    faults: [...sync.map((h) => ({ atMs: 0, target: h.id, kind: "errors", rate: h.q })), { ...ASYNC_OUTAGE, target: "kitchen", kind: "crash" }],
  });
}

function communicationChainRows(): RowSpec[] {
  const method = "30 replications × 10 s at 100 requests/s, after 2 s of warm-up";
  const setting = "checkout → orders → payments → kitchen, failing 1%, 1%, 2%, 2% independently; lognormal service (σ 0.4), no queueing";
  const syncPart = CHAIN_HOPS.slice(0, 3);
  // Settled requests only: the few still in flight at the end have no outcome yet.
  const success = (s: Scenario) => { const r = report(s).requests; return r.completed / (r.completed + r.failed + r.dropped); };
  return [
    { id: "sync-chains-availability", family: "sync-chains", setting, compared: "share of requests that succeed, Π(1 − q_i)", unit: "ratio", comparison: "interval", replications: 30, method, scenario: syncChainScenario, theory: theory.chainAvailability(CHAIN_HOPS.map((h) => h.q)), measure: success },
    { id: "sync-chains-latency", family: "sync-chains", setting, compared: "mean end-to-end latency, the sum of the hops' means (medians 4, 6, 12, 8 ms)", unit: "ms", comparison: "interval", replications: 30, method, scenario: syncChainScenario, theory: CHAIN_HOPS.reduce((sum, h) => sum + theory.lognormalMean(h.medianMs, CHAIN_SIGMA), 0), measure: (s) => report(s).latencyMs.mean },
    { id: "sync-chains-queue-front-end", family: "sync-chains", setting: "the kitchen moved behind a queue and down from 5 s to 25 s", compared: "share of requests that succeed: only the hops before the queue count, Π over checkout, orders, payments", unit: "ratio", comparison: "interval", replications: 10, method: "10 replications × 28 s at 100 requests/s, after 2 s of warm-up", scenario: asyncQueueScenario, theory: theory.chainAvailability(syncPart.map((h) => h.q)), measure: success },
    { id: "sync-chains-queue-backlog", family: "sync-chains", setting: "the kitchen moved behind a queue and down from 5 s to 25 s", compared: "peak queue depth: the messages published during the outage, λ · D · Π(1 − q_i)", unit: "count", comparison: "interval", replications: 10, method: "10 replications × 28 s at 100 requests/s, after 2 s of warm-up", scenario: asyncQueueScenario, theory: 100 * (ASYNC_OUTAGE.durationMs / 1000) * theory.chainAvailability(syncPart.map((h) => h.q)), measure: (s) => num(report(s).nodes["order-events"].peakDepth), knownDeviation: { explanation: "The crash also hands back the one or two messages the kitchen held when it went down, so the peak can sit a message or two above the count published during the outage.", upTo: 0.01 } },
  ];
}

const SHARD = { medianMs: 10, sigma: 0.6918, thresholdMs: 50 };

/** users -> search (fan-out n) -> client (hedge or not) -> shards with ample threads. */
function fanOutScenario(fanOut: number, hedgeDelayMs: number | null) {
  return (seed: number) =>
    checked({
      version: 1,
      title: `Fan-out to ${fanOut}${hedgeDelayMs ? `, hedged after ${hedgeDelayMs} ms` : ""}`,
      seed,
      stop: { durationMs: 11_000 },
      warmupMs: 1_000,
      nodes: [
        { id: "users", kind: "source", ratePerSec: 25 },
        { id: "search", kind: "scatter-gather", fanOut, slowThresholdMs: SHARD.thresholdMs },
        { id: "leaf-client", kind: "client", hedgeDelayMs },
        { id: "shards", kind: "server", workers: 1000, serviceMs: { dist: "lognormal", medianMs: SHARD.medianMs, sigma: SHARD.sigma }, idempotent: true },
      ],
      edges: [{ from: "users", to: "search" }, { from: "search", to: "leaf-client" }, { from: "leaf-client", to: "shards" }],
    });
}

function fanOutRows(): RowSpec[] {
  const method = "8 replications × 10 s at 25 requests/s, after 1 s of warm-up";
  const p = theory.lognormalTail(SHARD.medianMs, SHARD.sigma, SHARD.thresholdMs);
  const hedgeMs = 31;
  const slowShare = (s: Scenario) => num(report(s).nodes.search.slowShare);
  const rows: RowSpec[] = [];
  for (const n of [10, 100]) {
    rows.push({ id: `fan-out-slow-${n}`, family: "fan-out", setting: `${n} sub-requests, each slower than 50 ms with p = 1% (lognormal, median 10 ms)`, compared: `share of requests slower than 50 ms, 1 − (1 − p)^${n}`, unit: "ratio", comparison: "interval", replications: 8, method, scenario: fanOutScenario(n, null), theory: theory.fanOutSlowProbability(p, n), measure: slowShare });
  }
  const hedged = fanOutScenario(100, hedgeMs);
  rows.push(
    { id: "fan-out-hedged-slow", family: "fan-out", setting: `100 sub-requests, each hedged after ${hedgeMs} ms (the shards' p95)`, compared: "share of requests slower than 50 ms, 1 − (1 − P(X > 50) · P(X > 50 − 31))^100", unit: "ratio", comparison: "interval", replications: 8, method, scenario: hedged, theory: theory.fanOutSlowProbability(theory.hedgedSlowProbability(SHARD.medianMs, SHARD.sigma, SHARD.thresholdMs, hedgeMs), 100), measure: slowShare },
    { id: "fan-out-hedge-load", family: "fan-out", setting: `100 sub-requests, each hedged after ${hedgeMs} ms (the shards' p95)`, compared: "extra requests per sub-request, P(X > 31 ms)", unit: "ratio", comparison: "interval", replications: 8, method, scenario: hedged, theory: theory.lognormalTail(SHARD.medianMs, SHARD.sigma, hedgeMs), measure: (s) => num(report(s).nodes["leaf-client"].attemptsPerCall) - 1 },
  );
  return rows;
}

/** Every row spec, in page order. */
export function fidelityRowSpecs(): RowSpec[] {
  return [...queueingRows(), ...loadBalancingRows(), ...cacheRows(), ...rateLimitingRows(), ...retryRows(), ...breakerRows(), ...closedLoopRows(), ...poolRows(), ...sagaRows(), ...communicationChainRows(), ...fanOutRows(), ...replicationRows(), ...partitioningRowSpecs(), ...consensusRows(), ...outboxRowSpecs(), ...eventSourcingRowSpecs(), ...partitionedLogRowSpecs(), ...disasterRecoveryRowSpecs(), ...isolationRowSpecs(), ...streamingRowSpecs(), ...batchRowSpecs(), ...workflowRowSpecs(), ...graphRowSpecs(), ...searchEngineRowSpecs(), ...annRowSpecs(), ...deliveryRowSpecs(), ...schemaRowSpecs(), ...storageRowSpecs()];
}

/** Runs every simulation row (about ten seconds of CPU: build time and tests only). */

// --- replication: the history checker on the replicated register -------------------------------

/** A replicated register of N = 3 under `mode` (no faults), checked by the linearizability checker. */
function registerScenario(overrides: Record<string, unknown>) {
  return (seed: number) =>
    checked({
      version: 1,
      title: "Replicated register checked for linearizability",
      seed,
      stop: { durationMs: 20_000 },
      nodes: [{ id: "register", kind: "replicated-register", replicas: 3, clients: 5, keys: 10, opsPerSec: 10, latencyMs: exp(5), ...overrides }],
      edges: [],
    });
}

/** 1 when the checker did not find the run's history linearizable (a violation or undecided), else 0. */
function notLinearizable(scenario: Scenario): number {
  return report(scenario).nodes.register?.linearizable === "true" ? 0 : 1;
}

function replicationRows(): RowSpec[] {
  const method = "10 replications × 20 s, 5 clients over 10 keys, every history checked (Wing & Gong search)";
  return [
    { id: "replication-quorum-overlap", family: "replication", setting: "leaderless, N = 3, R = 2, W = 2, blocking read repair", compared: "replications whose history is not linearizable", unit: "count", comparison: "equal", replications: 10, method, scenario: registerScenario({ mode: "quorum", readQuorum: 2, writeQuorum: 2, readRepair: "blocking" }), theory: 0, measure: notLinearizable },
    { id: "replication-leader-sync", family: "replication", setting: "leader-follower, synchronous replication, reads from the leader", compared: "replications whose history is not linearizable", unit: "count", comparison: "equal", replications: 10, method, scenario: registerScenario({ mode: "leader-follower", replication: "sync", readFrom: "leader" }), theory: 0, measure: notLinearizable },
    { id: "replication-async-followers-flagged", family: "replication", setting: "leader-follower, async (lag ≈ 200 ms), reads from followers", compared: "replications whose history the checker accepts (a stale read must be flagged)", unit: "count", comparison: "equal", replications: 10, method, scenario: registerScenario(ASYNC_FOLLOWERS), theory: 0, measure: (s) => 1 - notLinearizable(s) },
    ...sessionRows(),
    ...pbsRows(),
    ...multiLeaderRows(),
  ];
}

const ASYNC_FOLLOWERS = { mode: "leader-follower", replication: "async", replicationLagMs: exp(200), readFrom: "followers", keys: 3 };
const registerMetrics = (s: Scenario) => report(s).nodes.register as Record<string, number> & { sessionViolations: Record<string, number> };

function sessionRows(): RowSpec[] {
  const method = "10 replications × 20 s, 5 clients over 3 keys, every history checked for session guarantees (Terry et al. 1994)";
  const setting = (sticky: boolean) => `leader-follower, async (lag ≈ 200 ms), reads from followers, ${sticky ? "sticky sessions" : "each read to a random follower"}`;
  return [
    { id: "replication-monotonic-reads-random", family: "replication", setting: setting(false), compared: "replications with no monotonic-read violation (going back in time must show up)", unit: "count", comparison: "equal", replications: 10, method, scenario: registerScenario(ASYNC_FOLLOWERS), theory: 0, measure: (s) => (registerMetrics(s).sessionViolations.monotonicReads > 0 ? 0 : 1) },
    { id: "replication-monotonic-reads-sticky", family: "replication", setting: setting(true), compared: "monotonic-read violations (one follower applies writes in version order)", unit: "count", comparison: "equal", replications: 10, method, scenario: registerScenario({ ...ASYNC_FOLLOWERS, stickySessions: true }), theory: 0, measure: (s) => registerMetrics(s).sessionViolations.monotonicReads },
  ];
}

/** C(n, k). */
const choose = (n: number, k: number) => {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c;
};

/** Bailis et al. (PBS, VLDB 2012): a read right after a write misses it with chance C(N−W, R) / C(N, R). */
export const pbsMissProbability = (n: number, r: number, w: number) => (r + w > n ? 0 : choose(n - w, r) / choose(n, r));

function pbsRows(): RowSpec[] {
  const reps = 20;
  const method = `${reps} replications × 20 s, 5 clients × 20 operations/s over 20 keys, 1 ms links; stale reads ÷ reads that began after a write of their key was acknowledged`;
  const scenario = (n: number, r: number, w: number) => registerScenario({ mode: "quorum", replicas: n, readQuorum: r, writeQuorum: w, quorumTargets: "exact", keys: 20, clients: 5, opsPerSec: 20, latencyMs: constant(1) });
  const staleShare = (s: Scenario) => registerMetrics(s).staleReads / registerMetrics(s).staleCandidates;
  const row = (n: number, r: number, w: number): RowSpec => ({
    id: `replication-pbs-${n}-${r}-${w}`,
    family: "replication",
    setting: `leaderless, N = ${n}, R = ${r}, W = ${w}, replicas chosen uniformly, no read repair`,
    compared: r + w > n ? "share of reads that miss the latest acknowledged write: 0 when R + W > N" : "share of reads that miss the latest acknowledged write, C(N−W, R) / C(N, R)",
    unit: "ratio",
    comparison: r + w > n ? "equal" : "interval",
    replications: r + w > n ? 10 : reps,
    method,
    scenario: scenario(n, r, w),
    theory: pbsMissProbability(n, r, w),
    measure: staleShare,
    knownDeviation: { explanation: "A 95% interval misses the true value in about one check in twenty by chance; reads that overlap a newer write in flight can also see it early, which lowers the share slightly.", upTo: 0.06 },
  });
  return [row(3, 1, 1), row(5, 2, 2), row(3, 2, 2)];
}

function multiLeaderRows(): RowSpec[] {
  const method = "10 replications × 20 s, 6 clients over 5 keys at 5 operations/s, replication lag ≈ 100 ms; every discarded value checked against the winner's version vector";
  const ml = (extra: Record<string, unknown>) => registerScenario({ mode: "multi-leader", clients: 6, keys: 5, opsPerSec: 5, replicationLagMs: exp(100), ...extra });
  const m = (s: Scenario) => registerMetrics(s);
  return [
    { id: "replication-lww-no-skew", family: "replication", setting: "multi-leader, last writer wins, synchronised clocks", compared: "discarded writes that were the later one in real time (LWW drops only the earlier of two concurrent writes)", unit: "count", comparison: "equal", replications: 10, method, scenario: ml({ conflictResolution: "lww" }), theory: 0, measure: (s) => m(s).lostNewerWrites },
    { id: "replication-lww-skew", family: "replication", setting: "multi-leader, last writer wins, replica r1's clock 300 ms ahead", compared: "replications in which no later write was silently discarded", unit: "count", comparison: "equal", replications: 10, method, scenario: ml({ conflictResolution: "lww", clockSkewMs: 300 }), theory: 0, measure: (s) => (m(s).lostNewerWrites > 0 ? 0 : 1) },
    { id: "replication-version-vectors", family: "replication", setting: "multi-leader, version vectors, replica r1's clock 300 ms ahead", compared: "writes discarded without being in the winner's causal past (concurrent ones are kept as siblings)", unit: "count", comparison: "equal", replications: 10, method, scenario: ml({ conflictResolution: "version-vectors", clockSkewMs: 300 }), theory: 0, measure: (s) => m(s).lostWrites },
    { id: "replication-g-counter", family: "replication", setting: "multi-leader, G-counter CRDT (each write adds one)", compared: "acknowledged increments missing from the merged counter", unit: "count", comparison: "equal", replications: 10, method, scenario: ml({ conflictResolution: "g-counter", clockSkewMs: 300 }), theory: 0, measure: (s) => m(s).lostWrites },
  ];
}

// --- consensus: Raft's safety properties and its elections ------------------------------------

/** Five Raft servers and one client; the leader crashes every 3 s (down 1 s); `overrides` on the node. */
function raftScenario(overrides: Record<string, unknown>, crashes = 10) {
  return (seed: number) =>
    checked({
      version: 1,
      title: "Raft cluster whose leader keeps crashing",
      seed,
      stop: { durationMs: 1000 + crashes * 3000 },
      nodes: [{ id: "cluster", kind: "raft", servers: 5, clients: 1, opsPerSec: 10, replicaFaults: Array.from({ length: crashes }, (_, i) => ({ atMs: 1000 + i * 3000, durationMs: 1000, kind: "crash", replica: "leader" })), ...overrides }],
      edges: [],
    });
}

const raftNode = (s: Scenario) => report(s).nodes.cluster as Record<string, number>;

function consensusRows(): RowSpec[] {
  const method = "8 replications × 31 s, 10 leader crashes each, every step of every server checked";
  return [
    { id: "consensus-safety", family: "consensus", setting: "5 servers, 150–300 ms timeouts, 5% message loss, 10 leader crashes", compared: "safety violations (two leaders in a term, log mismatch, committed entry lost)", unit: "count", comparison: "equal", replications: 8, method, scenario: raftScenario({ loss: 0.05 }), theory: 0, measure: (s) => raftNode(s).safetyViolations },
    { id: "consensus-split-votes", family: "consensus", setting: "5 servers, election timeouts uniform on 150–300 ms (with every timeout 150 ms, nearly every election splits)", compared: "share of elections ending in a split vote, worst replication: rare (at most 1 in 4; about 1 in 20 overall)", unit: "ratio", comparison: "at-most", replications: 8, method, scenario: raftScenario({}), theory: 0.25, measure: (s) => raftNode(s).splitVotes / Math.max(1, raftNode(s).elections) },
    { id: "consensus-split-votes-equal-timeouts", family: "consensus", setting: "5 servers, every election timeout exactly 150 ms (no randomness), heartbeat 50 ms", compared: "share of elections ending in a split vote, mean over replications: frequent (at least half)", unit: "ratio", comparison: "mean-at-least", replications: 8, method, scenario: raftScenario({ electionTimeoutMaxMs: 150 }), theory: 0.5, measure: (s) => raftNode(s).splitVotes / Math.max(1, raftNode(s).elections) },
    { id: "consensus-failover-p99", family: "consensus", setting: "5 servers, 150–300 ms timeouts, heartbeat 50 ms", compared: "p99 time from a leader's crash to a new leader: under a second (Raft §9.3)", unit: "ms", comparison: "at-most", replications: 8, method, scenario: raftScenario({}), theory: 1000, measure: (s) => raftNode(s).failoverP99Ms },
  ];
}

export function computeFidelityRows(): FidelityRow[] {
  try {
    return fidelityRowSpecs().map(evaluateRow);
  } finally {
    memo.clear();
  }
}
