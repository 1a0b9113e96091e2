/**
 * The mechanism views MDX may use (content/README.md, "Mechanism views"). Each is a server component:
 * it checks its props (a bad one fails the build with the component and prop named), runs the model
 * (lib/mechanisms, which drives the simulation's own classes, or a preset's real run) and hands the
 * result to a lazily hydrated client view (components/mechanisms).
 */
import { breakerTimeline } from "@/lib/mechanisms/breaker-timeline";
import { moduloMovedShare, ringSteps } from "@/lib/mechanisms/hash-ring";
import { queueingCurves, xfetchCurves } from "@/lib/mechanisms/queueing";
import { traceTokenBucket, traceWindowEdges } from "@/lib/mechanisms/rate-limiting";
import { retryTimeline } from "@/lib/mechanisms/retry-timeline";
import { sequenceTrace, type Protocol } from "@/lib/mechanisms/saga-sequence";
import { outboxSequence } from "@/lib/mechanisms/outbox-sequence";
import { allShards, overlapProbability, overlapsWith, shuffleShardLayout } from "@/lib/mechanisms/shuffle-shard";
import { visibilityTrace } from "@/lib/mechanisms/visibility-timeout";
import { loadPreset } from "@/lib/lab/presets";
import {
  BreakerTimelineIsland,
  HashRingIsland,
  QueueingCurvesIsland,
  RetryTimelineIsland,
  SagaSequenceIsland,
  ShuffleShardIsland,
  TokenBucketIsland,
  VisibilityTimeoutIsland,
  WindowEdgesIsland,
  XFetchIsland,
} from "@/components/mechanisms/islands";

/** Checks a numeric prop: an integer (when asked) within [min, max]; throws naming component and prop. */
function num(component: string, prop: string, value: unknown, fallback: number, min: number, max: number, integer = true): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max)
    throw new Error(`<${component}> ${prop} must be ${integer ? "an integer" : "a number"} from ${min} to ${max} (got ${JSON.stringify(value)})`);
  return value;
}

export interface TokenBucketViewMdxProps {
  /** Refill rate, tokens per second (default 2). */
  rate?: number;
  /** Bucket size (default 5). */
  burst?: number;
}

/** A token bucket's level and decisions over a scripted burst-steady-burst arrival sequence. */
export function TokenBucketView({ rate, burst }: TokenBucketViewMdxProps) {
  const trace = traceTokenBucket(num("TokenBucketView", "rate", rate, 2, 0.5, 20, false), num("TokenBucketView", "burst", burst, 5, 1, 20));
  return <TokenBucketIsland trace={trace} />;
}

export interface WindowEdgesViewMdxProps {
  /** Requests allowed per window (default 5). */
  limit?: number;
  /** Window length, ms (default 1000). */
  windowMs?: number;
}

/** Fixed window, sliding log and sliding counter on the same burst across a window edge. */
export function WindowEdgesView({ limit, windowMs }: WindowEdgesViewMdxProps) {
  return <WindowEdgesIsland trace={traceWindowEdges(num("WindowEdgesView", "limit", limit, 5, 2, 12), num("WindowEdgesView", "windowMs", windowMs, 1000, 100, 60_000))} />;
}

export interface HashRingViewMdxProps {
  /** Servers before one more joins (default 4). */
  servers?: number;
  /** Virtual nodes per server (default 16; the load balancer's default is 100, too dense to draw). */
  virtualNodes?: number;
}

/** The load balancer's hash ring: uneven arcs, virtual nodes, and the arcs that move when a server joins. */
export function HashRingView({ servers, virtualNodes }: HashRingViewMdxProps) {
  const n = num("HashRingView", "servers", servers, 4, 2, 8);
  const v = num("HashRingView", "virtualNodes", virtualNodes, 16, 2, 64);
  const names = Array.from({ length: n + 1 }, (_, i) => `api-${i + 1}`);
  return <HashRingIsland steps={ringSteps(names, v)} moduloMoved={Math.round(moduloMovedShare(n) * 1000) / 1000} />;
}

export interface BreakerTimelineViewMdxProps {
  /** Preset id whose run is drawn; it must stop on a duration. */
  scenario: string;
  /** Id of the circuit-breaker node in it. */
  breaker: string;
}

/** A real run's breaker states as bands over time, with completed and failed requests per second. */
export function BreakerTimelineView({ scenario, breaker }: BreakerTimelineViewMdxProps) {
  const preset = loadPreset(scenario);
  if (!preset) throw new Error(`<BreakerTimelineView> scenario "${scenario}" is not a preset in content/scenarios`);
  if (!("durationMs" in preset.stop)) throw new Error(`<BreakerTimelineView> scenario "${scenario}" must stop on a duration (stop.durationMs)`);
  return <BreakerTimelineIsland timeline={breakerTimeline(preset, breaker)} title={`Breaker states over a run of "${preset.title ?? scenario}"`} />;
}

export interface RetryTimelineViewMdxProps {
  /** Clients that fail together at t = 0 (default 200). */
  clients?: number;
  /** Retries per client (default 4). */
  retries?: number;
  /** First backoff, ms (default 100; doubles each retry, capped at 2 s). */
  baseMs?: number;
}

/** Retries over time after a shared failure, without and with full jitter. */
export function RetryTimelineView({ clients, retries, baseMs }: RetryTimelineViewMdxProps) {
  const timeline = retryTimeline(num("RetryTimelineView", "clients", clients, 200, 10, 5000), num("RetryTimelineView", "retries", retries, 4, 1, 8), {
    baseMs: num("RetryTimelineView", "baseMs", baseMs, 100, 10, 5000),
    maxMs: 2000,
    multiplier: 2,
  });
  return <RetryTimelineIsland timeline={timeline} />;
}

export interface VisibilityTimeoutViewMdxProps {
  /** Lease length, ms (default 30000, SQS's default). */
  visibilityMs?: number;
  /** Receives before dead-lettering (default 3). */
  maxReceiveCount?: number;
}

/** One message's leases: in time, too slow, consumer crash, poison (switchable). */
export function VisibilityTimeoutView({ visibilityMs, maxReceiveCount }: VisibilityTimeoutViewMdxProps) {
  const options = { visibilityMs: num("VisibilityTimeoutView", "visibilityMs", visibilityMs, 30_000, 1000, 600_000), maxReceiveCount: num("VisibilityTimeoutView", "maxReceiveCount", maxReceiveCount, 3, 2, 10) };
  return <VisibilityTimeoutIsland traces={(["crash", "slow", "ok", "poison"] as const).map((s) => visibilityTrace(s, options))} />;
}

export interface SagaSequenceViewMdxProps {
  /** "2pc" (coordinator crash after the votes) or "saga" (step 3 fails, compensations run). */
  protocol: Protocol;
}

/** A 2PC or saga message sequence with its failure point, switchable to the failure-free run. */
export function SagaSequenceView({ protocol }: SagaSequenceViewMdxProps) {
  if (protocol !== "2pc" && protocol !== "saga") throw new Error(`<SagaSequenceView> protocol must be "2pc" or "saga" (got ${JSON.stringify(protocol)})`);
  return <SagaSequenceIsland withFailure={sequenceTrace(protocol, true)} withoutFailure={sequenceTrace(protocol, false)} />;
}

export interface OutboxSequenceViewMdxProps {
  /** "dual-write" (crash between commit and publish) or "outbox" (relay crash before marking; default). */
  mode?: "dual-write" | "outbox";
}

/** One change from service to billing, message by message, by dual write or through an outbox. */
export function OutboxSequenceView({ mode }: OutboxSequenceViewMdxProps) {
  if (mode !== undefined && mode !== "dual-write" && mode !== "outbox") throw new Error(`<OutboxSequenceView> mode must be "dual-write" or "outbox" (got ${JSON.stringify(mode)})`);
  const m = mode ?? "outbox";
  return (
    <SagaSequenceIsland
      withFailure={outboxSequence(m, true)}
      withoutFailure={outboxSequence(m, false)}
      title={m === "outbox" ? "One change through an outbox, message by message" : "One change by dual write, message by message"}
      failureName={m === "outbox" ? "relay crashes before marking" : "crash between commit and publish"}
    />
  );
}

export interface XFetchViewMdxProps {
  /** How long the last fetch took, ms (XFetch's delta; default 200). */
  fetchMs?: number;
  /** Reads per second of the key (default 20). */
  readsPerSec?: number;
}

/** XFetch's early-refresh probability against the time left before expiry, for beta 0.5, 1 and 2. */
export function XFetchView({ fetchMs, readsPerSec }: XFetchViewMdxProps) {
  return <XFetchIsland curves={xfetchCurves(num("XFetchView", "fetchMs", fetchMs, 200, 10, 10_000), undefined, num("XFetchView", "readsPerSec", readsPerSec, 20, 1, 10_000, false))} />;
}

export interface QueueingCurvesViewMdxProps {
  /** Pool sizes to compare (default [1, 4, 16]; up to four, each 1 to 256). */
  workers?: number[];
}

/** M/M/c waiting time against utilisation for several pool sizes. */
export function QueueingCurvesView({ workers }: QueueingCurvesViewMdxProps) {
  const pools = workers ?? [1, 4, 16];
  if (!Array.isArray(pools) || pools.length < 1 || pools.length > 4) throw new Error(`<QueueingCurvesView> workers must be an array of 1 to 4 pool sizes (got ${JSON.stringify(workers)})`);
  pools.forEach((c) => num("QueueingCurvesView", "workers[]", c, 1, 1, 256));
  return <QueueingCurvesIsland curves={queueingCurves(pools)} />;
}

export interface ShuffleShardViewMdxProps {
  /** Workers (default 8). */
  workers?: number;
  /** Workers per tenant (default 2). */
  shardSize?: number;
  /** Tenants drawn (default 28). */
  tenants?: number;
}

/** Shuffle sharding: pick the tenant that goes bad and see who else loses all of its workers. */
export function ShuffleShardView({ workers, shardSize, tenants }: ShuffleShardViewMdxProps) {
  const n = num("ShuffleShardView", "workers", workers, 8, 3, 16);
  const k = num("ShuffleShardView", "shardSize", shardSize, 2, 1, n - 1);
  const layout = shuffleShardLayout(n, k, num("ShuffleShardView", "tenants", tenants, 28, 2, 56));
  return (
    <ShuffleShardIsland layout={layout} overlaps={layout.tenants.map((_, p) => overlapsWith(layout, p))} fullOverlapProbability={overlapProbability(n, k, k)} totalShards={allShards(n, k).length} />
  );
}
