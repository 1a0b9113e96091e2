"use client";
/**
 * Faults inside a protocol node, injected at the scrubber's time: crash one replica, or partition the
 * network (one replica cut off from the others, or the processes split in two). They go into the
 * node's `replicaFaults` timeline (the scenario's faults name nodes, not processes), so they are part
 * of the lab's edits: shared in links, replayed exactly on rewind.
 */
import { useId, useState } from "react";
import type { ParamValue } from "@/lib/lab/edit-timeline";
import { useLab, useLabState } from "../lab-context";

const DURATIONS: { label: string; ms: number | null }[] = [
  { label: "1 s", ms: 1000 },
  { label: "2 s", ms: 2000 },
  { label: "5 s", ms: 5000 },
  { label: "until the end", ms: null },
];

export function ProtocolFaults({ nodeId, processes }: { nodeId: string; processes: readonly string[] }) {
  const lab = useLab();
  const preset = useLabState((s) => s.preset);
  const params = useLabState((s) => s.edits.params);
  const readOnlyTime = useLabState((s) => s.timeMs);
  const replicas = processes.filter((p) => /^r\d+$/.test(p));
  const clients = processes.filter((p) => /^c\d+$/.test(p));
  const [crash, setCrash] = useState(replicas[0] ?? "r1");
  const [split, setSplit] = useState("isolate:r1");
  const [duration, setDuration] = useState(1);
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  if (replicas.length === 0) return null;

  const path = `${nodeId}.replicaFaults`;
  const existing = (): ParamValue[] => {
    const edited = params[path];
    if (Array.isArray(edited)) return edited;
    const node = preset.nodes.find((n) => n.id === nodeId) as { replicaFaults?: ParamValue[] } | undefined;
    return node?.replicaFaults ? structuredClone(node.replicaFaults) : [];
  };
  const inject = (fault: Record<string, ParamValue>) => {
    const ms = DURATIONS[duration].ms;
    const atMs = Math.round(readOnlyTime * 10) / 10;
    const error = lab.setParam(path, [...existing(), { atMs, ...(ms !== null ? { durationMs: ms } : {}), ...fault }]);
    setProblem(error);
  };
  const partitionGroups = (): string[][] => {
    if (split === "halves") {
      const half = Math.ceil(replicas.length / 2);
      const clientHalf = Math.ceil(clients.length / 2);
      return [
        [...replicas.slice(0, half), ...clients.slice(0, clientHalf)],
        [...replicas.slice(half), ...clients.slice(clientHalf)],
      ];
    }
    const alone = split.slice("isolate:".length);
    return [[alone], replicas.filter((r) => r !== alone)];
  };
  const select = "h-8 rounded-md border border-line bg-surface px-1.5 text-sm";
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm" role="group" aria-label="Inject a fault inside the protocol" data-testid="protocol-faults">
      <label className="flex items-center gap-1.5">
        For
        <select className={select} value={duration} onChange={(e) => setDuration(Number(e.target.value))} aria-label="Fault lasts">
          {DURATIONS.map((d, i) => (
            <option key={d.label} value={i}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <span className="flex items-center gap-1.5">
        <label htmlFor={`${id}-crash`} className="sr-only">
          Replica to crash
        </label>
        <select id={`${id}-crash`} className={select} value={crash} onChange={(e) => setCrash(e.target.value)}>
          {replicas.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button type="button" className="h-8 rounded-md border border-line px-2.5 hover:border-warn" onClick={() => inject({ kind: "crash", replica: crash })} data-testid="protocol-crash">
          Crash now
        </button>
      </span>
      <span className="flex items-center gap-1.5">
        <label htmlFor={`${id}-split`} className="sr-only">
          How to split the network
        </label>
        <select id={`${id}-split`} className={select} value={split} onChange={(e) => setSplit(e.target.value)} data-testid="protocol-split">
          {replicas.map((r) => (
            <option key={r} value={`isolate:${r}`}>
              {r} cut off from the other replicas
            </option>
          ))}
          <option value="halves">replicas and clients in two halves</option>
        </select>
        <button type="button" className="h-8 rounded-md border border-line px-2.5 hover:border-warn" onClick={() => inject({ kind: "partition", groups: partitionGroups() })} data-testid="protocol-partition">
          Partition now
        </button>
      </span>
      {problem && (
        <span role="alert" className="text-warn">
          {problem}
        </span>
      )}
    </div>
  );
}
