/**
 * The geospatial widgets MDX may use (content/README.md, "Interactive widgets"): server components
 * that check their props (a bad one fails the build naming the component and prop) and render a
 * lazily hydrated island (components/geo).
 */
import { GeofenceJitterIsland, GeohashGridIsland, QuadtreeSearchIsland } from "@/components/geo/islands";

function num(component: string, prop: string, value: unknown, fallback: number, min: number, max: number, integer: boolean): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max)
    throw new Error(`<${component}> ${prop} must be ${integer ? "an integer" : "a number"} from ${min} to ${max} (got ${JSON.stringify(value)})`);
  return value;
}

export interface GeohashGridMdxProps {
  /** Starting latitude, degrees (default 57.64911). */
  lat?: number;
  /** Starting longitude, degrees (default 10.40744). */
  lon?: number;
  /** Starting precision, characters (default 5). */
  precision?: number;
}

/** A point, its geohash cell and neighbours, the bits, and the edge problem. */
export function GeohashGrid({ lat, lon, precision }: GeohashGridMdxProps) {
  return <GeohashGridIsland lat={num("GeohashGrid", "lat", lat, 57.64911, -90, 90, false)} lon={num("GeohashGrid", "lon", lon, 10.40744, -180, 180, false)} precision={num("GeohashGrid", "precision", precision, 5, 1, 9, true)} />;
}

export interface QuadtreeSearchMdxProps {
  /** Number of points (default 300). */
  count?: number;
  /** Seed of the points (default 7). */
  seed?: number;
  /** Leaf capacity to start with (default 4). */
  capacity?: number;
}

/** A quadtree over seeded points answering a radius or k-nearest query, with its cost against brute force. */
export function QuadtreeSearch({ count, seed, capacity }: QuadtreeSearchMdxProps) {
  return <QuadtreeSearchIsland count={num("QuadtreeSearch", "count", count, 300, 20, 2000, true)} seed={num("QuadtreeSearch", "seed", seed, 7, 0, 2 ** 31, true)} capacity={num("QuadtreeSearch", "capacity", capacity, 4, 1, 32, true)} />;
}

export interface GeofenceJitterMdxProps {
  /** GPS error to start with, metres (default 10). */
  jitter?: number;
  /** Seed of the GPS noise (default 42). */
  seed?: number;
}

/** A jittery walk past a fence edge: naive transitions against a band and a dwell time. */
export function GeofenceJitter({ jitter, seed }: GeofenceJitterMdxProps) {
  return <GeofenceJitterIsland jitter={num("GeofenceJitter", "jitter", jitter, 10, 0, 30, true)} seed={num("GeofenceJitter", "seed", seed, 42, 0, 2 ** 31, true)} />;
}
