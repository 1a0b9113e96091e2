/**
 * Model behind the hash-ring view: the load balancer's own ring (simulations/models/load-balancer/
 * hash-ring.ts), drawn as arcs. A key belongs to the first point clockwise from its hash, so each
 * point owns the arc from the previous point up to itself. The view steps through: a ring with one
 * point per server (uneven arcs), the same ring with virtual nodes (even arcs), and a server joining
 * (only the arcs it takes over change hands).
 */
import { createHashRing, hashInt, hashRingPoints } from "@/simulations";

const RING = 2 ** 32;

/** One arc of the ring, as fractions of the circle [start, end) clockwise from the top. */
export interface RingArc {
  start: number;
  end: number;
  target: number;
  /** True when this arc belonged to another server before the step (the keys on it moved). */
  moved: boolean;
}

export interface RingStep {
  /** Server names on the ring at this step. */
  servers: string[];
  virtualNodes: number;
  arcs: RingArc[];
  /** Share of the ring each server owns, by server index. */
  shares: number[];
  /** Share of a sample of keys whose server changed at this step (0 for the first step). */
  movedKeys: number;
}

/** The arcs of a ring of `names` with `virtualNodes` points each (fractions of the circle, wrap split in two). */
export function ringArcs(names: readonly string[], virtualNodes: number): Omit<RingArc, "moved">[] {
  const points = hashRingPoints(names, virtualNodes);
  if (points.length === 0) return [];
  const arcs: Omit<RingArc, "moved">[] = [];
  const last = points[points.length - 1];
  // The arc before the first point wraps from the last point; split it at 0.
  arcs.push({ start: last.hash / RING, end: 1, target: points[0].target });
  arcs.push({ start: 0, end: points[0].hash / RING, target: points[0].target });
  for (let i = 1; i < points.length; i++) arcs.push({ start: points[i - 1].hash / RING, end: points[i].hash / RING, target: points[i].target });
  return arcs.filter((a) => a.end > a.start);
}

/** Fraction of keys 0..keys−1 whose server differs between two rings (by the load balancer's lookup). */
export function movedKeyShare(before: readonly string[], after: readonly string[], virtualNodes: number, keys = 20_000): number {
  const a = createHashRing(before, virtualNodes);
  const b = createHashRing(after, virtualNodes);
  let moved = 0;
  for (let k = 0; k < keys; k++) if (before[a.lookup(k)] !== after[b.lookup(k)]) moved++;
  return moved / keys;
}

/** Fraction of keys that change server under `hash mod n` when n grows to n + 1. */
export function moduloMovedShare(n: number, keys = 20_000): number {
  let moved = 0;
  for (let k = 0; k < keys; k++) {
    const h = hashInt(k);
    if (h % n !== h % (n + 1)) moved++;
  }
  return moved / keys;
}

function ownerAt(arcs: readonly Omit<RingArc, "moved">[], x: number): number {
  for (const a of arcs) if (x >= a.start && x < a.end) return a.target;
  return arcs[0]?.target ?? -1;
}

function shares(arcs: readonly Omit<RingArc, "moved">[], n: number): number[] {
  const out = new Array<number>(n).fill(0);
  for (const a of arcs) out[a.target] += a.end - a.start;
  return out.map((s) => Math.round(s * 1000) / 1000);
}

/** The three steps of the view for `servers` (the last one joins at step 3) and `virtualNodes` per server. */
export function ringSteps(servers: readonly string[], virtualNodes: number): RingStep[] {
  const before = servers.slice(0, -1);
  const one = ringArcs(before, 1);
  const many = ringArcs(before, virtualNodes);
  const joined = ringArcs(servers, virtualNodes);
  return [
    { servers: before, virtualNodes: 1, arcs: one.map((a) => ({ ...a, moved: false })), shares: shares(one, before.length), movedKeys: 0 },
    { servers: before, virtualNodes, arcs: many.map((a) => ({ ...a, moved: false })), shares: shares(many, before.length), movedKeys: 0 },
    {
      servers: [...servers],
      virtualNodes,
      // An arc moved when the server owning its midpoint changed.
      arcs: joined.map((a) => ({ ...a, moved: ownerAt(many, (a.start + a.end) / 2) !== a.target })),
      shares: shares(joined, servers.length),
      movedKeys: Math.round(movedKeyShare(before, servers, virtualNodes) * 1000) / 1000,
    },
  ];
}
