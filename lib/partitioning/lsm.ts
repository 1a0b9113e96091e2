/**
 * Back-of-the-envelope amplification of an LSM tree under three compaction strategies.
 *
 * Writes land in a memtable; a full memtable is flushed as a sorted run (SSTable); compaction merges
 * runs so reads check fewer files and old versions and tombstones are dropped. The strategies differ
 * in how often a byte is rewritten (write amplification), how many runs a point read may have to
 * check (read amplification, before bloom filters skip most of them) and how much disk the data takes
 * beyond its live size (space amplification). These are the textbook estimates for a steady,
 * update-heavy workload (Luo & Carey, "LSM-based storage techniques: a survey", VLDB Journal 2020;
 * the RocksDB wiki's compaction pages), not measurements: real engines add the commit log, L0 file
 * limits, partial compactions and skew.
 */

export type CompactionStrategy = "size-tiered" | "leveled" | "time-window";

export const STRATEGIES: readonly CompactionStrategy[] = ["size-tiered", "leveled", "time-window"];

export interface LsmInput {
  /** Live data size, GB. */
  dataGb: number;
  /** Size of one flushed run (memtable), MB. */
  flushMb: number;
  /** Size ratio between levels (leveled) or runs merged at once (size-tiered). */
  fanout: number;
  /** Time-window compaction: windows the retained data spans (e.g. 30 daily windows). */
  windows: number;
}

export interface Amplification {
  strategy: CompactionStrategy;
  /** Levels (or tiers) the data spans: ⌈log_fanout(data / flush)⌉, at least 1. */
  levels: number;
  /** Bytes written to disk per byte inserted (flush + compactions; the commit log not counted). */
  write: number;
  /** Sorted runs a point read may have to check in the worst case, before bloom filters. */
  readRuns: number;
  /** Disk used ÷ live data in the worst case. */
  space: number;
  /** The assumption behind the numbers, in one sentence. */
  assumption: string;
}

function levelsFor(bytesRatio: number, fanout: number): number {
  return Math.max(1, Math.ceil(Math.log(Math.max(bytesRatio, 1)) / Math.log(fanout) - 1e-9));
}

/** The estimates for one strategy. */
export function amplification(strategy: CompactionStrategy, input: LsmInput): Amplification {
  const { dataGb, flushMb, fanout, windows } = input;
  if (!(dataGb > 0) || !(flushMb > 0)) throw new Error("data size and flush size must be above 0");
  if (!Number.isInteger(fanout) || fanout < 2) throw new Error(`fanout must be a whole number of at least 2 (got ${fanout})`);
  if (!Number.isInteger(windows) || windows < 1) throw new Error(`windows must be a whole number of at least 1 (got ${windows})`);
  const ratio = (dataGb * 1024) / flushMb;
  const levels = levelsFor(ratio, fanout);
  if (strategy === "leveled") {
    return {
      strategy,
      levels,
      // Flush once, then each level's merge rewrites about (fanout + 1)/2 bytes of the next level per byte moved down.
      write: 1 + (levels * (fanout + 1)) / 2,
      readRuns: levels,
      space: 1 + 1 / fanout,
      assumption: `each level is ${fanout}× the one above; moving a byte down rewrites on average half the overlapping next level`,
    };
  }
  if (strategy === "size-tiered") {
    return {
      strategy,
      levels,
      // Flush once, then each byte is rewritten once per tier it passes through.
      write: 1 + levels,
      readRuns: levels * (fanout - 1) + 1,
      space: 2,
      assumption: `${fanout} similar-sized runs merge into one; up to ${fanout - 1} runs wait in each tier, and a merge of the largest tier needs room for both copies`,
    };
  }
  const windowLevels = levelsFor(ratio / windows, fanout);
  return {
    strategy,
    levels: windowLevels,
    // Inside the open window size-tiered; a closed window is never rewritten again and expires whole.
    write: 1 + windowLevels,
    readRuns: windows + (windowLevels * (fanout - 1)),
    space: 1 + 1 / windows,
    assumption: `append-only, time-ordered writes with a TTL; data spans ${windows} windows, each compacted size-tiered while open and then left alone`,
  };
}

/** The three strategies side by side. */
export function compareStrategies(input: LsmInput): Amplification[] {
  return STRATEGIES.map((s) => amplification(s, input));
}
