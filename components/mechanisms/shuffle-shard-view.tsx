"use client";
import type { ShuffleShardLayout } from "@/lib/mechanisms/shuffle-shard";
import { MechanismShell, Swatch } from "./mechanism-shell";
import { color, labelSize } from "./palette";

export interface ShuffleShardViewProps {
  layout: ShuffleShardLayout;
  /** overlaps[p][t]: workers tenant t shares with poison tenant p. */
  overlaps: number[][];
  /** Hypergeometric probability that another tenant shares all of a shard's workers. */
  fullOverlapProbability: number;
  totalShards: number;
}

const W = 360;

/** Shuffle sharding: one tenant goes bad and takes down its shard; who else loses both workers? */
export function ShuffleShardView({ layout, overlaps, fullOverlapProbability, totalShards }: ShuffleShardViewProps) {
  const { workers, shardSize, tenants } = layout;
  const count = (p: number, j: number) => overlaps[p].filter((o, t) => t !== p && o === j).length;
  const fill = (o: number) => (o === shardSize ? color.bad : o > 0 ? color.warn : color.ok);
  const cols = 7;
  const describe = (p: number) => {
    const t = tenants[p];
    const down = count(p, shardSize);
    const none = count(p, 0);
    const some = tenants.length - 1 - down - none;
    const verb = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    return `${t.name} sends poison requests and takes down workers ${t.shard.map((w) => w + 1).join(" and ")}. Of the ${tenants.length - 1} other tenants, ${verb(down, "shares", "share")} all ${shardSize} of those workers and ${down === 1 ? "goes" : "go"} down, ${verb(some, "shares", "share")} some and ${some === 1 ? "keeps" : "keep"} running on the rest, and ${verb(none, "shares", "share")} none. With shards picked at random, a given other tenant shares all ${shardSize} with probability 1 in ${Math.round(1 / fullOverlapProbability)} (there are ${totalShards} possible shards).`;
  };
  return (
    <MechanismShell
      title={`Shuffle sharding: ${workers} workers, each tenant on ${shardSize}`}
      testId="shuffle-shard-view"
      steps={tenants.length}
      initialStep={0}
      stepMs={1200}
      stepLabel={(p) => `${tenants[p].name} goes bad`}
      describe={describe}
      table={{
        caption: "Each tenant's workers and, for the tenant that goes bad, how many each other tenant shares",
        columns: ["tenant", "workers", "outcome when this tenant goes bad"],
        rows: tenants.map((t, p) => [t.name, t.shard.map((w) => w + 1).join(", "), `${count(p, shardSize)} down, ${tenants.length - 1 - count(p, shardSize) - count(p, 0)} degraded, ${count(p, 0)} untouched`]),
      }}
      legend={
        <>
          <Swatch color={color.bad} label="down (all its workers poisoned)" />
          <Swatch color={color.warn} label="degraded (one worker left)" />
          <Swatch color={color.ok} label="untouched" />
        </>
      }
    >
      {(p) => {
        const down = new Set(tenants[p].shard);
        const rows = Math.ceil(tenants.length / cols);
        return (
          <svg viewBox={`0 0 ${W} ${58 + rows * 30}`} className="h-auto w-full" fontSize={labelSize} fill={color.fg}>
            <text x={8} y={12} fill={color.muted}>
              workers
            </text>
            {Array.from({ length: workers }, (_, w) => (
              <g key={w}>
                <rect x={8 + w * ((W - 16) / workers)} y={18} width={(W - 16) / workers - 6} height={22} rx={3} fill={down.has(w) ? color.bad : color.sunken} stroke={color.line} />
                <text x={8 + w * ((W - 16) / workers) + ((W - 16) / workers - 6) / 2} y={33} textAnchor="middle" fill={down.has(w) ? "var(--fl-on-accent)" : color.fg}>
                  {w + 1}
                </text>
              </g>
            ))}
            {tenants.map((t, i) => {
              const cx = 8 + (i % cols) * ((W - 16) / cols);
              const cy = 52 + Math.floor(i / cols) * 30;
              const o = overlaps[p][i];
              const me = i === p;
              return (
                <g key={t.name}>
                  <rect x={cx} y={cy} width={(W - 16) / cols - 5} height={24} rx={3} fill={me ? color.fg : fill(o)} opacity={me ? 1 : 0.85} />
                  <text x={cx + ((W - 16) / cols - 5) / 2} y={cy + 11} textAnchor="middle" fontSize={labelSize - 2} fill={me ? color.sunken : "var(--fl-surface)"} fontWeight={600}>
                    {t.name.replace("tenant-", "t")}
                  </text>
                  <text x={cx + ((W - 16) / cols - 5) / 2} y={cy + 21} textAnchor="middle" fontSize={labelSize - 3} fill={me ? color.sunken : "var(--fl-surface)"}>
                    {t.shard.map((w) => w + 1).join("+")}
                  </text>
                </g>
              );
            })}
          </svg>
        );
      }}
    </MechanismShell>
  );
}
