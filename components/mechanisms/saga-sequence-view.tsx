"use client";
import { useId, useState } from "react";
import type { SequenceTrace } from "@/lib/mechanisms/saga-sequence";
import { Choice, MechanismShell, Swatch } from "./mechanism-shell";
import { color, labelSize } from "./palette";

export interface SagaSequenceViewProps {
  /** The sequence with its failure, then without. */
  withFailure: SequenceTrace;
  withoutFailure: SequenceTrace;
  /** Overrides of the title and the failure's name (for sequences other than 2PC and saga). */
  title?: string;
  failureName?: string;
}

const rowH = 17;

function stateColor(state: string): string {
  if (/in doubt|down|never|no event/.test(state)) return color.bad;
  if (/lock|prepar/.test(state)) return color.warn;
  if (/cancel|releas|refund|compensat/.test(state)) return color.note;
  if (/commit|done|complet|charged|reserved|pending|applied|holds|skipped/.test(state)) return color.ok;
  return color.muted;
}

/** A two-phase commit or an orchestrated saga as a message sequence, with its failure point switchable. */
export function SagaSequenceView({ withFailure, withoutFailure, title, failureName: failureOverride }: SagaSequenceViewProps) {
  const [failure, setFailure] = useState<"yes" | "no">("yes");
  const arrow = `arrow-${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const trace = failure === "yes" ? withFailure : withoutFailure;
  const { participants, messages, protocol } = trace;
  // Four lanes fit 360 units; more lanes get 95 each so the state boxes do not overlap.
  const W = participants.length > 4 ? 90 + (participants.length - 1) * 95 : 360;
  const colX = (p: string) => 45 + participants.indexOf(p) * ((W - 90) / (participants.length - 1));
  const failureName = failureOverride ?? (protocol === "2pc" ? "coordinator crashes after the votes" : "step 3 fails");
  const height = 28 + messages.length * rowH + 52;
  return (
    <MechanismShell
      resetKey={failure}
      title={title ?? (protocol === "2pc" ? "Two-phase commit, message by message" : "An orchestrated saga, message by message")}
      testId="saga-sequence-view"
      steps={messages.length}
      stepMs={900}
      stepLabel={(i) => `message ${i + 1} of ${messages.length}`}
      describe={(i) => messages[i].note}
      options={
        <Choice
          label="Failure"
          value={failure}
          options={[
            { value: "yes", label: failureName },
            { value: "no", label: "none" },
          ]}
          onChange={setFailure}
        />
      }
      table={{
        caption: "Each message and the participants' states after it",
        columns: ["#", "from → to", "message", ...participants],
        rows: messages.map((m, i) => [i + 1, m.from === m.to ? m.from : `${m.from} → ${m.to}`, m.label, ...participants.map((p) => m.states[p])]),
      }}
      legend={
        <>
          <Swatch color={color.warn} label="holding locks" />
          <Swatch color={color.bad} label="blocked or down" />
          <Swatch color={color.ok} label="committed step" />
          <Swatch color={color.note} label="compensated" />
        </>
      }
    >
      {(step) => {
        const states = messages[step].states;
        const bottom = 28 + messages.length * rowH;
        return (
          <svg viewBox={`0 0 ${W} ${height}`} className="h-auto w-full" fontSize={labelSize} fill={color.fg}>
            <defs>
              <marker id={arrow} viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0L8,4L0,8z" fill={color.fg} />
              </marker>
            </defs>
            {participants.map((p) => (
              <g key={p}>
                <text x={colX(p)} y={12} textAnchor="middle" fontWeight={600}>
                  {p}
                </text>
                <line x1={colX(p)} x2={colX(p)} y1={18} y2={bottom} stroke={color.line} strokeWidth={1.5} />
              </g>
            ))}
            {messages.slice(0, step + 1).map((m, i) => {
              const y = 30 + i * rowH;
              const current = i === step;
              if (m.from === m.to) {
                return (
                  <g key={i} opacity={current ? 1 : 0.7}>
                    <circle cx={colX(m.from)} cy={y} r={5} fill={m.lost ? color.bad : color.ok} />
                    <text x={colX(m.from) + (participants.indexOf(m.from) === 0 ? 9 : -9)} y={y + 4} textAnchor={participants.indexOf(m.from) === 0 ? "start" : "end"} fontWeight={current ? 700 : 400}>
                      {m.label}
                    </text>
                  </g>
                );
              }
              const x1 = colX(m.from);
              const x2 = colX(m.to);
              const dir = x2 > x1 ? 1 : -1;
              return (
                <g key={i} opacity={current ? 1 : 0.7}>
                  <line x1={x1} x2={m.lost ? x1 + (x2 - x1) * 0.55 : x2 - dir * 2} y1={y} y2={y} stroke={m.lost ? color.bad : color.fg} strokeWidth={current ? 1.8 : 1} strokeDasharray={m.lost ? "3 2" : undefined} markerEnd={m.lost ? undefined : `url(#${arrow})`} />
                  {m.lost ? <path d={`M${x1 + (x2 - x1) * 0.55 - 3},${y - 3}l6,6m0,-6l-6,6`} stroke={color.bad} strokeWidth={1.6} /> : null}
                  <text x={(x1 + x2) / 2} y={y - 3} textAnchor="middle" fontWeight={current ? 700 : 400} fontSize={labelSize - 1}>
                    {m.label}
                  </text>
                </g>
              );
            })}
            {participants.map((p) => (
              <g key={`s-${p}`}>
                <rect x={colX(p) - 42} y={bottom + 8} width={84} height={34} rx={4} fill="none" stroke={stateColor(states[p])} strokeWidth={2} />
                {states[p]
                  .replace(/ \(/, "\n(")
                  .split("\n")
                  .map((line, k, all) => (
                    <text key={k} x={colX(p)} y={bottom + 25 + (k - (all.length - 1) / 2) * 12} textAnchor="middle" fontSize={labelSize - 1.5}>
                      {line}
                    </text>
                  ))}
              </g>
            ))}
          </svg>
        );
      }}
    </MechanismShell>
  );
}
