/**
 * Unique ID schemes, deterministic: UUIDv4 and UUIDv7 (RFC 9562), ULID (the ulid/spec README) and
 * Twitter's Snowflake layout. Randomness comes from a seeded generator and time from a clock the
 * caller scripts, so the same seed and clock give the same IDs. Each generator reports what it did
 * with every tick of the clock, including a clock that steps backwards, so the widget can show how
 * the schemes differ on sortability and on a rollback. Pure TypeScript, no DOM.
 */

import { seededUint32 as seededRandom } from "@/lib/random/seeded";

/** 32 random bits per call (mulberry32, shared with the other widgets). */
export { seededRandom };


/** `bits` random bits (≤ 128) as a bigint. */
export function randomBits(next: () => number, bits: number): bigint {
  let v = 0n;
  for (let left = bits; left > 0; left -= 32) {
    const take = Math.min(32, left);
    v = (v << BigInt(take)) | BigInt(next() >>> (32 - take));
  }
  return v;
}

const mask = (bits: number) => (1n << BigInt(bits)) - 1n;

/** A 128-bit value as the 8-4-4-4-12 lowercase hex form of RFC 9562. */
export function formatUuid(v: bigint): string {
  const h = v.toString(16).padStart(32, "0");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Parses the 8-4-4-4-12 hex form back to 128 bits. */
export function parseUuid(s: string): bigint {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)) throw new Error(`not a UUID: "${s}"`);
  return BigInt(`0x${s.replaceAll("-", "")}`);
}

/** The version nibble (bits 48–51) of a UUID. */
export const uuidVersion = (v: bigint) => Number((v >> 76n) & 0xfn);
/** The two variant bits (64–65); 0b10 for RFC 9562 UUIDs. */
export const uuidVariant = (v: bigint) => Number((v >> 62n) & 0x3n);

/** UUIDv4: 122 random bits with version 4 and variant 0b10 (RFC 9562 §5.4). */
export function uuidV4(next: () => number): bigint {
  const r = randomBits(next, 128);
  return (r & ~(0xfn << 76n) & ~(0x3n << 62n)) | (0x4n << 76n) | (0x2n << 62n);
}

/** Fields of a UUIDv7 (RFC 9562 §5.7): 48-bit Unix ms, 12-bit rand_a, 62-bit rand_b. */
export interface UuidV7Fields { unixMs: number; randA: number; randB: bigint }

/** Builds a UUIDv7 from its fields. */
export function uuidV7FromFields({ unixMs, randA, randB }: UuidV7Fields): bigint {
  if (!Number.isInteger(unixMs) || unixMs < 0 || unixMs >= 2 ** 48) throw new Error(`UUIDv7 timestamp must be a 48-bit count of ms (got ${unixMs})`);
  return (BigInt(unixMs) << 80n) | (0x7n << 76n) | (BigInt(randA & 0xfff) << 64n) | (0x2n << 62n) | (randB & mask(62));
}

/** Splits a UUIDv7 into its fields. */
export function uuidV7Fields(v: bigint): UuidV7Fields {
  return { unixMs: Number(v >> 80n), randA: Number((v >> 64n) & 0xfffn), randB: v & mask(62) };
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 128 bits as 26 Crockford base-32 characters (the ULID text form: 10 for time, 16 for randomness). */
export function formatUlid(v: bigint): string {
  let s = "";
  for (let i = 0; i < 26; i++) s = CROCKFORD[Number((v >> BigInt(5 * i)) & 31n)] + s;
  return s;
}

/** Parses a ULID's 26 characters back to 128 bits. */
export function parseUlid(s: string): bigint {
  if (!/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i.test(s)) throw new Error(`not a ULID: "${s}"`);
  let v = 0n;
  for (const c of s.toUpperCase()) v = (v << 5n) | BigInt(CROCKFORD.indexOf(c));
  return v;
}

/** Snowflake's layout: 1 unused sign bit, 41 bits of ms since a custom epoch, 5 + 5 machine bits, 12 sequence bits. */
export const SNOWFLAKE = { timestampBits: 41, datacenterBits: 5, workerBits: 5, sequenceBits: 12, twitterEpochMs: 1288834974657 } as const;

/** Fields of a Snowflake ID. */
export interface SnowflakeFields { msSinceEpoch: number; datacenter: number; worker: number; sequence: number }

/** Packs Snowflake fields into a 63-bit integer; out-of-range fields are refused by name. */
export function composeSnowflake(f: SnowflakeFields): bigint {
  const check = (name: string, v: number, bits: number) => {
    if (!Number.isInteger(v) || v < 0 || v >= 2 ** bits) throw new Error(`Snowflake ${name} must be an integer from 0 to ${2 ** bits - 1} (got ${v})`);
  };
  check("timestamp", f.msSinceEpoch, SNOWFLAKE.timestampBits);
  check("datacenter", f.datacenter, SNOWFLAKE.datacenterBits);
  check("worker", f.worker, SNOWFLAKE.workerBits);
  check("sequence", f.sequence, SNOWFLAKE.sequenceBits);
  return (BigInt(f.msSinceEpoch) << 22n) | (BigInt(f.datacenter) << 17n) | (BigInt(f.worker) << 12n) | BigInt(f.sequence);
}

/** Splits a Snowflake ID into its fields. */
export function decomposeSnowflake(id: bigint): SnowflakeFields {
  return { msSinceEpoch: Number(id >> 22n), datacenter: Number((id >> 17n) & 31n), worker: Number((id >> 12n) & 31n), sequence: Number(id & 4095n) };
}

export type IdScheme = "uuid-v4" | "uuid-v7" | "ulid" | "snowflake";

/** One attempt to make an ID at a clock reading. */
export interface IdEvent {
  /** What the clock said when the ID was asked for, Unix ms. */
  clockMs: number;
  /** The ID as text, or null when the generator refused. */
  text: string | null;
  /** The ID as a number (for comparing), or null when refused. */
  value: bigint | null;
  /** The time the ID carries, Unix ms (null for v4 or a refusal). */
  embeddedMs: number | null;
  /** What the generator did: fresh time, same ms (counter), reused the last time after a rollback, or refused. */
  note: "random" | "new-ms" | "same-ms" | "held-last-time" | "refused" | "went-backwards";
}

/** Options of a generator run. */
export interface GenerateOptions {
  scheme: IdScheme;
  /** Clock readings, Unix ms, one per ID asked for (may repeat or step back). */
  clock: readonly number[];
  seed?: number;
  /**
   * Guard against a clock that steps back. UUIDv7 and ULID: keep the last timestamp and count on
   * (RFC 9562 §6.2, the ulid/spec monotonic factory); without it the ID takes the clock as read.
   * Snowflake always refuses while the clock is behind (Twitter's reference code does).
   */
  monotonic?: boolean;
  /** Snowflake machine: datacenter and worker ids (default 1 and 1). */
  datacenter?: number;
  worker?: number;
}

/**
 * Generates one ID per clock reading with the chosen scheme.
 * UUIDv7 uses rand_a as a 12-bit counter seeded at random below 2^11 each new ms (RFC 9562 §6.2,
 * method 1); ULID increments its 80 random bits by one within a ms; Snowflake counts 12 sequence bits.
 */
export function generateIds(o: GenerateOptions): IdEvent[] {
  const next = seededRandom(o.seed ?? 1);
  const monotonic = o.monotonic ?? true;
  const out: IdEvent[] = [];
  let lastMs = -1;
  let counter = 0;
  let lastRandom = 0n;
  for (const clockMs of o.clock) {
    if (o.scheme === "uuid-v4") {
      const v = uuidV4(next);
      out.push({ clockMs, text: formatUuid(v), value: v, embeddedMs: null, note: "random" });
      continue;
    }
    if (o.scheme === "snowflake") {
      if (clockMs < lastMs) {
        out.push({ clockMs, text: null, value: null, embeddedMs: null, note: "refused" });
        continue;
      }
      let ms = clockMs;
      let note: IdEvent["note"] = "new-ms";
      if (ms === lastMs) {
        counter = (counter + 1) & 4095;
        note = "same-ms";
        if (counter === 0) ms = lastMs + 1; // sequence exhausted: wait for the next ms
      } else counter = 0;
      lastMs = ms;
      const v = composeSnowflake({ msSinceEpoch: ms - SNOWFLAKE.twitterEpochMs, datacenter: o.datacenter ?? 1, worker: o.worker ?? 1, sequence: counter });
      out.push({ clockMs, text: v.toString(), value: v, embeddedMs: ms, note });
      continue;
    }
    // UUIDv7 and ULID share the monotonic logic: same ms (or a clock behind) -> count on from the last value.
    const behind = clockMs < lastMs;
    const sameOrHeld = monotonic ? clockMs <= lastMs : clockMs === lastMs;
    let ms = clockMs;
    const note: IdEvent["note"] = behind ? (monotonic ? "held-last-time" : "went-backwards") : clockMs === lastMs ? "same-ms" : "new-ms";
    if (o.scheme === "uuid-v7") {
      let randA: number;
      if (sameOrHeld && lastMs >= 0) {
        ms = lastMs;
        counter++;
        if (counter > 0xfff) {
          ms = lastMs + 1; // counter rolled over: borrow the next ms
          counter = next() >>> 21;
        }
        randA = counter;
      } else {
        counter = next() >>> 21; // 11 bits: headroom to count within the ms
        randA = counter;
      }
      lastMs = Math.max(lastMs, ms);
      if (!monotonic) lastMs = ms;
      const v = uuidV7FromFields({ unixMs: ms, randA, randB: randomBits(next, 62) });
      out.push({ clockMs, text: formatUuid(v), value: v, embeddedMs: ms, note });
    } else {
      let random: bigint;
      if (sameOrHeld && lastMs >= 0) {
        ms = lastMs;
        random = (lastRandom + 1n) & mask(80);
      } else random = randomBits(next, 80);
      lastRandom = random;
      lastMs = monotonic ? Math.max(lastMs, ms) : ms;
      const v = (BigInt(ms) << 80n) | random;
      out.push({ clockMs, text: formatUlid(v), value: v, embeddedMs: ms, note });
    }
  }
  return out;
}

/** How well the IDs' text order matches their creation order. */
export interface Sortability {
  /** IDs made (refusals excluded). */
  count: number;
  /** Neighbouring pairs whose text sorts in creation order. */
  pairsInOrder: number;
  pairs: number;
  /** True when sorting the text gives exactly the creation order. */
  sorted: boolean;
}

/** Compares each ID's text with the next one's (plain string order, as a database index or `sort` would). */
export function sortability(events: readonly IdEvent[]): Sortability {
  const texts = events.map((e) => e.text).filter((t): t is string => t !== null);
  // Snowflake IDs are numbers: compare them as numbers (a BIGINT column), zero-padded to the same length.
  const keys = texts.map((t) => (/^\d+$/.test(t) ? t.padStart(20, "0") : t));
  let inOrder = 0;
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] < keys[i]) inOrder++;
  const pairs = Math.max(0, keys.length - 1);
  return { count: keys.length, pairsInOrder: inOrder, pairs, sorted: inOrder === pairs };
}

/** A scripted clock: `count` readings starting at `startMs`, `perMs` IDs in each ms, stepping back `rollbackMs` once halfway. */
export function scriptedClock(startMs: number, count: number, perMs: number, rollbackMs: number): number[] {
  const out: number[] = [];
  let t = startMs;
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % perMs === 0) t++;
    if (rollbackMs > 0 && i === Math.floor(count / 2)) t -= rollbackMs;
    out.push(t);
  }
  return out;
}
