/**
 * A large upload over a link that keeps dropping: how many bytes go over the wire, and whether the
 * upload finishes at all, with and without resumable chunks. Pure and seeded, so the chapter's widget
 * (components/media/resumable-upload.tsx) shows the same run for the same settings.
 *
 * Model: the link carries `dropsEveryMb` MB on average between drops; each connection's life is drawn
 * from an exponential distribution (memoryless, like drops caused by moving between cells), from a
 * seeded generator. A drop ends the current connection and the client reconnects at once.
 * - Whole-file upload: a drop loses everything sent in that attempt; the next attempt starts from 0.
 * - Chunked and resumable (like S3 multipart): the file goes in chunks of `chunkMb`; a chunk counts once
 *   it is fully received, so a drop loses only the part of the chunk in flight. The next connection
 *   resumes at the first chunk not yet received.
 * Both give up after `maxAttempts` connections.
 */
import { seededRandom } from "@/lib/random/seeded";

export { seededRandom };

export interface UploadRun {
  /** MB sent over the wire, including bytes lost to drops. */
  sentMb: number;
  /** MB wasted: sent but lost to a drop. */
  wastedMb: number;
  /** Connections used (1 + drops before finishing or giving up). */
  attempts: number;
  /** True when the whole file arrived within maxAttempts. */
  finished: boolean;
  /** MB confirmed by the server at the end. */
  confirmedMb: number;
  /** Per connection: MB it carried and MB confirmed after it. */
  connections: { carriedMb: number; confirmedAfterMb: number }[];
}


/** How many MB each connection carries before it drops: exponential with the given mean, seeded. */
export function connectionLives(dropsEveryMb: number, seed: number, count: number): number[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: count }, () => -Math.log(1 - rnd()) * dropsEveryMb);
}

/**
 * Upload `fileMb` over connections whose lives (MB carried before a drop) are given in order.
 * `chunkMb` null: whole-file upload. Otherwise chunked and resumable.
 */
export function upload(fileMb: number, lives: readonly number[], chunkMb: number | null): UploadRun {
  if (!(fileMb > 0)) throw new Error(`fileMb must be positive (got ${fileMb})`);
  if (chunkMb !== null && !(chunkMb > 0)) throw new Error(`chunkMb must be positive or null (got ${chunkMb})`);
  let confirmed = 0;
  let sent = 0;
  let wasted = 0;
  const connections: UploadRun["connections"] = [];
  for (const life of lives) {
    const remaining = fileMb - confirmed;
    if (life >= remaining) {
      sent += remaining;
      confirmed = fileMb;
      connections.push({ carriedMb: remaining, confirmedAfterMb: confirmed });
      return { sentMb: sent, wastedMb: wasted, attempts: connections.length, finished: true, confirmedMb: confirmed, connections };
    }
    sent += life;
    if (chunkMb === null) {
      wasted += life;
    } else {
      const whole = Math.floor(life / chunkMb + 1e-9) * chunkMb;
      confirmed += whole;
      wasted += life - whole;
    }
    connections.push({ carriedMb: life, confirmedAfterMb: confirmed });
  }
  return { sentMb: sent, wastedMb: wasted, attempts: connections.length, finished: false, confirmedMb: confirmed, connections };
}

export interface UploadComparison {
  whole: UploadRun;
  chunked: UploadRun;
  lives: number[];
}

/** Both strategies over the same seeded link. */
export function compareUploads(o: { fileMb: number; dropsEveryMb: number; chunkMb: number; seed: number; maxAttempts?: number }): UploadComparison {
  const lives = connectionLives(o.dropsEveryMb, o.seed, o.maxAttempts ?? 50);
  return { whole: upload(o.fileMb, lives, null), chunked: upload(o.fileMb, lives, o.chunkMb), lives };
}

/** Chance that one connection carries the whole file: exp(−file / mean) for exponential lives. */
export function wholeFileSuccessChance(fileMb: number, dropsEveryMb: number): number {
  return Math.exp(-fileMb / dropsEveryMb);
}
