"use client";
/**
 * Fault injection and the fault timeline. Pick a node or link (or click one in the graph), then
 * crash/recover it, add latency, set an error rate, or partition a link, starting now. The timeline
 * lists every fault, preset and learner's, with editable start and duration.
 */
import { useId, useState } from "react";
import { faultKinds, type FaultSpec } from "@/simulations";
import { activeFaultsOn } from "@/lib/lab/lab-controller";
import { isFaultActive, type TimelineFault } from "@/lib/lab/edit-timeline";
import { useLab, useLabState } from "../lab-context";
import { formatSimTime } from "../format";

const button = "h-8 rounded-md border border-line bg-surface px-2.5 text-sm font-medium text-fg hover:bg-sunken focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent disabled:opacity-50";
const field = "h-8 rounded-md border border-line bg-surface px-2 font-mono text-sm text-fg";

function describeFault(f: FaultSpec): string {
  const entry = faultKinds[f.kind as keyof typeof faultKinds];
  return entry ? entry.label(f as never) : (f as { kind: string }).kind;
}

function TimelineRow({ fault }: { fault: TimelineFault }) {
  const lab = useLab();
  const timeMs = useLabState((s) => s.timeMs);
  const active = isFaultActive(fault, timeMs);
  const [problem, setProblem] = useState<string | null>(null);
  const change = (c: Partial<FaultSpec>) => setProblem(lab.changeFault(fault.id, c));
  return (
    <tr className="border-t border-line align-middle">
      <td className="py-1.5 pr-2 font-mono">{fault.target}</td>
      <td className="pr-2">
        {describeFault(fault)}
        {active && <span className="ml-1 text-xs font-semibold text-warn">● now</span>}
      </td>
      <td className="pr-2">
        <input
          className={`${field} w-20`}
          type="number"
          min={0}
          step={0.5}
          aria-label={`Start of ${describeFault(fault)} on ${fault.target}, seconds`}
          defaultValue={fault.atMs / 1000}
          onBlur={(e) => change({ atMs: Math.max(0, Number(e.target.value) * 1000) })}
        />
      </td>
      <td className="pr-2">
        <input
          className={`${field} w-20`}
          type="number"
          min={0}
          step={0.5}
          placeholder="∞"
          aria-label={`Duration of ${describeFault(fault)} on ${fault.target}, seconds (empty: until the end)`}
          defaultValue={fault.durationMs == null ? "" : fault.durationMs / 1000}
          onBlur={(e) => change({ durationMs: e.target.value === "" ? null : Number(e.target.value) * 1000 })}
        />
      </td>
      <td>
        <button type="button" className={button} onClick={() => lab.removeFault(fault.id)} aria-label={`Remove ${describeFault(fault)} on ${fault.target}`}>
          ✕
        </button>
        {problem && <p role="alert" className="text-xs text-[var(--fl-danger,#b91c1c)]">⚠ {problem}</p>}
      </td>
    </tr>
  );
}

export function FaultPanel() {
  const lab = useLab();
  const preset = useLabState((s) => s.preset);
  const selection = useLabState((s) => s.selection);
  const faults = useLabState((s) => s.edits.faults);
  const timeMs = useLabState((s) => s.timeMs);
  const gaugesCrashed = useLabState((s) => (selection?.type === "node" ? s.gauges[selection.id]?.crashed === true : false));
  const activeHere = useLabState((s) => (selection ? activeFaultsOn(s, selection.id).length : 0));
  const [addMs, setAddMs] = useState(100);
  const [rate, setRate] = useState(0.5);
  const selectId = useId();

  const targets = [
    ...preset.nodes.map((n) => ({ value: `node:${n.id}`, label: `${n.id} (${n.kind})` })),
    ...preset.edges.map((e, i) => ({ value: `edge:${i}`, label: `link ${e.id ?? `${e.from}->${e.to}`}` })),
  ];
  const current = selection ? (selection.type === "node" ? `node:${selection.id}` : `edge:${selection.index}`) : "";
  const target = selection?.id;
  const isEdge = selection?.type === "edge";

  return (
    <div className="space-y-4 text-sm">
      <div className="space-y-1">
        <label htmlFor={selectId} className="block font-medium">
          Target
        </label>
        <select
          id={selectId}
          className="h-9 w-full rounded-md border border-line bg-surface px-2 text-fg"
          value={current}
          data-testid="fault-target"
          onChange={(e) => {
            const [type, rest] = e.target.value.split(":");
            if (type === "node") lab.select({ type: "node", id: rest });
            else if (type === "edge") {
              const edge = preset.edges[Number(rest)];
              lab.select({ type: "edge", index: Number(rest), id: edge.id ?? `${edge.from}->${edge.to}` });
            } else lab.select(null);
          }}
        >
          <option value="">Choose a node or link…</option>
          {targets.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
        <p className="text-xs text-muted">Or click a node or link in the graph. Faults start at the current time, {formatSimTime(timeMs)}.</p>
      </div>
      {target && (
        <div className="space-y-2" role="group" aria-label={`Faults for ${target}`}>
          {isEdge ? (
            <button type="button" className={button} onClick={() => lab.injectFault({ kind: "partition", target })}>
              ✂ Partition link
            </button>
          ) : (
            <div className="flex flex-wrap gap-2">
              <button type="button" className={button} onClick={() => lab.injectFault({ kind: "crash", target })} disabled={gaugesCrashed} data-testid="fault-crash">
                ✖ Crash
              </button>
              <span className="flex items-center gap-1">
                <input className={`${field} w-20`} type="number" min={1} value={addMs} onChange={(e) => setAddMs(Number(e.target.value))} aria-label="Latency to add, ms" />
                <button type="button" className={button} onClick={() => addMs > 0 && lab.injectFault({ kind: "latency", target, addMs })}>
                  + latency (ms)
                </button>
              </span>
              <span className="flex items-center gap-1">
                <input className={`${field} w-20`} type="number" min={0} max={1} step={0.05} value={rate} onChange={(e) => setRate(Number(e.target.value))} aria-label="Error rate, 0 to 1" />
                <button type="button" className={button} onClick={() => rate >= 0 && rate <= 1 && lab.injectFault({ kind: "errors", target, rate })}>
                  Set error rate
                </button>
              </span>
            </div>
          )}
          <button type="button" className={button} onClick={() => lab.recover(target)} disabled={activeHere === 0} data-testid="fault-recover">
            ✔ Recover {target}
          </button>
        </div>
      )}
      <div>
        <h4 className="mb-1 font-medium">Fault timeline</h4>
        {faults.length === 0 ? (
          <p className="text-muted">No faults scheduled.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="fault-timeline">
              <thead className="text-xs text-muted">
                <tr>
                  <th className="font-medium">Target</th>
                  <th className="font-medium">Fault</th>
                  <th className="font-medium">Start (s)</th>
                  <th className="font-medium">Lasts (s)</th>
                  <th>
                    <span className="sr-only">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {faults.map((f) => (
                  <TimelineRow key={`${f.id}-${f.atMs}-${f.durationMs}`} fault={f} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
