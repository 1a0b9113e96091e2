/**
 * Fidelity rows for disaster recovery: checked on the pure model behind the <DrTimeline> widget
 * (lib/dr/recovery.ts), not on a simulation run. A replication is another disaster: a crash time,
 * median lag and lag curve drawn from the seed.
 */
import { DEFAULT_DR_SETTINGS, backupLoss, replicaLoss, strategyOutcome, DR_STRATEGIES, type DrSettings } from "@/lib/dr/recovery";
import type { RowSpec } from "./rows";

const REPS = 40;
const widget = { href: "/learn/disaster-recovery#recovery-point-objective", label: "Try it in the recovery timeline" };

/** A disaster per seed: crash somewhere in the day, median lag 0.2–10 s, backups every 1–24 h. */
function disaster(seed: number, over: Partial<DrSettings> = {}): DrSettings {
  const frac = (k: number) => ((seed * 2654435761 + k * 40503) % 10007) / 10007;
  return {
    ...DEFAULT_DR_SETTINGS,
    seed,
    crashAtS: 600 + frac(1) * 85_000,
    replicationLagS: 0.2 + frac(2) * 9.8,
    backupIntervalH: [1, 2, 4, 6, 12, 24][seed % 6],
    archiveIntervalMin: 1 + Math.floor(frac(3) * 15),
    ...over,
  };
}

/** Every disaster-recovery row, in page order. */
export function disasterRecoveryRowSpecs(): RowSpec[] {
  const method = `${REPS} disasters (crash time, median lag and lag curve drawn from the seed), 20 writes/s`;
  return [
    {
      id: "disaster-recovery-async-loss",
      family: "disaster-recovery",
      compared: "span of writes lost at failover ÷ replication lag at the crash",
      setting: "asynchronous replication, replica applies in commit order",
      unit: "ratio",
      comparison: "at-most",
      theory: 1,
      replications: REPS,
      method,
      sample: (seed) => {
        const r = replicaLoss(disaster(seed));
        return r.lagAtCrashS === 0 ? 0 : r.lostSpanS / r.lagAtCrashS;
      },
      widget,
    },
    {
      id: "disaster-recovery-sync-loss",
      family: "disaster-recovery",
      compared: "acknowledged writes lost at failover",
      setting: "synchronous replication to the standby region",
      unit: "count",
      comparison: "equal",
      theory: 0,
      replications: REPS,
      method,
      sample: (seed) => replicaLoss(disaster(seed, { replication: "sync" })).lostWrites,
      widget,
    },
    {
      id: "disaster-recovery-backup-loss",
      family: "disaster-recovery",
      compared: "span of writes lost by a snapshot restore ÷ backup interval",
      setting: "snapshots every 1–24 h, no log archiving",
      unit: "ratio",
      comparison: "at-most",
      theory: 1,
      replications: REPS,
      method,
      sample: (seed) => {
        const s = disaster(seed);
        return backupLoss(s).lostSpanS / (s.backupIntervalH * 3600);
      },
      widget,
    },
    {
      id: "disaster-recovery-pitr-loss",
      family: "disaster-recovery",
      compared: "span of writes lost by a point-in-time restore ÷ log-archive interval",
      setting: "snapshots plus a log segment archived every 1–15 min",
      unit: "ratio",
      comparison: "at-most",
      theory: 1,
      replications: REPS,
      method,
      sample: (seed) => {
        const s = disaster(seed, { pitr: true });
        return backupLoss(s).lostSpanS / (s.archiveIntervalMin * 60);
      },
      widget,
    },
    {
      id: "disaster-recovery-rto-sum",
      family: "disaster-recovery",
      compared: "RTO − (detection + decision + promotion + DNS TTL + warm-up), worst strategy",
      setting: "all four strategies, manual and automatic failover",
      unit: "",
      comparison: "equal",
      theory: 0,
      replications: REPS,
      method: `${REPS} disasters × 4 strategies; the timeline's end against the sum of its phase durations`,
      sample: (seed) => {
        const s = disaster(seed, { automaticFailover: seed % 2 === 0, dnsTtlS: [0, 60, 300, 3600][seed % 4] });
        let worst = 0;
        for (const k of DR_STRATEGIES) {
          const o = strategyOutcome(k, s);
          const last = o.phases[o.phases.length - 1];
          const end = last.startS + last.durationS;
          const sum = o.phases.reduce((a, p) => a + p.durationS, 0);
          worst = Math.max(worst, Math.abs(end - sum), Math.abs(o.rtoS - sum));
        }
        return worst < 1e-6 ? 0 : worst;
      },
      widget,
    },
  ];
}
