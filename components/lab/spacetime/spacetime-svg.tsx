"use client";
/**
 * The drawing of one laid-out window (lib/spacetime/layout.ts): lanes, shaded crash and partition
 * bands, client operations, message arrows and event marks, with the selected event's causal past,
 * future and concurrent events tinted. Colours come from theme classes (light and dark); the export
 * inlines them.
 */
import { forwardRef, memo } from "react";
import type { LogEvent } from "@/simulations";
import type { Relation } from "@/lib/spacetime/causality";
import type { Arrow, Mark, OpBar, SpacetimeLayout } from "@/lib/spacetime/layout";

export interface SpacetimeSvgProps {
  layout: SpacetimeLayout;
  width: number;
  relations: Map<number, Relation>;
  selectedSeq: number | null;
  focusedSeq: number | null;
  showFocus: boolean;
  nowX: number | null;
  label: string;
  onPointEvent?: (seq: number | null, kind: "hover" | "click") => void;
  onPickTime?: (x: number) => void;
}

const relationClass: Record<Relation, string> = {
  selected: "fill-accent-strong",
  before: "fill-note",
  after: "fill-ok",
  concurrent: "fill-accent",
  unrelated: "fill-muted",
};

function MarkShape({ mark, relation, dimmed }: { mark: Mark; relation: Relation | undefined; dimmed: boolean }) {
  const { x, y, event: e } = mark;
  const tint = relation ? relationClass[relation] : "fill-fg";
  const opacity = dimmed ? 0.35 : 1;
  switch (e.type) {
    case "send":
    case "deliver":
      return <circle cx={x} cy={y} r={3.2} className={tint} opacity={opacity} />;
    case "timer-set":
      return <circle cx={x} cy={y} r={2.4} className={`fill-surface ${relation ? tint.replace("fill-", "stroke-") : "stroke-muted"}`} strokeWidth={1.2} opacity={opacity} />;
    case "timer-fire":
      return <path d={`M${x} ${y - 3.2}L${x + 3.2} ${y}L${x} ${y + 3.2}L${x - 3.2} ${y}Z`} className={relation ? tint : "fill-muted"} opacity={opacity} />;
    case "timer-cancel":
      return <path d={`M${x - 2.5} ${y - 2.5}L${x + 2.5} ${y + 2.5}M${x + 2.5} ${y - 2.5}L${x - 2.5} ${y + 2.5}`} className={relation ? tint.replace("fill-", "stroke-") : "stroke-muted"} strokeWidth={1.2} opacity={opacity} />;
    case "state":
    case "note":
      return <rect x={x - 3} y={y - 3} width={6} height={6} className={relation ? tint : e.type === "state" ? "fill-ok" : "fill-note"} opacity={opacity} />;
    case "crash":
      return <path d={`M${x - 5} ${y - 5}L${x + 5} ${y + 5}M${x + 5} ${y - 5}L${x - 5} ${y + 5}`} className="stroke-warn" strokeWidth={2.4} opacity={opacity} />;
    case "restart":
      return <path d={`M${x - 3} ${y - 5}L${x + 5} ${y}L${x - 3} ${y + 5}Z`} className="fill-ok" opacity={opacity} />;
    default:
      return null;
  }
}

function ArrowLine({ arrow, dimmed, showLabel }: { arrow: Arrow; dimmed: boolean; showLabel: boolean }) {
  const { x1, y1, x2, y2, kind } = arrow;
  const stroke = kind === "dropped" ? "stroke-warn" : "stroke-note";
  const angle = Math.atan2(y2 - y1, x2 - x1);
  const head = (a: number) => `${x2 - 6 * Math.cos(angle - a)},${y2 - 6 * Math.sin(angle - a)}`;
  return (
    <g opacity={dimmed ? 0.3 : 0.9} data-arrow={kind}>
      <line x1={x1} y1={y1} x2={x2} y2={y2} className={stroke} strokeWidth={1.1} strokeDasharray={kind === "in-flight" ? "3 3" : kind === "dropped" ? "5 2" : undefined} />
      {kind === "dropped" ? (
        <path d={`M${x2 - 4} ${y2 - 4}L${x2 + 4} ${y2 + 4}M${x2 + 4} ${y2 - 4}L${x2 - 4} ${y2 + 4}`} className="stroke-warn" strokeWidth={2} />
      ) : (
        <polygon points={`${x2},${y2} ${head(0.45)} ${head(-0.45)}`} className="fill-note" />
      )}
      {showLabel && Math.hypot(x2 - x1, y2 - y1) > 70 && (
        <text x={(x1 + x2) / 2} y={(y1 + y2) / 2 - 2} fontSize={9} textAnchor="middle" className="fill-muted">
          {arrow.label}
        </text>
      )}
    </g>
  );
}

function OpLine({ bar }: { bar: OpBar }) {
  const cls = bar.role === "blocked" ? "stroke-warn" : bar.role === "prefix" ? "stroke-ok" : "stroke-muted";
  const width = bar.role === "blocked" ? 5 : bar.role === "prefix" ? 3 : 2;
  return (
    <g data-op={bar.op.id} data-op-role={bar.role}>
      <line x1={bar.x1} y1={bar.y} x2={bar.x2} y2={bar.y} className={cls} strokeWidth={width} strokeLinecap="round" opacity={bar.role === "plain" ? 0.55 : 1} />
      {bar.role === "blocked" && (
        <text x={bar.x1} y={bar.y + 12} fontSize={10} fontWeight={700} className="fill-warn">
          #{bar.op.id} {bar.op.op} {bar.op.op === "read" ? `→ ${String(bar.op.value)}` : String(bar.op.value)}: cannot be placed
        </text>
      )}
      {bar.role === "prefix" && bar.order !== undefined && (
        <text x={bar.x1} y={bar.y + 10} fontSize={8} className="fill-ok">
          {bar.order}
        </text>
      )}
    </g>
  );
}

const PARTITION_TINTS = ["fill-accent-soft", "fill-note-soft", "fill-ok-soft", "fill-warn-soft"];

export const SpacetimeSvg = memo(
  forwardRef<SVGSVGElement, SpacetimeSvgProps>(function SpacetimeSvg({ layout, width, relations, selectedSeq, focusedSeq, showFocus, nowX, label, onPointEvent, onPickTime }, ref) {
    const { lanes, marks, arrows, shades, ops, ticks, height } = layout;
    const selected = selectedSeq !== null;
    const related = (seq: number | undefined) => seq !== undefined && relations.get(seq) !== undefined && relations.get(seq) !== "unrelated";
    const focusMark = focusedSeq === null ? undefined : marks.find((m) => m.event.seq === focusedSeq);
    const showLabels = arrows.length < 40;
    const left = 44;
    return (
      <svg ref={ref} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="block select-none" data-testid="spacetime-svg">
        <defs>
          <clipPath id="spacetime-plot">
            <rect x={left} y={0} width={Math.max(0, width - left)} height={height} />
          </clipPath>
        </defs>
        {/* Time axis; a click moves the lab's scrubber there. */}
        <g className="cursor-pointer" onClick={(ev) => onPickTime?.(ev.nativeEvent.offsetX)}>
          <rect x={left} y={0} width={Math.max(0, width - left)} height={16} className="fill-sunken" />
          {ticks.map((t) => (
            <g key={t.label}>
              <line x1={t.x} y1={12} x2={t.x} y2={height} className="stroke-line" strokeWidth={1} />
              <text x={t.x + 2} y={11} fontSize={9} className="fill-muted">
                {t.label}
              </text>
            </g>
          ))}
        </g>
        <g clipPath="url(#spacetime-plot)">
          {shades.map((s, i) => (
            <rect key={`s${i}`} x={s.x1} y={s.y1} width={Math.max(1, s.x2 - s.x1)} height={s.y2 - s.y1} className={s.kind === "crash" ? "fill-sunken stroke-warn" : PARTITION_TINTS[s.group % PARTITION_TINTS.length]} strokeDasharray={s.kind === "crash" ? "2 2" : undefined} data-shade={s.kind}>
              <title>{s.label}</title>
            </rect>
          ))}
        </g>
        {lanes.map((l) => (
          <g key={l.id}>
            <line x1={left} y1={l.y} x2={width} y2={l.y} className="stroke-faint" strokeWidth={1} opacity={0.6} />
            <text x={6} y={l.y + 4} fontSize={11} fontWeight={600} className="fill-fg">
              {l.id}
            </text>
          </g>
        ))}
        <g clipPath="url(#spacetime-plot)">
          {ops.map((b) => (
            <OpLine key={`o${b.op.id}`} bar={b} />
          ))}
          {arrows.map((a, i) => (
            <ArrowLine key={`a${a.messageId}-${i}`} arrow={a} dimmed={selected && !related(a.sendSeq) && !related(a.endSeq)} showLabel={showLabels} />
          ))}
          {marks.map((m) => {
            const relation = relations.get(m.event.seq);
            return (
              <g key={m.event.seq} data-seq={m.event.seq} data-relation={relation}>
                <MarkShape mark={m} relation={relation} dimmed={selected && (relation === undefined || relation === "unrelated")} />
                {relation === "concurrent" && <circle cx={m.x} cy={m.y} r={6} className="fill-none stroke-accent" strokeWidth={1.4} />}
                {relation === "selected" && <circle cx={m.x} cy={m.y} r={7} className="fill-none stroke-accent-strong" strokeWidth={2.2} />}
                <circle
                  cx={m.x}
                  cy={m.y}
                  r={7}
                  fill="transparent"
                  className="cursor-pointer"
                  onMouseEnter={() => onPointEvent?.(m.event.seq, "hover")}
                  onMouseLeave={() => onPointEvent?.(null, "hover")}
                  onClick={() => onPointEvent?.(m.event.seq, "click")}
                />
              </g>
            );
          })}
          {nowX !== null && <line x1={nowX} y1={14} x2={nowX} y2={height} className="stroke-accent" strokeWidth={1.5} data-testid="spacetime-now" />}
          {showFocus && focusMark && <circle cx={focusMark.x} cy={focusMark.y} r={9.5} className="fill-none stroke-fg" strokeWidth={2} strokeDasharray="3 2" data-testid="spacetime-focus" />}
        </g>
      </svg>
    );
  }),
);

/** The events a mark list holds, by seq (for lookups). */
export function marksBySeq(marks: readonly Mark[]): Map<number, LogEvent> {
  return new Map(marks.map((m) => [m.event.seq, m.event]));
}
