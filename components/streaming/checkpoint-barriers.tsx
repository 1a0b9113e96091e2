"use client";
/**
 * <CheckpointBarrierView>: an aligned barrier checkpoint through two sources, a running sum and a
 * sink, then a crash and a restore, one step at a time. The drawing shows what waits on each input
 * channel (records and the barrier), whether the sum holds input A back, the saved snapshot and what
 * the sink shows; the sink can be plain or transactional. Steps from lib/streaming/barriers.ts;
 * native buttons and a range input; no animation.
 */
import { useState } from "react";
import { checkpointSteps, itemLabel, type Item, type SinkMode } from "@/lib/streaming/barriers";
import { color, labelSize } from "@/components/mechanisms/palette";
import { Choice } from "@/components/mechanisms/mechanism-shell";
import { GeoFrame, px2, quietButton, RangeField } from "@/components/geo/widget-parts";
import { DetailsTable } from "@/components/ui/details-table";

export interface CheckpointBarrierViewProps {
  /** The sink to start with (default plain). */
  sink?: SinkMode;
}

function Chip({ item, x, y }: { item: Item; x: number; y: number }) {
  if (item.kind === "barrier")
    return (
      <g>
        <rect x={px2(x + 12)} y={y - 14} width={6} height={28} fill={color.warn} />
        <text x={px2(x + 15)} y={y - 17} textAnchor="middle" fill={color.fg} fontWeight={600}>{item.id}</text>
      </g>
    );
  return (
    <g>
      <rect x={px2(x)} y={y - 9} width={30} height={18} rx={3} fill={color.noteSoft} stroke={color.note} />
      <text x={px2(x + 15)} y={y + 4} textAnchor="middle" fill={color.fg}>{item.source.toLowerCase()}{item.index + 1}</text>
    </g>
  );
}

export function CheckpointBarrierView({ sink = "plain" }: CheckpointBarrierViewProps) {
  const [mode, setMode] = useState<SinkMode>(sink);
  const [step, setStep] = useState(0);
  const steps = checkpointSteps(mode);
  const s = steps[Math.min(step, steps.length - 1)];
  const last = steps.length - 1;
  const W = 360;
  const sumX = 210;
  const channel = (items: Item[], y: number) => items.map((it, i) => <Chip key={i} item={it} x={sumX - 38 - i * 34} y={y} />);

  return (
    <GeoFrame title="An aligned checkpoint, a crash and a restore" testId="checkpoint-barriers">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Choice label="Sink" value={mode} options={[{ value: "plain", label: "plain inserts" }, { value: "transactional", label: "transactional" }]} onChange={setMode} />
        <button type="button" className={quietButton} onClick={() => setStep((v) => Math.max(0, v - 1))} disabled={step === 0} data-testid="cp-prev">Previous step</button>
        <button type="button" className={quietButton} onClick={() => setStep((v) => Math.min(last, v + 1))} disabled={step === last} data-testid="cp-next">Next step</button>
      </div>
      <div className="mt-2">
        <RangeField label="Step" value={step} min={0} max={last} onChange={setStep} format={(v) => `${v + 1} of ${last + 1}`} testId="cp-step" />
      </div>
      <svg viewBox={`0 0 ${W} 190`} className="mx-auto mt-2 h-auto w-full max-w-xl" fontSize={labelSize - 1} role="img" aria-label={`Step ${step + 1}: channel A holds ${s.channelA.map(itemLabel).join(", ") || "nothing"}; channel B holds ${s.channelB.map(itemLabel).join(", ") || "nothing"}; the sum is ${s.crashed ? "crashed" : s.sum}${s.blockedA ? ", input A held back" : ""}.`} data-testid="cp-svg">
        <rect x={2} y={18} width={44} height={26} rx={4} fill={color.sunken} stroke={color.line} />
        <text x={24} y={35} textAnchor="middle" fill={color.fg}>src A</text>
        <rect x={2} y={88} width={44} height={26} rx={4} fill={color.sunken} stroke={color.line} />
        <text x={24} y={105} textAnchor="middle" fill={color.fg}>src B</text>
        <line x1={46} y1={31} x2={sumX} y2={31} stroke={s.blockedA ? color.bad : color.line} strokeWidth={s.blockedA ? 2 : 1} strokeDasharray={s.blockedA ? "4 3" : undefined} />
        <line x1={46} y1={101} x2={sumX} y2={101} stroke={color.line} />
        {channel(s.channelA, 31)}
        {channel(s.channelB, 101)}
        {s.blockedA ? <text x={sumX - 4} y={52} textAnchor="end" fill={color.bad} fontWeight={600}>A held back</text> : null}
        <rect x={sumX} y={18} width={66} height={96} rx={6} fill={s.crashed ? color.badSoft : color.sunken} stroke={s.crashed ? color.bad : color.fg} />
        <text x={sumX + 33} y={56} textAnchor="middle" fill={color.fg}>sum</text>
        <text x={sumX + 33} y={80} textAnchor="middle" fill={color.fg} fontWeight={700} fontSize={labelSize + 4}>{s.crashed ? "✕" : s.sum}</text>
        <line x1={sumX + 66} y1={66} x2={W - 36} y2={66} stroke={color.line} />
        <rect x={W - 36} y={50} width={34} height={32} rx={4} fill={color.sunken} stroke={color.line} />
        <text x={W - 19} y={70} textAnchor="middle" fill={color.fg}>sink</text>
        <text x={2} y={140} fill={color.muted}>checkpoint:</text>
        <text x={84} y={140} fill={color.fg}>{s.snapshot ? `A at ${s.snapshot.offsetA}, B at ${s.snapshot.offsetB}, sum ${s.snapshot.sum}` : "none completed yet"}</text>
        <text x={2} y={160} fill={color.muted}>sink shows:</text>
        <text x={84} y={160} fill={color.fg} data-testid="cp-visible">{s.visible.join(", ") || "nothing"}</text>
        <text x={2} y={180} fill={color.muted}>uncommitted:</text>
        <text x={84} y={180} fill={color.fg}>{mode === "transactional" ? s.pending.join(", ") || "nothing" : "not used by a plain sink"}</text>
      </svg>
      <p className="mt-2 text-sm" aria-live="polite" data-testid="cp-caption">
        Step {step + 1}: {s.caption}
      </p>
      <DetailsTable
        summary="Show the steps as a table"
        rows={steps}
        current={step}
        columns={[
          { header: "step", cell: (_x, i) => i + 1 },
          { header: "what happens", cell: (x) => x.caption },
          { header: "sum", cell: (x) => (x.crashed ? "lost" : x.sum), align: "right", mono: true },
          { header: "sink shows", cell: (x) => x.visible.join(", ") || "nothing", mono: true },
        ]}
      />
    </GeoFrame>
  );
}
