/**
 * Geohash: a point's latitude and longitude bisected in turn (longitude first), the bits
 * interleaved and written five at a time in base 32. Every extra character splits the cell into 32;
 * a shared prefix means a shared enclosing cell, but two points a metre apart across a cell edge can
 * share no prefix at all, which is why proximity queries look at a cell's eight neighbours too.
 * Pure functions, no DOM; used by the <GeohashGrid> widget and tested against published vectors.
 */

/** The geohash base-32 alphabet (no a, i, l, o). */
export const GEOHASH_ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";

/** Mean Earth radius in km (the IUGG value used by haversine below). */
export const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE = (Math.PI * EARTH_RADIUS_KM) / 180;

export interface LatLon {
  lat: number;
  lon: number;
}

/** A cell's bounds in degrees. */
export interface GeohashCell {
  hash: string;
  south: number;
  north: number;
  west: number;
  east: number;
  center: LatLon;
}

/** The longest precision the widget and these helpers accept (12 characters is about 4 cm). */
export const MAX_PRECISION = 12;

function checkPoint(lat: number, lon: number): void {
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new RangeError(`latitude must be a number from -90 to 90 (got ${lat})`);
  if (!Number.isFinite(lon) || lon < -180 || lon > 180) throw new RangeError(`longitude must be a number from -180 to 180 (got ${lon})`);
}

function checkPrecision(precision: number): void {
  if (!Number.isInteger(precision) || precision < 1 || precision > MAX_PRECISION) throw new RangeError(`precision must be an integer from 1 to ${MAX_PRECISION} (got ${precision})`);
}

/** One bisection: which axis, the interval before it, its midpoint and the bit it produced. */
export interface BitStep {
  /** 0-based position in the hash's bit string. */
  index: number;
  axis: "lon" | "lat";
  low: number;
  high: number;
  mid: number;
  /** 1 when the coordinate is in the upper half [mid, high]. */
  bit: 0 | 1;
}

/** Every bisection that encoding (lat, lon) at `precision` characters performs, in order. */
export function encodeSteps(lat: number, lon: number, precision: number): BitStep[] {
  checkPoint(lat, lon);
  checkPrecision(precision);
  const lonRange = [-180, 180];
  const latRange = [-90, 90];
  const steps: BitStep[] = [];
  for (let index = 0; index < precision * 5; index++) {
    const axis = index % 2 === 0 ? "lon" : "lat";
    const range = axis === "lon" ? lonRange : latRange;
    const value = axis === "lon" ? lon : lat;
    const [low, high] = range as [number, number];
    const mid = (low + high) / 2;
    const bit = value >= mid ? 1 : 0;
    if (bit) range[0] = mid;
    else range[1] = mid;
    steps.push({ index, axis, low, high, mid, bit });
  }
  return steps;
}

/** The geohash of (lat, lon) with `precision` characters (1 to 12). Throws a RangeError naming a bad argument. */
export function encode(lat: number, lon: number, precision: number): string {
  const steps = encodeSteps(lat, lon, precision);
  let hash = "";
  for (let c = 0; c < precision; c++) {
    let value = 0;
    for (let b = 0; b < 5; b++) value = value * 2 + steps[c * 5 + b]!.bit;
    hash += GEOHASH_ALPHABET[value];
  }
  return hash;
}

/** The bounds of a geohash's cell. Throws naming the first character that is not in the alphabet. */
export function decode(hash: string): GeohashCell {
  if (hash.length < 1 || hash.length > MAX_PRECISION) throw new RangeError(`a geohash has 1 to ${MAX_PRECISION} characters (got ${hash.length})`);
  let south = -90, north = 90, west = -180, east = 180;
  let even = true;
  for (const [i, ch] of [...hash.toLowerCase()].entries()) {
    const value = GEOHASH_ALPHABET.indexOf(ch);
    if (value < 0) throw new RangeError(`"${ch}" at position ${i + 1} is not a geohash character (${GEOHASH_ALPHABET})`);
    for (let b = 4; b >= 0; b--) {
      const bit = (value >> b) & 1;
      if (even) {
        const mid = (west + east) / 2;
        if (bit) west = mid;
        else east = mid;
      } else {
        const mid = (south + north) / 2;
        if (bit) south = mid;
        else north = mid;
      }
      even = !even;
    }
  }
  return { hash: hash.toLowerCase(), south, north, west, east, center: { lat: (south + north) / 2, lon: (west + east) / 2 } };
}

/** Bits of longitude and latitude in a hash of `precision` characters (longitude gets the odd one). */
export function bitsPerAxis(precision: number): { lonBits: number; latBits: number } {
  checkPrecision(precision);
  return { lonBits: Math.ceil((precision * 5) / 2), latBits: Math.floor((precision * 5) / 2) };
}

/** A cell's size in degrees at `precision`: the same everywhere on the globe. */
export function cellDegrees(precision: number): { lonDeg: number; latDeg: number } {
  const { lonBits, latBits } = bitsPerAxis(precision);
  return { lonDeg: 360 / 2 ** lonBits, latDeg: 180 / 2 ** latBits };
}

/** A cell's size on the ground at latitude `lat`, in km: the height is fixed, the width shrinks with cos(lat). */
export function cellSizeKm(precision: number, lat = 0): { widthKm: number; heightKm: number } {
  const { lonDeg, latDeg } = cellDegrees(precision);
  return { widthKm: lonDeg * KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180), heightKm: latDeg * KM_PER_DEGREE };
}

export type Direction = "n" | "ne" | "e" | "se" | "s" | "sw" | "w" | "nw";
/** The eight directions, clockwise from north. */
export const DIRECTIONS: readonly Direction[] = ["n", "ne", "e", "se", "s", "sw", "w", "nw"];
const OFFSETS: Record<Direction, [number, number]> = { n: [1, 0], ne: [1, 1], e: [0, 1], se: [-1, 1], s: [-1, 0], sw: [-1, -1], w: [0, -1], nw: [1, -1] };

/** Wraps a longitude into [-180, 180). */
export function wrapLon(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

/**
 * The adjacent cell of the same precision in `direction`, or null past a pole. East and west wrap
 * across the antimeridian (the cell east of one touching 180° is at -180°).
 */
export function neighbour(hash: string, direction: Direction): string | null {
  const cell = decode(hash);
  const [dLat, dLon] = OFFSETS[direction];
  const lat = cell.center.lat + dLat * (cell.north - cell.south);
  if (lat > 90 || lat < -90) return null;
  const lon = wrapLon(cell.center.lon + dLon * (cell.east - cell.west));
  return encode(lat, lon, hash.length);
}

/** All eight neighbours, keyed by direction (null past a pole). */
export function neighbours(hash: string): Record<Direction, string | null> {
  return Object.fromEntries(DIRECTIONS.map((d) => [d, neighbour(hash, d)])) as Record<Direction, string | null>;
}

/** Length of the common prefix of two hashes. */
export function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Great-circle distance in km (haversine on a sphere of the mean Earth radius; within about 0.5% of the ellipsoid). */
export function haversineKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The smallest precision whose cells are at least `radiusKm` wide and tall at latitude `lat`, so a
 * circle of that radius around any point in a cell fits inside the cell and its 8 neighbours. 1 when
 * even the largest cells are too small (a search radius of thousands of km).
 */
export function precisionForRadius(radiusKm: number, lat = 0): number {
  for (let p = MAX_PRECISION; p >= 1; p--) {
    const { widthKm, heightKm } = cellSizeKm(p, lat);
    if (widthKm >= radiusKm && heightKm >= radiusKm) return p;
  }
  return 1;
}
