import { describe, expect, it } from "vitest";
import { cellSizeKm, commonPrefixLength, decode, encode, encodeSteps, haversineKm, neighbour, neighbours, precisionForRadius, wrapLon } from "@/lib/geo/geohash";

describe("geohash encode/decode", () => {
  it("matches published vectors", () => {
    // The vector from the geohash.org / Wikipedia description of the algorithm.
    expect(encode(57.64911, 10.40744, 11)).toBe("u4pruydqqvj");
    // A vector common to several geohash libraries' test suites (Washington, DC).
    expect(encode(38.897701, -77.036537, 8)).toBe("dqcjqcpe");
    expect(encode(42.6, -5.6, 5)).toBe("ezs42");
  });

  it("decodes a cell that contains the encoded point, with the published bounds of ezs42", () => {
    const cell = decode("ezs42");
    expect(cell.south).toBeCloseTo(42.5830078125, 9);
    expect(cell.north).toBeCloseTo(42.626953125, 9);
    expect(cell.west).toBeCloseTo(-5.625, 9);
    expect(cell.east).toBeCloseTo(-5.5810546875, 9);
    const u4 = decode("u4pruydqqvj");
    expect(57.64911).toBeGreaterThanOrEqual(u4.south);
    expect(57.64911).toBeLessThan(u4.north);
    expect(10.40744).toBeGreaterThanOrEqual(u4.west);
    expect(10.40744).toBeLessThan(u4.east);
  });

  it("round-trips: the centre of every cell encodes to the same hash, and a prefix is the enclosing cell", () => {
    for (const [lat, lon] of [[0, 0], [-33.8688, 151.2093], [89.9, -179.9], [-89.9, 179.9], [51.4779, -0.0015]]) {
      const hash = encode(lat!, lon!, 9);
      const c = decode(hash).center;
      expect(encode(c.lat, c.lon, 9)).toBe(hash);
      for (let p = 1; p < 9; p++) expect(encode(lat!, lon!, p)).toBe(hash.slice(0, p));
    }
  });

  it("records the bisections: longitude first, then alternating, each halving the interval", () => {
    const steps = encodeSteps(57.64911, 10.40744, 2);
    expect(steps).toHaveLength(10);
    expect(steps[0]).toMatchObject({ axis: "lon", low: -180, high: 180, mid: 0, bit: 1 });
    expect(steps[1]).toMatchObject({ axis: "lat", low: -90, high: 90, mid: 0, bit: 1 });
    expect(steps[2]).toMatchObject({ axis: "lon", low: 0, high: 180, mid: 90, bit: 0 });
    // First five bits 11010 = 26 = "u".
    expect(steps.slice(0, 5).map((s) => s.bit).join("")).toBe("11010");
  });

  it("refuses bad input with a message naming it", () => {
    expect(() => encode(91, 0, 5)).toThrow(/latitude must be a number from -90 to 90 \(got 91\)/);
    expect(() => encode(0, Number.NaN, 5)).toThrow(/longitude/);
    expect(() => encode(0, 0, 0)).toThrow(/precision must be an integer from 1 to 12 \(got 0\)/);
    expect(() => decode("u4pa")).toThrow(/"a" at position 4 is not a geohash character/);
    expect(() => decode("")).toThrow(/1 to 12 characters/);
  });
});

describe("neighbours", () => {
  it("match the neighbours libraries publish for dqcjq", () => {
    expect(neighbours("dqcjq")).toEqual({ n: "dqcjw", ne: "dqcjx", e: "dqcjr", se: "dqcjp", s: "dqcjn", sw: "dqcjj", w: "dqcjm", nw: "dqcjt" });
  });

  it("wrap across the antimeridian", () => {
    expect(new Set(Object.values(neighbours("zcp")))).toEqual(new Set(["zcr", "b12", "b10", "b0b", "zbz", "zby", "zcn", "zcq"]));
    expect(neighbour("r", "e")).toBe("2");
    expect(neighbour("r", "ne")).toBe("8");
    expect(wrapLon(190)).toBe(-170);
    expect(wrapLon(-180)).toBe(-180);
  });

  it("stop at the poles", () => {
    const top = encode(89.99, 10, 3);
    expect(neighbour(top, "n")).toBeNull();
    expect(neighbour(top, "s")).not.toBeNull();
    expect(neighbour(encode(-89.99, 10, 3), "sw")).toBeNull();
  });

  it("show the edge problem: a metre apart, no common prefix", () => {
    const a = encode(0.000005, -0.000005, 9);
    const b = encode(0.000005, 0.000005, 9);
    expect(haversineKm({ lat: 0.000005, lon: -0.000005 }, { lat: 0.000005, lon: 0.000005 })).toBeLessThan(0.002);
    expect(commonPrefixLength(a, b)).toBe(0);
    // The neighbour ring of a's cell contains b's cell.
    expect(Object.values(neighbours(a))).toContain(b);
  });
});

describe("cell sizes", () => {
  it("match the usual table at the equator (km)", () => {
    const p5 = cellSizeKm(5);
    expect(p5.widthKm).toBeCloseTo(4.89, 1);
    expect(p5.heightKm).toBeCloseTo(4.89, 1);
    const p6 = cellSizeKm(6);
    expect(p6.widthKm).toBeCloseTo(1.22, 2);
    expect(p6.heightKm).toBeCloseTo(0.61, 2);
    expect(cellSizeKm(9).widthKm * 1000).toBeCloseTo(4.77, 1);
  });
  it("narrow with latitude; height does not change", () => {
    expect(cellSizeKm(5, 60).widthKm).toBeCloseTo(cellSizeKm(5, 0).widthKm / 2, 6);
    expect(cellSizeKm(5, 60).heightKm).toBe(cellSizeKm(5, 0).heightKm);
  });
  it("pick a precision whose cells cover a search radius", () => {
    expect(precisionForRadius(1)).toBe(5);
    expect(precisionForRadius(0.1)).toBe(7);
    const p = precisionForRadius(2, 60);
    expect(cellSizeKm(p, 60).widthKm).toBeGreaterThanOrEqual(2);
    expect(cellSizeKm(p + 1, 60).widthKm < 2 || cellSizeKm(p + 1, 60).heightKm < 2).toBe(true);
  });
});
