/**
 * The public entry point of simulations/: everything outside this folder imports from here only.
 * Pure TypeScript with no DOM, React, timers, wall clock or unseeded randomness, so the same code runs
 * in the browser's Web Worker, in Node for the runner, and in tests.
 */
export { EventHeap } from "./engine/event-heap";
export { Simulation, BACKGROUND_PRIORITY } from "./engine/simulation";
export { createStream, RandomStreams, hashString, hashInt, type RandomStream } from "./engine/random";
export { createSampler, createZipfSampler, distMeanMs, distScv, type Dist } from "./engine/distributions";
export { LatencyHistogram, TimeWeighted, RunningMean } from "./engine/stats";
export { validateScenario, parseScenario, type ValidationResult } from "./scenario/validate";
export { estimateCost, COST_LIMITS, type CostEstimate } from "./scenario/cost";
export { scenarioReference, kindReference } from "./scenario/reference";
export { scenarioJsonSchema, SCENARIO_VERSION, type Scenario, type NodeSpec, type Edge, type FaultSpec } from "./scenario/schema";
export type { Issue, FieldMeta, Schema, ObjectSchema } from "./kernel/schema-builder";
export { FORBIDDEN_KEYS, schemaAtPath } from "./kernel/schema-builder";
export { nodeKinds, type KindEntry } from "./registry";
export { defineKind, declaredMetricNames, onlyWhen, isDefinedKind, type DefinedKindEntry, type KindDefinition, type MetricDecl, type GaugeDecl, type GaugeRole, type RecordDecl } from "./kernel/kind";
export { loadBalancerStrategies } from "./models/load-balancer/load-balancer";
export { createHashRing, hashRingPoints, type RingPoint } from "./models/load-balancer/hash-ring";
export { ScenarioRun, runScenario, DEFAULT_BUDGET, type WorkBudget, type RunOptions, type RunReport, type Sample, type RequestTrace } from "./runtime/scenario-run";
export type { TraceRecord, NodeGauges, NodeMetrics, Outcome, Span } from "./kernel/model";
export { faultKinds, faultKindOf, faultBaseFields, type FaultKind } from "./kernel/faults";
export * as theory from "./theory";
// Model library: service calls, call policies and the circuit breaker.
export { backoffDelayMs, exponentialBackoffMs, RetryBudget, type BackoffConfig, type Jitter, type RetryPolicyConfig } from "./kernel/retry-policy";
export { CircuitBreaker, circuitBreakerMachine, type BreakerConfig } from "./models/resilience/circuit-breaker.machine";
export { breakerConfig } from "./models/resilience/policy-schema";
// Kernel: processes and messages (issue 11), and the history checker.
export { startTimer, TimerGroup, type TimerHandle } from "./kernel/timers";
export { compareVectors, happenedBefore, concurrent, LogicalClock, type VectorClock, type CausalOrder } from "./kernel/clocks";
export { ProcessNetwork, type LinkSpec, type ClockSpec, type ProcessApi, type ProcessBehaviour, type ProcessFactory, type LogEvent, type ProcessSnapshot, type DropReason, type NetworkCounters } from "./kernel/network";
export { hasProtocolView, type ProtocolView } from "./checker/protocol-view";
export { HistoryRecorder, type Operation } from "./checker/history";
export { checkLinearizability, checkKey, type LinearizabilityResult, type KeyResult, type Verdict } from "./checker/linearizability";
export { checkSessions, type SessionResult, type SessionGuarantee, type SessionViolation } from "./checker/sessions";
export { randomHistory, type RandomHistoryOptions } from "./checker/random-history";
export * as crdts from "./models/replication/crdts";
// Mechanism views (lib/mechanisms) drive these directly with scripted inputs.
export { TokenBucket, FixedWindow, SlidingLog, SlidingCounter, SlidingPeak } from "./models/rate-limiter/algorithms";
export { xfetchRefreshesEarly } from "./models/cache/modes";
export * as transactions from "./models/transactions";
// The bounded counterexample search over tiny Raft clusters (the consensus chapter's "find a counterexample").
export { searchRaftCounterexample, RAFT_SEARCH_PROGRESS_EVERY, type RaftSearchOptions, type RaftSearchResult } from "./models/raft/raft-search";
