/**
 * Seeded randomness with independent streams.
 *
 * Every random draw in a simulation comes from a named stream derived from the scenario seed, e.g.
 * "api-1/service" or "users/arrivals". Streams never share state, so changing one node's parameters
 * (which changes how many numbers it draws) leaves every other node's draws untouched. That is what
 * makes A/B comparisons on identical traffic possible: both variants see the same arrivals.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's small fast chaotic PRNG, 128-bit state), seeded
 * through a string hash and splitmix32. It uses only 32-bit integer arithmetic, so Node and every
 * browser produce the same sequence bit for bit.
 */

/** A source of uniformly distributed numbers. */
export interface RandomStream {
  /** Uniform in [0, 1) with 53 bits of resolution. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** The stream's name, for debugging. */
  readonly name: string;
}

/** 32-bit FNV-1a hash of a string, then mixed; stable across platforms. */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return splitmix32(h);
}

/** 32-bit integer hash (murmur3 finaliser style) of an integer: cheap, stable, well mixed. */
export function hashInt(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

class Sfc32Stream implements RandomStream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(
    readonly name: string,
    seed: number,
  ) {
    // Four state words from the seed and name; then discard a few outputs to mix the state.
    const base = hashString(name, seed | 0);
    this.a = splitmix32(base);
    this.b = splitmix32(this.a ^ 0x6a09e667);
    this.c = splitmix32(this.b ^ 0xbb67ae85);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  private u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    const high = this.u32() >>> 5; // 27 bits
    const low = this.u32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/** Creates the stream named `name` for scenario seed `seed`. Same seed and name, same numbers. */
export function createStream(seed: number, name: string): RandomStream {
  return new Sfc32Stream(name, seed);
}

/** A factory of named streams for one run; asking twice for a name returns the same stream. */
export class RandomStreams {
  private readonly streams = new Map<string, RandomStream>();
  constructor(readonly seed: number) {}

  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (!s) {
      s = createStream(this.seed, name);
      this.streams.set(name, s);
    }
    return s;
  }
}
