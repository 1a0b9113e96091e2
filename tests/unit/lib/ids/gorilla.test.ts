import { describe, expect, it } from "vitest";
import { bitsPerPoint, decode, encode, floatBits, parseSeries, RAW_BYTES_PER_POINT, type Point } from "@/lib/tsdb/gorilla";
import { presetSeries, seriesText, type SeriesPreset } from "@/lib/tsdb/series";
import { seededRandom } from "@/lib/ids/id-schemes";

const sameBits = (a: Point[], b: Point[]) => {
  expect(b.length).toBe(a.length);
  a.forEach((p, i) => {
    expect(b[i].t).toBe(p.t);
    expect(floatBits(b[i].v)).toBe(floatBits(p.v));
  });
};

describe("Gorilla encoding (Pelkonen et al., VLDB 2015)", () => {
  it("round-trips every preset exactly", () => {
    for (const preset of ["gauge", "counter", "constant", "jitter", "random"] as SeriesPreset[]) {
      const pts = presetSeries(preset);
      sameBits(pts, decode(encode(pts)));
    }
  });

  it("round-trips awkward values and gaps bit for bit", () => {
    const next = seededRandom(21);
    const awkward = [0, -0, NaN, Infinity, -Infinity, Number.MIN_VALUE, Number.MAX_VALUE, 1e-300, -7.25, 0.1 + 0.2];
    const pts: Point[] = [];
    let t = 1000;
    for (let i = 0; i < 400; i++) {
      t += [0, 1, 60, 61, 300, 5000, 100_000, 2 ** 20][next() % 8];
      pts.push({ t, v: i % 3 === 0 ? awkward[next() % awkward.length] : (next() - 2 ** 31) / 977 });
    }
    sameBits(pts, decode(encode(pts)));
    sameBits([{ t: 5, v: 3 }], decode(encode([{ t: 5, v: 3 }])));
    const bigFirstGap = [{ t: 0, v: 1 }, { t: 100_000, v: 2 }, { t: 100_001, v: 2 }];
    sameBits(bigFirstGap, decode(encode(bigFirstGap)));
  });

  it("a regular series costs one bit per timestamp after the first delta, an unchanged value one bit", () => {
    const pts = presetSeries("constant", 1000);
    const e = encode(pts);
    expect(e.counts.timestamps).toBe(14 + (1000 - 2));
    expect(e.counts.values).toBe(64 + (1000 - 1));
    expect(e.codes.slice(2).every((c) => c.tsCase === "0" && c.valueCase === "same")).toBe(true);
    expect(bitsPerPoint(e).bits).toBeLessThan(2.2);
  });

  it("slowly moving whole-number gauges land near the paper's byte or two per point; random doubles barely compress", () => {
    const gauge = bitsPerPoint(encode(presetSeries("gauge", 720))).bytes;
    expect(gauge).toBeGreaterThan(0.5);
    expect(gauge).toBeLessThan(2.5);
    const random = bitsPerPoint(encode(presetSeries("random", 720))).bytes;
    expect(random).toBeGreaterThan(6);
    expect(random).toBeLessThan(RAW_BYTES_PER_POINT);
  });

  it("timestamp jitter moves codes from '0' to '10'", () => {
    const e = encode(presetSeries("jitter", 200));
    expect(e.codes.filter((c) => c.tsCase === "10").length).toBeGreaterThan(100);
  });

  it("refuses bad series by naming the problem", () => {
    expect(() => encode([])).toThrow(/empty/);
    expect(() => encode([{ t: 10, v: 1 }, { t: 9, v: 1 }])).toThrow(/point 2: timestamps must not go backwards/);
    expect(parseSeries("10, 1\n20, x").error).toMatch(/line 2/);
    const ok = parseSeries(seriesText(presetSeries("counter", 5)));
    expect(ok.error).toBeNull();
    expect(ok.points).toHaveLength(5);
  });
});
