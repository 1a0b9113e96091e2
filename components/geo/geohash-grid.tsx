"use client";
/**
 * <GeohashGrid>: a point, its geohash cell at a chosen precision and the eight neighbours, drawn
 * to scale on the ground (a cell's width shrinks with latitude, its height does not). The learner
 * moves the point by dragging, with the arrow keys on the drawing, or by typing coordinates; "Show
 * the bits" lists every bisection; "Show the edge problem" mirrors the point across the nearest cell
 * edge to show two close points whose hashes share little or nothing. No map tiles: the drawing is
 * the grid itself. A live sentence says what the picture shows.
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { cellSizeKm, commonPrefixLength, decode, encode, encodeSteps, GEOHASH_ALPHABET, haversineKm, neighbours, wrapLon, type Direction } from "@/lib/geo/geohash";
import { color, labelSize } from "@/components/mechanisms/palette";
import { formatDistance, GeoFrame, NumberField, px2, quietButton, RangeField, Toggle } from "./widget-parts";

export interface GeohashGridProps {
  lat?: number;
  lon?: number;
  precision?: number;
}

const GRID: (Direction | "c")[][] = [
  ["nw", "n", "ne"],
  ["w", "c", "e"],
  ["sw", "s", "se"],
];
const DIRECTION_NAMES: Record<Direction, string> = { n: "north", ne: "north-east", e: "east", se: "south-east", s: "south", sw: "south-west", w: "west", nw: "north-west" };

const PRESETS = [
  { label: "Aalborg (the test vector)", lat: 57.64911, lon: 10.40744 },
  { label: "Near 0°, 0°", lat: 0.0003, lon: -0.0004 },
  { label: "Fiji, by the 180° meridian", lat: -16.8, lon: 179.995 },
];

const clampLat = (lat: number) => Math.min(90, Math.max(-90, lat));
const fmt = (v: number) => v.toFixed(5);
const hemi = (lat: number, lon: number) => `${Math.abs(lat).toFixed(5)}° ${lat >= 0 ? "N" : "S"}, ${Math.abs(lon).toFixed(5)}° ${lon >= 0 ? "E" : "W"}`;

type Edge = "north" | "south" | "east" | "west";

/** The point's mirror image across the nearest edge of its cell, and which edge that is. */
function mirrorAcrossNearestEdge(lat: number, lon: number, precision: number) {
  const cell = decode(encode(lat, lon, precision));
  const kmPerDegLat = cellSizeKm(precision, lat).heightKm / (cell.north - cell.south);
  const kmPerDegLon = cellSizeKm(precision, lat).widthKm / (cell.east - cell.west);
  const gaps: [Edge, number][] = [
    ["north", (cell.north - lat) * kmPerDegLat],
    ["south", (lat - cell.south) * kmPerDegLat],
    ["east", (cell.east - lon) * kmPerDegLon],
    ["west", (lon - cell.west) * kmPerDegLon],
  ];
  // Past a pole there is nothing to mirror into.
  const usable = gaps.filter(([e]) => !(e === "north" && cell.north >= 90) && !(e === "south" && cell.south <= -90));
  const [edge] = usable.reduce((a, b) => (b[1] < a[1] ? b : a));
  const b = { lat, lon };
  // A hair beyond the mirror image, so a point exactly on the edge still lands in the other cell.
  if (edge === "north") b.lat = clampLat(2 * cell.north - lat + 1e-9);
  if (edge === "south") b.lat = clampLat(2 * cell.south - lat - 1e-9);
  if (edge === "east") b.lon = wrapLon(2 * cell.east - lon + 1e-9);
  if (edge === "west") b.lon = wrapLon(2 * cell.west - lon - 1e-9);
  return { edge, b, cell, kmPerDegLat, kmPerDegLon };
}

export function GeohashGrid({ lat: lat0 = 57.64911, lon: lon0 = 10.40744, precision: p0 = 5 }: GeohashGridProps) {
  const [point, setPoint] = useState({ lat: lat0, lon: lon0 });
  const [precision, setPrecision] = useState(p0);
  const [latText, setLatText] = useState(fmt(lat0));
  const [lonText, setLonText] = useState(fmt(lon0));
  const [showBits, setShowBits] = useState(false);
  const [showEdge, setShowEdge] = useState(false);
  const [frozen, setFrozen] = useState<string | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const summaryId = useId();
  const bitsId = useId();

  const move = (lat: number, lon: number) => {
    const next = { lat: clampLat(lat), lon: wrapLon(lon) };
    setPoint(next);
    setLatText(fmt(next.lat));
    setLonText(fmt(next.lon));
  };

  const hash = encode(point.lat, point.lon, precision);
  const viewHash = frozen && frozen.length === precision ? frozen : hash;
  const cell = decode(viewHash);
  const around = useMemo(() => neighbours(viewHash), [viewHash]);
  const lonDeg = cell.east - cell.west;
  const latDeg = cell.north - cell.south;
  const size = cellSizeKm(precision, cell.center.lat);
  const widthKm = Math.max(size.widthKm, size.heightKm * 0.08);

  // Drawing geometry: three cells each way, to scale on the ground.
  const W = 360;
  const maxGrid = 330;
  // Tall cells (high latitudes, odd precisions) may use more height than width.
  const scale = Math.min(maxGrid / 3 / widthKm, (maxGrid * 1.3) / 3 / size.heightKm);
  const cw = widthKm * scale;
  const ch = size.heightKm * scale;
  const x0 = (W - 3 * cw) / 2;
  const y0 = 14;
  const H = 3 * ch + 2 * y0;
  const toXY = (p: { lat: number; lon: number }) => ({ x: px2(x0 + cw + (wrapLon(p.lon - cell.west) / lonDeg) * cw), y: px2(y0 + ch + ((cell.north - p.lat) / latDeg) * ch) });

  const edge = useMemo(() => mirrorAcrossNearestEdge(point.lat, point.lon, precision), [point, precision]);
  const bHash = encode(edge.b.lat, edge.b.lon, precision);
  const abKm = haversineKm(point, edge.b);
  const shared = commonPrefixLength(hash, bHash);
  const bDirection = (Object.entries(neighbours(hash)) as [Direction, string | null][]).find(([, h]) => h === bHash)?.[0];

  const fromPointer = (event: PointerEvent<SVGSVGElement>) => {
    const svg = svgRef.current;
    if (!svg) return;
    const box = svg.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * W;
    const y = ((event.clientY - box.top) / box.height) * H;
    const fx = Math.min(2.999, Math.max(0.001, (x - x0) / cw)) - 1;
    const fy = Math.min(2.999, Math.max(0.001, (y - y0) / ch)) - 1;
    move(cell.north - fy * latDeg, cell.west + fx * lonDeg);
  };

  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const stepLat = event.shiftKey ? latDeg : latDeg / 10;
    const stepLon = event.shiftKey ? lonDeg : lonDeg / 10;
    const moves: Record<string, [number, number]> = { ArrowUp: [stepLat, 0], ArrowDown: [-stepLat, 0], ArrowRight: [0, stepLon], ArrowLeft: [0, -stepLon] };
    const d = moves[event.key];
    if (!d) return;
    event.preventDefault();
    move(point.lat + d[0], point.lon + d[1]);
  };

  const nearEdge = () => {
    // Put the point 5 m inside its nearest edge (or a tenth of the cell when cells are tiny).
    const { edge: side, cell: c, kmPerDegLat, kmPerDegLon } = edge;
    const gapKm = Math.min(0.005, size.heightKm / 10, size.widthKm / 10);
    if (side === "north") move(c.north - gapKm / kmPerDegLat, point.lon);
    if (side === "south") move(c.south + gapKm / kmPerDegLat, point.lon);
    if (side === "east") move(point.lat, c.east - gapKm / kmPerDegLon);
    if (side === "west") move(point.lat, c.west + gapKm / kmPerDegLon);
    setShowEdge(true);
  };

  const latError = (() => {
    const v = Number(latText);
    return latText.trim() === "" || !Number.isFinite(v) || v < -90 || v > 90 ? "Latitude must be a number from -90 to 90." : null;
  })();
  const lonError = (() => {
    const v = Number(lonText);
    return lonText.trim() === "" || !Number.isFinite(v) || v < -180 || v > 180 ? "Longitude must be a number from -180 to 180." : null;
  })();

  const a = toXY(point);
  const bXY = toXY(edge.b);
  // Labels sit on either side of the edge, B beyond it and A before it.
  const label = { east: { dx: 14, dy: 0 }, west: { dx: -14, dy: 0 }, north: { dx: 0, dy: -14 }, south: { dx: 0, dy: 14 } }[edge.edge];
  const steps = showBits ? encodeSteps(point.lat, point.lon, precision) : [];
  const neighbourList = (Object.entries(around) as [Direction, string | null][]).map(([d, h]) => `${DIRECTION_NAMES[d]} ${h ?? "none (past the pole)"}`).join(", ");
  const summary =
    `The point at ${hemi(point.lat, point.lon)} has geohash ${hash} at precision ${precision}. ` +
    `Its cell is about ${formatDistance(size.widthKm)} wide and ${formatDistance(size.heightKm)} tall. ` +
    `Neighbours: ${neighbourList}.` +
    (showEdge
      ? ` Edge problem: point B, ${formatDistance(abKm)} away across the ${edge.edge} edge, has geohash ${bHash}; the two share ${shared} of ${precision} characters, so a search for the prefix ${hash} misses B. ` +
        (bDirection ? `B's cell is the ${DIRECTION_NAMES[bDirection]} neighbour, so searching the cell and its eight neighbours finds it.` : "")
      : "");

  return (
    <GeoFrame title="Geohash cells, their neighbours and their size" testId="geohash-grid">
      <div className="flex flex-wrap items-end gap-3">
        <NumberField label="Latitude (°)" value={latText} min={-90} max={90} step={0.0001} invalid={latError} testId="geohash-lat" onChange={(raw) => {
          setLatText(raw);
          const v = Number(raw);
          if (raw.trim() !== "" && Number.isFinite(v) && v >= -90 && v <= 90) setPoint((p) => ({ ...p, lat: v }));
        }} />
        <NumberField label="Longitude (°)" value={lonText} min={-180} max={180} step={0.0001} invalid={lonError} testId="geohash-lon" onChange={(raw) => {
          setLonText(raw);
          const v = Number(raw);
          if (raw.trim() !== "" && Number.isFinite(v) && v >= -180 && v <= 180) setPoint((p) => ({ ...p, lon: v }));
        }} />
        <RangeField label="Precision" value={precision} min={1} max={9} onChange={setPrecision} format={(v) => `${v} character${v === 1 ? "" : "s"}`} testId="geohash-precision" />
      </div>
      <div className="mt-2 flex flex-wrap gap-2">
        {PRESETS.map((p) => (
          <button key={p.label} type="button" className={quietButton} onClick={() => move(p.lat, p.lon)}>
            {p.label}
          </button>
        ))}
      </div>
      <div
        role="application"
        aria-roledescription="movable point"
        aria-label="The point in its geohash cell. Arrow keys move it a tenth of a cell; with Shift, a whole cell."
        aria-describedby={summaryId}
        tabIndex={0}
        onKeyDown={onKey}
        className="mx-auto mt-3 w-full max-w-[560px] rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
        data-testid="geohash-drawing"
      >
        <svg
          ref={svgRef}
          viewBox={`0 0 ${W} ${H.toFixed(1)}`}
          className="h-auto w-full touch-none select-none"
          fontSize={labelSize}
          aria-hidden="true"
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            setFrozen(viewHash);
            fromPointer(e);
          }}
          onPointerMove={(e) => {
            if (frozen) fromPointer(e);
          }}
          onPointerUp={() => setFrozen(null)}
          onPointerCancel={() => setFrozen(null)}
        >
          {GRID.map((row, r) =>
            row.map((dir, c) => {
              const h = dir === "c" ? viewHash : around[dir];
              const isB = showEdge && h === bHash && dir !== "c";
              const fill = dir === "c" ? color.noteSoft : isB ? color.warnSoft : color.sunken;
              const x = px2(x0 + c * cw);
              const y = px2(y0 + r * ch);
              const small = cw < 70 || h === null;
              return (
                <g key={dir}>
                  <rect x={x} y={y} width={px2(cw)} height={px2(ch)} fill={h ? fill : "none"} stroke={dir === "c" ? color.note : color.line} strokeWidth={dir === "c" ? 2 : 1} strokeDasharray={h ? undefined : "4 3"} />
                  <text x={px2(x + cw / 2)} y={y + 14} textAnchor="middle" fill={dir === "c" ? color.note : color.muted} fontSize={small ? 9 : labelSize} fontFamily="var(--font-mono, monospace)" fontWeight={dir === "c" ? 700 : 400}>
                    {h ?? "past the pole"}
                  </text>
                </g>
              );
            }),
          )}
          <circle cx={a.x} cy={a.y} r={7} fill={color.bad} stroke={color.fg} strokeWidth={1.2} />
          {showEdge ? (
            <g>
              <line x1={a.x} y1={a.y} x2={bXY.x} y2={bXY.y} stroke={color.warn} strokeWidth={1.5} strokeDasharray="3 2" />
              <circle cx={bXY.x} cy={bXY.y} r={4.5} fill={color.warn} stroke={color.fg} strokeWidth={1} />
              <text x={bXY.x + label.dx} y={bXY.y + label.dy + 4} textAnchor="middle" fill={color.warn} fontWeight={700}>
                B
              </text>
            </g>
          ) : null}
          {showEdge ? (
            <text x={a.x - label.dx} y={a.y - label.dy + 4} textAnchor="middle" fill={color.bad} fontWeight={700}>
              A
            </text>
          ) : null}
        </svg>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-muted">Geohash</dt>
        <dd className="font-mono font-semibold" data-testid="geohash-hash">
          {hash}
        </dd>
        <dt className="text-muted">Cell size</dt>
        <dd data-testid="geohash-size">
          {formatDistance(size.widthKm)} wide × {formatDistance(size.heightKm)} tall (width shrinks with cos latitude)
        </dd>
        {showEdge ? (
          <>
            <dt className="text-muted">Point B</dt>
            <dd data-testid="geohash-edge">
              <span className="font-mono">{bHash}</span>, {formatDistance(abKm)} away; shares {shared} of {precision} characters with A
            </dd>
          </>
        ) : null}
      </dl>
      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2">
        <Toggle label="Show the bits" checked={showBits} onChange={setShowBits} testId="geohash-show-bits" />
        <Toggle label="Show the edge problem" checked={showEdge} onChange={setShowEdge} testId="geohash-show-edge" />
        <button type="button" className={quietButton} onClick={nearEdge} data-testid="geohash-near-edge">
          Move A next to the nearest edge
        </button>
      </div>
      <p id={summaryId} className="mt-3 text-sm" aria-live="polite" data-testid="geohash-summary">
        {summary}
      </p>
      {showBits ? (
        <div className="mt-3 max-h-80 overflow-auto rounded-md border border-line" tabIndex={0} role="region" aria-labelledby={bitsId} data-testid="geohash-bits">
          <table className="w-full border-collapse text-left text-xs tabular-nums">
            <caption id={bitsId} className="px-2 py-1 text-left text-sm font-semibold">
              Bit by bit: longitude first, then latitude, alternating; five bits make one character
            </caption>
            <thead>
              <tr>
                {["bit", "axis", "interval", "midpoint", "half", "bit value"].map((c) => (
                  <th key={c} scope="col" className="sticky top-0 border-b border-line bg-surface px-2 py-1 font-semibold">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {steps.map((s) => {
                const value = s.axis === "lon" ? point.lon : point.lat;
                const rows = [
                  <tr key={s.index}>
                    <td className="border-b border-line px-2 py-0.5">{s.index + 1}</td>
                    <td className="border-b border-line px-2 py-0.5">{s.axis === "lon" ? "longitude" : "latitude"}</td>
                    <td className="border-b border-line px-2 py-0.5 font-mono">
                      [{+s.low.toFixed(5)}, {+s.high.toFixed(5)}]
                    </td>
                    <td className="border-b border-line px-2 py-0.5 font-mono">{+s.mid.toFixed(5)}</td>
                    <td className="border-b border-line px-2 py-0.5">{value >= s.mid ? "upper" : "lower"}</td>
                    <td className="border-b border-line px-2 py-0.5 font-mono font-semibold">{s.bit}</td>
                  </tr>,
                ];
                if (s.index % 5 === 4) {
                  const bits = steps.slice(s.index - 4, s.index + 1).map((t) => t.bit).join("");
                  const n = parseInt(bits, 2);
                  rows.push(
                    <tr key={`c${s.index}`} className="bg-note-soft">
                      <td colSpan={6} className="border-b border-line px-2 py-1">
                        Character {(s.index + 1) / 5}: bits {bits} = {n} → <span className="font-mono font-semibold">{GEOHASH_ALPHABET[n]}</span>
                      </td>
                    </tr>,
                  );
                }
                return rows;
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </GeoFrame>
  );
}
