/**
 * Consistent hashing: a ring of hash points, several ("virtual nodes") per target.
 *
 * A key goes to the first point clockwise from its own hash. Adding a target inserts its points and
 * takes over only the keys that now land on them, about 1/n of all keys for n targets, instead of
 * reshuffling nearly everything as `hash mod n` does. Virtual nodes even out the arcs each target owns.
 */
import { hashInt, hashString } from "../../engine/random";

export { hashInt };

export interface HashRing {
  /** Index of the target owning `key`, skipping targets for which `usable` is false; -1 if none. */
  lookup(key: number, usable?: (target: number) => boolean): number;
}

/** One point on the ring: its 32-bit hash and the index of the target it belongs to. */
export interface RingPoint {
  hash: number;
  target: number;
}

/** The ring's points in clockwise order (by hash): `virtualNodes` per target, placed by the target's name. */
export function hashRingPoints(names: readonly string[], virtualNodes = 100): RingPoint[] {
  const points: RingPoint[] = [];
  names.forEach((name, target) => {
    for (let v = 0; v < virtualNodes; v++) points.push({ hash: hashString(`${name}#${v}`), target });
  });
  return points.sort((a, b) => a.hash - b.hash || a.target - b.target);
}

/** Builds a ring for targets named `names` (the name, not the position, places a target's points). */
export function createHashRing(names: readonly string[], virtualNodes = 100): HashRing {
  const points = hashRingPoints(names, virtualNodes);
  const hashes = Float64Array.from(points, (p) => p.hash);
  return {
    lookup(key, usable) {
      if (points.length === 0) return -1;
      const h = hashInt(key);
      let lo = 0;
      let hi = hashes.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (hashes[mid] < h) lo = mid + 1;
        else hi = mid;
      }
      for (let step = 0; step < points.length; step++) {
        const p = points[(lo + step) % points.length];
        if (!usable || usable(p.target)) return p.target;
      }
      return -1;
    },
  };
}
