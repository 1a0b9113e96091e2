import { describe, expect, it } from "vitest";
import {
  composeSnowflake,
  decomposeSnowflake,
  formatUlid,
  formatUuid,
  generateIds,
  parseUlid,
  parseUuid,
  scriptedClock,
  seededRandom,
  sortability,
  uuidV4,
  uuidV7Fields,
  uuidV7FromFields,
  uuidVariant,
  uuidVersion,
} from "@/lib/ids/id-schemes";
import { collisionProbability, formatProbability, idsForProbability } from "@/lib/ids/collision";

describe("UUIDs (RFC 9562)", () => {
  it("builds the UUIDv7 test vector of RFC 9562 appendix A.6 from its fields", () => {
    const v = uuidV7FromFields({ unixMs: 0x017f22e279b0, randA: 0xcc3, randB: 0x18c4dc0c0c07398fn });
    expect(formatUuid(v)).toBe("017f22e2-79b0-7cc3-98c4-dc0c0c07398f");
    expect(uuidV7Fields(parseUuid("017F22E2-79B0-7CC3-98C4-DC0C0C07398F"))).toEqual({ unixMs: 1645557742000, randA: 0xcc3, randB: 0x18c4dc0c0c07398fn });
  });

  it("v4 and v7 carry their version nibble and the 0b10 variant", () => {
    const next = seededRandom(3);
    for (let i = 0; i < 50; i++) {
      const v = uuidV4(next);
      expect(uuidVersion(v)).toBe(4);
      expect(uuidVariant(v)).toBe(2);
    }
    for (const e of generateIds({ scheme: "uuid-v7", clock: scriptedClock(1_700_000_000_000, 40, 4, 0) })) {
      expect(uuidVersion(e.value!)).toBe(7);
      expect(uuidVariant(e.value!)).toBe(2);
      expect(uuidV7Fields(e.value!).unixMs).toBe(e.embeddedMs);
    }
    expect(() => parseUuid("nope")).toThrow(/not a UUID/);
  });

  it("v7 is monotonic within a millisecond (rand_a counts) and sorts in creation order", () => {
    const ids = generateIds({ scheme: "uuid-v7", clock: Array(100).fill(1_700_000_000_000), seed: 9 });
    const fields = ids.map((e) => uuidV7Fields(e.value!));
    for (let i = 1; i < fields.length; i++) {
      expect(fields[i].unixMs).toBe(1_700_000_000_000);
      expect(fields[i].randA).toBe(fields[i - 1].randA + 1);
    }
    expect(sortability(ids).sorted).toBe(true);
  });

  it("v4 does not sort in creation order", () => {
    const s = sortability(generateIds({ scheme: "uuid-v4", clock: scriptedClock(0, 200, 1, 0), seed: 2 }));
    expect(s.sorted).toBe(false);
    expect(s.pairsInOrder / s.pairs).toBeGreaterThan(0.35);
    expect(s.pairsInOrder / s.pairs).toBeLessThan(0.65);
  });
});

describe("ULID", () => {
  it("encodes the spec's example time 1469918176385 as 01ARYZ6S41 and round-trips", () => {
    const v = BigInt(1469918176385) << 80n;
    expect(formatUlid(v).slice(0, 10)).toBe("01ARYZ6S41");
    const id = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
    expect(formatUlid(parseUlid(id))).toBe(id);
    expect(() => parseUlid("8ZZZZZZZZZZZZZZZZZZZZZZZZZ")).toThrow(/not a ULID/);
  });

  it("increments the random part by one within a millisecond", () => {
    const ids = generateIds({ scheme: "ulid", clock: [5000, 5000, 5000, 5001], seed: 4 });
    const rand = ids.map((e) => e.value! & ((1n << 80n) - 1n));
    expect(rand[1]).toBe(rand[0] + 1n);
    expect(rand[2]).toBe(rand[0] + 2n);
    expect(ids.map((e) => e.text!.length)).toEqual([26, 26, 26, 26]);
    expect(sortability(ids).sorted).toBe(true);
  });
});

describe("Snowflake", () => {
  it("decomposition round-trips and the layout is 41 + 5 + 5 + 12 bits", () => {
    const next = seededRandom(11);
    for (let i = 0; i < 200; i++) {
      const f = { msSinceEpoch: next() % 2 ** 31 * 2 ** 10 + (next() % 1024), datacenter: next() % 32, worker: next() % 32, sequence: next() % 4096 };
      expect(decomposeSnowflake(composeSnowflake(f))).toEqual(f);
    }
    const max = composeSnowflake({ msSinceEpoch: 2 ** 41 - 1, datacenter: 31, worker: 31, sequence: 4095 });
    expect(max).toBe((1n << 63n) - 1n);
    expect(() => composeSnowflake({ msSinceEpoch: 0, datacenter: 32, worker: 0, sequence: 0 })).toThrow(/datacenter must be an integer from 0 to 31/);
  });

  it("borrows the next millisecond when 4,096 IDs exhaust the sequence", () => {
    const ids = generateIds({ scheme: "snowflake", clock: Array(4097).fill(1_700_000_000_000) });
    expect(decomposeSnowflake(ids[4095].value!).sequence).toBe(4095);
    expect(ids[4096].embeddedMs).toBe(1_700_000_000_001);
    expect(sortability(ids).sorted).toBe(true);
  });
});

describe("a clock that steps back", () => {
  const clock = scriptedClock(1_700_000_000_000, 20, 2, 5);
  it("Snowflake refuses until the clock catches up", () => {
    const ids = generateIds({ scheme: "snowflake", clock });
    expect(ids.filter((e) => e.note === "refused").length).toBeGreaterThan(0);
    expect(sortability(ids).sorted).toBe(true);
  });
  it("monotonic v7 and ULID hold the last time and stay sorted; without the guard they go backwards", () => {
    for (const scheme of ["uuid-v7", "ulid"] as const) {
      const guarded = generateIds({ scheme, clock });
      expect(guarded.some((e) => e.note === "held-last-time")).toBe(true);
      expect(sortability(guarded).sorted).toBe(true);
      const naive = generateIds({ scheme, clock, monotonic: false });
      expect(naive.some((e) => e.note === "went-backwards")).toBe(true);
      expect(sortability(naive).sorted).toBe(false);
    }
  });
  it("the same seed and clock give the same IDs", () => {
    expect(generateIds({ scheme: "ulid", clock, seed: 5 })).toEqual(generateIds({ scheme: "ulid", clock, seed: 5 }));
  });
});

describe("birthday bound", () => {
  it("matches known figures", () => {
    // 23 people, 365 days: the approximation gives 50.0% (the exact value is 50.7%).
    expect(collisionProbability(23, Math.log2(365))).toBeCloseTo(0.5, 2);
    // 2^61 UUIDv4s (122 random bits): 1 − e^(−1/2) ≈ 39.3%, not 50%.
    expect(collisionProbability(2 ** 61, 122)).toBeCloseTo(1 - Math.exp(-0.5), 6);
    // 50% needs about 2.71 × 10^18 v4 IDs; one in a billion about 1.03 × 10^14.
    expect(idsForProbability(0.5, 122) / 1e18).toBeCloseTo(2.71, 2);
    expect(idsForProbability(1e-9, 122) / 1e14).toBeCloseTo(1.03, 2);
    expect(collisionProbability(idsForProbability(0.01, 64), 64)).toBeCloseTo(0.01, 10);
  });
  it("keeps tiny probabilities instead of rounding them to zero", () => {
    const p = collisionProbability(1e6, 122);
    expect(p).toBeGreaterThan(0);
    expect(p / ((1e6 * (1e6 - 1)) / 2 / 2 ** 122)).toBeCloseTo(1, 9);
    expect(collisionProbability(1, 10)).toBe(0);
    expect(() => collisionProbability(-1, 10)).toThrow(/≥ 0/);
  });
  it("formats for reading", () => {
    expect(formatProbability(0.393)).toBe("39.3%");
    expect(formatProbability(1e-9)).toBe("1 in 1.0 billion");
  });
});
