/**
 * Gorilla compression of a time series (Pelkonen et al., "Gorilla: A Fast, Scalable, In-Memory Time
 * Series Database", VLDB 2015, §4.1): timestamps as delta-of-delta with variable-length codes, values
 * as the XOR with the previous value, storing only the bits between leading and trailing zeros.
 * Encoder and decoder are exact inverses (values are compared bit for bit). Pure TypeScript.
 */

/** One sample: Unix seconds and a float. */
export interface Point { t: number; v: number }

/** Bits spent per part of the encoding, for the breakdown the widget draws. */
export interface BitCounts { header: number; timestamps: number; values: number; total: number }

/** How each timestamp and value was coded (one entry per point after the first). */
export interface PointCode { tsBits: number; tsCase: "first" | "0" | "10" | "110" | "1110" | "1111"; valueBits: number; valueCase: "first" | "same" | "reuse-window" | "new-window" }

/** The encoded block: its bits, counts, and the code used per point. */
export interface Encoded { bits: number[]; counts: BitCounts; codes: PointCode[]; pointCount: number }

class BitWriter {
  readonly bits: number[] = [];
  write(value: bigint | number, width: number): void {
    const v = BigInt(value);
    for (let i = width - 1; i >= 0; i--) this.bits.push(Number((v >> BigInt(i)) & 1n));
  }
}

class BitReader {
  private pos = 0;
  constructor(private readonly bits: readonly number[]) {}
  read(width: number): bigint {
    let v = 0n;
    for (let i = 0; i < width; i++) {
      if (this.pos >= this.bits.length) throw new Error("ran out of bits while decoding");
      v = (v << 1n) | BigInt(this.bits[this.pos++]);
    }
    return v;
  }
  bit(): number {
    return Number(this.read(1));
  }
}

const buf = new DataView(new ArrayBuffer(8));
/** The IEEE 754 bits of a double. */
export function floatBits(v: number): bigint {
  buf.setFloat64(0, v);
  return buf.getBigUint64(0);
}
/** The double with these IEEE 754 bits. */
export function bitsFloat(b: bigint): number {
  buf.setBigUint64(0, b);
  return buf.getFloat64(0);
}

function leadingZeros(x: bigint): number {
  let n = 0;
  for (let i = 63; i >= 0 && ((x >> BigInt(i)) & 1n) === 0n; i--) n++;
  return n;
}
function trailingZeros(x: bigint): number {
  let n = 0;
  for (let i = 0; i < 64 && ((x >> BigInt(i)) & 1n) === 0n; i++) n++;
  return n;
}

const signed = (v: bigint, width: number) => (v >= 1n << BigInt(width - 1) ? v - (1n << BigInt(width)) : v);

/** Checks a series before encoding: integer seconds, not decreasing, within the block's 32-bit range. */
export function validateSeries(points: readonly Point[]): string | null {
  if (points.length === 0) return "the series is empty: give at least one point";
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (!Number.isInteger(p.t) || p.t < 0 || p.t >= 2 ** 32) return `point ${i + 1}: the timestamp must be whole seconds from 0 to 2^32 − 1 (got ${p.t})`;
    if (typeof p.v !== "number") return `point ${i + 1}: the value must be a number`;
    if (i > 0 && p.t < points[i - 1].t) return `point ${i + 1}: timestamps must not go backwards (${p.t} after ${points[i - 1].t})`;
    if (i > 0 && p.t - points[i - 1].t >= 2 ** 31) return `point ${i + 1}: the gap of ${p.t - points[i - 1].t} s is too large for one block`;
  }
  return null;
}

/**
 * Encodes a series as one Gorilla block: a 64-bit header (the block start, here the first timestamp),
 * the first delta in 14 bits, then delta-of-delta codes '0', '10'+7, '110'+9, '1110'+12, '1111'+32
 * bits; the first value in 64 bits, then '0' for an unchanged value, '10' + meaningful bits when they
 * fit the previous window, '11' + 5 bits of leading zeros + 6 bits of length + the meaningful bits.
 */
export function encode(points: readonly Point[]): Encoded {
  const problem = validateSeries(points);
  if (problem) throw new Error(problem);
  const w = new BitWriter();
  const codes: PointCode[] = [];
  w.write(points[0].t, 64);
  const header = 64;
  let tsBits = 0;
  let valueBits = 0;
  // First point: value in full; its timestamp is the header itself.
  w.write(floatBits(points[0].v), 64);
  valueBits += 64;
  codes.push({ tsBits: 0, tsCase: "first", valueBits: 64, valueCase: "first" });
  let prevT = points[0].t;
  let prevDelta = 0;
  let prevBits = floatBits(points[0].v);
  let windowLead = -1;
  let windowTrail = -1;
  for (let i = 1; i < points.length; i++) {
    const { t, v } = points[i];
    const delta = t - prevT;
    let tsCase: PointCode["tsCase"];
    let tb: number;
    if (i === 1) {
      // The paper stores the first delta in 14 bits; a larger first gap uses the 32-bit escape.
      if (delta < 2 ** 14 - 1) {
        w.write(delta, 14);
        tb = 14;
      } else {
        w.write(2 ** 14 - 1, 14);
        w.write(delta, 32);
        tb = 46;
      }
      tsCase = "first";
    } else {
      const dod = delta - prevDelta;
      if (dod === 0) {
        w.write(0, 1);
        tsCase = "0";
        tb = 1;
      } else if (dod >= -63 && dod <= 64) {
        w.write(0b10, 2);
        w.write(BigInt(dod) & 0x7fn, 7);
        tsCase = "10";
        tb = 9;
      } else if (dod >= -255 && dod <= 256) {
        w.write(0b110, 3);
        w.write(BigInt(dod) & 0x1ffn, 9);
        tsCase = "110";
        tb = 12;
      } else if (dod >= -2047 && dod <= 2048) {
        w.write(0b1110, 4);
        w.write(BigInt(dod) & 0xfffn, 12);
        tsCase = "1110";
        tb = 16;
      } else {
        w.write(0b1111, 4);
        w.write(BigInt(dod) & 0xffffffffn, 32);
        tsCase = "1111";
        tb = 36;
      }
    }
    prevDelta = delta;
    prevT = t;
    tsBits += tb;

    const bitsNow = floatBits(v);
    const x = bitsNow ^ prevBits;
    prevBits = bitsNow;
    let vb: number;
    let valueCase: PointCode["valueCase"];
    if (x === 0n) {
      w.write(0, 1);
      vb = 1;
      valueCase = "same";
    } else {
      const lead = Math.min(31, leadingZeros(x));
      const trail = trailingZeros(x);
      if (windowLead >= 0 && lead >= windowLead && trail >= windowTrail) {
        const len = 64 - windowLead - windowTrail;
        w.write(0b10, 2);
        w.write(x >> BigInt(windowTrail), len);
        vb = 2 + len;
        valueCase = "reuse-window";
      } else {
        const len = 64 - lead - trail;
        w.write(0b11, 2);
        w.write(lead, 5);
        w.write(len & 63, 6); // a length of 64 is written as 0
        w.write(x >> BigInt(trail), len);
        windowLead = lead;
        windowTrail = trail;
        vb = 13 + len;
        valueCase = "new-window";
      }
    }
    valueBits += vb;
    codes.push({ tsBits: tb, tsCase, valueBits: vb, valueCase });
  }
  return { bits: w.bits, counts: { header, timestamps: tsBits, values: valueBits, total: w.bits.length }, codes, pointCount: points.length };
}

/** Decodes a block made by `encode` back to its points, bit for bit. */
export function decode(e: Pick<Encoded, "bits" | "pointCount">): Point[] {
  const r = new BitReader(e.bits);
  const out: Point[] = [];
  let t = Number(r.read(64));
  let bits = r.read(64);
  out.push({ t, v: bitsFloat(bits) });
  let delta = 0;
  let windowLead = 0;
  let windowTrail = 0;
  for (let i = 1; i < e.pointCount; i++) {
    if (i === 1) {
      delta = Number(r.read(14));
      if (delta === 2 ** 14 - 1) delta = Number(r.read(32));
    } else {
      // Count the leading 1s of the prefix (at most four): 0 -> same gap, then 7, 9, 12 or 32 bits.
      let ones = 0;
      while (ones < 4 && r.bit() === 1) ones++;
      const width = [0, 7, 9, 12, 32][ones];
      const dod = width === 0 ? 0 : Number(signed(r.read(width), width));
      delta += dod;
    }
    t += delta;
    if (r.bit() === 1) {
      if (r.bit() === 1) {
        windowLead = Number(r.read(5));
        let len = Number(r.read(6));
        if (len === 0) len = 64;
        windowTrail = 64 - windowLead - len;
      }
      const len = 64 - windowLead - windowTrail;
      bits ^= r.read(len) << BigInt(windowTrail);
    }
    out.push({ t, v: bitsFloat(bits) });
  }
  return out;
}

/** Bits per point of an encoding, header included, and the same in bytes. */
export function bitsPerPoint(e: Encoded): { bits: number; bytes: number } {
  const bits = e.counts.total / e.pointCount;
  return { bits, bytes: bits / 8 };
}

/** The uncompressed cost the paper compares against: a 64-bit timestamp and a 64-bit double, 16 bytes. */
export const RAW_BYTES_PER_POINT = 16;

/** Parses "t,v" lines (blank lines and # comments skipped); a bad line is reported by number. */
export function parseSeries(text: string): { points: Point[]; error: string | null } {
  const points: Point[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || line.startsWith("#")) continue;
    const m = /^(-?\d+)\s*[,\s]\s*(\S+)$/.exec(line);
    const v = m ? Number(m[2]) : NaN;
    if (!m || Number.isNaN(v)) return { points, error: `line ${i + 1}: "${line}" is not "seconds, value" (for example "1700000010, 0.42")` };
    points.push({ t: Number(m[1]), v });
  }
  const problem = validateSeries(points);
  return { points, error: problem };
}
