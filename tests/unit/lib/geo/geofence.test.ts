import { describe, expect, it } from "vitest";
import { debouncedTransitions, naiveCrossingCount, naiveTransitions, pointInFence, pointInFenceNaive, pointInPolygon, rayCrossings, scriptedWalk, unwrapRing } from "@/lib/geo/geofence";

const square = [{ x: 0, y: 0 }, { x: 4, y: 0 }, { x: 4, y: 4 }, { x: 0, y: 4 }];
// A U shape: the notch between x = 1 and x = 3 above y = 1 is outside.
const u = [{ x: 0, y: 0 }, { x: 4, y: 0 }, { x: 4, y: 4 }, { x: 3, y: 4 }, { x: 3, y: 1 }, { x: 1, y: 1 }, { x: 1, y: 4 }, { x: 0, y: 4 }];
// A diamond: a ray from the left of its centre passes through the right-hand vertex (4, 2).
const diamond = [{ x: 2, y: 0 }, { x: 4, y: 2 }, { x: 2, y: 4 }, { x: 0, y: 2 }];

describe("point in polygon", () => {
  it("answers the plain cases", () => {
    expect(pointInPolygon({ x: 2, y: 2 }, square)).toBe("inside");
    expect(pointInPolygon({ x: 5, y: 2 }, square)).toBe("outside");
    expect(pointInPolygon({ x: -1, y: 2 }, square)).toBe("outside");
  });

  it("counts a ray through a vertex once (the naive count says two and gets it wrong)", () => {
    const p = { x: 1, y: 2 };
    expect(rayCrossings(p, diamond)).toHaveLength(1);
    expect(naiveCrossingCount(p, diamond)).toBe(2);
    expect(pointInPolygon(p, diamond)).toBe("inside");
    // A ray that only grazes a vertex (the diamond's top) from outside: zero or two, never one.
    expect(rayCrossings({ x: 0, y: 4 }, diamond).length % 2).toBe(0);
    expect(pointInPolygon({ x: 0, y: 4 }, diamond)).toBe("outside");
  });

  it("reports points on an edge or a vertex as boundary", () => {
    expect(pointInPolygon({ x: 4, y: 2 }, square)).toBe("boundary");
    expect(pointInPolygon({ x: 2, y: 0 }, square)).toBe("boundary");
    expect(pointInPolygon({ x: 0, y: 0 }, square)).toBe("boundary");
    expect(pointInPolygon({ x: 3, y: 1 }, diamond)).toBe("boundary");
  });

  it("handles a concave polygon: the notch is outside, the arms inside", () => {
    expect(pointInPolygon({ x: 2, y: 3 }, u)).toBe("outside");
    expect(rayCrossings({ x: 0.5, y: 3 }, u)).toHaveLength(3);
    expect(pointInPolygon({ x: 0.5, y: 3 }, u)).toBe("inside");
    expect(pointInPolygon({ x: 3.5, y: 3 }, u)).toBe("inside");
    expect(pointInPolygon({ x: 2, y: 0.5 }, u)).toBe("inside");
  });

  it("does not depend on the orientation of the ring", () => {
    for (const p of [{ x: 2, y: 3 }, { x: 0.5, y: 3 }, { x: 1, y: 2 }]) {
      expect(pointInPolygon(p, [...u].reverse())).toBe(pointInPolygon(p, u));
    }
  });

  it("refuses a polygon of fewer than three vertices", () => {
    expect(() => pointInPolygon({ x: 0, y: 0 }, square.slice(0, 2))).toThrow(/at least 3 vertices \(got 2\)/);
  });
});

describe("fences across the antimeridian", () => {
  // A fence around Taveuni, Fiji, which the 180° meridian crosses: 179.8°E to 179.8°W.
  const fence = [{ lon: 179.8, lat: -16.6 }, { lon: -179.8, lat: -16.6 }, { lon: -179.8, lat: -17.0 }, { lon: 179.8, lat: -17.0 }];
  it("unwraps the ring into continuous longitudes", () => {
    expect(unwrapRing(fence).map((v) => v.lon)).toEqual([179.8, 180.2, 180.2, 179.8]);
  });
  it("finds points on both sides of the meridian inside, and the naive test gets them wrong", () => {
    for (const lon of [179.9, -179.9, 180]) {
      expect(pointInFence({ lon, lat: -16.8 }, fence)).toBe("inside");
    }
    expect(pointInFenceNaive({ lon: 179.9, lat: -16.8 }, fence)).toBe("outside");
    // And the naive test puts a point on the far side of the globe inside.
    expect(pointInFenceNaive({ lon: 0, lat: -16.8 }, fence)).toBe("inside");
    expect(pointInFence({ lon: 0, lat: -16.8 }, fence)).toBe("outside");
  });
});

describe("GPS jitter at the edge", () => {
  it("with no jitter, the walk crosses exactly twice and every method agrees", () => {
    const { fixes, trueTransitions } = scriptedWalk({ jitterM: 0, seed: 1 });
    expect(trueTransitions.map((t) => t.kind)).toEqual(["enter", "exit"]);
    expect(naiveTransitions(fixes)).toEqual(trueTransitions);
    expect(debouncedTransitions(fixes, { bandM: 0, dwellMs: 0 })).toEqual(trueTransitions);
  });

  it("with 10 m of jitter, the naive answer flickers; a band and a dwell time recover the two real transitions", () => {
    const { fixes, trueTransitions } = scriptedWalk({ jitterM: 10, seed: 42 });
    const naive = naiveTransitions(fixes);
    expect(naive.length).toBeGreaterThan(6);
    const debounced = debouncedTransitions(fixes, { bandM: 15, dwellMs: 30_000 });
    expect(debounced.map((t) => t.kind)).toEqual(["enter", "exit"]);
    // Reported late by at most a couple of minutes, never early by more than the band allows.
    for (const [i, t] of debounced.entries()) expect(Math.abs(t.tMs - trueTransitions[i]!.tMs)).toBeLessThan(120_000);
  });

  it("pays for the quiet with delay: a longer dwell reports the entry later", () => {
    const { fixes } = scriptedWalk({ jitterM: 10, seed: 42 });
    const short = debouncedTransitions(fixes, { bandM: 15, dwellMs: 0 });
    const long = debouncedTransitions(fixes, { bandM: 15, dwellMs: 60_000 });
    expect(long[0]!.tMs).toBeGreaterThan(short[0]!.tMs);
  });

  it("transitions alternate enter/exit, starting with enter", () => {
    for (const seed of [1, 2, 3]) {
      const { fixes } = scriptedWalk({ jitterM: 20, seed });
      for (const list of [naiveTransitions(fixes), debouncedTransitions(fixes, { bandM: 5, dwellMs: 10_000 })]) {
        list.forEach((t, i) => expect(t.kind).toBe(i % 2 === 0 ? "enter" : "exit"));
      }
    }
  });

  it("refuses negative settings", () => {
    expect(() => debouncedTransitions([], { bandM: -1, dwellMs: 0 })).toThrow(/bandM must be 0 or more/);
  });
});
