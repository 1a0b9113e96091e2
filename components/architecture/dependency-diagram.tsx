"use client";
/**
 * `<DependencyDiagram>`: layered, hexagonal, clean and onion architectures of the food-delivery
 * example, with an arrow for every dependency. The learner moves a class across a boundary (drag it,
 * or focus it and press ↑/↓, or pick a layer from the "Move to" buttons) and sees which rule the move
 * breaks, with the offending arrows drawn thick and dashed. The rules and geometry are pure
 * (lib/architecture); this file only draws them and handles input.
 *
 * Plain SVG rather than @xyflow/react: layers are nested regions and a class's layer is decided by
 * where it is dropped (geometry, not edges); xyflow models boxes joined by edges, brings its own
 * drag and keyboard handling that would compete with the move-to-layer keys, and ~50 KB of script
 * a diagram of eight boxes does not need.
 */
import { useCallback, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { architectures, architectureStyleIds } from "@/lib/architecture/architectures";
import { describeMove, findViolations, moveClass, styleRules, type Architecture, type ArchitectureStyleId } from "@/lib/architecture/dependency-rules";
import { arrowBetween, layerAt, layoutArchitecture, MAX_DIAGRAM_WIDTH, type Box } from "@/lib/architecture/diagram-layout";

export interface DependencyDiagramProps {
  /** The style shown first. */
  architecture: ArchitectureStyleId;
  /** Whether the learner may switch to the other styles (default true). */
  switchable?: boolean;
}

interface Drag {
  id: string;
  pointerId: number;
  /** Pointer position minus the box's corner, in diagram units. */
  offsetX: number;
  offsetY: number;
  x: number;
  y: number;
  moved: boolean;
}

const shortName: Record<ArchitectureStyleId, string> = { layered: "Layered", hexagonal: "Hexagonal", clean: "Clean", onion: "Onion" };

export function DependencyDiagram({ architecture: initial, switchable = true }: DependencyDiagramProps) {
  const uid = useId();
  const [style, setStyle] = useState<ArchitectureStyleId>(initial);
  const [models, setModels] = useState<Record<ArchitectureStyleId, Architecture>>(architectures);
  const [selected, setSelected] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [drag, setDrag] = useState<Drag | null>(null);
  const [width, setWidth] = useState(MAX_DIAGRAM_WIDTH);
  const [hydrated, setHydrated] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);

  const model = models[style];
  const layout = useMemo(() => layoutArchitecture(model, width), [model, width]);
  const violations = useMemo(() => findViolations(model), [model]);
  const broken = useMemo(() => new Set(violations.map((v) => `${v.from}>${v.to}`)), [violations]);
  const layerName = (id: string) => model.layers.find((l) => l.id === id)?.name ?? id;
  const className = (id: string) => model.classes.find((c) => c.id === id)?.name ?? id;

  useLayoutEffect(() => {
    setHydrated(true);
    const el = wrapper.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const move = useCallback(
    (classId: string, layerId: string) => {
      const before = models[style];
      const after = moveClass(before, classId, layerId);
      setModels({ ...models, [style]: after });
      setAnnouncement(describeMove(before, after, classId));
    },
    [models, style],
  );

  const step = (classId: string, delta: number) => {
    const current = model.classes.find((c) => c.id === classId)!.layer;
    const depth = model.layers.findIndex((l) => l.id === current);
    const target = model.layers[depth + delta];
    if (target) move(classId, target.id);
    else setAnnouncement(`${className(classId)} is already in the ${delta < 0 ? (model.shape === "rings" ? "outermost ring" : "top layer") : model.shape === "rings" ? "core" : "bottom layer"}.`);
  };

  const toDiagram = (event: PointerEvent) => {
    const matrix = svg.current?.getScreenCTM();
    if (!matrix) return { x: 0, y: 0 };
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    return { x: p.x, y: p.y };
  };

  const onPointerDown = (event: PointerEvent<SVGGElement>, box: Box & { id: string }) => {
    if (event.button !== 0) return;
    const p = toDiagram(event);
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ id: box.id, pointerId: event.pointerId, offsetX: p.x - box.x, offsetY: p.y - box.y, x: box.x, y: box.y, moved: false });
  };
  const onPointerMove = (event: PointerEvent<SVGGElement>) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const p = toDiagram(event);
    const x = p.x - drag.offsetX;
    const y = p.y - drag.offsetY;
    const box = layout.classes.find((c) => c.id === drag.id)!;
    setDrag({ ...drag, x, y, moved: drag.moved || Math.hypot(x - box.x, y - box.y) > 4 });
  };
  const onPointerUp = (event: PointerEvent<SVGGElement>) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const box = layout.classes.find((c) => c.id === drag.id)!;
    setDrag(null);
    if (!drag.moved) {
      setSelected(selected === drag.id ? null : drag.id);
      return;
    }
    const target = layerAt(layout, drag.x + box.width / 2, drag.y + box.height / 2);
    setSelected(drag.id);
    if (target) move(drag.id, target);
    else setAnnouncement(`${box.name} was dropped outside every layer, so it stays in ${layerName(box.layer)}.`);
  };

  const onKeyDown = (event: KeyboardEvent, classId: string) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      setSelected(selected === classId ? null : classId);
    } else if (event.key === "ArrowUp" || event.key === "ArrowLeft") {
      event.preventDefault();
      setSelected(classId);
      step(classId, -1);
    } else if (event.key === "ArrowDown" || event.key === "ArrowRight") {
      event.preventDefault();
      setSelected(classId);
      step(classId, 1);
    } else if (event.key === "Escape") setSelected(null);
  };

  const boxes = new Map(layout.classes.map((c) => [c.id, drag?.id === c.id ? { ...c, x: drag.x, y: drag.y } : c]));
  const hoverLayer = drag?.moved ? layerAt(layout, drag.x + boxes.get(drag.id)!.width / 2, drag.y + boxes.get(drag.id)!.height / 2) : null;
  const selectedClass = selected ? model.classes.find((c) => c.id === selected) : undefined;
  const arrow = (tone: string) => `${uid}-arrow-${tone}`;
  const changed = model.classes.some((c, i) => c.layer !== architectures[style].classes[i]!.layer);

  return (
    <figure className="not-prose my-6 rounded-2xl border border-line bg-surface p-3 sm:p-4" data-testid="dependency-diagram" data-style={style} data-ready={hydrated || undefined} aria-labelledby={`${uid}-title`}>
      <figcaption className="flex flex-wrap items-baseline justify-between gap-2">
        <span id={`${uid}-title`} className="font-semibold">
          Dependencies: {model.name}
        </span>
        {switchable && (
          <span role="group" aria-label="Architecture style" className="flex flex-wrap gap-1">
            {architectureStyleIds.map((id) => (
              <button
                key={id}
                type="button"
                aria-pressed={id === style}
                onClick={() => {
                  setStyle(id);
                  setSelected(null);
                  setAnnouncement(`Showing ${architectures[id].name}.`);
                }}
                className="h-8 rounded-md border border-line px-2.5 text-sm aria-pressed:border-accent aria-pressed:bg-accent-soft aria-pressed:font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
              >
                {shortName[id]}
              </button>
            ))}
          </span>
        )}
      </figcaption>
      <p className="mt-1 text-sm text-muted">
        <span className="font-medium text-fg">Rule:</span> {styleRules[style]}. Drag a class into another {model.shape === "rings" ? "ring" : "layer"}, or focus it and press ↑ or ↓.
      </p>

      <div ref={wrapper} className="mt-3 w-full">
        <svg
          ref={svg}
          role="group"
          aria-label={`${model.name}: ${model.layers.length} ${model.shape === "rings" ? "rings" : "layers"}, ${model.classes.length} classes, ${violations.length} broken dependencies. The same content is listed as text below.`}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          width="100%"
          style={{ maxWidth: layout.width, display: "block", margin: "0 auto", overflow: "visible" }}
          className="select-none"
          data-testid="dependency-diagram-svg"
        >
          <defs>
            {[
              ["ok", "var(--fl-muted)"],
              ["bad", "var(--fl-accent)"],
              ["sel", "var(--fl-note)"],
            ].map(([tone, colour]) => (
              <marker key={tone} id={arrow(tone!)} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" fill={colour} />
              </marker>
            ))}
          </defs>
          {layout.layers.map((l) => (
            <g key={l.id} data-layer={l.id}>
              <rect
                x={l.x}
                y={l.y}
                width={l.width}
                height={l.height}
                rx={model.shape === "rings" ? 18 : 8}
                fill={hoverLayer === l.id ? "var(--fl-note-soft)" : l.depth % 2 ? "var(--fl-sunken)" : "var(--fl-surface)"}
                stroke={hoverLayer === l.id ? "var(--fl-note)" : "var(--fl-line)"}
                strokeWidth={hoverLayer === l.id ? 2 : 1.25}
              />
              <text x={l.x + 12} y={l.y + 18} fontSize={12} fontWeight={600} fill="var(--fl-muted)" style={{ letterSpacing: "0.04em", textTransform: "uppercase" }}>
                {l.name}
              </text>
            </g>
          ))}
          {model.dependencies.map((d) => {
            const from = boxes.get(d.from);
            const to = boxes.get(d.to);
            if (!from || !to) return null;
            const bad = broken.has(`${d.from}>${d.to}`);
            const sel = !bad && (d.from === selected || d.to === selected);
            const tone = bad ? "bad" : sel ? "sel" : "ok";
            const { x1, y1, x2, y2 } = arrowBetween(from, to);
            return (
              <line
                key={`${d.from}>${d.to}`}
                x1={x1}
                y1={y1}
                x2={x2}
                y2={y2}
                stroke={bad ? "var(--fl-accent)" : sel ? "var(--fl-note)" : "var(--fl-muted)"}
                strokeWidth={bad ? 3 : sel ? 2 : 1.25}
                strokeDasharray={bad ? "7 4" : undefined}
                markerEnd={`url(#${arrow(tone)})`}
                data-edge={`${d.from}>${d.to}`}
                data-broken={bad || undefined}
              />
            );
          })}
          {layout.classes.map((c) => {
            const b = boxes.get(c.id)!;
            const isSelected = selected === c.id;
            const isDragged = drag?.id === c.id;
            const inBroken = violations.some((v) => v.from === c.id || v.to === c.id);
            return (
              <g
                key={c.id}
                role="button"
                tabIndex={0}
                aria-pressed={isSelected}
                aria-label={`${c.name}, in ${layerName(c.layer)}${inBroken ? ", part of a broken dependency" : ""}. Arrow keys move it ${model.shape === "rings" ? "out or in" : "up or down"} a layer.`}
                data-class={c.id}
                className="cursor-grab outline-none [&:focus-visible>rect]:stroke-[var(--fl-note)] [&:focus-visible>rect]:[stroke-width:3]"
                style={{ touchAction: "none" }}
                onPointerDown={(e) => onPointerDown(e, c)}
                onPointerMove={onPointerMove}
                onPointerUp={onPointerUp}
                onPointerCancel={() => setDrag(null)}
                onKeyDown={(e) => onKeyDown(e, c.id)}
              >
                <rect
                  x={b.x}
                  y={b.y}
                  width={b.width}
                  height={b.height}
                  rx={6}
                  fill={isSelected ? "var(--fl-note-soft)" : "var(--fl-surface)"}
                  stroke={isSelected ? "var(--fl-note)" : inBroken ? "var(--fl-accent)" : "var(--fl-faint)"}
                  strokeWidth={isSelected || inBroken ? 2 : 1}
                  opacity={isDragged ? 0.92 : 1}
                />
                <text x={b.x + b.width / 2} y={b.y + b.height / 2 + 4.5} textAnchor="middle" fontSize={13} fill="var(--fl-fg)" fontFamily="var(--font-mono, ui-monospace, monospace)">
                  {c.name}
                </text>
              </g>
            );
          })}
        </svg>
      </div>

      {selectedClass && (
        <div role="group" aria-label={`Move ${selectedClass.name} to`} className="mt-3 flex flex-wrap items-center gap-1.5 text-sm" data-testid="move-menu">
          <span className="font-medium">Move {selectedClass.name} to:</span>
          {model.layers.map((l) => (
            <button
              key={l.id}
              type="button"
              disabled={l.id === selectedClass.layer}
              onClick={() => move(selectedClass.id, l.id)}
              className="h-8 rounded-md border border-line bg-surface px-2.5 hover:border-accent disabled:border-note disabled:bg-note-soft disabled:font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
            >
              {l.name}
            </button>
          ))}
        </div>
      )}

      <p role="status" aria-live="polite" className="mt-3 min-h-[1.5em] text-sm font-medium" data-testid="dependency-announcement">
        {announcement}
      </p>

      <div className="mt-2 text-sm" data-testid="dependency-violations">
        {violations.length === 0 ? (
          <p className="text-ok">✓ Every dependency follows the rule.</p>
        ) : (
          <>
            <p className="font-semibold text-accent-strong">
              {violations.length} broken {violations.length === 1 ? "dependency" : "dependencies"} (dashed arrows):
            </p>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              {violations.map((v) => (
                <li key={`${v.from}>${v.to}`}>{v.message[0]!.toUpperCase() + v.message.slice(1)}.</li>
              ))}
            </ul>
          </>
        )}
      </div>

      <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
        <button
          type="button"
          disabled={!changed}
          onClick={() => {
            setModels({ ...models, [style]: architectures[style] });
            setSelected(null);
            setAnnouncement(`${model.name} is back as it was.`);
          }}
          className="h-8 rounded-md border border-line px-2.5 hover:border-accent disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
        >
          Reset
        </button>
        <details className="min-w-0 flex-1" data-testid="dependency-text">
          <summary className="cursor-pointer select-none font-medium text-accent-strong">Show the diagram as text</summary>
          <ol className="mt-2 space-y-2">
            {model.layers.map((l, depth) => (
              <li key={l.id}>
                <span className="font-semibold">{l.name}</span> ({depth === 0 ? (model.shape === "rings" ? "outermost" : "top") : depth === model.layers.length - 1 ? (model.shape === "rings" ? "core" : "bottom") : `${model.shape === "rings" ? "ring" : "layer"} ${depth + 1}`}): {l.holds}.
                <ul className="mt-1 list-disc pl-5">
                  {model.classes.filter((c) => c.layer === l.id).map((c) => {
                    const uses = model.dependencies.filter((d) => d.from === c.id);
                    return (
                      <li key={c.id}>
                        <code>{c.name}</code>
                        {uses.length ? ` depends on ${uses.map((d) => `${className(d.to)} (${layerName(model.classes.find((x) => x.id === d.to)!.layer)})${broken.has(`${d.from}>${d.to}`) ? " ✗ breaks the rule" : ""}`).join(", ")}` : " depends on nothing here"}
                      </li>
                    );
                  })}
                  {!model.classes.some((c) => c.layer === l.id) && <li>(empty)</li>}
                </ul>
              </li>
            ))}
          </ol>
        </details>
      </div>
    </figure>
  );
}
