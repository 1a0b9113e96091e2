/**
 * How a consumer group shares a topic's partitions among its members. Each partition has at most one
 * owner in a group, so a group with more members than partitions leaves some members with nothing
 * to read. Two assignors:
 * - range (what an eager rebalance hands out): members sorted, partitions cut into contiguous runs,
 *   the first P mod n members one partition more; who owned what before does not matter.
 * - sticky (cooperative-sticky, KIP-429): the same balance (every member ⌊P/n⌋ or ⌈P/n⌉), but each
 *   member keeps as many of its current partitions as the balance allows, so only the surplus and the
 *   orphans (partitions of members that left) move.
 */

/** Owner per partition (index = partition), `null` when no member owns it. */
export type Assignment = (string | null)[];

/** Range assignment of `partitions` over `members` (sorted by name, as the group leader does). */
export function rangeAssign(partitions: number, members: readonly string[]): Assignment {
  const sorted = [...members].sort(byName);
  const out: Assignment = Array.from({ length: partitions }, () => null);
  if (sorted.length === 0) return out;
  const base = Math.floor(partitions / sorted.length);
  const extra = partitions % sorted.length;
  let p = 0;
  sorted.forEach((m, i) => {
    const count = base + (i < extra ? 1 : 0);
    for (let k = 0; k < count; k++) out[p++] = m;
  });
  return out;
}

/** Sticky assignment: balanced like range, moving as few partitions away from their current owner as it can. */
export function stickyAssign(partitions: number, members: readonly string[], current: Assignment): Assignment {
  const sorted = [...members].sort(byName);
  const out: Assignment = Array.from({ length: partitions }, () => null);
  if (sorted.length === 0) return out;
  const base = Math.floor(partitions / sorted.length);
  let extra = partitions % sorted.length;
  const owned = new Map(sorted.map((m) => [m, [] as number[]]));
  for (let p = 0; p < partitions; p++) {
    const o = current[p];
    if (o !== null && o !== undefined && owned.has(o)) owned.get(o)!.push(p);
  }
  // Members holding the most keep the "one more" quota first, so fewer partitions move.
  const byHoldings = [...sorted].sort((a, b) => owned.get(b)!.length - owned.get(a)!.length || byName(a, b));
  const quota = new Map<string, number>();
  for (const m of byHoldings) {
    const q = base + (extra > 0 && owned.get(m)!.length > base ? 1 : 0);
    if (q > base) extra--;
    quota.set(m, q);
  }
  for (const m of sorted) {
    if (extra > 0 && quota.get(m) === base) {
      quota.set(m, base + 1);
      extra--;
    }
  }
  const free: number[] = [];
  for (let p = 0; p < partitions; p++) if (current[p] === null || current[p] === undefined || !owned.has(current[p]!)) free.push(p);
  for (const m of sorted) {
    const mine = owned.get(m)!;
    mine.slice(0, quota.get(m)).forEach((p) => (out[p] = m));
    free.push(...mine.slice(quota.get(m)));
  }
  free.sort((a, b) => a - b);
  for (const m of sorted) {
    let have = out.filter((o) => o === m).length;
    while (have < quota.get(m)! && free.length > 0) {
      out[free.shift()!] = m;
      have++;
    }
  }
  return out;
}

/** Partitions whose owner differs between two assignments. */
export function movedPartitions(before: Assignment, after: Assignment): number[] {
  const moved: number[] = [];
  for (let p = 0; p < after.length; p++) if ((before[p] ?? null) !== after[p]) moved.push(p);
  return moved;
}

/** Members that own no partition. */
export function idleMembers(assignment: Assignment, members: readonly string[]): string[] {
  const owners = new Set(assignment);
  return members.filter((m) => !owners.has(m));
}

/** c2 before c10. */
function byName(a: string, b: string): number {
  return Number(a.slice(1)) - Number(b.slice(1)) || a.localeCompare(b);
}
