/**
 * Geometry of the `<DependencyDiagram>` widget, React-free so it can be tested: where each layer
 * and class box goes for a given drawing width, which layer a point falls in (the drop target of a
 * drag), and where an arrow between two boxes starts and ends.
 *
 * Layered styles stack full-width bands top to bottom. Ring styles nest rounded rectangles: each
 * ring's classes sit in a strip along its top, and the next ring inside sits below that strip,
 * inset on both sides. Rectangles rather than circles keep every label horizontal and let the
 * layout wrap to a phone's width with the text at its real size (the widget draws at scale 1).
 */
import type { Architecture } from "./dependency-rules";

/** A rectangle in diagram units (one unit is one CSS pixel: the widget never scales the drawing). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A layer's rectangle; for rings it contains the rings inside it. */
export interface LaidOutLayer extends Box {
  id: string;
  name: string;
  /** 0 outermost (or top). */
  depth: number;
}

/** A class's box. */
export interface LaidOutClass extends Box {
  id: string;
  name: string;
  layer: string;
}

export interface DiagramLayout {
  width: number;
  height: number;
  layers: LaidOutLayer[];
  classes: LaidOutClass[];
}

/** Narrowest and widest drawings; the widget passes its own width clamped to these. */
export const MIN_DIAGRAM_WIDTH = 300;
export const MAX_DIAGRAM_WIDTH = 760;

const PAD = 12; // inner padding of a layer
const LABEL_H = 26; // the layer's name row
const BOX_H = 30;
const GAP = 10; // between boxes, rows and nested rings
const SIDE = 14; // how far each ring is inset from the one around it
const CHAR_W = 7.9; // a 13-px monospace character, generously
const BOTTOM = 10;

/** Width of a class box for its name. */
export function boxWidth(name: string): number {
  return Math.ceil(name.length * CHAR_W + 22);
}

/** Splits boxes of the given widths into rows no wider than `room`. */
function wrapRows(widths: number[], room: number): number[][] {
  const rows: number[][] = [];
  let row: number[] = [];
  let used = 0;
  widths.forEach((w, i) => {
    if (row.length > 0 && used + GAP + w > room) {
      rows.push(row);
      row = [];
      used = 0;
    }
    used += (row.length ? GAP : 0) + w;
    row.push(i);
  });
  if (row.length) rows.push(row);
  return rows;
}

/** Lays out an architecture for a drawing `width` wide (clamped to MIN…MAX_DIAGRAM_WIDTH). */
export function layoutArchitecture(architecture: Architecture, width: number): DiagramLayout {
  const total = Math.round(Math.min(MAX_DIAGRAM_WIDTH, Math.max(MIN_DIAGRAM_WIDTH, width)));
  const layers: LaidOutLayer[] = [];
  const classes: LaidOutClass[] = [];
  const nested = architecture.shape === "rings";

  /** Places layer `depth` at (x, y), `w` wide; returns its height. */
  const place = (depth: number, x: number, y: number, w: number): number => {
    const layer = architecture.layers[depth]!;
    const members = architecture.classes.filter((c) => c.layer === layer.id);
    const widths = members.map((c) => Math.min(boxWidth(c.name), w - 2 * PAD));
    const rows = wrapRows(widths, w - 2 * PAD);
    let cursor = y + LABEL_H;
    for (const row of rows) {
      const rowWidth = row.reduce((s, i) => s + widths[i]!, 0) + GAP * (row.length - 1);
      let left = x + (w - rowWidth) / 2;
      for (const i of row) {
        const c = members[i]!;
        classes.push({ id: c.id, name: c.name, layer: c.layer, x: left, y: cursor, width: widths[i]!, height: BOX_H });
        left += widths[i]! + GAP;
      }
      cursor += BOX_H + GAP;
    }
    if (rows.length === 0) cursor += BOX_H + GAP; // an empty layer keeps room to drop a class into
    if (nested && depth < architecture.layers.length - 1) {
      cursor += place(depth + 1, x + SIDE, cursor, w - 2 * SIDE) + GAP;
    }
    const height = cursor - y + BOTTOM - GAP;
    layers.push({ id: layer.id, name: layer.name, depth, x, y, width: w, height });
    return height;
  };

  let height: number;
  if (nested) height = place(0, 1, 1, total - 2) + 2;
  else {
    let y = 1;
    for (let depth = 0; depth < architecture.layers.length; depth++) {
      y += place(depth, 1, y, total - 2) + 6;
    }
    height = y - 6 + 1;
  }
  layers.sort((a, b) => a.depth - b.depth); // inner rings are placed before the ring around them ends
  return { width: total, height: Math.ceil(height), layers, classes };
}

const inside = (b: Box, x: number, y: number) => x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;

/** The id of the innermost layer that holds the point, or null when it is outside every layer. */
export function layerAt(layout: DiagramLayout, x: number, y: number): string | null {
  let found: LaidOutLayer | null = null;
  for (const layer of layout.layers) if (inside(layer, x, y) && (!found || layer.depth > found.depth)) found = layer;
  return found?.id ?? null;
}

/** Where the segment from the centre of `box` towards (tx, ty) leaves the box. */
function exitPoint(box: Box, tx: number, ty: number): { x: number; y: number } {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const scale = Math.min(dx === 0 ? Infinity : box.width / 2 / Math.abs(dx), dy === 0 ? Infinity : box.height / 2 / Math.abs(dy));
  return { x: cx + dx * scale, y: cy + dy * scale };
}

/** The arrow from box `from` to box `to`, from border to border (centre to centre when they overlap). */
export function arrowBetween(from: Box, to: Box): { x1: number; y1: number; x2: number; y2: number } {
  const fc = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
  const tc = { x: to.x + to.width / 2, y: to.y + to.height / 2 };
  const a = exitPoint(from, tc.x, tc.y);
  const b = exitPoint(to, fc.x, fc.y);
  return { x1: a.x, y1: a.y, x2: b.x, y2: b.y };
}
