import { describe, expect, it } from "vitest";
import { DEFAULT_JOB, jobProblems, meanJobTime, reduceLoads, runJob, type JobSpec } from "@/lib/batch/mapreduce";

const job = (over: Partial<JobSpec> = {}): JobSpec => ({ ...DEFAULT_JOB, ...over });
const SEEDS = Array.from({ length: 60 }, (_, i) => i + 1);

describe("a MapReduce-like job", () => {
  it("the job ends when its slowest task ends; reduces start only after the last map", () => {
    for (const seed of SEEDS.slice(0, 20)) {
      const r = runJob(job({ stragglerChance: 0.05 }), seed);
      const winners = r.runs.filter((x) => x.won);
      expect(r.jobTime).toBe(Math.max(...winners.map((x) => x.end)));
      for (const red of r.runs.filter((x) => x.kind === "reduce")) expect(red.start).toBeGreaterThanOrEqual(r.mapPhaseEnd);
      // No worker runs two tasks at once.
      const byWorker = new Map<number, [number, number][]>();
      for (const x of r.runs) byWorker.set(x.worker, [...(byWorker.get(x.worker) ?? []), [x.start, x.end]]);
      for (const spans of byWorker.values()) {
        spans.sort((a, b) => a[0] - b[0]);
        for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1] - 1e-9);
      }
    }
  });

  it("with a worker per task and no stragglers, job time = the longest map + the longest reduce", () => {
    const r = runJob(job({ maps: 10, reduces: 5, workers: 10, stragglerChance: 0 }), 3);
    const longest = (kind: string) => Math.max(...r.runs.filter((x) => x.kind === kind).map((x) => x.end - x.start));
    expect(r.jobTime).toBeCloseTo(longest("map") + longest("reduce"), 9);
  });

  it("one straggler sets the job's time", () => {
    const calm = meanJobTime(job({ stragglerChance: 0 }), 20);
    const r = SEEDS.map((s) => runJob(job({ stragglerChance: 0.01 }), s)).find((x) => x.runs.some((t) => t.straggler && t.kind === "reduce"))!;
    expect(r.jobTime).toBeGreaterThan(calm + 2 * DEFAULT_JOB.reduceS);
  });

  it("backup tasks cut completion time under stragglers (the MapReduce paper: sort 44% slower without them)", () => {
    const sortLike = job({ stragglerChance: 0.01, stragglerFactor: 5 });
    const without = meanJobTime(sortLike, 100);
    const withBackups = meanJobTime({ ...sortLike, backups: true }, 100);
    // Same shape as the paper's figure: tens of percent slower without backups.
    expect(without / withBackups).toBeGreaterThan(1.25);
    expect(without / withBackups).toBeLessThan(1.6);
    // Backups run on idle workers only, so they never make a run slower; without stragglers they barely matter.
    for (const seed of SEEDS) expect(runJob({ ...sortLike, backups: true }, seed).jobTime).toBeLessThanOrEqual(runJob(sortLike, seed).jobTime + 1e-9);
    expect(meanJobTime(job({ stragglerChance: 0 }), 40) / meanJobTime(job({ stragglerChance: 0, backups: true }), 40)).toBeLessThan(1.05);
  });

  it("skew makes one reducer the job's straggler, and salting cuts its time to about its share", () => {
    const hot = { stragglerChance: 0, hotKeyShare: 0.2 };
    expect(reduceLoads({ reduces: 20, hotKeyShare: 0.2, salts: 1 })[0]).toBeCloseTo(4.8, 9);
    expect(reduceLoads({ reduces: 20, hotKeyShare: 0.2, salts: 8 })[0]).toBeCloseTo(1.3, 9);
    expect(reduceLoads({ reduces: 20, hotKeyShare: 0.2, salts: 8 }).reduce((a, b) => a + b, 0)).toBeCloseTo(20, 9);
    const skewed = runJob(job(hot), 1);
    const salted = runJob(job({ ...hot, salts: 8 }), 1);
    expect(skewed.slowestReduceS).toBeGreaterThan(4.8 * 20 * 0.9);
    expect(salted.slowestReduceS).toBeLessThan(1.3 * 20 * 1.1);
    expect(salted.jobTime).toBeLessThan(skewed.jobTime);
    // Backups cannot help skew: the backup copy has the same work to do.
    expect(runJob(job({ ...hot, backups: true }), 1).slowestReduceS).toBeGreaterThan(4.8 * 20 * 0.9);
  });

  it("lineage recomputes a lost partition by re-running one map task, not the job", () => {
    const base = job({ stragglerChance: 0 });
    const lost = runJob({ ...base, lostPartitions: 1 }, 5);
    const clean = runJob(base, 5);
    expect(lost.runs.filter((x) => x.kind === "recompute")).toHaveLength(1);
    const extra = lost.jobTime - clean.jobTime;
    expect(extra).toBeGreaterThan(DEFAULT_JOB.mapS * 0.85);
    expect(extra).toBeLessThan(DEFAULT_JOB.mapS * 1.15 + 1e-9 + 5);
    expect(extra).toBeLessThan(clean.jobTime / 2);
  });

  it("refuses a bad spec naming the field, and is deterministic for a seed", () => {
    expect(jobProblems(job({ salts: 30 }))).toEqual(["salts (30) cannot exceed reduces (20)"]);
    expect(() => runJob(job({ workers: 0 }), 1)).toThrow(/workers must be an integer/);
    expect(runJob(job(), 9)).toEqual(runJob(job(), 9));
  });
});
