"use client";
/**
 * The frame every node kind shares: handles, the id and kind, crashed/degraded markers (icon and
 * text, never colour alone), focus and the keyboard fault menu. Kind components fill the body.
 */
import { Handle, Position } from "@xyflow/react";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useShallow } from "zustand/react/shallow";
import { useLab, useLabState, useReducedMotion } from "../lab-context";
import { formatNumber, formatPercent } from "../format";
import type { NodeGauges } from "@/simulations";
// edit-timeline, not lab-controller: static diagrams use these nodes without the simulation bundle.
import { isFaultActive } from "@/lib/lab/edit-timeline";
import { describeGauges, readGauges, type ReadGauges } from "./node-gauges";
import { NodeFaultMenu } from "./node-fault-menu";
import { useLabChrome } from "@/components/share/lab-chrome";

export interface LabNodeData extends Record<string, unknown> {
  kind: string;
  hasIncoming: boolean;
  hasOutgoing: boolean;
  /** False in static diagrams: no focus, no fault menu. */
  interactive?: boolean;
  /** A compact card (icon, name, one big live number) when full cards would be too small to read. */
  compact?: boolean;
}

type Tone = "danger" | "warn" | "ok" | "muted";
const toneClass: Record<Tone, string> = {
  danger: "bg-[var(--fl-danger,#b91c1c)] text-white",
  warn: "bg-warn text-on-accent",
  ok: "border border-line text-muted",
  muted: "border border-line text-muted",
};

/** The state a learner should see at a glance: crashed, breaker open / half-open, failing over, replica lag. */
function stateBadge(g: ReadGauges, raw: NodeGauges, lagMs: number | null): { text: string; tone: Tone } | null {
  if (g.crashed) return { text: "✖ CRASHED", tone: "danger" };
  if (g.stateName === "open") return { text: "⛔ OPEN", tone: "danger" };
  if (g.stateName === "half-open") return { text: "◐ HALF-OPEN", tone: "warn" };
  if (raw.failingOver === true) return { text: "⇄ FAILING OVER", tone: "warn" };
  if (g.stateName === "disabled") return { text: "OFF", tone: "muted" };
  if (g.stateName === "closed") return { text: "CLOSED", tone: "ok" };
  if (lagMs !== null && lagMs >= 1) return { text: `LAG ${formatNumber(Math.round(lagMs))} ms`, tone: lagMs >= 100 ? "warn" : "muted" };
  return null;
}

/** The one big live number of a compact card, with what it counts. */
function headline(kind: string, g: ReadGauges, raw: NodeGauges): { value: string; label: string; detail?: string } | null {
  if (typeof raw.ratePerSec === "number") return { value: formatNumber(raw.ratePerSec), label: "req/s" };
  if (typeof raw.healthyTargets === "number") return { value: `${raw.healthyTargets}/${String(raw.targets)}`, label: "in rotation" };
  if (g.busy !== null && g.workers !== null) return { value: `${g.busy}/${g.workers}`, label: "busy", detail: g.queue !== null ? `queue ${g.queue}${g.capacity !== null ? `/${g.capacity}` : ""}` : undefined };
  if (g.hitRatio !== null) return { value: formatPercent(g.hitRatio), label: "hits" };
  if (g.queue !== null) return { value: formatNumber(g.queue), label: "queued" };
  const extra = g.extras.find(([, v]) => typeof v === "number");
  if (extra) return { value: formatNumber(Number(extra[1])), label: extra[0].replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase() };
  return kind ? null : null;
}

/** Moves focus between a lab graph's nodes and edges with the arrow keys. */
function focusIn(from: HTMLElement, selector: string): boolean {
  const el = from.closest(".react-flow")?.querySelector<HTMLElement | SVGElement>(selector);
  if (!el) return false;
  el.focus();
  return true;
}

export function NodeShell({ id, data, icon, children }: { id: string; data: LabNodeData; icon: ReactNode; children: (g: ReadGauges, raw: NodeGauges) => ReactNode }) {
  const lab = useLab();
  // Shallow-compared: a frame replaces the gauges object, but a node re-renders only when its values change.
  const gauges = useLabState(useShallow((s) => s.gauges[id] ?? {}));
  const selected = useLabState((s) => s.selection?.type === "node" && s.selection.id === id);
  const faultCount = useLabState((s) => s.edits.faults.filter((f) => f.target === id && isFaultActive(f, s.timeMs)).length);
  // Read-only embeds show live state but offer no fault menu.
  const readOnly = useLabChrome().options.readOnly;
  const interactive = data.interactive !== false;
  const g = readGauges(gauges);
  const ref = useRef<HTMLDivElement>(null);
  // A crash fault in effect shows as a crash at once, also while paused before the engine applies it.
  const crashPending = useLabState((s) => s.edits.faults.some((f) => f.target === id && f.kind === "crash" && isFaultActive(f, s.timeMs)));
  const status = g.crashed || crashPending ? "crashed" : g.degraded || faultCount > 0 ? "degraded" : "ok";
  const lagMs = useLabState((s) => {
    const lag = (s.report?.nodes?.[id] as { replicationLagMs?: { max?: number } } | undefined)?.replicationLagMs?.max;
    return typeof lag === "number" ? lag : null;
  });
  const badge = stateBadge({ ...g, crashed: status === "crashed" }, gauges, lagMs);
  const compact = data.compact === true;
  const reduced = useReducedMotion();
  // A state change flashes the node (a static ring in reduced motion) so a brief half-open is seen.
  const [flash, setFlash] = useState(false);
  const previousBadge = useRef(badge?.text);
  useEffect(() => {
    if (previousBadge.current === badge?.text) return;
    const first = previousBadge.current === undefined && badge?.text === "CLOSED";
    previousBadge.current = badge?.text;
    if (first) return;
    setFlash(true);
    const timer = setTimeout(() => setFlash(false), 1400);
    return () => clearTimeout(timer);
  }, [badge?.text]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (event.target !== event.currentTarget) return;
      const el = event.currentTarget as HTMLElement;
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        lab.select(selected ? null : { type: "node", id });
      } else if (event.key === "Escape" && selected) {
        lab.select(null);
      } else if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
        // Arrows reach the node's links: → its first outgoing edge, ← its first incoming one.
        const attr = event.key === "ArrowRight" ? "data-lab-edge-from" : "data-lab-edge-to";
        if (focusIn(el, `[${attr}="${CSS.escape(id)}"]`)) event.preventDefault();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        const all = [...(el.closest(".react-flow")?.querySelectorAll<HTMLElement>("[data-lab-node]") ?? [])];
        const next = all[(all.indexOf(el) + (event.key === "ArrowDown" ? 1 : all.length - 1)) % all.length];
        if (next) {
          event.preventDefault();
          next.focus();
        }
      }
    },
    [lab, id, selected],
  );

  return (
    <div
      ref={ref}
      role={interactive ? "button" : undefined}
      tabIndex={interactive ? 0 : undefined}
      aria-expanded={interactive ? selected : undefined}
      aria-label={interactive ? `${describeGauges(id, data.kind, { ...g, crashed: status === "crashed" })}${badge && status !== "crashed" ? `, ${badge.text.replace(/^[^A-Z]+/, "").toLowerCase()}` : ""}.${readOnly ? "" : " Press Enter for faults."} Arrow keys move to its links and to other nodes.` : undefined}
      data-testid={`lab-node-${id}`}
      data-lab-node={id}
      data-status={status}
      data-compact={compact || undefined}
      onKeyDown={interactive ? onKeyDown : undefined}
      className={[
        "lab-node relative rounded-lg border bg-surface text-fg shadow-sm outline-none transition-colors",
        compact ? "w-[136px]" : "w-[176px]",
        "focus-visible:ring-2 focus-visible:ring-accent focus-visible:ring-offset-2 focus-visible:ring-offset-bg",
        status === "crashed" ? "border-2 border-dashed border-[var(--fl-danger,#b91c1c)]" : status === "degraded" ? "border-warn" : "border-line",
        selected ? "ring-2 ring-accent" : "",
        flash ? (reduced ? "ring-4 ring-warn" : "lab-node-flash") : "",
      ].join(" ")}
    >
      {data.hasIncoming && <Handle type="target" position={Position.Left} isConnectable={false} className="!h-2 !w-2 !border-0 !bg-faint" />}
      {compact ? (
        <CompactBody id={id} kind={data.kind} icon={icon} g={g} raw={gauges} badge={badge} />
      ) : (
        <>
          <div className="flex items-center gap-1.5 border-b border-line px-2.5 py-1.5">
            <span aria-hidden className="text-muted">{icon}</span>
            <span className="truncate font-mono text-[13px] font-semibold">{id}</span>
            <span className="ml-auto truncate text-[11px] uppercase tracking-wide text-muted">{data.kind}</span>
          </div>
          <div className="space-y-1 px-2.5 py-1.5 text-[11px] leading-tight">
            {badge && <Badge badge={badge} />}
            {status === "degraded" && (
              <p className="flex items-center gap-1 font-semibold text-warn">
                <span aria-hidden>⚠</span>
                Degraded
              </p>
            )}
            {children(g, gauges ?? {})}
          </div>
        </>
      )}
      {data.hasOutgoing && <Handle type="source" position={Position.Right} isConnectable={false} className="!h-2 !w-2 !border-0 !bg-faint" />}
      {selected && interactive && !readOnly && <NodeFaultMenu nodeId={id} crashed={status === "crashed"} onClose={() => { lab.select(null); ref.current?.focus(); }} />}
    </div>
  );
}

function Badge({ badge, large }: { badge: { text: string; tone: Tone }; large?: boolean }) {
  return (
    <p className={`inline-block rounded px-1.5 py-0.5 font-bold tracking-wide ${large ? "text-[13px]" : "text-[12px]"} ${toneClass[badge.tone]}`} data-testid="node-badge">
      {badge.text}
    </p>
  );
}

function CompactBody({ id, kind, icon, g, raw, badge }: { id: string; kind: string; icon: ReactNode; g: ReadGauges; raw: NodeGauges; badge: { text: string; tone: Tone } | null }) {
  const main = headline(kind, g, raw);
  return (
    <div className="space-y-1 px-2.5 py-2">
      <div className="flex items-center gap-1.5">
        <span aria-hidden className="text-[14px] text-muted">{icon}</span>
        <span className="truncate font-mono text-[14px] font-semibold">{id}</span>
      </div>
      {main && (
        <p className="flex items-baseline gap-1.5">
          <span className="font-mono text-[22px] font-semibold leading-none tabular-nums">{main.value}</span>
          <span className="text-[13px] text-muted">{main.label}</span>
        </p>
      )}
      {main?.detail && <p className="font-mono text-[13px] text-muted">{main.detail}</p>}
      {badge && badge.tone !== "ok" && <Badge badge={badge} large />}
      {badge && badge.tone === "ok" && !main && <Badge badge={badge} large />}
    </div>
  );
}

/** A labelled horizontal fill (utilisation, queue): the number is always printed beside the bar. */
export function Meter({ label, value, max, text, warn }: { label: string; value: number; max: number; text: string; warn?: boolean }) {
  const ratio = max > 0 ? Math.min(1, value / max) : 0;
  return (
    <div>
      <div className="flex justify-between text-muted">
        <span>{label}</span>
        <span className="font-mono text-fg">{text}</span>
      </div>
      <div className="mt-0.5 h-1.5 overflow-hidden rounded-full bg-sunken" aria-hidden>
        <div className={`h-full rounded-full ${warn ? "bg-warn" : "bg-accent"}`} style={{ width: `${ratio * 100}%` }} />
      </div>
    </div>
  );
}
