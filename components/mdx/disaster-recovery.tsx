/**
 * The disaster-recovery widget MDX may use (content/README.md, "Interactive widgets"): a server
 * component that checks its props (a bad one fails the build naming the component and prop) and
 * renders a lazily hydrated island (components/dr).
 */
import { DrTimelineIsland } from "@/components/dr/islands";
import type { ReplicationMode } from "@/lib/dr/recovery";

function pick(prop: string, value: unknown, fallback: number, allowed: readonly number[]): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !allowed.includes(value)) throw new Error(`<DrTimeline> ${prop} must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`);
  return value;
}

export interface DrTimelineMdxProps {
  /** Crash time, minutes after midnight, 0–1439 (default 877, 14:37). */
  crashAtMin?: number;
  /** Snapshot interval, hours: 1, 4, 12 or 24 (default 24). */
  backupIntervalH?: number;
  /** Point-in-time recovery on at the start (default false). */
  pitr?: boolean;
  /** "async" (default) or "sync". */
  replication?: ReplicationMode;
  /** DNS TTL, s: 30, 60, 300 or 3600 (default 300). */
  dnsTtlS?: number;
}

/** One region outage under backup and restore, pilot light, warm standby and active-active: data lost and the RTO timeline. */
export function DrTimeline({ crashAtMin, backupIntervalH, pitr, replication, dnsTtlS }: DrTimelineMdxProps) {
  if (crashAtMin !== undefined && (typeof crashAtMin !== "number" || !Number.isInteger(crashAtMin) || crashAtMin < 0 || crashAtMin > 1439)) throw new Error(`<DrTimeline> crashAtMin must be an integer from 0 to 1439 (got ${JSON.stringify(crashAtMin)})`);
  if (pitr !== undefined && typeof pitr !== "boolean") throw new Error(`<DrTimeline> pitr must be true or false (got ${JSON.stringify(pitr)})`);
  if (replication !== undefined && replication !== "async" && replication !== "sync") throw new Error(`<DrTimeline> replication must be "async" or "sync" (got ${JSON.stringify(replication)})`);
  return (
    <DrTimelineIsland
      crashAtMin={crashAtMin ?? 877}
      backupIntervalH={pick("backupIntervalH", backupIntervalH, 24, [1, 4, 12, 24])}
      pitr={pitr ?? false}
      replication={replication ?? "async"}
      dnsTtlS={pick("dnsTtlS", dnsTtlS, 300, [30, 60, 300, 3600])}
    />
  );
}
