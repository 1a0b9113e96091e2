/**
 * mulberry32, the small seeded generator the deterministic widgets and their fidelity rows share:
 * the same seed gives the same points, corpora, graphs and IDs in the widget, the tests and the prose.
 * (Simulations use their own streams, simulations/engine/random.ts.)
 */

/** 32 random bits per call, as an unsigned integer. */
export function seededUint32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** A number in [0, 1) per call. */
export function seededRandom(seed: number): () => number {
  const next = seededUint32(seed);
  return () => next() / 4294967296;
}
