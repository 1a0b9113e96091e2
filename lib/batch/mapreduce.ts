/**
 * A MapReduce-like job on a small cluster, as a seeded Monte-Carlo model (Dean & Ghemawat, OSDI
 * 2004). M map tasks run on W workers, each worker taking the next task when it is free; when the
 * last map ends (the shuffle barrier) R reduce tasks run the same way. A task takes its base time,
 * ±10%, times a straggler factor with probability `stragglerChance` (a slow disk, a noisy
 * neighbour). The job ends when its slowest task ends, so one straggler sets the job's time.
 *
 * - Backup tasks (speculative execution): once a phase has no task left to start, each idle worker
 *   runs a second copy of the in-progress task expected to finish last; whichever copy finishes
 *   first wins, the other is killed.
 * - Skew: one key carries `hotKeyShare` of the records, so its reducer gets that much more work.
 *   Salting splits the key into `salts` sub-keys on different reducers, plus a small final merge.
 * - Lineage: a lost map output is recomputed by re-running the one map task that produced it
 *   (its inputs are durable), not the job.
 *
 * Not modelled: network contention in the shuffle, reduces starting while maps run, data locality,
 * task failures other than the lost partitions.
 */
import { createStream, type RandomStream } from "@/simulations";

export interface JobSpec {
  maps: number;
  reduces: number;
  workers: number;
  /** Mean time of a map task, s. */
  mapS: number;
  /** Time of a reduce task with an even 1/R share of the data, s. */
  reduceS: number;
  /** Chance that one task run is a straggler (0–1). */
  stragglerChance: number;
  /** How many times slower a straggler is. */
  stragglerFactor: number;
  backups: boolean;
  /** Share of all records on the one hot key (0 = no skew). */
  hotKeyShare: number;
  /** Sub-keys the hot key is salted into (1 = no salting). */
  salts: number;
  /** Map outputs lost after the map phase (a worker's disk died), 0 = none. */
  lostPartitions: number;
}

export const DEFAULT_JOB: JobSpec = { maps: 60, reduces: 20, workers: 20, mapS: 10, reduceS: 20, stragglerChance: 0.01, stragglerFactor: 5, backups: false, hotKeyShare: 0, salts: 1, lostPartitions: 0 };

export type TaskKind = "map" | "reduce" | "recompute" | "merge";

export interface TaskRun {
  task: string;
  kind: TaskKind;
  worker: number;
  start: number;
  /** When this run stopped: finished, or killed because the other copy won. */
  end: number;
  straggler: boolean;
  backup: boolean;
  /** False for the copy that lost the race and was killed. */
  won: boolean;
}

export interface JobResult {
  runs: TaskRun[];
  mapPhaseEnd: number;
  /** When the job ends: the end of its slowest (winning) task. */
  jobTime: number;
  /** The slowest reduce task's time (the skewed reducer, unless a straggler beats it). */
  slowestReduceS: number;
  backupsLaunched: number;
  stragglers: number;
  /** Map tasks re-run for lost partitions. */
  recomputed: number;
}

/** Checks a job spec; one message per problem naming the field (empty when fine). */
export function jobProblems(spec: JobSpec): string[] {
  const p: string[] = [];
  const int = (name: keyof JobSpec, min: number, max: number) => {
    const v = spec[name] as number;
    if (!Number.isInteger(v) || v < min || v > max) p.push(`${name} must be an integer from ${min} to ${max} (got ${v})`);
  };
  int("maps", 1, 10_000);
  int("reduces", 1, 2_000);
  int("workers", 1, 2_000);
  int("salts", 1, 64);
  int("lostPartitions", 0, spec.maps);
  for (const name of ["mapS", "reduceS"] as const) if (!(spec[name] > 0)) p.push(`${name} must be a number > 0 (got ${spec[name]})`);
  if (!(spec.stragglerChance >= 0 && spec.stragglerChance <= 1)) p.push(`stragglerChance must be from 0 to 1 (got ${spec.stragglerChance})`);
  if (!(spec.stragglerFactor >= 1)) p.push(`stragglerFactor must be ≥ 1 (got ${spec.stragglerFactor})`);
  if (!(spec.hotKeyShare >= 0 && spec.hotKeyShare < 1)) p.push(`hotKeyShare must be from 0 to below 1 (got ${spec.hotKeyShare})`);
  if (spec.salts > spec.reduces) p.push(`salts (${spec.salts}) cannot exceed reduces (${spec.reduces})`);
  return p;
}

/** Work of each reduce task, in units of an even share: 1 each without skew. */
export function reduceLoads(spec: Pick<JobSpec, "reduces" | "hotKeyShare" | "salts">): number[] {
  const { reduces: R, hotKeyShare: h, salts: S } = spec;
  // The rest of the data spreads evenly; the hot key's records go to S reducers (0 … S−1) in equal parts.
  return Array.from({ length: R }, (_, r) => ((1 - h) / R + (r < S ? h / S : 0)) * R);
}

interface Task {
  name: string;
  kind: TaskKind;
  baseS: number;
}

function draw(r: RandomStream, spec: JobSpec, baseS: number): { dur: number; straggler: boolean } {
  const jitter = 0.9 + 0.2 * r.next();
  const straggler = r.next() < spec.stragglerChance;
  return { dur: baseS * jitter * (straggler ? spec.stragglerFactor : 1), straggler };
}

/** Runs one phase of tasks on the workers from `startAt`; returns the runs and the phase's end. */
function runPhase(tasks: Task[], spec: JobSpec, seed: number, phase: string, startAt: number): { runs: TaskRun[]; end: number; backups: number } {
  // Separate streams for first copies and backups, so turning backups on leaves every first copy's time unchanged.
  const r = createStream(seed, `batch/${phase}`);
  const rb = createStream(seed, `batch/${phase}/backups`);
  const free = Array.from({ length: spec.workers }, () => startAt);
  const runs: TaskRun[] = [];
  const primary: TaskRun[] = [];
  for (const t of tasks) {
    // The worker free earliest (lowest index on a tie) takes the next task.
    let w = 0;
    for (let i = 1; i < free.length; i++) if (free[i] < free[w]) w = i;
    const { dur, straggler } = draw(r, spec, t.baseS);
    const run: TaskRun = { task: t.name, kind: t.kind, worker: w, start: free[w], end: free[w] + dur, straggler, backup: false, won: true };
    runs.push(run);
    primary.push(run);
    free[w] = run.end;
  }
  let backups = 0;
  if (spec.backups && tasks.length) {
    // Every task has started once the last one has; from then on, idle workers back up the laggards.
    const allStarted = Math.max(...primary.map((p) => p.start));
    const backedUp = new Set<string>();
    for (;;) {
      let w = 0;
      for (let i = 1; i < free.length; i++) if (free[i] < free[w]) w = i;
      const now = Math.max(free[w], allStarted);
      // The in-progress task that would finish last. The model knows its true end; a real scheduler estimates it from progress reports.
      const candidates = primary.filter((p) => !backedUp.has(p.task) && p.end > now);
      if (!candidates.length) break;
      const target = candidates.reduce((a, b) => (b.end > a.end ? b : a));
      backedUp.add(target.task);
      const { dur, straggler } = draw(rb, spec, tasks.find((t) => t.name === target.task)!.baseS);
      const copy: TaskRun = { task: target.task, kind: target.kind, worker: w, start: now, end: now + dur, straggler, backup: true, won: true };
      backups++;
      if (copy.end < target.end) {
        target.won = false;
        target.end = copy.end;
      } else {
        copy.won = false;
        copy.end = target.end;
      }
      runs.push(copy);
      free[w] = copy.end;
      free[target.worker] = Math.min(free[target.worker], Math.max(target.end, target.start));
    }
  }
  const end = runs.reduce((m, x) => Math.max(m, x.end), startAt);
  return { runs, end, backups };
}

/** Runs the job once for a seed. Pure and deterministic. */
export function runJob(spec: JobSpec, seed: number): JobResult {
  const problems = jobProblems(spec);
  if (problems.length) throw new Error(`invalid job: ${problems.join("; ")}`);
  const maps: Task[] = Array.from({ length: spec.maps }, (_, i) => ({ name: `m${i + 1}`, kind: "map", baseS: spec.mapS }));
  const mapPhase = runPhase(maps, spec, seed, "maps", 0);
  let reduceStart = mapPhase.end;
  const runs = [...mapPhase.runs];
  let backups = mapPhase.backups;
  if (spec.lostPartitions > 0) {
    // Lineage: re-run only the map tasks whose output was lost.
    const again: Task[] = Array.from({ length: spec.lostPartitions }, (_, i) => ({ name: `m${i + 1}′`, kind: "recompute", baseS: spec.mapS }));
    const phase = runPhase(again, spec, seed, "recompute", reduceStart);
    runs.push(...phase.runs);
    backups += phase.backups;
    reduceStart = phase.end;
  }
  const loads = reduceLoads(spec);
  const reduces: Task[] = loads.map((load, i) => ({ name: `r${i + 1}`, kind: "reduce", baseS: spec.reduceS * load }));
  // Largest first: a scheduler that knows sizes starts the big reducer early (longest processing time first).
  reduces.sort((a, b) => b.baseS - a.baseS);
  const reducePhase = runPhase(reduces, spec, seed, "reduces", reduceStart);
  runs.push(...reducePhase.runs);
  backups += reducePhase.backups;
  let jobEnd = reducePhase.end;
  if (spec.salts > 1 && spec.hotKeyShare > 0) {
    // The salted partial results for the hot key are merged: a small task after the reduces.
    const merge = runPhase([{ name: "merge", kind: "merge", baseS: spec.reduceS * 0.05 * spec.salts }], { ...spec, stragglerChance: 0, backups: false }, seed, "merge", jobEnd);
    runs.push(...merge.runs);
    jobEnd = merge.end;
  }
  const won = runs.filter((x) => x.won);
  const reduceRuns = won.filter((x) => x.kind === "reduce");
  return {
    runs,
    mapPhaseEnd: mapPhase.end,
    jobTime: won.reduce((m, x) => Math.max(m, x.end), 0),
    slowestReduceS: reduceRuns.reduce((m, x) => Math.max(m, x.end - x.start), 0),
    backupsLaunched: backups,
    stragglers: runs.filter((x) => x.straggler).length,
    recomputed: spec.lostPartitions,
  };
}

/** Mean job time over `runs` seeds (1 … runs). */
export function meanJobTime(spec: JobSpec, runs: number, firstSeed = 1): number {
  let sum = 0;
  for (let s = firstSeed; s < firstSeed + runs; s++) sum += runJob(spec, s).jobTime;
  return sum / runs;
}
