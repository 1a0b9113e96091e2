import { describe, expect, it } from "vitest";
import { COMMIT_FSYNC_STEP, INITIAL, recoverAfter, walSteps } from "@/lib/wal/wal";

describe("the stepped write-ahead log", () => {
  it("has ten steps and never lets a page reach disk ahead of its log record (the WAL rule)", () => {
    const steps = walSteps();
    expect(steps).toHaveLength(10);
    for (const s of steps) for (const p of Object.values(s.disk)) expect(p.pageLsn).toBeLessThanOrEqual(s.flushedLsn);
    expect(steps[COMMIT_FSYNC_STEP].flushedLsn).toBe(6);
    expect(steps[COMMIT_FSYNC_STEP - 1].flushedLsn).toBe(4);
  });

  it("a crash before the commit's fsync rolls everything back to the start", () => {
    const r = recoverAfter(COMMIT_FSYNC_STEP - 1);
    expect(r.lost.map((x) => x.lsn)).toEqual([5, 6]);
    expect(r.redone.map((x) => x.lsn)).toEqual([2]);
    expect(r.skipped.map((x) => x.lsn)).toEqual([4]);
    expect(r.undone.map((x) => x.lsn)).toEqual([4, 2]);
    expect(r.final).toEqual(INITIAL);
    expect(r.committed).toBe(false);
    expect(r.summary).toMatch(/rolled back/);
  });

  it("a crash after the fsync keeps T1 (A 70, B 80) and undoes T2's C", () => {
    const r = recoverAfter(COMMIT_FSYNC_STEP);
    expect(r.redone.map((x) => x.lsn)).toEqual([2, 5]);
    expect(r.undone.map((x) => x.lsn)).toEqual([4]);
    expect(r.final).toEqual({ A: 70, B: 80, C: 10 });
    expect(r.committed).toBe(true);
    expect(r.clientToldCommitted).toBe(false);
    expect(r.summary).toMatch(/never heard back/);
    expect(recoverAfter(9).summary).toMatch(/as the client was told/);
  });

  it("money is conserved after every crash: A + B is 150 and C is back to 10", () => {
    for (let at = 0; at < 10; at++) {
      const f = recoverAfter(at).final;
      expect(f.A + f.B, `step ${at}`).toBe(150);
      expect(f.C).toBe(10);
    }
    expect(() => recoverAfter(10)).toThrow(/crash step/);
  });
});
