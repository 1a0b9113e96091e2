/**
 * What the resilience kinds report, declared once: the call policy's metrics (as a `client` node
 * reports them) and the circuit breaker state machine's (which a `circuit-breaker` node reports). The
 * kind definitions (client.ts, circuit-breaker.ts) compose these, so a metric's human name is written
 * in one place.
 */
import { onlyWhen, type GaugeDecl, type MetricDecl } from "../../kernel/kind";

/** The breaker state machine's metrics (circuit-breaker.machine.ts `metrics`). */
export const breakerMetrics: Record<string, MetricDecl> = {
  breakerState: { title: "Breaker state" },
  opens: { title: "Times the breaker opened" },
  halfOpens: { title: "Times the breaker went half-open" },
  closes: { title: "Times the breaker closed" },
  stateChanges: { title: "Breaker state changes" },
  callsNotPermitted: { title: "Calls refused by the breaker" },
  timeInStateMs: { title: "Time in each state", unit: "ms", keyed: true },
};

/**
 * The call policy's metrics (call-policy.ts `metrics`) as a `client` node reports them, the pool's only
 * with a pool. (An edge's policy may also hold a breaker; a client node never does: a breaker is a
 * `circuit-breaker` node after it.)
 */
export const callPolicyMetrics: Record<string, MetricDecl> = {
  calls: { title: "Calls made", of: "calls" },
  succeeded: { title: "Calls that succeeded", of: "calls" },
  failed: { title: "Failed", of: "calls" },
  attempts: { title: "Attempts (first tries + retries)" },
  attemptsPerCall: { title: "Attempts per call" },
  retries: { title: "Retries" },
  hedges: { title: "Hedged calls sent" },
  hedgeWins: { title: "Hedged calls that won" },
  timeouts: { title: "Timeouts" },
  deadlineExceeded: { title: "Calls past their deadline" },
  budgetExhausted: { title: "Times the retry budget ran out" },
  budgetDenied: { title: "Retries denied by the budget" },
  lateReplies: { title: "Replies that came too late" },
  orphanedWork: { title: "Work left running after the caller gave up" },
  ...onlyWhen("with a pool", {
    poolRejected: { title: "Calls refused by the connection pool", of: "calls" },
    meanPoolWaitMs: { title: "Mean wait for a connection", unit: "ms" },
    maxConnectionsInUse: { title: "Most connections in use", of: "connections" },
  }),
};

/** The call policy's gauges (call-policy.ts `gauges`) as a `client` node shows them. */
export const callPolicyGauges: Record<string, GaugeDecl> = {
  ...onlyWhen("with a pool", {
    openConnections: { title: "Connections in use", role: "busy" },
    poolSize: { title: "Connections", role: "capacity" },
    poolWaiting: { title: "Calls waiting for a connection", role: "queue" },
  }),
};

/** The trace records of the call policy. */
export const callPolicyRecords = {
  "call.retried": { meaning: "a call was tried again after a failed attempt" },
  "call.hedged": { meaning: "a hedged copy of a slow call was sent" },
  "call.timedOut": { meaning: "an attempt took longer than the per-try timeout" },
  "retry.budgetExhausted": { meaning: "a retry was refused: the retry budget was spent" },
};
