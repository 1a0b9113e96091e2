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
});
