/**
 * How a lab graph fits its box without shrinking text below a legible size. Nodes come in two
 * sizes: full cards (gauges, 11 px text at zoom 1) and compact cards (icon, name, one big number;
 * 13 px text at the least). The graph is drawn full when that fits at a zoom keeping text at or above
 * the floor; else compact; if even compact cards would have to shrink below the floor, the zoom
 * stays at the floor and the learner pans (the graph is left-aligned so its sources show first).
 */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Smallest font size (CSS px at zoom 1) used inside a full node card and a compact one. */
export const FULL_MIN_FONT_PX = 11;
export const COMPACT_MIN_FONT_PX = 13;
export const MAX_ZOOM = 1.25;
export const FIT_PADDING_PX = 20;

/** The smallest rendered text a lab graph allows in a box this wide (10 px on phones, else 11 px). */
export function legibleFloorPx(boxWidth: number): number {
  return boxWidth < 560 ? 10 : 11;
}

/** Zoom at which `bounds` fits a `width`×`height` box with padding (uncapped). */
export function fitZoom(bounds: Box, width: number, height: number, padding = FIT_PADDING_PX): number {
  return Math.min((width - 2 * padding) / Math.max(1, bounds.width), (height - 2 * padding) / Math.max(1, bounds.height));
}

/** Whether full cards are legible at the zoom that fits them. */
export function fullFits(bounds: Box, width: number, height: number): boolean {
  return fitZoom(bounds, width, height) * FULL_MIN_FONT_PX >= legibleFloorPx(width);
}

/**
 * The viewport for `bounds` in a box: the fit zoom, never below the legibility floor for the
 * card's smallest font nor above {@link MAX_ZOOM}; centred when it fits, else left/top-aligned.
 */
export function legibleViewport(bounds: Box, width: number, height: number, minFontPx: number): { x: number; y: number; zoom: number; overflow: boolean; minZoom: number } {
  const minZoom = legibleFloorPx(width) / minFontPx;
  const zoom = Math.min(MAX_ZOOM, Math.max(minZoom, fitZoom(bounds, width, height)));
  const w = bounds.width * zoom;
  const h = bounds.height * zoom;
  const overflowX = w + 2 * FIT_PADDING_PX > width + 0.5;
  const overflowY = h + 2 * FIT_PADDING_PX > height + 0.5;
  const x = overflowX ? FIT_PADDING_PX - bounds.x * zoom : (width - w) / 2 - bounds.x * zoom;
  const y = overflowY ? FIT_PADDING_PX - bounds.y * zoom : (height - h) / 2 - bounds.y * zoom;
  return { x, y, zoom, overflow: overflowX || overflowY, minZoom };
}
