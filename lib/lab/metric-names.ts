/**
 * Human names for report metric paths. Chapters name what to watch as paths into the runner's report
 * (`nodes.recs.received`, `nodes.recs-breaker.timeInStateMs.open`, `latencyMs.p99`); the lab shows
 * them as "Calls received · recs" with a unit. One table covers every field the model library
 * reports (the unit test checks every metric a chapter names has an entry); a path the table does
 * not know still gets a readable generated label, never the raw path.
 */
import type { MetricUnit } from "./metrics";

/** How a metric's value is written: a unit kind, or a count of something named. */
export type MetricKind = MetricUnit | "hours";

export interface MetricName {
  /** The path as the chapter wrote it. */
  path: string;
  /** "Calls received", "p99 latency", "Time open". Sentence case, no node id. */
  label: string;
  /** The node or edge the metric belongs to ("recs"), when it is a per-node metric. */
  owner?: string;
  kind: MetricKind;
  /** Short unit text for display ("ms", "%", "/s", "calls"), empty when the number speaks for itself. */
  unit: string;
  /** True when the label came from the table, false when it was generated from the path. */
  known: boolean;
}

type Entry = readonly [label: string, kind?: MetricKind, unit?: string];

/** Whole-run metrics at the top of the report. */
const topLevel: Record<string, Entry> = {
  "requests.arrived": ["Requests arrived", "count", "requests"],
  "requests.completed": ["Requests completed", "count", "requests"],
  "requests.failed": ["Failed requests", "count", "requests"],
  "requests.dropped": ["Dropped requests", "count", "requests"],
  "requests.inFlight": ["Requests in flight", "count", "requests"],
  throughputPerSec: ["Throughput", "per-sec", "req/s"],
  "latencyMs.mean": ["Mean latency", "ms"],
  "latencyMs.p50": ["Median (p50) latency", "ms"],
  "latencyMs.p90": ["p90 latency", "ms"],
  "latencyMs.p95": ["p95 latency", "ms"],
  "latencyMs.p99": ["p99 latency", "ms"],
  "latencyMs.p999": ["p99.9 latency", "ms"],
  "latencyMs.max": ["Slowest request", "ms"],
  simulatedMs: ["Simulated time", "ms"],
  events: ["Simulation events", "count"],
};

/** Per-node and per-edge fields (the last segment, or a family for nested ones). */
const nodeFields: Record<string, Entry> = {
  acked: ["Messages acknowledged"],
  admitted: ["Requests admitted"],
  ageOfOldestMs: ["Age of the oldest message", "ms"],
  amplification: ["Work amplification", "count", "×"],
  attempts: ["Attempts (first tries + retries)"],
  attemptsPerCall: ["Attempts per call", "count", "×"],
  backendFetches: ["Fetches from the backend"],
  blockedMs: ["Time blocked by backpressure", "ms"],
  blockedPublishes: ["Publishes blocked"],
  budgetDenied: ["Retries denied by the budget"],
  budgetExhausted: ["Times the retry budget ran out"],
  calls: ["Calls made"],
  callsNotPermitted: ["Calls refused by the breaker"],
  canaryFailed: ["Failed canary requests"],
  canaryRequests: ["Requests sent to the canary"],
  canaryWeight: ["Canary share of traffic", "ratio"],
  cancelled: ["Calls cancelled"],
  changes: ["Routing changes"],
  closes: ["Times the breaker closed"],
  coalesced: ["Requests coalesced into one fetch"],
  committed: ["Transactions committed"],
  compensated: ["Sagas compensated"],
  compensationAttempts: ["Compensation attempts"],
  compensationFailures: ["Compensations that failed"],
  completed: ["Completed"],
  concurrentDuplicates: ["Duplicates processed at the same time"],
  consumedPerSec: ["Consumed per second", "per-sec", "msg/s"],
  cost: ["Cost (instance-hours × price)", "count"],
  crashes: ["Consumer crashes"],
  crossZone: ["Requests sent to another zone"],
  crossZoneRatio: ["Share sent to another zone", "ratio"],
  deadLettered: ["Messages dead-lettered"],
  deadlineExceeded: ["Calls past their deadline"],
  deduplicated: ["Duplicates recognised"],
  degraded: ["Degraded responses"],
  delayed: ["Requests delayed"],
  delivered: ["Messages delivered"],
  depth: ["Queue depth", "count", "messages"],
  dirty: ["Dirty entries (not yet written back)"],
  discarded: ["Messages discarded"],
  dropped: ["Dropped"],
  duplicateDeliveries: ["Duplicate deliveries"],
  duplicateEffects: ["Effects applied twice"],
  duplicateProcessing: ["Messages processed twice"],
  duplicateSideEffects: ["Side effects applied twice"],
  duplicatesDropped: ["Duplicates dropped"],
  duplicatesPublished: ["Duplicates published"],
  duplicatesSkipped: ["Duplicates skipped"],
  effects: ["Effects applied"],
  enabled: ["Breaker enabled (1 = on)"],
  eventsPublished: ["Events published"],
  evictions: ["Evictions"],
  expirations: ["Entries expired"],
  expired: ["Requests expired while waiting"],
  failed: ["Failed"],
  failedWrites: ["Failed writes"],
  failovers: ["Failovers"],
  fallbacks: ["Fallback answers served"],
  finalInstances: ["Instances at the end", "count", "instances"],
  flushBacklog: ["Writes waiting to be flushed"],
  flushed: ["Writes flushed"],
  gaveUp: ["Requests given up on"],
  halfOpens: ["Times the breaker went half-open"],
  healthChanges: ["Health changes seen"],
  hedgeWins: ["Hedged calls that won"],
  hedges: ["Hedged calls sent"],
  hitRatio: ["Hit ratio", "ratio"],
  hits: ["Cache hits"],
  inFlight: ["In flight"],
  inQueue: ["Waiting in the queue"],
  inconsistent: ["Sagas left inconsistent"],
  instanceHours: ["Instance-hours", "hours", "h"],
  invalidated: ["Entries invalidated"],
  invalidationsLost: ["Invalidations lost"],
  invalidationsSent: ["Invalidations sent"],
  keys: ["Keys tracked"],
  keysRemapped: ["Keys moved to another server"],
  keysRemappedRatio: ["Share of keys moved", "ratio"],
  lateReplies: ["Replies that came too late"],
  localDrops: ["Requests dropped before sending"],
  lost: ["Lost"],
  lostAcks: ["Acknowledgements lost"],
  lostEvents: ["Events lost"],
  lostMessages: ["Messages lost"],
  lostWrites: ["Writes lost"],
  maxConnectionsInUse: ["Most connections in use"],
  maxInUse: ["Most slots in use"],
  maxStaleMs: ["Stalest read", "ms"],
  maxWaitMs: ["Longest wait", "ms"],
  meanBuffered: ["Mean messages buffered"],
  meanInFlight: ["Mean messages in flight"],
  meanInUse: ["Mean slots in use"],
  meanInstances: ["Mean instances", "count", "instances"],
  meanMs: ["Mean latency", "ms"],
  meanPoolWaitMs: ["Mean wait for a connection", "ms"],
  meanPublishDelayMs: ["Mean delay before publishing", "ms"],
  meanQueueLength: ["Mean queue length"],
  meanReadyInstances: ["Mean ready instances", "count", "instances"],
  meanRetryDelayMs: ["Mean delay before a redelivery", "ms"],
  meanWaitMs: ["Mean wait in the queue", "ms"],
  members: ["Members"],
  gatherP50Ms: ["Gathered answer p50", "ms"],
  gatherP99Ms: ["Gathered answer p99", "ms"],
  misses: ["Cache misses"],
  nacked: ["Messages rejected by consumers"],
  predictedSlowShare: ["Predicted slow share, 1 − (1 − p)^n", "ratio"],
  noHealthyTarget: ["Requests with no healthy target"],
  offeredPerSec: ["Offered load", "per-sec", "req/s"],
  opens: ["Times the breaker opened"],
  orphanedWork: ["Work left running after the caller gave up"],
  outboxPending: ["Events waiting in the outbox"],
  p50Ms: ["Median (p50) latency", "ms"],
  p99Ms: ["p99 latency", "ms"],
  passed: ["Calls let through"],
  slowShare: ["Share of gathered requests slower than the threshold", "ratio"],
  subP50Ms: ["Sub-request p50", "ms"],
  subP95Ms: ["Sub-request p95", "ms"],
  subP99Ms: ["Sub-request p99", "ms"],
  subRequests: ["Sub-requests sent"],
  subSlowShare: ["Share of sub-requests slower than the threshold", "ratio"],
  peakAdmittedPerSec: ["Peak admitted rate", "per-sec", "req/s"],
  peakAgeOfOldestMs: ["Peak age of the oldest message", "ms"],
  peakDepth: ["Peak queue depth", "count", "messages"],
  peakInstances: ["Peak instances", "count", "instances"],
  peakUnacked: ["Peak unacknowledged messages"],
  pending: ["Pending"],
  poisonFailures: ["Poison-message failures"],
  poolRejected: ["Calls refused by the connection pool"],
  processed: ["Messages processed"],
  publishFailures: ["Publish failures"],
  published: ["Messages published"],
  pushedOut: ["Requests pushed out of the queue"],
  readYourWritesViolations: ["Reads that missed the reader's own write"],
  reads: ["Reads"],
  readsFromPrimary: ["Reads served by the primary"],
  received: ["Calls received"],
  redeliveries: ["Redeliveries"],
  refreshes: ["Refreshes"],
  producerSlowdown: ["Producer slowdown (share of intended sends held back)", "ratio"],
  rejected: ["Rejected"],
  rejectedRatio: ["Share rejected", "ratio"],
  relayPolls: ["Outbox relay polls"],
  // change-capture (outbox and CDC)
  aborted: ["Transactions rolled back", "count", "transactions"],
  // change-capture and partitioned-log both count each message's first delivery to the consumer.
  consumed: ["Consumed (first delivery of each message)", "count", "messages"],
  inventedEvents: ["Events published for changes never committed", "count", "events"],
  duplicatesApplied: ["Duplicates the consumer applied twice", "count", "messages"],
  outOfOrder: ["Changes applied after a later change of the same aggregate", "count", "changes"],
  mismatchedAggregates: ["Aggregates whose copy differs from the database", "count", "aggregates"],
  gapCrashes: ["Crashes between the two writes"],
  meanLagMs: ["Mean commit-to-consumer lag", "ms"],
  retainedWalKb: ["Log retained by the replication slot", "count", "KB"],
  peakRetainedWalKb: ["Peak log retained by the replication slot", "count", "KB"],
  republished: ["Events republished"],
  retries: ["Retries"],
  rolledBack: ["Canary rolled back (1 = yes)"],
  running: ["Sagas still running"],
  saturatedMs: ["Time at full capacity", "ms"],
  scaleEvents: ["Scaling actions"],
  scaleIns: ["Scale-ins"],
  scaleOuts: ["Scale-outs"],
  sent: ["Requests sent"],
  served: ["Requests served"],
  sessions: ["Sessions"],
  sessionsLost: ["Sessions lost"],
  shed: ["Requests shed"],
  stableFailed: ["Failed requests on the stable version"],
  stableRequests: ["Requests to the stable version"],
  splitVotes: ["Split votes"],
  ops: ["Client operations"],
  term: ["Highest term"],
  failoverMeanMs: ["Mean time to a new leader after a crash", "ms"],
  committedEntries: ["Log entries committed"],
  firstViolation: ["First safety violation"],
  invariantChecks: ["Steps checked"],
  linearizable: ["History linearizable"],
  linearizabilityViolation: ["Why the history is not linearizable"],
  writesAccepted: ["Writes accepted by storage"],
  cycles: ["Lock cycles finished"],
  electionsWon: ["Elections won"],
  elections: ["Elections held"],
  leaderlessMs: ["Time without a leader", "ms"],
  failoverP50Ms: ["Median time to a new leader after a crash", "ms"],
  failoverP99Ms: ["p99 time to a new leader after a crash", "ms"],
  failoverMaxMs: ["Longest time to a new leader after a crash", "ms"],
  safetyViolations: ["Safety violations"],
  committedEntriesLost: ["Committed entries lost"],
  electionSafetyViolations: ["Two leaders in one term"],
  logMatchingViolations: ["Log matching violations"],
  completedOps: ["Operations answered"],
  failedOps: ["Operations timed out"],
  staleWritesAccepted: ["Stale writes accepted over a newer holder's"],
  produced: ["Records produced", "count", "records"],
  acknowledged: ["Writes acknowledged to the producer", "count", "records"],
  refused: ["Writes refused", "count", "records"],
  lostAcknowledged: ["Acknowledged writes lost", "count", "records"],
  droppedUnacknowledged: ["Writes dropped unseen (acks=0 to an offline partition)", "count", "records"],
  duplicates: ["Records processed again", "count", "records"],
  skippedByConsumer: ["Records committed but never processed", "count", "records"],
  orderViolations: ["Records processed before an older record of their key", "count", "records"],
  leaderElections: ["Leader elections"],
  rebalances: ["Rebalances"],
  consumerCrashes: ["Consumer crashes"],
  uncleanElections: ["Unclean leader elections"],
  offlinePartitionSeconds: ["Partition-seconds with no leader"],
  pausedPartitionSeconds: ["Partition-seconds paused by rebalances"],
  movedPartitions: ["Partitions that changed owner", "count", "partitions"],
  idleConsumers: ["Consumers with no partition (at the end)", "count", "consumers"],
  lag: ["Consumer lag at the end", "count", "records"],
  meanLag: ["Mean consumer lag", "count", "records"],
  maxLag: ["Peak consumer lag", "count", "records"],
  writesRejected: ["Writes rejected for an old token"],
  leasesExpired: ["Leases that ran out before release"],
  staleAcks: ["Stale acknowledgements"],
  staleReadRatio: ["Share of stale reads", "ratio"],
  staleReads: ["Stale reads"],
  staleServed: ["Stale answers served"],
  stalled: ["Sagas stalled"],
  started: ["Sagas started"],
  stateChanges: ["Breaker state changes"],
  stepFailures: ["Saga steps that failed"],
  storedEntries: ["Entries stored"],
  succeeded: ["Calls that succeeded"],
  successRatio: ["Success ratio", "ratio"],
  syncs: ["Syncs"],
  throughputPerSec: ["Throughput", "per-sec", "req/s"],
  timeouts: ["Timeouts"],
  unrouted: ["Messages with no queue to go to"],
  users: ["Users"],
  utilization: ["Utilization", "ratio"],
  visibilityExpired: ["Visibility timeouts expired"],
  wasted: ["Requests finished after the caller left"],
  wastedWorkMs: ["Wasted work", "ms"],
  writes: ["Writes"],
  // The replicated register (simulations/models/replication).
  lostNewerWrites: ["Lost writes that were the later one"],
  conflicts: ["Concurrent writes met while merging"],
  keysWithSiblings: ["Keys holding siblings at r1"],
  counterTotal: ["Counter total after merging"],
  staleCandidates: ["Reads that could be stale"],
  messagesSent: ["Messages sent"],
  messagesDelivered: ["Messages delivered"],
  messagesDropped: ["Messages dropped"],
  checkedOperations: ["Operations checked"],
};

/** Nested latency-like families: `<family>.p99` reads "p99 <family label>". */
const distributionFamilies: Record<string, string> = {
  blockedPublishMs: "time a publisher was blocked",
  compensationMs: "compensation time",
  durationMs: "saga duration",
  endToEndMs: "end-to-end time",
  processingMs: "processing time",
  replicationLagMs: "replication lag",
  retryAfterMs: "Retry-After wait",
  waitMs: "wait in the queue",
  writeLatencyMs: "write latency",
};

const statistic: Record<string, string> = { mean: "Mean", max: "Longest", p50: "Median (p50)", p90: "p90", p95: "p95", p99: "p99", p999: "p99.9" };

/** Nested maps keyed by a node, class or partition: `sentTo.api-2` reads "Sent to api-2". */
const keyedFamilies: Record<string, (key: string) => Entry> = {
  sentTo: (k) => [`Sent to ${k}`],
  failedBy: (k) => [`Failed at ${k}`],
  lagByPartition: (k) => [`Lag on partition ${k}`, "count", "messages"],
  lagBySubscription: (k) => [`Backlog of subscription ${k}`, "count", "messages"],
  ackedBySubscription: (k) => [`Acknowledged by ${k}`],
  shedByClass: (k) => [`Shed (class ${k})`],
  timeInStateMs: (k) => [{ closed: "Time closed", open: "Time open", halfOpen: "Time half-open" }[k] ?? `Time ${words(k)}`, "ms"],
  urgent: (k) => prefixed("Urgent queue", k),
  bulk: (k) => prefixed("Bulk queue", k),
  reasons: (k) => [`Failed or dropped: ${words(k)}`],
  sessionViolations: (k) => [`${{ readYourWrites: "Read-your-writes", monotonicReads: "Monotonic-read", monotonicWrites: "Monotonic-write", writesFollowReads: "Writes-follow-reads" }[k] ?? upperFirst(words(k))} violations`],
};

/** Nested objects a Watch may name whole (shown as their parts). */
const groupLabels: Record<string, string> = {
  timeInStateMs: "Time in each state",
  sentTo: "Requests sent to each target",
  failedBy: "Failures by target",
  lagByPartition: "Lag by partition",
  lagBySubscription: "Backlog by subscription",
  ackedBySubscription: "Acknowledged by subscription",
  shedByClass: "Shed by class",
  latencyMs: "Latency percentiles",
  requests: "Requests",
  sessionViolations: "Session-guarantee violations",
};

function prefixed(prefix: string, field: string): Entry {
  const entry = nodeFields[field];
  return entry ? [`${prefix}: ${lowerFirst(entry[0])}`, entry[1], entry[2]] : [`${prefix}: ${words(field)}`, kindFromName(field)];
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** camelCase field to words, units dropped: "meanPoolWaitMs" -> "mean pool wait". */
function words(field: string): string {
  return field
    .replace(/PerSec$/, " per second")
    .replace(/Ms$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[-_]/g, " ")
    .toLowerCase()
    .trim();
}

function kindFromName(field: string): MetricKind {
  if (/Ms$/.test(field)) return "ms";
  if (/PerSec$/.test(field)) return "per-sec";
  if (/(Ratio|ratio|utili[sz]ation|Share|share)$/.test(field)) return "ratio";
  return "count";
}

const unitText: Record<MetricKind, string> = { ms: "ms", ratio: "%", "per-sec": "/s", count: "", hours: "h" };

function named(path: string, entry: Entry | undefined, owner: string | undefined, fallback: string): MetricName {
  const kind = entry?.[1] ?? kindFromName(path.split(".").pop() ?? path);
  return {
    path,
    label: entry ? entry[0] : upperFirst(fallback),
    owner,
    kind,
    unit: entry?.[2] ?? unitText[kind],
    known: entry !== undefined,
  };
}

/** Label for a field path inside a node's or edge's metrics ("received", "timeInStateMs.open"). */
function fieldEntry(fields: string[]): Entry | undefined {
  const [first, second, ...rest] = fields;
  if (rest.length > 0) return undefined;
  if (second === undefined) {
    if (nodeFields[first]) return nodeFields[first];
    if (groupLabels[first]) return [groupLabels[first], kindFromName(first)];
    return undefined;
  }
  if (distributionFamilies[first] && statistic[second]) return [`${statistic[second]} ${distributionFamilies[first]}`, "ms"];
  if (keyedFamilies[first]) return keyedFamilies[first](second);
  return undefined;
}

/**
 * The human name of a report metric path. Node and edge metrics carry their owner separately so a
 * display can write "Calls received · recs"; unknown paths get a generated label from their words.
 */
export function metricName(path: string): MetricName {
  const parts = path.split(".");
  if (topLevel[path]) return named(path, topLevel[path], undefined, path);
  if ((parts[0] === "nodes" || parts[0] === "edges") && parts.length >= 3) {
    const fields = parts.slice(2);
    return named(path, fieldEntry(fields), parts[1], fields.map(words).join(" "));
  }
  if (parts[0] === "reasons" && parts[1]) return named(path, keyedFamilies.reasons(parts[1]), undefined, path);
  if (groupLabels[path]) return named(path, [groupLabels[path], kindFromName(path)], undefined, path);
  return named(path, undefined, undefined, parts.map(words).join(" "));
}

/** "Calls received · recs", or "p99 latency" for whole-run metrics. */
export function metricTitle(path: string): string {
  const name = metricName(path);
  return name.owner ? `${name.label} · ${name.owner}` : name.label;
}

/** The label of a sub-field of a grouped metric ("open" of timeInStateMs -> "Time open"). */
export function partLabel(path: string, key: string): string {
  return metricName(`${path}.${key}`).label;
}

function trim(n: number, digits: number): string {
  return Number(n.toFixed(digits)).toLocaleString("en-US", { maximumFractionDigits: digits });
}

/** A value in the metric's unit: "412 ms", "12.5 s", "97.3%", "1,204 req/s", "3 messages". */
export function formatMetricValue(path: string, value: number): string {
  if (!Number.isFinite(value)) return "–";
  const name = metricName(path);
  switch (name.kind) {
    case "ms":
      return value >= 10_000 ? `${trim(value / 1000, 1)} s` : `${trim(value, value >= 100 ? 0 : 1)} ms`;
    case "ratio":
      return `${trim(value * 100, 1)}%`;
    case "per-sec":
      return `${trim(value, value >= 100 ? 0 : 1)} ${name.unit}`;
    case "hours":
      return `${trim(value, 2)} h`;
    default: {
      const number = trim(value, Number.isInteger(value) ? 0 : 2);
      if (!name.unit) return number;
      const unit = value === 1 && /^[a-z]{3,}s$/.test(name.unit) ? name.unit.slice(0, -1) : name.unit;
      return name.unit === "×" ? `${number}×` : `${number} ${unit}`;
    }
  }
}
