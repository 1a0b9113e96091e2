"use client";
/**
 * The frame every node kind shares: handles, the id and kind, crashed/degraded markers (icon and
 * text, never colour alone), focus and the keyboard fault menu. Kind components fill the body.
 */
import { Handle, Position } from "@xyflow/react";
import { useCallback, useRef, type KeyboardEvent, type ReactNode } from "react";
import { useShallow } from "zustand/react/shallow";
import { useLab, useLabState } from "../lab-context";
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
  const status = g.crashed ? "crashed" : g.degraded || faultCount > 0 ? "degraded" : "ok";

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (event.target !== event.currentTarget) return;
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        lab.select(selected ? null : { type: "node", id });
      } else if (event.key === "Escape" && selected) {
        lab.select(null);
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
      aria-label={interactive ? `${describeGauges(id, data.kind, g)}.${readOnly ? "" : " Press Enter for faults."}` : undefined}
      data-testid={`lab-node-${id}`}
      data-status={status}
      onKeyDown={interactive ? onKeyDown : undefined}
      className={[
        "lab-node relative w-[168px] rounded-lg border bg-surface text-fg shadow-sm outline-none transition-colors",
        "focus-visible:ring-2 focus-visible:ring-accent focus-visible:ring-offset-2 focus-visible:ring-offset-bg",
        status === "crashed" ? "border-dashed border-[var(--fl-danger,#b91c1c)] opacity-90" : status === "degraded" ? "border-warn" : "border-line",
        selected ? "ring-2 ring-accent" : "",
      ].join(" ")}
    >
      {data.hasIncoming && <Handle type="target" position={Position.Left} isConnectable={false} className="!h-2 !w-2 !border-0 !bg-faint" />}
      <div className="flex items-center gap-1.5 border-b border-line px-2.5 py-1.5">
        <span aria-hidden className="text-muted">{icon}</span>
        <span className="truncate font-mono text-[13px] font-semibold">{id}</span>
        <span className="ml-auto text-[10px] uppercase tracking-wide text-faint">{data.kind}</span>
      </div>
      <div className="space-y-1 px-2.5 py-1.5 text-[11px] leading-tight">
        {status !== "ok" && (
          <p className={`flex items-center gap-1 font-semibold ${status === "crashed" ? "text-[var(--fl-danger,#b91c1c)]" : "text-warn"}`}>
            <span aria-hidden>{status === "crashed" ? "✖" : "⚠"}</span>
            {status === "crashed" ? "Crashed" : "Degraded"}
          </p>
        )}
        {children(g, gauges ?? {})}
      </div>
      {data.hasOutgoing && <Handle type="source" position={Position.Right} isConnectable={false} className="!h-2 !w-2 !border-0 !bg-faint" />}
      {selected && interactive && !readOnly && <NodeFaultMenu nodeId={id} crashed={g.crashed} onClose={() => { lab.select(null); ref.current?.focus(); }} />}
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
