/**
 * The transaction lab's engine: isolation levels over multi-versioned rows, two-phase locking with
 * deadlock detection, vacuum, the Adya dependency graph, and the Hermitage schedules.
 */
export { LEVELS, type Level, type Predicate, type Step, type TxId, type Version, type RunEvent, type Outcome } from "./types";
export { TransactionEngine, runSchedule, statementText, type RunState, type TxStatus, type VersionView, type ReadRecord, type SelectRecord } from "./engine";
export { dependencyGraph, CYCLE_NAMES, type DependencyGraph, type DependencyEdge, type EdgeKind, type CycleKind } from "./dependency-graph";
export { SCHEDULES, scheduleById, observed, type Schedule, type ScheduleId, type AnomalyId } from "./schedules";
export { LockTable, findWaitCycle, type LockMode } from "./locks";
