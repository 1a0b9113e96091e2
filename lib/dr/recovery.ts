/**
 * Disaster recovery as arithmetic on a timeline: a primary region takes a steady stream of writes,
 * a standby region copies them (asynchronous replication applies each write after its own lag, in
 * commit order; synchronous replication acknowledges a write only once the standby has it), and
 * backups are taken on a schedule with, optionally, continuous log archiving for point-in-time
 * recovery. At `crashAtS` the primary region goes dark.
 *
 * - **RPO side**: which acknowledged writes the recovered copy lacks. A replica holds a prefix of the
 *   commit order, so everything it lacks was committed after the newest write it applied: the span
 *   lost is at most the replication lag at the crash. A restore from backups lacks everything after
 *   the last snapshot (at most one backup interval) or, with log archiving, after the last archived
 *   log segment (at most one archive interval). Synchronous replication loses nothing.
 * - **RTO side**: the outage a user sees is detection + decision + promotion (or restore) + DNS TTL
 *   + warm-up, phase by phase, per strategy (backup and restore, pilot light, warm standby,
 *   active-active), with an illustrative monthly cost beside it.
 *
 * Pure and deterministic: a seed fixes the per-write lags. Used by the <DrTimeline> widget and the
 * /fidelity rows (lib/fidelity/disaster-recovery-rows.ts).
 */

export type DrStrategy = "backup-restore" | "pilot-light" | "warm-standby" | "active-active";
export type ReplicationMode = "async" | "sync";

export const DR_STRATEGIES: readonly DrStrategy[] = ["backup-restore", "pilot-light", "warm-standby", "active-active"];

/** The knobs of one disaster. Times in seconds unless the name says otherwise. */
export interface DrSettings {
  /** When the primary region fails, seconds since midnight (snapshots are taken at multiples of the backup interval). */
  crashAtS: number;
  /** Writes per second the primary acknowledges. */
  writesPerSec: number;
  /** Median asynchronous replication lag, s; the lag drifts as lognormal(median, 0.8) draws 10 s apart. */
  replicationLagS: number;
  /** Asynchronous or synchronous replication to the standby region. */
  replication: ReplicationMode;
  /** Round trip between the regions, ms (what synchronous replication adds to every write). */
  interRegionRttMs: number;
  /** A full snapshot every this many hours. */
  backupIntervalH: number;
  /** Continuous log archiving (point-in-time recovery) on top of the snapshots. */
  pitr: boolean;
  /** A log segment is archived at least this often, minutes (PostgreSQL's archive_timeout). */
  archiveIntervalMin: number;
  /** Time for health checks to declare the region dead, s. */
  detectionS: number;
  /** True: promotion starts as soon as the failure is detected. False: a human decides. */
  automaticFailover: boolean;
  /** How long the on-call human takes to decide to fail over, s. */
  humanDecisionS: number;
  /** DNS TTL on the service's record, s: clients keep the dead region's address this long. */
  dnsTtlS: number;
  /** Database size, GB (sets the restore time). */
  dataGb: number;
  /** Seed for the per-write lags. */
  seed: number;
}

export const DEFAULT_DR_SETTINGS: DrSettings = {
  crashAtS: 14 * 3600 + 37 * 60,
  writesPerSec: 20,
  replicationLagS: 2,
  replication: "async",
  interRegionRttMs: 70,
  backupIntervalH: 24,
  pitr: false,
  archiveIntervalMin: 5,
  detectionS: 90,
  automaticFailover: true,
  humanDecisionS: 20 * 60,
  dnsTtlS: 300,
  dataGb: 500,
  seed: 7,
};

/** Fixed assumptions behind the phases (illustrative, stated in the widget). */
export const DR_ASSUMPTIONS = {
  /** Provisioning a region's servers and network from infrastructure as code, s. */
  provisionS: 20 * 60,
  /** Restore throughput from object storage, GB per minute. */
  restoreGbPerMin: 5,
  /** Replaying archived log is this many times faster than it was written. */
  replaySpeedup: 20,
  /** Promoting a replica to primary, s. */
  promoteS: 60,
  /** Starting the application tier from a stopped image (pilot light), s. */
  coldStartS: 8 * 60,
  /** Scaling a warm standby from a quarter to full size, s. */
  scaleOutS: 4 * 60,
  /** Cold caches and connection pools filling after a cold start, s. */
  coldWarmUpS: 10 * 60,
  /** Warm-up of a standby that already served a little traffic, s. */
  warmWarmUpS: 2 * 60,
  /** Lag draws: lognormal sigma. */
  lagSigma: 0.8,
} as const;

/** Monthly cost as a multiple of running one region's production stack (illustrative). */
export const DR_COST: Record<DrStrategy, number> = {
  "backup-restore": 1.05,
  "pilot-light": 1.2,
  "warm-standby": 1.45,
  "active-active": 2.0,
};

export const DR_LABEL: Record<DrStrategy, string> = {
  "backup-restore": "Backup and restore",
  "pilot-light": "Pilot light",
  "warm-standby": "Warm standby",
  "active-active": "Active-active",
};

export type PhaseName = "detection" | "decision" | "promotion" | "dns" | "warm-up";
export const PHASE_LABEL: Record<PhaseName, string> = {
  detection: "detection",
  decision: "decision",
  promotion: "promotion or restore",
  dns: "DNS TTL",
  "warm-up": "warm-up",
};

export interface Phase {
  name: PhaseName;
  /** Start, seconds after the crash. */
  startS: number;
  durationS: number;
  /** What happens, in words. */
  detail: string;
}

/** What the recovered copy lacks. */
export interface DataLoss {
  /** Acknowledged writes missing from the recovered copy. */
  lostWrites: number;
  /** The recovered copy holds every write up to this time, s since midnight. */
  recoveredUpToS: number;
  /** Span of lost writes: crash time minus the oldest lost write's commit (0 when none). */
  lostSpanS: number;
  /** The bound this copy is held to: lag at the crash, backup interval, archive interval, or 0. */
  boundS: number;
  /** What the bound is, in words. */
  boundLabel: string;
}

export interface StrategyOutcome {
  strategy: DrStrategy;
  loss: DataLoss;
  phases: Phase[];
  /** Sum of the phases, s. */
  rtoS: number;
  cost: number;
  /** Extra latency every write pays, ms (the round trip for synchronous replication). */
  writePenaltyMs: number;
}

/** Checks settings, naming the first bad field. */
export function checkDrSettings(s: DrSettings): void {
  const positive: (keyof DrSettings)[] = ["writesPerSec", "backupIntervalH", "archiveIntervalMin", "dataGb"];
  for (const k of positive) if (!(Number.isFinite(s[k] as number) && (s[k] as number) > 0)) throw new Error(`disaster recovery: ${k} must be a positive number (got ${String(s[k])})`);
  const nonNegative: (keyof DrSettings)[] = ["crashAtS", "replicationLagS", "interRegionRttMs", "detectionS", "humanDecisionS", "dnsTtlS"];
  for (const k of nonNegative) if (!(Number.isFinite(s[k] as number) && (s[k] as number) >= 0)) throw new Error(`disaster recovery: ${k} must be a number ≥ 0 (got ${String(s[k])})`);
  if (s.replication !== "async" && s.replication !== "sync") throw new Error(`disaster recovery: replication must be "async" or "sync" (got ${String(s.replication)})`);
}

/** A 32-bit hash of (seed, index) mapped to (0, 1): the same write always draws the same lag. */
function unit(seed: number, index: number, salt: number): number {
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 0x632be5ab, 0xc2b2ae35) ^ Math.imul(salt, 0x27d4eb2f)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return (h + 0.5) / 4294967296;
}

/** Length of the blocks the lag drifts over, s: the lag is a smooth curve, not independent per write. */
const LAG_BLOCK_S = 10;

function blockLag(s: DrSettings, block: number): number {
  const u1 = unit(s.seed, block, 1);
  const u2 = unit(s.seed, block, 2);
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return s.replicationLagS * Math.exp(DR_ASSUMPTIONS.lagSigma * z);
}

/** The asynchronous lag of a write committed at `atS`, s: lognormal around the median, drifting smoothly (a draw every 10 s, linear between). */
export function lagAtS(s: DrSettings, atS: number): number {
  const b = Math.floor(atS / LAG_BLOCK_S);
  const f = atS / LAG_BLOCK_S - b;
  return blockLag(s, b) * (1 - f) + blockLag(s, b + 1) * f;
}

/** The asynchronous lag of write `index`, s. */
export function writeLagS(s: DrSettings, index: number): number {
  return lagAtS(s, index / s.writesPerSec);
}

/** Commit time of write `index`, s since midnight (evenly spaced). */
const commitAt = (s: DrSettings, index: number) => index / s.writesPerSec;

/**
 * The standby at the crash: replication applies writes in commit order, so write i becomes visible at
 * max(commit_i + lag_i, visible_{i−1}). Returns the lost writes and the lag at the crash (crash time
 * minus the commit time of the newest write the standby had applied).
 */
export function replicaLoss(s: DrSettings): DataLoss & { lagAtCrashS: number } {
  const last = Math.floor(s.crashAtS * s.writesPerSec + 1e-9); // newest write committed by the crash
  if (s.replication === "sync") {
    return { lostWrites: 0, recoveredUpToS: s.crashAtS, lostSpanS: 0, boundS: 0, boundLabel: "synchronous: nothing acknowledged is missing", lagAtCrashS: 0 };
  }
  // Lags are bounded in practice; scanning back 60 median lags (and at least 10 minutes) finds a
  // write every later one queued behind, so starting there loses nothing.
  const back = Math.ceil(Math.max(60 * s.replicationLagS, 600) * s.writesPerSec);
  const first = Math.max(0, last - back);
  let visible = -Infinity;
  let newestApplied = first - 1;
  for (let i = first; i <= last; i++) {
    visible = Math.max(visible, commitAt(s, i) + writeLagS(s, i));
    if (visible <= s.crashAtS) newestApplied = i;
    else break; // in-order apply: nothing after a write still in flight is visible
  }
  const lostWrites = last - newestApplied;
  const upTo = newestApplied >= 0 ? commitAt(s, newestApplied) : 0;
  const lagAtCrashS = s.crashAtS - upTo;
  const lostSpanS = lostWrites > 0 ? s.crashAtS - commitAt(s, newestApplied + 1) : 0;
  return { lostWrites, recoveredUpToS: upTo, lostSpanS, boundS: lagAtCrashS, boundLabel: "replication lag at the crash", lagAtCrashS };
}

/** A restore from snapshots (and archived log with PITR): everything after the restore point is lost. */
export function backupLoss(s: DrSettings): DataLoss & { lastSnapshotS: number } {
  const interval = s.backupIntervalH * 3600;
  const lastSnapshotS = Math.floor(s.crashAtS / interval + 1e-12) * interval;
  const archive = s.archiveIntervalMin * 60;
  const restorePoint = s.pitr ? Math.max(lastSnapshotS, Math.floor(s.crashAtS / archive + 1e-12) * archive) : lastSnapshotS;
  const last = Math.floor(s.crashAtS * s.writesPerSec + 1e-9);
  const newestKept = Math.floor(restorePoint * s.writesPerSec + 1e-9);
  const lostWrites = last - newestKept;
  const lostSpanS = lostWrites > 0 ? s.crashAtS - commitAt(s, newestKept + 1) : 0;
  return {
    lostWrites,
    recoveredUpToS: commitAt(s, newestKept),
    lostSpanS,
    boundS: s.pitr ? Math.min(archive, interval) : interval,
    boundLabel: s.pitr ? "one log-archive interval" : "one backup interval",
    lastSnapshotS,
  };
}

const minutes = (sec: number) => `${Math.round(sec / 60)} min`;

/** One strategy's data loss, RTO phases and cost for these settings. */
export function strategyOutcome(strategy: DrStrategy, s: DrSettings): StrategyOutcome {
  checkDrSettings(s);
  const A = DR_ASSUMPTIONS;
  const loss: DataLoss = strategy === "backup-restore" ? backupLoss(s) : replicaLoss(s);
  const decisionS = strategy === "active-active" || s.automaticFailover ? 0 : s.humanDecisionS;
  let promotionS: number;
  let promotionDetail: string;
  let warmS: number;
  if (strategy === "backup-restore") {
    const b = backupLoss(s);
    const restoreS = (s.dataGb / A.restoreGbPerMin) * 60;
    const replayS = s.pitr ? (b.recoveredUpToS - b.lastSnapshotS) / A.replaySpeedup : 0;
    promotionS = A.provisionS + restoreS + replayS;
    promotionDetail = `provision the region (${minutes(A.provisionS)}), restore ${s.dataGb} GB (${minutes(restoreS)})${s.pitr ? `, replay the archived log (${minutes(replayS)})` : ""}`;
    warmS = A.coldWarmUpS;
  } else if (strategy === "pilot-light") {
    promotionS = A.promoteS + A.coldStartS;
    promotionDetail = `promote the replica (${minutes(A.promoteS)}), start the stopped application servers (${minutes(A.coldStartS)})`;
    warmS = A.coldWarmUpS;
  } else if (strategy === "warm-standby") {
    promotionS = A.promoteS + A.scaleOutS;
    promotionDetail = `promote the replica (${minutes(A.promoteS)}), scale from a quarter to full size (${minutes(A.scaleOutS)})`;
    warmS = A.warmWarmUpS;
  } else {
    promotionS = 0;
    promotionDetail = "none: the other region already takes writes and traffic";
    warmS = 0;
  }
  const parts: [PhaseName, number, string][] = [
    ["detection", s.detectionS, "health checks miss enough beats to declare the region dead"],
    ["decision", decisionS, decisionS === 0 ? (strategy === "active-active" ? "none: routing drops the dead region on its health check" : "automatic failover starts at once") : "the on-call engineer confirms the outage and chooses to fail over"],
    ["promotion", promotionS, promotionDetail],
    ["dns", s.dnsTtlS, "clients keep the old address until their cached DNS record expires"],
    ["warm-up", warmS, warmS === 0 ? "none: caches and pools are already warm" : "cold caches and connection pools fill; latency is high meanwhile"],
  ];
  let t = 0;
  const phases: Phase[] = parts.map(([name, durationS, detail]) => {
    const p = { name, startS: t, durationS, detail };
    t += durationS;
    return p;
  });
  const replicated = strategy !== "backup-restore";
  return { strategy, loss, phases, rtoS: t, cost: DR_COST[strategy], writePenaltyMs: replicated && s.replication === "sync" ? s.interRegionRttMs : 0 };
}

/** All four strategies for the same disaster. */
export function compareStrategies(s: DrSettings): StrategyOutcome[] {
  return DR_STRATEGIES.map((k) => strategyOutcome(k, s));
}

/** "1 h 12 min", "4 min 30 s", "45 s", "2.6 s". */
export function formatDuration(sec: number): string {
  if (sec > 0 && sec < 9.95) return `${(Math.round(sec * 10) / 10).toString()} s`;
  const r = Math.round(sec);
  if (r < 60) return `${r} s`;
  const h = Math.floor(r / 3600);
  const m = Math.floor((r % 3600) / 60);
  const s2 = r % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return s2 > 0 && m < 10 ? `${m} min ${s2} s` : `${m} min`;
}

/** "14:37:00" for seconds since midnight. */
export function clock(sec: number): string {
  const r = Math.max(0, Math.floor(sec));
  const h = Math.floor(r / 3600) % 24;
  const m = Math.floor((r % 3600) / 60);
  const s2 = r % 60;
  return [h, m, s2].map((v) => String(v).padStart(2, "0")).join(":");
}
