/**
 * Geofencing: is a point inside a fence, and when did a moving device enter or leave it?
 *
 * Inside: ray casting. Cast a ray from the point towards +x and count the polygon edges it crosses;
 * odd means inside. The classic traps are handled explicitly: a ray through a vertex (each edge
 * counts with a half-open rule, so a vertex is counted once), a point exactly on an edge (reported
 * as "boundary", not left to rounding), concave polygons (nothing special: counting handles them),
 * and fences that cross the antimeridian (longitudes unwrapped before counting).
 *
 * When: GPS fixes scatter by metres to tens of metres, so a device standing near the edge flips in
 * and out. Hysteresis (a band either side of the edge) and a dwell time (a new state must hold for a
 * while) turn the flicker back into the one or two transitions that happened.
 */

export interface XY {
  x: number;
  y: number;
}

export type Containment = "inside" | "outside" | "boundary";

/** How far from an edge (in the polygon's units) still counts as on it. */
export const BOUNDARY_EPSILON = 1e-9;

function onSegment(p: XY, a: XY, b: XY, epsilon: number): boolean {
  const cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  if (Math.abs(cross) > epsilon * Math.max(length, 1)) return false;
  return p.x >= Math.min(a.x, b.x) - epsilon && p.x <= Math.max(a.x, b.x) + epsilon && p.y >= Math.min(a.y, b.y) - epsilon && p.y <= Math.max(a.y, b.y) + epsilon;
}

/**
 * Where a ray from `p` towards +x crosses the polygon's edges (x of each crossing). An edge counts
 * when one end is strictly above the ray and the other is not (half-open), so a ray through a vertex
 * counts it once when the polygon passes through it and zero or two times when it only touches it.
 */
export function rayCrossings(p: XY, polygon: readonly XY[]): number[] {
  const xs: number[] = [];
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[j]!;
    const b = polygon[i]!;
    if (a.y > p.y !== b.y > p.y) {
      const x = a.x + ((p.y - a.y) / (b.y - a.y)) * (b.x - a.x);
      if (x > p.x) xs.push(x);
    }
  }
  return xs.sort((u, v) => u - v);
}

/**
 * The naive count: every edge the ray touches, ends included. A ray through a vertex then counts
 * both edges that meet there, and the answer flips. Kept to show the bug, not to use.
 */
export function naiveCrossingCount(p: XY, polygon: readonly XY[]): number {
  let count = 0;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[j]!;
    const b = polygon[i]!;
    if (p.y < Math.min(a.y, b.y) || p.y > Math.max(a.y, b.y) || a.y === b.y) continue;
    const x = a.x + ((p.y - a.y) / (b.y - a.y)) * (b.x - a.x);
    if (x > p.x) count++;
  }
  return count;
}

/** Inside, outside or on the boundary of a simple polygon (any orientation, convex or not). */
export function pointInPolygon(p: XY, polygon: readonly XY[], epsilon = BOUNDARY_EPSILON): Containment {
  if (polygon.length < 3) throw new RangeError(`a polygon needs at least 3 vertices (got ${polygon.length})`);
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) if (onSegment(p, polygon[j]!, polygon[i]!, epsilon)) return "boundary";
  return rayCrossings(p, polygon).length % 2 === 1 ? "inside" : "outside";
}

export interface LonLat {
  lon: number;
  lat: number;
}

/**
 * A fence's ring with longitudes made continuous: each vertex is moved by ±360° so that it is less
 * than 180° from the previous one. A fence drawn across the antimeridian (179° to -179°) becomes
 * one that runs from 179° to 181° instead of one that spans the whole globe the other way.
 */
export function unwrapRing(ring: readonly LonLat[]): LonLat[] {
  const out: LonLat[] = [];
  for (const v of ring) {
    const prev = out[out.length - 1];
    let lon = v.lon;
    if (prev) while (lon - prev.lon > 180) lon -= 360;
    if (prev) while (lon - prev.lon < -180) lon += 360;
    out.push({ lon, lat: v.lat });
  }
  return out;
}

/**
 * Whether a point is in a geographic fence, treating lon/lat as planar (fine for fences of a few
 * km; larger ones need great-circle edges, e.g. PostGIS geography). Handles fences that cross the
 * antimeridian by unwrapping the ring and trying the point at lon, lon + 360 and lon - 360.
 */
export function pointInFence(point: LonLat, ring: readonly LonLat[]): Containment {
  const unwrapped = unwrapRing(ring).map((v) => ({ x: v.lon, y: v.lat }));
  let result: Containment = "outside";
  for (const shift of [0, 360, -360]) {
    const r = pointInPolygon({ x: point.lon + shift, y: point.lat }, unwrapped);
    if (r === "boundary") return r;
    if (r === "inside") result = r;
  }
  return result;
}

/** Naive planar test on the raw ring, for comparison: wrong for fences across the antimeridian. */
export function pointInFenceNaive(point: LonLat, ring: readonly LonLat[]): Containment {
  return pointInPolygon({ x: point.lon, y: point.lat }, ring.map((v) => ({ x: v.lon, y: v.lat })));
}

/** One GPS fix: when, and its signed distance to the fence edge in metres (negative inside). */
export interface Fix {
  tMs: number;
  distanceM: number;
}

export interface FenceTransition {
  tMs: number;
  kind: "enter" | "exit";
}

export interface DebounceOptions {
  /** Half-width of the band around the edge, metres: enter only deeper than -band, exit only beyond +band. */
  bandM: number;
  /** A new state must hold this long before it is reported, ms. */
  dwellMs: number;
}

/** Every change of the naive inside/outside answer (inside when distance ≤ 0). The device starts outside. */
export function naiveTransitions(fixes: readonly Fix[]): FenceTransition[] {
  const out: FenceTransition[] = [];
  let inside = false;
  for (const f of fixes) {
    const now = f.distanceM <= 0;
    if (now !== inside) out.push({ tMs: f.tMs, kind: now ? "enter" : "exit" });
    inside = now;
  }
  return out;
}

/**
 * Transitions with hysteresis and a dwell time. Inside the band the device keeps its last state;
 * beyond it, the other state becomes a candidate, reported (at the time it was first seen plus the
 * dwell) once every fix for `dwellMs` agrees. The device starts outside.
 */
export function debouncedTransitions(fixes: readonly Fix[], { bandM, dwellMs }: DebounceOptions): FenceTransition[] {
  if (!(bandM >= 0)) throw new RangeError(`bandM must be 0 or more metres (got ${bandM})`);
  if (!(dwellMs >= 0)) throw new RangeError(`dwellMs must be 0 or more (got ${dwellMs})`);
  const out: FenceTransition[] = [];
  let inside = false;
  let candidateSince: number | null = null;
  for (const f of fixes) {
    const wantsChange = inside ? f.distanceM > bandM : f.distanceM < -bandM || (bandM === 0 && f.distanceM <= 0);
    if (!wantsChange) {
      candidateSince = null;
      continue;
    }
    candidateSince ??= f.tMs;
    if (f.tMs - candidateSince >= dwellMs) {
      inside = !inside;
      out.push({ tMs: f.tMs, kind: inside ? "enter" : "exit" });
      candidateSince = null;
    }
  }
  return out;
}

/** Parameters of the scripted walk used by the widget and the chapter's numbers. */
export interface WalkOptions {
  /** Standard deviation of the GPS error along the line to the fence, metres. */
  jitterM: number;
  seed: number;
  /** Time between fixes, ms (default 5 s). */
  intervalMs?: number;
}

/**
 * A seeded 20-minute walk: approach the fence, stand just outside its edge for six minutes (a
 * café table on the boundary), go in, stay, leave. True distance and a jittered GPS reading per fix.
 * Exactly two true transitions: in at 10:10 and out at 16:50 (the first fixes past the edge).
 */
export function scriptedWalk({ jitterM, seed, intervalMs = 5000 }: WalkOptions): { fixes: Fix[]; truth: Fix[]; trueTransitions: FenceTransition[] } {
  // Box-Muller on a mulberry32 stream.
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967297;
  };
  const gaussian = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const minute = 60_000;
  const trueDistance = (tMs: number): number => {
    const m = tMs / minute;
    if (m < 4) return 120 - 25 * m; // walking in from 120 m out
    if (m < 10) return 20 - (m - 4) * (16 / 6); // lingering just outside: 20 m → 4 m
    if (m < 11) return 4 - (m - 10) * 34; // steps in: 4 m → -30 m
    if (m < 16) return -30 + 4 * Math.sin((m - 11) * 2); // inside, moving about
    return -30 + (m - 16) * 40; // walks out
  };
  const fixes: Fix[] = [];
  const truth: Fix[] = [];
  for (let tMs = 0; tMs <= 20 * minute; tMs += intervalMs) {
    const d = trueDistance(tMs);
    truth.push({ tMs, distanceM: d });
    fixes.push({ tMs, distanceM: d + gaussian() * jitterM });
  }
  return { fixes, truth, trueTransitions: naiveTransitions(truth) };
}
