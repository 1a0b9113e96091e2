import { describe, expect, it } from "vitest";
import { architectures, architectureStyleIds } from "@/lib/architecture/architectures";
import { moveClass } from "@/lib/architecture/dependency-rules";
import { arrowBetween, layerAt, layoutArchitecture, MIN_DIAGRAM_WIDTH } from "@/lib/architecture/diagram-layout";

const within = (inner: { x: number; y: number; width: number; height: number }, outer: typeof inner) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

describe("diagram layout", () => {
  for (const style of architectureStyleIds) {
    for (const width of [MIN_DIAGRAM_WIDTH, 360, 720]) {
      it(`${style} at ${width}: every box sits inside its layer, inside the drawing, and the point at its centre is in that layer`, () => {
        const a = architectures[style];
        const layout = layoutArchitecture(a, width);
        expect(layout.layers.map((l) => l.id)).toEqual(a.layers.map((l) => l.id));
        expect(layout.classes).toHaveLength(a.classes.length);
        for (const c of layout.classes) {
          const layer = layout.layers.find((l) => l.id === c.layer)!;
          expect(within(c, layer)).toBe(true);
          expect(c.x + c.width).toBeLessThanOrEqual(layout.width);
          expect(layerAt(layout, c.x + c.width / 2, c.y + c.height / 2)).toBe(c.layer);
        }
        for (const l of layout.layers) expect(l.y + l.height).toBeLessThanOrEqual(layout.height);
      });
    }
  }

  it("rings nest: each ring lies inside the one around it; bands do not overlap", () => {
    const rings = layoutArchitecture(architectures.onion, 720).layers;
    for (let i = 1; i < rings.length; i++) expect(within(rings[i]!, rings[i - 1]!)).toBe(true);
    const bands = layoutArchitecture(architectures.layered, 720).layers;
    for (let i = 1; i < bands.length; i++) expect(bands[i]!.y).toBeGreaterThanOrEqual(bands[i - 1]!.y + bands[i - 1]!.height);
  });

  it("an emptied layer keeps room to drop into, and a point outside every layer has no layer", () => {
    const a = moveClass(moveClass(architectures.onion, "order", "infrastructure"), "restaurant", "infrastructure");
    const layout = layoutArchitecture(a, 360);
    const core = layout.layers.at(-1)!;
    expect(core.height).toBeGreaterThan(30);
    expect(layerAt(layout, core.x + core.width / 2, core.y + core.height - 5)).toBe("domain-model");
    expect(layerAt(layout, -10, -10)).toBeNull();
  });

  it("arrows run from border to border", () => {
    const from = { x: 0, y: 0, width: 100, height: 30 };
    const to = { x: 0, y: 100, width: 100, height: 30 };
    expect(arrowBetween(from, to)).toEqual({ x1: 50, y1: 30, x2: 50, y2: 100 });
  });
});
