/**
 * The curve of a lab edge, shared by the SVG edge and the particle canvas so particles ride exactly
 * on the drawn line: a horizontal S-curve (cubic Bézier) from the source's right side to the target's
 * left side.
 */
export interface Curve {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  x3: number;
  y3: number;
}

export function edgeCurve(sx: number, sy: number, tx: number, ty: number): Curve {
  const dx = Math.max(40, Math.abs(tx - sx) / 2);
  return { x0: sx, y0: sy, x1: sx + dx, y1: sy, x2: tx - dx, y2: ty, x3: tx, y3: ty };
}

export function curvePath(c: Curve): string {
  return `M ${c.x0},${c.y0} C ${c.x1},${c.y1} ${c.x2},${c.y2} ${c.x3},${c.y3}`;
}

export function pointOnCurve(c: Curve, t: number): [number, number] {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const d = 3 * u * t * t;
  const e = t * t * t;
  return [a * c.x0 + b * c.x1 + d * c.x2 + e * c.x3, a * c.y0 + b * c.y1 + d * c.y2 + e * c.y3];
}
