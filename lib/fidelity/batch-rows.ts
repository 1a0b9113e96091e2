/**
 * Fidelity rows for batch processing: the MapReduce-like job model behind the batch chapter's widget
 * (lib/batch), checked against its critical path, against what backup tasks can and cannot do, and
 * against the work a skewed or salted reducer must do. Each replication is another seed.
 */
import { DEFAULT_JOB, meanJobTime, reduceLoads, runJob, type JobSpec } from "@/lib/batch/mapreduce";
import type { RowSpec } from "./rows";

const widget = { href: "/learn/batch-processing#batch-fault-tolerance", label: "Try it in the job widget" };
const job = (over: Partial<JobSpec>): JobSpec => ({ ...DEFAULT_JOB, ...over });
const sortLike = job({ stragglerChance: 0.01, stragglerFactor: 5 });
const setting = `${DEFAULT_JOB.maps} maps, ${DEFAULT_JOB.reduces} reduces, ${DEFAULT_JOB.workers} workers; map ${DEFAULT_JOB.mapS} s, reduce ${DEFAULT_JOB.reduceS} s (±10%)`;

/** The r1 reduce task's time ÷ its work (r1 holds the hot key, or its first salt). */
function hotReducerRatio(spec: JobSpec, seed: number): number {
  const r = runJob(spec, seed);
  const run = r.runs.find((x) => x.task === "r1" && x.won)!;
  return (run.end - run.start) / (spec.reduceS * reduceLoads(spec)[0]);
}

/** Every batch row, in page order. */
export function batchRowSpecs(): RowSpec[] {
  const ratio = meanJobTime(sortLike, 100) / meanJobTime({ ...sortLike, backups: true }, 100);
  return [
    {
      id: "batch-critical-path",
      family: "batch",
      compared: "job time − (longest map + longest reduce), a worker for every task",
      setting: "10 maps, 5 reduces, 10 workers, no stragglers",
      unit: "",
      comparison: "equal",
      theory: 0,
      replications: 30,
      method: "30 seeds; the shuffle barrier makes the critical path the slowest map then the slowest reduce",
      sample: (seed) => {
        const r = runJob(job({ maps: 10, reduces: 5, workers: 10, stragglerChance: 0 }), seed);
        const longest = (kind: string) => Math.max(...r.runs.filter((x) => x.kind === kind).map((x) => x.end - x.start));
        return Math.round((r.jobTime - longest("map") - longest("reduce")) * 1e9) / 1e9;
      },
      widget,
    },
    {
      id: "batch-backups-never-slower",
      family: "batch",
      compared: "job time with backup tasks − without (never above 0)",
      setting: `${setting}; 1% of task runs straggle 5× slower`,
      unit: "",
      comparison: "at-most",
      theory: 0,
      replications: 100,
      method: `100 seeds, same first copies with and without backups; mean slowdown without backups ×${ratio.toFixed(2)} (the MapReduce paper's sort: ×1.44)`,
      sample: (seed) => runJob({ ...sortLike, backups: true }, seed).jobTime - runJob(sortLike, seed).jobTime,
      widget,
    },
    {
      id: "batch-skewed-reducer",
      family: "batch",
      compared: "hot-key reducer's time ÷ reduce time × its load (h + (1 − h)/R)·R",
      setting: `${setting}; one key holds 20% of records, no salting, no stragglers`,
      unit: "",
      comparison: "interval",
      theory: 1,
      replications: 40,
      method: "40 seeds; load 4.8 even shares, so the reducer takes about 96 s against 20 s for the others",
      sample: (seed) => hotReducerRatio(job({ stragglerChance: 0, hotKeyShare: 0.2 }), seed),
      widget: { href: "/learn/batch-processing#data-skew-handling", label: "Try it in the job widget" },
    },
    {
      id: "batch-salted-reducer",
      family: "batch",
      compared: "a salted reducer's time ÷ reduce time × its load (h/S + (1 − h)/R)·R",
      setting: `${setting}; one key holds 20% of records, salted into 8 sub-keys, no stragglers`,
      unit: "",
      comparison: "interval",
      theory: 1,
      replications: 40,
      method: "40 seeds; load 1.3 even shares, so about 26 s",
      sample: (seed) => hotReducerRatio(job({ stragglerChance: 0, hotKeyShare: 0.2, salts: 8 }), seed),
      widget: { href: "/learn/batch-processing#data-skew-handling", label: "Try it in the job widget" },
    },
    {
      id: "batch-lineage-recompute",
      family: "batch",
      compared: "extra job time from one lost map output ÷ one map task's mean time",
      setting: `${setting}; one map output lost after the map phase, no stragglers`,
      unit: "",
      comparison: "interval",
      theory: 1,
      replications: 40,
      method: "40 seeds; lineage re-runs only the lost partition's map task",
      sample: (seed) => (runJob(job({ stragglerChance: 0, lostPartitions: 1 }), seed).jobTime - runJob(job({ stragglerChance: 0 }), seed).jobTime) / DEFAULT_JOB.mapS,
      widget,
    },
  ];
}
