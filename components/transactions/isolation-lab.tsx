"use client";
/**
 * <IsolationLab>: two or three transactions interleaved over shared rows, stepped under one
 * isolation level. Lanes show each statement and what it returned (or that it waited, or aborted),
 * the rows show their MVCC versions, and the dependency graph (ww, wr, rw) of the history so far
 * highlights a cycle and names it (Adya). A canned schedule per Hermitage anomaly, or your own.
 * Engine: simulations/models/transactions; native buttons, selects and radios only.
 */
import { useEffect, useId, useMemo, useState } from "react";
import { transactions as tx } from "@/simulations";
import { color, labelSize } from "@/components/mechanisms/palette";
import { GeoFrame, quietButton } from "@/components/geo/widget-parts";

export interface IsolationLabProps {
  /** Schedule shown first (default "G2-item"). */
  schedule?: string;
  /** Level shown first (default "repeatable-read"). */
  level?: tx.Level;
  /** Schedules offered (default: all). */
  schedules?: string[];
}

const LEVEL_NAMES: Record<tx.Level, string> = {
  "read-committed": "Read committed",
  "repeatable-read": "Repeatable read (snapshot)",
  serializable: "Serializable (SSI)",
  "two-phase-locking": "Two-phase locking",
};
const LEVEL_PHRASES: Record<tx.Level, string> = {
  "read-committed": "read committed",
  "repeatable-read": "repeatable read",
  serializable: "serializable",
  "two-phase-locking": "two-phase locking",
};
const LANES = ["T1", "T2", "T3"] as const;
const CUSTOM = "custom";
const CUSTOM_ROWS = { x: 10, y: 20 };
const STATEMENTS: { label: string; make: (t: string) => tx.Step }[] = [
  { label: "read x", make: (t) => ({ tx: t, kind: "read", key: "x" }) },
  { label: "read y", make: (t) => ({ tx: t, kind: "read", key: "y" }) },
  { label: "update x = 11", make: (t) => ({ tx: t, kind: "write", key: "x", value: 11 }) },
  { label: "update y = 21", make: (t) => ({ tx: t, kind: "write", key: "y", value: 21 }) },
  { label: "update x = 12", make: (t) => ({ tx: t, kind: "write", key: "x", value: 12 }) },
  { label: "commit", make: (t) => ({ tx: t, kind: "commit" }) },
  { label: "abort", make: (t) => ({ tx: t, kind: "abort" }) },
];

export function IsolationLab({ schedule: s0 = "G2-item", level: l0 = "repeatable-read", schedules }: IsolationLabProps) {
  const offered = useMemo(() => tx.SCHEDULES.filter((s) => !schedules || schedules.includes(s.id)), [schedules]);
  const [scheduleId, setScheduleId] = useState(s0);
  const [level, setLevel] = useState<tx.Level>(l0);
  const [custom, setCustom] = useState<tx.Step[]>([]);
  const [at, setAt] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [lane, setLane] = useState("T1");
  const [statement, setStatement] = useState(0);
  const levelName = useId();

  const canned = scheduleId === CUSTOM ? null : tx.scheduleById(scheduleId);
  const steps = canned ? canned.steps : custom;
  const initial = canned ? canned.initial : CUSTOM_ROWS;
  const total = steps.length;
  const run = useMemo(() => tx.runSchedule(steps, level, initial, at), [steps, level, initial, at]);
  const graph = useMemo(() => tx.dependencyGraph(run, at < total), [run, at, total]);
  const finalRun = useMemo(() => tx.runSchedule(steps, level, initial), [steps, level, initial]);
  const lanes = LANES.filter((l) => steps.some((s) => s.tx === l));

  useEffect(() => {
    if (!playing) return;
    if (at >= total) {
      setPlaying(false);
      return;
    }
    const timer = window.setTimeout(() => setAt((a) => Math.min(total, a + 1)), 900);
    return () => window.clearTimeout(timer);
  }, [playing, at, total]);

  const choose = (id: string) => {
    setScheduleId(id);
    setAt(0);
    setPlaying(false);
  };
  const chooseLevel = (l: tx.Level) => {
    setLevel(l);
    setAt(0);
    setPlaying(false);
  };

  const last = run.events.filter((e) => e.step === at - 1);
  const happened = last.length > 0 ? last.map((e) => e.text).join(" ") : at === 0 ? "Nothing has run yet." : "";
  const cycleText = graph.cycle
    ? `The dependency graph has a cycle: ${graph.cycle.edges.map((e) => `${e.from} →${e.kind} ${e.to}`).join(", ")}: ${tx.CYCLE_NAMES[graph.cycle.kind]}.`
    : graph.edges.length > 0
      ? "The dependency graph has no cycle: the history so far is serializable."
      : at === total && total > 0
        ? "The committed transactions have no dependencies on each other: the outcome is serializable."
        : "No dependencies yet.";
  const verdict = canned && at === total ? (canned.hermitage ? (canned.occurred(finalRun) ? ` ${canned.id} happened under ${LEVEL_PHRASES[level]}.` : ` ${canned.id} was prevented under ${LEVEL_PHRASES[level]}.`) : "") : "";
  const sentence = `Step ${at} of ${total}. ${happened} ${cycleText}${verdict}`.replace(/\s+/g, " ").trim();

  return (
    <GeoFrame title="Isolation levels: transactions over shared rows" testId="isolation-lab">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex min-w-[14rem] flex-1 flex-col gap-1 text-sm">
          Schedule
          <select className="h-9 rounded-md border border-line bg-surface px-2" value={scheduleId} onChange={(e) => choose(e.target.value)} data-testid="isolation-schedule">
            {offered.map((s) => (
              <option key={s.id} value={s.id}>{s.title}</option>
            ))}
            <option value={CUSTOM}>Your own schedule</option>
          </select>
        </label>
      </div>
      <fieldset className="mt-2 text-sm" data-testid="isolation-level">
        <legend className="mb-1">Isolation level</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {tx.LEVELS.map((l) => (
            <label key={l} className="inline-flex items-center gap-1.5">
              <input type="radio" name={levelName} value={l} checked={level === l} onChange={() => chooseLevel(l)} className="accent-[var(--fl-accent)]" />
              {LEVEL_NAMES[l]}
            </label>
          ))}
        </div>
      </fieldset>
      {canned ? <p className="mt-2 text-sm text-muted">{canned.summary}</p> : null}
      {!canned ? (
        <div className="mt-2 flex flex-wrap items-end gap-2 text-sm" data-testid="isolation-builder">
          <label className="flex flex-col gap-1">
            Transaction
            <select className="h-9 rounded-md border border-line bg-surface px-2" value={lane} onChange={(e) => setLane(e.target.value)} data-testid="isolation-builder-tx">
              {LANES.map((l) => <option key={l}>{l}</option>)}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            Statement
            <select className="h-9 rounded-md border border-line bg-surface px-2" value={statement} onChange={(e) => setStatement(Number(e.target.value))} data-testid="isolation-builder-statement">
              {STATEMENTS.map((s, i) => <option key={s.label} value={i}>{s.label}</option>)}
            </select>
          </label>
          <button type="button" className={quietButton} onClick={() => { setCustom((c) => [...c, STATEMENTS[statement].make(lane)]); setAt((a) => (a === custom.length ? a + 1 : a)); }} data-testid="isolation-builder-add">Add and run</button>
          <button type="button" className={quietButton} onClick={() => { setCustom([]); setAt(0); }} disabled={custom.length === 0}>Clear</button>
        </div>
      ) : null}

      <div className="mt-3 flex flex-wrap items-center gap-2" role="group" aria-label="Step through the schedule">
        <button type="button" className={quietButton} onClick={() => { setAt(0); setPlaying(false); }} disabled={at === 0}>Reset</button>
        <button type="button" className={quietButton} onClick={() => setAt((a) => Math.max(0, a - 1))} disabled={at === 0} data-testid="isolation-back">Step back</button>
        <button type="button" className={quietButton} onClick={() => setAt((a) => Math.min(total, a + 1))} disabled={at >= total} data-testid="isolation-step">Step</button>
        <button type="button" className={quietButton} onClick={() => { if (at >= total) setAt(0); setPlaying((p) => !p); }} disabled={total === 0} aria-pressed={playing} data-testid="isolation-play">{playing ? "Pause" : "Play"}</button>
        <button type="button" className={quietButton} onClick={() => { setAt(total); setPlaying(false); }} disabled={at >= total} data-testid="isolation-end">Run to the end</button>
      </div>

      <div className="mt-3 grid gap-3 md:grid-cols-[3fr_2fr]">
        <ol className="grid gap-1 text-xs" style={{ gridTemplateColumns: `2rem repeat(${Math.max(1, lanes.length)}, minmax(0, 1fr))` }} aria-label="Statements by transaction" data-testid="isolation-lanes">
          <li className="contents" aria-hidden="true">
            <span />
            {lanes.map((l) => <span key={l} className="font-semibold">{l}<span className="ml-1 font-normal text-muted">{run.status[l] ?? "not started"}</span></span>)}
          </li>
          {steps.map((s, i) => {
            const events = run.events.filter((e) => e.step === i && e.tx === s.tx);
            const shown = i < at;
            const outcome = events.at(-1)?.outcome;
            const tone = !shown ? "border-dashed border-line text-muted" : outcome === "aborted" ? "border-accent bg-accent-soft" : outcome === "blocked" ? "border-warn bg-warn-soft" : outcome === "skipped" ? "line-through text-muted" : "border-line bg-sunken";
            return (
              <li key={i} className="contents">
                <span className={`font-mono ${i === at - 1 ? "font-bold text-accent" : "text-muted"}`}>{i + 1}</span>
                {lanes.map((l) => (
                  <span key={l} className={l === s.tx || (s.kind === "vacuum" && l === lanes[0]) ? `rounded border px-1 py-0.5 ${tone}` : ""}>
                    {l === s.tx || (s.kind === "vacuum" && l === lanes[0]) ? (
                      <>
                        <span className="font-mono">{tx.statementText(s)}</span>
                        {shown && events.length > 0 ? <span className="block">{events.map((e) => (e.result !== undefined ? `→ ${e.result}` : e.outcome === "done" || e.outcome === "resumed" ? "" : e.outcome)).filter(Boolean).join(", ")}</span> : null}
                      </>
                    ) : null}
                  </span>
                ))}
              </li>
            );
          })}
        </ol>
        <div>
          <GraphDrawing nodes={lanes.filter((l) => run.status[l] !== undefined)} graph={graph} status={run.status} />
          <Versions run={run} />
        </div>
      </div>

      <p className="mt-3 text-sm" aria-live="polite" data-testid="isolation-summary">{sentence}</p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-muted">Show the steps as a table</summary>
        <table className="mt-2 w-full text-left text-xs" data-testid="isolation-table">
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-2">step</th>
              <th scope="col" className="py-1 pr-2">transaction</th>
              <th scope="col" className="py-1 pr-2">statement</th>
              <th scope="col" className="py-1">what happened</th>
            </tr>
          </thead>
          <tbody>
            {run.events.map((e, i) => (
              <tr key={i} className="border-b border-line/60 align-top">
                <td className="py-1 pr-2 font-mono">{e.step + 1}</td>
                <td className="py-1 pr-2">{e.tx}</td>
                <td className="py-1 pr-2 font-mono">{e.statement}</td>
                <td className="py-1">{e.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-2 text-xs">Dependency edges: {graph.edges.length === 0 ? "none" : graph.edges.map((e) => `${e.from} →${e.kind} ${e.to} (${e.on})`).join("; ")}.</p>
      </details>
    </GeoFrame>
  );
}

function GraphDrawing({ nodes, graph, status }: { nodes: string[]; graph: tx.DependencyGraph; status: Record<string, tx.TxStatus> }) {
  const W = 240;
  const H = 150;
  const pos: Record<string, { x: number; y: number }> = {};
  const n = Math.max(nodes.length, 1);
  nodes.forEach((id, i) => {
    const a = n === 1 ? 0 : n === 2 ? (i === 0 ? Math.PI : 0) : -Math.PI / 2 + (2 * Math.PI * i) / n;
    pos[id] = { x: W / 2 + Math.cos(a) * 80, y: H / 2 + Math.sin(a) * (n === 2 ? 0 : 50) };
  });
  const inCycle = new Set(graph.cycle?.edges.map((e) => `${e.from}>${e.to}>${e.kind}`) ?? []);
  const label = graph.cycle ? `Dependency graph with a ${graph.cycle.kind} cycle` : `Dependency graph, ${graph.edges.length} edge${graph.edges.length === 1 ? "" : "s"}, no cycle`;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-[22rem]" fontSize={labelSize - 1} role="img" aria-label={`${label}: ${graph.edges.map((e) => `${e.from} ${e.kind} to ${e.to} on ${e.on}`).join("; ") || "no edges"}.`} data-testid="isolation-graph">
      <defs>
        <marker id="iso-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill={color.muted} /></marker>
        <marker id="iso-arrow-bad" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill={color.bad} /></marker>
      </defs>
      {graph.edges.map((e, i) => {
        const a = pos[e.from];
        const b = pos[e.to];
        if (!a || !b) return null;
        const dx = b.x - a.x;
        const dy = b.y - a.y;
        const len = Math.hypot(dx, dy) || 1;
        const same = graph.edges.filter((o) => o.from === e.from && o.to === e.to);
        const bend = 18 + 14 * same.indexOf(e);
        const mx = (a.x + b.x) / 2 - (dy / len) * bend;
        const my = (a.y + b.y) / 2 + (dx / len) * bend;
        const r = 17;
        const sx = a.x + (dx / len) * r;
        const sy = a.y + (dy / len) * r;
        const ex = b.x - (dx / len) * r;
        const ey = b.y - (dy / len) * r;
        const hot = inCycle.has(`${e.from}>${e.to}>${e.kind}`);
        return (
          <g key={i}>
            <path d={`M${sx},${sy} Q${mx},${my} ${ex},${ey}`} fill="none" stroke={hot ? color.bad : color.muted} strokeWidth={hot ? 2.5 : 1.2} strokeDasharray={e.kind === "rw" ? "4 3" : undefined} markerEnd={`url(#${hot ? "iso-arrow-bad" : "iso-arrow"})`} />
            <text x={mx} y={my} textAnchor="middle" dominantBaseline="middle" fill={hot ? color.bad : color.fg} fontWeight={hot ? 700 : 400}>{e.kind} {e.on.length > 2 ? "pred" : e.on}</text>
          </g>
        );
      })}
      {nodes.map((id) => (
        <g key={id}>
          <circle cx={pos[id].x} cy={pos[id].y} r={16} fill={status[id] === "aborted" ? color.badSoft : status[id] === "committed" ? color.okSoft : color.sunken} stroke={status[id] === "aborted" ? color.bad : color.line} strokeDasharray={status[id] === "active" ? "3 2" : undefined} />
          <text x={pos[id].x} y={pos[id].y} textAnchor="middle" dominantBaseline="central" fill={color.fg} fontWeight={600}>{id}</text>
        </g>
      ))}
      {graph.cycle ? <text x={W / 2} y={H - 4} textAnchor="middle" fill={color.bad} fontWeight={700}>cycle: {graph.cycle.kind}</text> : null}
    </svg>
  );
}

function Versions({ run }: { run: tx.RunState }) {
  const keys = [...new Set(run.versions.map((v) => v.key))];
  return (
    <div className="mt-2 text-xs" data-testid="isolation-versions">
      <p className="mb-1 font-semibold">Row versions (MVCC){run.vacuumed > 0 ? `: ${run.vacuumed} vacuumed` : ""}</p>
      <ul className="grid gap-1">
        {keys.map((k) => (
          <li key={k} className="flex flex-wrap items-center gap-1">
            <span className="w-4 font-mono font-semibold">{k}</span>
            {run.versions.filter((v) => v.key === k).map((v) => (
              <span key={v.id} className={`rounded border px-1 font-mono ${v.state === "uncommitted" ? "border-dashed border-warn" : v.state === "aborted" ? "border-accent line-through" : "border-line"} ${v.dead ? "text-muted line-through" : ""}`} title={`${v.id} by ${v.creator}, ${v.state}${v.dead ? ", dead" : ""}`}>
                {v.value}<span className="sr-only"> ({v.id} by {v.creator}, {v.state}{v.dead ? ", dead: vacuum may remove it" : ""})</span><span aria-hidden="true" className="text-muted"> {v.creator}</span>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
