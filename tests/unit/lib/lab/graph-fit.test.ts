import { describe, expect, it } from "vitest";
import { COMPACT_MIN_FONT_PX, FULL_MIN_FONT_PX, fullFits, legibleFloorPx, legibleViewport } from "@/lib/lab/graph-fit";

describe("legible graph fit", () => {
  it("keeps full cards when they fit at a zoom that keeps 11 px text", () => {
    const bounds = { x: 0, y: 0, width: 640, height: 120 };
    expect(fullFits(bounds, 928, 440)).toBe(true);
    const v = legibleViewport(bounds, 928, 440, FULL_MIN_FONT_PX);
    expect(v.zoom * FULL_MIN_FONT_PX).toBeGreaterThanOrEqual(11);
    expect(v.overflow).toBe(false);
  });

  it("never zooms below the floor: a wide graph on a phone overflows and is left-aligned", () => {
    const bounds = { x: 0, y: 0, width: 900, height: 300 };
    expect(fullFits(bounds, 390, 420)).toBe(false);
    const v = legibleViewport(bounds, 390, 420, COMPACT_MIN_FONT_PX);
    expect(legibleFloorPx(390)).toBe(10);
    expect(v.zoom * COMPACT_MIN_FONT_PX).toBeCloseTo(10, 5);
    expect(v.overflow).toBe(true);
    expect(v.x).toBe(20);
  });

  it("keeps every graph's text at or above the floor, whatever its size and the box (property over seeded random graphs)", () => {
    // The e2e legibility test measures real labs in Chromium on a sample; this covers every shape.
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const bounds = { x: random() * 200 - 100, y: random() * 200 - 100, width: 50 + random() * 4000, height: 30 + random() * 2000 };
      for (const [width, height] of [[1280 - 352, 440], [390, 420], [320, 420], [1000, 600]] as const) {
        const floor = legibleFloorPx(width);
        const full = fullFits(bounds, width, height);
        const font = full ? FULL_MIN_FONT_PX : COMPACT_MIN_FONT_PX;
        const v = legibleViewport(bounds, width, height, font);
        expect(v.zoom * font, `${JSON.stringify(bounds)} in ${width}×${height}`).toBeGreaterThanOrEqual(floor - 1e-9);
        if (!v.overflow) {
          // When it fits, all of it is inside the box.
          expect(v.x + bounds.x * v.zoom).toBeGreaterThanOrEqual(-0.5);
          expect(v.x + (bounds.x + bounds.width) * v.zoom).toBeLessThanOrEqual(width + 0.5);
        }
      }
    }
  });
});

