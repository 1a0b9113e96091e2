"use client";
import { useState } from "react";
import type { VisibilityScript, VisibilityTrace } from "@/lib/mechanisms/visibility-timeout";
import { Choice, MechanismShell, seconds, Swatch } from "./mechanism-shell";
import { color, labelSize } from "./palette";

export interface VisibilityTimeoutViewProps {
  traces: VisibilityTrace[];
}

const W = 360;
const scriptName: Record<VisibilityScript, string> = { ok: "fits the lease", slow: "slower than the lease", crash: "consumer crashes", poison: "poison message" };
const eventText: Record<string, string> = {
  received: "receives the message; it is hidden until the lease ends",
  acked: "acks in time; the message is deleted",
  "ack-refused": "finishes and acks, but the lease already ended: the ack is refused and the work was done twice",
  crashed: "crashes; nobody acks, so the message waits out the lease",
  failed: "fails and gives up without an ack",
  "visible-again": "the lease ends without an ack: the message is visible again",
  "dead-lettered": "the receive count reached the limit: the message goes to the dead-letter queue",
};

/** One message's leases in an SQS-style queue: receive, hide, ack or redeliver, dead-letter. */
export function VisibilityTimeoutView({ traces }: VisibilityTimeoutViewProps) {
  const [script, setScript] = useState<VisibilityScript>(traces[0].script);
  const trace = traces.find((t) => t.script === script) ?? traces[0];
  const { events, work, endMs, visibilityMs, maxReceiveCount } = trace;
  const x = (t: number) => 86 + (t / endMs) * (W - 96);
  const consumers = [...new Set(work.map((w) => w.consumer))].sort();
  const lanes = ["queue", ...consumers];
  const laneY = (lane: string) => 22 + lanes.indexOf(lane) * 30;
  const describe = (i: number) => {
    const e = events[i];
    return `${seconds(e.tMs)}: ${e.consumer ? `consumer ${e.consumer} ` : ""}${eventText[e.kind]}. Receive count ${e.receiveCount} of ${maxReceiveCount}.`;
  };
  return (
    <MechanismShell
      resetKey={script}
      title={`Visibility timeout: a ${seconds(visibilityMs)} lease, at most ${maxReceiveCount} receives`}
      testId="visibility-timeout-view"
      steps={events.length}
      stepMs={1100}
      stepLabel={(i) => `t = ${seconds(events[i].tMs)}`}
      describe={describe}
      options={<Choice label="Scenario" value={script} options={traces.map((t) => ({ value: t.script, label: scriptName[t.script] }))} onChange={setScript} />}
      table={{
        caption: "Events of the message's life",
        columns: ["time", "who", "event", "receives"],
        rows: events.map((e) => [seconds(e.tMs), e.consumer ?? "queue", e.kind, e.receiveCount]),
      }}
      legend={
        <>
          <Swatch color={color.okSoft} label="visible" />
          <Swatch color={color.noteSoft} label="hidden (leased)" />
          <Swatch color={color.ok} label="work acked" />
          <Swatch color={color.bad} label="work done twice (ack refused)" />
          <Swatch color={color.muted} label="work crashed or failed" />
        </>
      }
    >
      {(step) => {
        const now = events[step].tMs;
        // Queue state bands: from each event to the next.
        const bands = events.map((e, i) => ({ from: e.tMs, to: i + 1 < events.length ? events[i + 1].tMs : endMs, queue: e.queue }));
        const fillOf = (q: string) => (q === "visible" ? color.okSoft : q === "hidden" ? color.noteSoft : q === "deleted" ? color.sunken : color.badSoft);
        return (
          <svg viewBox={`0 0 ${W} ${lanes.length * 30 + 34}`} className="h-auto w-full" fontSize={labelSize} fill={color.fg}>
            {lanes.map((l) => (
              <text key={l} x={4} y={laneY(l) + 4}>
                {l === "queue" ? "queue" : `consumer ${l}`}
              </text>
            ))}
            {bands
              .filter((b) => b.from <= now)
              .map((b, i) => (
                <rect key={i} x={x(b.from)} y={laneY("queue") - 8} width={Math.max(0.5, x(Math.min(b.to, now)) - x(b.from))} height={16} fill={fillOf(b.queue)} stroke={color.line} strokeWidth={0.5} />
              ))}
            {events
              .filter((e) => e.kind === "received" && e.tMs <= now)
              .map((e, i) => (
                <line key={`d${i}`} x1={x(e.tMs + visibilityMs)} x2={x(e.tMs + visibilityMs)} y1={laneY("queue") - 12} y2={laneY("queue") + 12} stroke={color.muted} strokeDasharray="2 2" />
              ))}
            {work
              .filter((w) => w.fromMs <= now)
              .map((w, i) => (
                <rect key={`w${i}`} x={x(w.fromMs)} y={laneY(w.consumer) - 6} width={Math.max(1, x(Math.min(w.toMs, now)) - x(w.fromMs))} height={12} rx={2} fill={w.end === "acked" ? color.ok : w.end === "late" ? color.bad : color.muted} opacity={w.toMs <= now ? 1 : 0.55} />
              ))}
            <line x1={x(now)} x2={x(now)} y1={8} y2={lanes.length * 30 + 12} stroke={color.fg} opacity={0.5} />
            {[0, endMs].map((t) => (
              <text key={t} x={x(t)} y={lanes.length * 30 + 26} textAnchor={t === 0 ? "start" : "end"} fill={color.muted}>
                {seconds(Math.round(t / 1000) * 1000)}
              </text>
            ))}
            <text x={x(endMs / 2)} y={lanes.length * 30 + 26} textAnchor="middle" fill={color.muted}>
              dashes: lease ends
            </text>
          </svg>
        );
      }}
    </MechanismShell>
  );
}
