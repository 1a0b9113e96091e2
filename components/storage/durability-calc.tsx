"use client";
/**
 * <DurabilityCalc>: n plain copies against a Reed–Solomon RS(k, m) code, side by side. The learner
 * picks the copies, k and m, a per-disk annual failure rate and how long a rebuild takes, and reads
 * the storage overhead, the fragments a rebuild reads, and the chance of losing data while one disk
 * is being rebuilt (a binomial tail; lib/storage/durability.ts). Native selects only, no animation;
 * the numbers are a table and an aria-live sentence.
 */
import { useId, useState } from "react";
import { AFR_CHOICES, REPAIR_CHOICES, copies as copiesScheme, formatChance, report, type SchemeReport } from "@/lib/storage/durability";
import { color } from "@/components/mechanisms/palette";
import { GeoFrame, quietButton } from "@/components/geo/widget-parts";

export interface DurabilityCalcProps {
  /** Plain copies, 1–5 (default 3). */
  copies?: number;
  /** Data fragments of the code, 2–16 (default 6). */
  k?: number;
  /** Parity fragments of the code, 1–6 (default 3). */
  m?: number;
  /** Annual failure rate per disk in percent (default 2). */
  afrPercent?: number;
  /** Hours a rebuild takes (default 24). */
  repairHours?: number;
}

const PRESETS: { k: number; m: number; note: string }[] = [
  { k: 6, m: 3, note: "RS(6,3)" },
  { k: 10, m: 4, note: "RS(10,4)" },
  { k: 4, m: 2, note: "RS(4,2)" },
];

const hoursLabel = (h: number) => (h < 24 ? `${h} hour${h === 1 ? "" : "s"}` : h === 168 ? "1 week" : `${h / 24} day${h === 24 ? "" : "s"}`);
const x = (v: number) => `${Number(v.toFixed(2))}×`;

function Select({ label, value, options, onChange, testId }: { label: string; value: number; options: { value: number; label: string }[]; onChange: (v: number) => void; testId: string }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="h-9 rounded-md border border-line bg-surface px-2" value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One row of fragments: data squares then spare (copy or parity) squares. */
function Fragments({ r, data, label }: { r: SchemeReport; data: number; label: string }) {
  const size = 16;
  const gap = 3;
  const n = r.disks;
  const w = n * (size + gap);
  return (
    <svg viewBox={`0 0 ${Math.max(w, 1)} ${size}`} className="block h-auto w-full" style={{ maxWidth: w }} role="img" aria-label={label}>
      {Array.from({ length: n }, (_, i) => (
        <rect key={i} x={i * (size + gap)} y={0} width={size} height={size} rx={3} fill={i < data ? color.note : color.warnSoft} stroke={i < data ? color.note : color.warn} />
      ))}
    </svg>
  );
}

export function DurabilityCalc({ copies: c0 = 3, k: k0 = 6, m: m0 = 3, afrPercent: a0 = 2, repairHours: h0 = 24 }: DurabilityCalcProps) {
  const [n, setN] = useState(c0);
  const [k, setK] = useState(k0);
  const [m, setM] = useState(m0);
  const [afr, setAfr] = useState(a0);
  const [hours, setHours] = useState(h0);
  const rep = report(copiesScheme(n), afr / 100, hours);
  const ec = report({ k, m }, afr / 100, hours);
  const safer = ec.lossDuringRepair < rep.lossDuringRepair ? ec : rep;
  const other = safer === ec ? rep : ec;
  const ratio = other.lossDuringRepair / Math.max(safer.lossDuringRepair, Number.MIN_VALUE);
  const same = Math.abs(Math.log10(ratio)) < 0.05;
  const summary =
    `${rep.label} use${rep.disks === 1 ? "s" : ""} ${x(rep.overhead)} the raw space of the data, ${ec.label} ${x(ec.overhead)}. ` +
    `With one disk down for ${hoursLabel(hours)}, at ${afr}% of disks failing a year, the chance of losing data before the rebuild ends is ${formatChance(rep.lossDuringRepair)} with ${rep.label} and ${formatChance(ec.lossDuringRepair)} with ${ec.label}` +
    (same ? ", about the same." : `: ${safer.label} is about ${ratio >= 100 ? Number(ratio.toPrecision(2)).toLocaleString("en") : ratio.toFixed(ratio < 10 ? 1 : 0)} times safer.`);

  const rows: { label: string; get: (r: SchemeReport) => string; testId: string }[] = [
    { label: "Disks per group", get: (r) => String(r.disks), testId: "disks" },
    { label: "Raw storage per byte of data", get: (r) => x(r.overhead), testId: "overhead" },
    { label: "Disks it can lose", get: (r) => String(r.tolerates), testId: "tolerates" },
    { label: "Fragments read to rebuild one", get: (r) => String(r.repairReads), testId: "reads" },
    { label: "Data lost during one rebuild", get: (r) => formatChance(r.lossDuringRepair), testId: "loss" },
    { label: "Data lost per group per year (approx.)", get: (r) => formatChance(r.annualLoss), testId: "annual" },
  ];

  return (
    <GeoFrame title="Copies or erasure codes: what a dead disk costs" testId="durability-calc">
      <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
        <Select label="Plain copies" value={n} onChange={setN} testId="durability-copies" options={[1, 2, 3, 4, 5].map((v) => ({ value: v, label: `${v} ${v === 1 ? "copy" : "copies"}` }))} />
        <Select label="Data fragments k" value={k} onChange={setK} testId="durability-k" options={Array.from({ length: 15 }, (_, i) => ({ value: i + 2, label: String(i + 2) }))} />
        <Select label="Parity fragments m" value={m} onChange={setM} testId="durability-m" options={[1, 2, 3, 4, 5, 6].map((v) => ({ value: v, label: String(v) }))} />
        <Select label="Disk failures per year" value={afr} onChange={setAfr} testId="durability-afr" options={AFR_CHOICES.map((v) => ({ value: v, label: `${v}% of disks` }))} />
        <Select label="Rebuild takes" value={hours} onChange={setHours} testId="durability-hours" options={REPAIR_CHOICES.map((v) => ({ value: v, label: hoursLabel(v) }))} />
      </div>
      <div className="mt-2 flex flex-wrap gap-2" role="group" aria-label="Common codes">
        {PRESETS.map((p) => (
          <button key={p.note} type="button" className={quietButton} aria-pressed={p.k === k && p.m === m} onClick={() => (setK(p.k), setM(p.m))} data-testid={`durability-preset-${p.k}-${p.m}`}>
            {p.note}
          </button>
        ))}
      </div>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full min-w-[18rem] text-sm tabular-nums" data-testid="durability-table">
          <caption className="sr-only">Replication against erasure coding for the settings above</caption>
          <thead>
            <tr className="text-left text-muted">
              <th scope="col" className="py-1 pr-2 font-normal"></th>
              <th scope="col" className="py-1 pr-2">{rep.label}</th>
              <th scope="col" className="py-1">{ec.label}</th>
            </tr>
          </thead>
          <tbody>
            <tr className="border-t border-line">
              <th scope="row" className="py-1 pr-2 text-left font-normal">Fragments</th>
              <td className="py-1 pr-2">
                <Fragments r={rep} data={1} label={`${rep.disks} identical copies`} />
              </td>
              <td className="py-1">
                <Fragments r={ec} data={k} label={`${k} data and ${m} parity fragments`} />
              </td>
            </tr>
            {rows.map((row) => (
              <tr key={row.testId} className="border-t border-line">
                <th scope="row" className="py-1 pr-2 text-left font-normal">{row.label}</th>
                <td className="py-1 pr-2 font-mono" data-testid={`durability-rep-${row.testId}`}>{row.get(rep)}</td>
                <td className="py-1 font-mono" data-testid={`durability-ec-${row.testId}`}>{row.get(ec)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-1 text-xs text-muted">
        <span className="mr-1 inline-block size-2.5 rounded-sm align-middle" style={{ background: color.note }} /> data (or the one copy a read needs)
        <span className="ml-3 mr-1 inline-block size-2.5 rounded-sm align-middle" style={{ background: color.warnSoft, outline: `1px solid ${color.warn}` }} /> spare: extra copies or parity
      </p>
      <p className="mt-2 text-sm" aria-live="polite" data-testid="durability-summary">
        {summary}
      </p>
      <p className="mt-1 text-xs text-muted">
        Model: disks fail independently at a constant rate, so one fails within t hours with p = 1 − (1 − AFR)^(t/8760). With one disk of a group down, the group loses data if m more of the other k + m − 1 fail before the rebuild ends: P(X ≥ m), X ~ Binomial(k + m − 1, p). Copies are k = 1. Disks from one batch, rack or power feed fail together and unreadable sectors turn up during rebuilds; both make real odds worse than these.
      </p>
    </GeoFrame>
  );
}
