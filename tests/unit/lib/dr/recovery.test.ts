/**
 * The disaster-recovery model against its bounds: data lost at failover is at most the replication
 * lag at the crash (async), nothing with sync replication, at most one backup interval for a
 * snapshot restore and one archive interval with point-in-time recovery; RTO is the sum of its phases.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_DR_SETTINGS, backupLoss, checkDrSettings, clock, compareStrategies, formatDuration, replicaLoss, strategyOutcome, writeLagS, type DrSettings } from "@/lib/dr/recovery";

const at = (over: Partial<DrSettings>): DrSettings => ({ ...DEFAULT_DR_SETTINGS, ...over });

describe("data lost at failover", () => {
  it("is at most the replication lag at the crash, over many crash times and lags", () => {
    let sawLoss = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const s = at({ seed, crashAtS: 3600 + seed * 997.3, replicationLagS: 0.2 + (seed % 7) });
      const r = replicaLoss(s);
      expect(r.lostSpanS).toBeLessThan(r.lagAtCrashS + 1e-9);
      // every lost write was committed inside (crash − lag, crash]
      expect(r.lostWrites).toBeLessThanOrEqual(Math.ceil(r.lagAtCrashS * s.writesPerSec) + 1);
      if (r.lostWrites > 0) sawLoss++;
    }
    expect(sawLoss).toBeGreaterThan(50);
  });

  it("grows with the lag: ten times the lag loses several times the writes", () => {
    const few = replicaLoss(at({ replicationLagS: 0.5 })).lostWrites;
    const many = replicaLoss(at({ replicationLagS: 5 })).lostWrites;
    expect(many).toBeGreaterThan(3 * few);
  });

  it("applies in commit order: the lag at the crash is at least the median-ish draw of the newest writes", () => {
    const s = at({ replicationLagS: 2 });
    const r = replicaLoss(s);
    expect(r.lagAtCrashS).toBeGreaterThan(0);
    expect(r.recoveredUpToS).toBeLessThan(s.crashAtS);
    expect(writeLagS(s, 123)).toBe(writeLagS(s, 123));
  });

  it("is zero with synchronous replication, which costs a round trip per write", () => {
    const s = at({ replication: "sync", replicationLagS: 30 });
    for (const o of compareStrategies(s).filter((x) => x.strategy !== "backup-restore")) {
      expect(o.loss.lostWrites).toBe(0);
      expect(o.writePenaltyMs).toBe(70);
    }
  });

  it("is at most one backup interval for a snapshot restore, and the whole interval just before the next snapshot", () => {
    for (const h of [1, 4, 24]) {
      for (let k = 0; k < 20; k++) {
        const s = at({ backupIntervalH: h, crashAtS: 7 * 3600 + k * 1733.7 });
        const r = backupLoss(s);
        expect(r.lostSpanS).toBeLessThan(h * 3600);
        expect(r.lostSpanS).toBeLessThanOrEqual(r.boundS);
      }
    }
    const justBefore = backupLoss(at({ backupIntervalH: 24, crashAtS: 24 * 3600 - 1 }));
    expect(justBefore.lostSpanS).toBeGreaterThan(23.9 * 3600);
  });

  it("shrinks to one archive interval with point-in-time recovery", () => {
    const s = at({ pitr: true, archiveIntervalMin: 5, backupIntervalH: 24 });
    const r = backupLoss(s);
    expect(r.lostSpanS).toBeLessThan(300);
    expect(r.boundLabel).toMatch(/archive/);
    expect(backupLoss(at({ pitr: false })).lostWrites).toBeGreaterThan(100 * r.lostWrites);
  });
});

describe("RTO timeline", () => {
  it("is detection + decision + promotion + DNS TTL + warm-up, in that order, for every strategy", () => {
    for (const o of compareStrategies(DEFAULT_DR_SETTINGS)) {
      expect(o.phases.map((p) => p.name)).toEqual(["detection", "decision", "promotion", "dns", "warm-up"]);
      expect(o.rtoS).toBeCloseTo(o.phases.reduce((a, p) => a + p.durationS, 0), 9);
      for (let i = 1; i < o.phases.length; i++) expect(o.phases[i].startS).toBeCloseTo(o.phases[i - 1].startS + o.phases[i - 1].durationS, 9);
    }
  });

  it("orders the strategies: faster recovery costs more", () => {
    const o = compareStrategies(DEFAULT_DR_SETTINGS);
    for (let i = 1; i < o.length; i++) {
      expect(o[i].rtoS).toBeLessThan(o[i - 1].rtoS);
      expect(o[i].cost).toBeGreaterThan(o[i - 1].cost);
    }
  });

  it("adds the human decision unless failover is automatic, and never for active-active", () => {
    const manual = at({ automaticFailover: false, humanDecisionS: 1200 });
    expect(strategyOutcome("warm-standby", manual).rtoS - strategyOutcome("warm-standby", DEFAULT_DR_SETTINGS).rtoS).toBeCloseTo(1200, 9);
    expect(strategyOutcome("active-active", manual).phases[1].durationS).toBe(0);
  });

  it("lets the DNS TTL dominate active-active", () => {
    const o = strategyOutcome("active-active", at({ dnsTtlS: 3600 }));
    expect(o.phases.find((p) => p.name === "dns")!.durationS / o.rtoS).toBeGreaterThan(0.9);
  });

  it("refuses bad settings, naming the field", () => {
    expect(() => checkDrSettings(at({ backupIntervalH: 0 }))).toThrow(/backupIntervalH/);
    expect(() => strategyOutcome("pilot-light", at({ dnsTtlS: -1 }))).toThrow(/dnsTtlS/);
  });

  it("formats durations and clock times", () => {
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(270)).toBe("4 min 30 s");
    expect(formatDuration(3600 + 720)).toBe("1 h 12 min");
    expect(clock(14 * 3600 + 37 * 60)).toBe("14:37:00");
  });
});
