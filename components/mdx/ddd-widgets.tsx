"use client";
/**
 * The domain-driven design widgets (content/README.md): `<ContextMapView>` draws the food-delivery
 * context map and explains the selected relationship and what each side owes the other;
 * `<AggregateBoundary>` asks which entities sit inside the Order aggregate and checks the placement
 * invariant by invariant. Both render in full on the server (the map's text alternative and the
 * exercise's question read without JavaScript); the data and grading live in lib/ddd.
 *
 * Keyboard: the relationships are a radio group (one tab stop, arrow keys move and select, Home/End);
 * the exercise uses native checkboxes and buttons.
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { LightbulbIcon } from "@/components/ui/icons";
import { checkBoundary, orderAggregateExercise, type BoundaryCheck } from "@/lib/ddd/aggregate-boundary";
import { contextById, contextMapAsText, foodDeliveryMap, relationshipKinds, stepSelection, type ContextMapData, type RelationshipKind } from "@/lib/ddd/context-map";

/** Props of `<ContextMapView>`: the relationship kind selected first (default: partnership). */
export interface ContextMapViewProps {
  initial?: RelationshipKind;
}

/** Geometry of one drawing: landscape for wide containers, portrait (contexts transposed) for phones. */
function geometry(portrait: boolean) {
  const W = portrait ? 360 : 740;
  const H = portrait ? 500 : 300;
  const BOX_W = portrait ? 140 : 150;
  const BOX_H = 58;
  // Data coordinates span 14..86 across and 18..82 down; portrait swaps the axes.
  const spread = (v: number, lo: number, hi: number, room: number) => 10 + ((v - lo) / (hi - lo)) * room;
  const px = (c: { x: number; y: number }) => (portrait ? spread(c.y, 18, 82, W - 20 - BOX_W) : spread(c.x, 14, 86, W - 20 - BOX_W));
  const py = (c: { x: number; y: number }) => (portrait ? spread(c.x, 14, 86, H - 20 - BOX_H) : spread(c.y, 18, 82, H - 20 - BOX_H));
  return { W, H, BOX_W, BOX_H, px, py };
}

interface MapDrawingProps {
  map: ContextMapData;
  selected: number;
  onSelect: (i: number) => void;
  portrait: boolean;
  uid: string;
  label: string;
  className: string;
}

/** The drawing: context boxes and relationship lines (upstream → downstream arrows, peers plain). */
function MapDrawing({ map, selected, onSelect, portrait, uid, label, className }: MapDrawingProps) {
  const { W, H, BOX_W, BOX_H, px: pxOf, py: pyOf } = geometry(portrait);
  return (
      <svg viewBox={`0 0 ${W} ${H}`} className={className} role="img" aria-label={label}>
        <defs>
          <marker id={`${uid}-${portrait ? "p" : "l"}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
          </marker>
        </defs>
        {map.relationships.map((r, i) => {
          const a = contextById(map, r.sides[0].context);
          const b = contextById(map, r.sides[1].context);
          const ax = pxOf(a) + BOX_W / 2, ay = pyOf(a) + BOX_H / 2, bx = pxOf(b) + BOX_W / 2, by = pyOf(b) + BOX_H / 2;
          // End the line at the downstream box's edge so the arrow head shows.
          const dx = bx - ax, dy = by - ay;
          const t = Math.min(Math.abs(dx) > 0 ? (BOX_W / 2 + 4) / Math.abs(dx) : Infinity, Math.abs(dy) > 0 ? (BOX_H / 2 + 4) / Math.abs(dy) : Infinity);
          const ex = bx - dx * t, ey = by - dy * t;
          const directed = r.sides[0].role === "upstream";
          const active = i === selected;
          const mx = (ax + bx) / 2, my = (ay + by) / 2;
          const short = relationshipKinds[r.kind].short;
          return (
            <g key={r.id} className={active ? "text-accent" : "text-faint"} onClick={() => onSelect(i)} style={{ cursor: "pointer" }} data-relationship={r.id}>
              <line x1={ax} y1={ay} x2={directed ? ex : bx} y2={directed ? ey : by} stroke="currentColor" strokeWidth={active ? 3.5 : 2} strokeDasharray={r.kind === "conformist" ? "6 4" : undefined} markerEnd={directed ? `url(#${uid}-${portrait ? "p" : "l"}-arrow)` : undefined} />
              <rect x={mx - 20} y={my - 11} width={40} height={22} rx={6} className={active ? "fill-accent" : "fill-sunken"} stroke="currentColor" />
              <text x={mx} y={my + 4} textAnchor="middle" fontSize={12} fontWeight={600} className={active ? "fill-on-accent" : "fill-fg"}>
                {short}
              </text>
            </g>
          );
        })}
        {map.contexts.map((c) => {
          const involved = map.relationships[selected]!.sides.some((s) => s.context === c.id);
          return (
            <g key={c.id} transform={`translate(${pxOf(c)} ${pyOf(c)})`}>
              <rect width={BOX_W} height={BOX_H} rx={10} className={involved ? "fill-accent-soft stroke-accent" : "fill-surface stroke-line"} strokeWidth={involved ? 2.5 : 1.5} strokeDasharray={c.owner === "external" ? "5 3" : undefined} />
              <text x={BOX_W / 2} y={24} textAnchor="middle" fontSize={13} fontWeight={600} className="fill-fg">
                {c.name}
              </text>
              <text x={BOX_W / 2} y={43} textAnchor="middle" fontSize={11} className="fill-muted">
                {c.owner === "external" ? "external" : c.team}
              </text>
            </g>
          );
        })}
      </svg>
  );
}

/** The context map with a selectable list of relationships and a panel explaining the selected one. */
export function ContextMapView({ initial = "partnership" }: ContextMapViewProps) {
  const map = foodDeliveryMap;
  const uid = useId();
  const start = Math.max(0, map.relationships.findIndex((r) => r.kind === initial));
  const [selected, setSelected] = useState(start);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const text = useMemo(() => contextMapAsText(map), [map]);
  const rel = map.relationships[selected]!;
  const drawingLabel = `${map.title}. ${text.relationships.length} relationships; the list below and "Show the map as text" describe each.`;
  const kind = relationshipKinds[rel.kind];
  const select = (i: number, focus: boolean) => {
    setSelected(i);
    if (focus) buttons.current[i]?.focus();
  };
  const onKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"].includes(event.key)) return;
    event.preventDefault();
    select(stepSelection(selected, event.key, map.relationships.length), true);
  };
  return (
    <figure className="not-prose my-8 rounded-2xl border border-line bg-surface p-4 sm:p-5" data-testid="context-map" aria-labelledby={`${uid}-title`}>
      <figcaption id={`${uid}-title`} className="text-sm font-semibold">
        {map.title}
      </figcaption>
      <p className="mt-1 text-sm text-muted">Pick a relationship to see what it means here and what each side owes the other. Arrow keys move between them.</p>
      <MapDrawing map={map} selected={selected} onSelect={(i) => select(i, false)} portrait={false} uid={uid} label={drawingLabel} className="mt-3 hidden w-full sm:block" />
      <MapDrawing map={map} selected={selected} onSelect={(i) => select(i, false)} portrait uid={uid} label={drawingLabel} className="mx-auto mt-3 w-full max-w-sm sm:hidden" />
      <p className="mt-1 text-xs text-muted">Arrows point from upstream to downstream; dashed boxes are third parties you cannot change.</p>

      <div role="radiogroup" aria-label="Relationships on the map" className="mt-3 flex flex-wrap gap-2">
        {map.relationships.map((r, i) => {
          const [a, b] = r.sides;
          return (
            <button
              key={r.id}
              ref={(el) => {
                buttons.current[i] = el;
              }}
              type="button"
              role="radio"
              aria-checked={i === selected}
              tabIndex={i === selected ? 0 : -1}
              onClick={() => select(i, false)}
              onKeyDown={onKey}
              data-testid="context-map-relationship"
              className={`rounded-lg border px-3 py-1.5 text-left text-sm ${i === selected ? "border-accent bg-accent-soft font-semibold" : "border-line bg-surface hover:border-accent"}`}
            >
              {relationshipKinds[r.kind].name}
              <span className="block text-xs font-normal text-muted">
                {contextById(map, a.context).name} {a.role === "peer" ? "↔" : "→"} {contextById(map, b.context).name}
              </span>
            </button>
          );
        })}
      </div>

      <div className="mt-4 rounded-xl border border-line bg-sunken/50 p-4" aria-live="polite" data-testid="context-map-detail">
        <h3 className="mt-0 font-semibold">{`${kind.name}: ${contextById(map, rel.sides[0].context).name} ${rel.sides[0].role === "peer" ? "and" : "→"} ${contextById(map, rel.sides[1].context).name}`}</h3>
        <p className="mt-1 text-sm leading-relaxed">{rel.about}</p>
        <p className="mt-2 text-sm leading-relaxed">
          <span className="font-medium">Why this kind: </span>
          {rel.why}
        </p>
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          {rel.sides.map((side, k) => {
            const other = rel.sides[1 - k]!;
            return (
              <div key={side.context} data-testid="context-map-owes">
                <p className="text-sm font-semibold">{`${contextById(map, side.context).name}${side.role === "peer" ? "" : ` (${side.role})`} owes ${contextById(map, other.context).name}:`}</p>
                <ul className="mt-1 list-disc space-y-1 pl-5 text-sm leading-relaxed">
                  {side.owes.map((o) => (
                    <li key={o}>{o}</li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
        <p className="mt-3 text-sm">
          <a className="font-medium text-accent underline" href={`#${kind.patternId}`}>
            Read the {kind.name.toLowerCase()} section
          </a>
        </p>
      </div>

      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium text-accent">Show the map as text</summary>
        <p className="mt-2 font-medium">Contexts</p>
        <ul className="mt-1 list-disc space-y-1 pl-5">
          {text.contexts.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p className="mt-2 font-medium">Relationships</p>
        <ul className="mt-1 list-disc space-y-1 pl-5">
          {text.relationships.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </details>
    </figure>
  );
}

/** Props of `<AggregateBoundary>`: an id (unique on the page) and the item limit of the invariant. */
export interface AggregateBoundaryProps {
  id: string;
  maxItems?: number;
}

const buttonClass = "h-10 rounded-lg bg-accent px-4 font-medium text-on-accent transition-colors hover:bg-accent-strong disabled:opacity-60";
const danger = "text-[var(--fl-danger,#b91c1c)]";

/** Tick what belongs inside the Order aggregate, check, and read the verdict per invariant and per entity. */
export function AggregateBoundary({ id, maxItems = 20 }: AggregateBoundaryProps) {
  const exercise = useMemo(() => orderAggregateExercise(maxItems), [maxItems]);
  const [inside, setInside] = useState<Set<string>>(() => new Set());
  const [result, setResult] = useState<BoundaryCheck | null>(null);
  const toggle = (candidate: string) => {
    setInside((old) => {
      const next = new Set(old);
      if (next.has(candidate)) next.delete(candidate);
      else next.add(candidate);
      return next;
    });
    setResult(null);
  };
  const verdictOf = (candidate: string) => result?.candidates.find((c) => c.id === candidate);
  const insideNames = exercise.candidates.filter((c) => inside.has(c.id)).map((c) => c.name);
  return (
    <div role="group" aria-labelledby={`${id}-q`} className="not-prose my-6 rounded-2xl border border-ok/30 bg-ok-soft px-4 py-5 sm:px-6" data-testid="aggregate-boundary" data-exercise={id}>
      <p className="flex items-center gap-2 text-xs font-semibold uppercase tracking-[0.08em] text-ok">
        <LightbulbIcon className="size-4" />
        Draw the boundary
      </p>
      <p id={`${id}-q`} className="mt-2 font-medium leading-relaxed">
        Which of these belong inside the {exercise.root} aggregate, so that one transaction on an {exercise.root} can keep every rule below true? Tick them; leave the rest outside, referenced by id.
      </p>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm leading-relaxed">
        {exercise.invariants.map((inv) => {
          const v = result?.invariants.find((x) => x.id === inv.id);
          return (
            <li key={inv.id} data-invariant={inv.id} data-holds={v ? String(v.holds) : undefined}>
              {inv.text}
              {v?.holds === true && <span className="ml-1 font-semibold text-ok">✓ enforceable in one transaction</span>}
              {v?.holds === false && <span className={`ml-1 font-semibold ${danger}`}>✗ {v.reason}</span>}
            </li>
          );
        })}
      </ul>
      <p className="mt-3 rounded-lg border-2 border-dashed border-accent bg-surface px-3 py-2 text-sm" data-testid="aggregate-inside">
        <span className="font-semibold">Inside the {exercise.root} aggregate:</span> {exercise.root} (the root){insideNames.length ? `, ${insideNames.join(", ")}` : ""}
      </p>
      <fieldset className="mt-3">
        <legend className="text-sm font-medium">Candidates</legend>
        <ul className="mt-2 grid list-none gap-2 pl-0 sm:grid-cols-2">
          {exercise.candidates.map((c) => {
            const v = verdictOf(c.id);
            return (
              <li key={c.id} className={`rounded-lg border bg-surface px-3 py-2 ${v ? (v.right ? "border-ok" : "border-[var(--fl-danger,#b91c1c)]") : "border-line"}`} data-candidate={c.id} data-verdict={v ? String(v.right) : undefined}>
                <label className="flex cursor-pointer items-start gap-2">
                  <input type="checkbox" className="mt-1 accent-[var(--fl-accent)]" checked={inside.has(c.id)} onChange={() => toggle(c.id)} />
                  <span>
                    <span className="font-mono text-sm font-semibold">{c.name}</span>
                    <span className="block text-sm text-muted">{c.what}</span>
                  </span>
                </label>
                {v && (
                  <p className={`mt-1 text-sm leading-relaxed ${v.right ? "text-ok" : danger}`}>
                    <span className="font-semibold">{v.right ? "✓ " : v.problem === "missing" ? "✗ Needed inside. " : "✗ Too big: reference it by id. "}</span>
                    {v.explanation}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="button" className={buttonClass} onClick={() => setResult(checkBoundary(exercise, inside))} data-testid="exercise-check">
          Check the boundary
        </button>
        <p role="status" aria-live="polite" className="text-sm font-medium" data-testid="exercise-status">
          {result
            ? result.solved
              ? `Right: all ${result.invariants.length} rules hold and nothing unnecessary is inside.`
              : `${result.holding} of ${result.invariants.length} rules enforceable; ${result.correct} of ${result.candidates.length} placements right.`
            : ""}
        </p>
      </div>
    </div>
  );
}
