/**
 * Model behind the shuffle-sharding view: `workers` workers, each tenant assigned a shard of
 * `shardSize` of them (a combination chosen by hashing the tenant's name). A poison tenant takes down
 * its own shard; another tenant is fully down only when its shard lies inside the poison tenant's.
 * For independently chosen shards the overlap is hypergeometric: P(share j) = C(k, j) C(n − k, k − j) / C(n, k),
 * so with n = 8 and k = 2 one tenant in C(8, 2) = 28 shares both workers.
 */
import { hashString } from "@/simulations";

/** n choose k. */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** Probability that another tenant's shard shares exactly `j` workers with a given shard. */
export function overlapProbability(workers: number, shardSize: number, j: number): number {
  return (choose(shardSize, j) * choose(workers - shardSize, shardSize - j)) / choose(workers, shardSize);
}

/** Every shard (combination of `shardSize` worker indexes), in lexicographic order. */
export function allShards(workers: number, shardSize: number): number[][] {
  const out: number[][] = [];
  const pick = (start: number, acc: number[]) => {
    if (acc.length === shardSize) return void out.push(acc);
    for (let w = start; w < workers; w++) pick(w + 1, [...acc, w]);
  };
  pick(0, []);
  return out;
}

export interface ShuffleShardLayout {
  workers: number;
  shardSize: number;
  tenants: { name: string; shard: number[] }[];
}

/** Tenants `tenant-1`..`tenant-N`, each with the shard its name hashes to. */
export function shuffleShardLayout(workers = 8, shardSize = 2, tenants = 28): ShuffleShardLayout {
  const shards = allShards(workers, shardSize);
  return {
    workers,
    shardSize,
    tenants: Array.from({ length: tenants }, (_, i) => {
      const name = `tenant-${i + 1}`;
      return { name, shard: shards[hashString(name) % shards.length] };
    }),
  };
}

/** How many workers each tenant shares with the poison tenant `poison` (index), by tenant index. */
export function overlapsWith(layout: ShuffleShardLayout, poison: number): number[] {
  const down = new Set(layout.tenants[poison].shard);
  return layout.tenants.map((t) => t.shard.filter((w) => down.has(w)).length);
}
