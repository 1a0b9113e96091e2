"use client";
/**
 * <IdGenerator>: one scheme at a time (UUIDv4, UUIDv7, ULID, Snowflake) makes twelve IDs against a
 * scripted clock; the learner sets how many IDs share a millisecond, makes the clock step back
 * halfway, and switches the monotonic guard. The list marks each ID that sorts before the one made
 * just before it, the bar shows the scheme's bit layout, and a live sentence says what happened.
 * Logic in lib/ids/id-schemes.ts; native inputs only, no animation.
 */
import { useId, useMemo, useState } from "react";
import { decomposeSnowflake, generateIds, scriptedClock, sortability, type IdScheme } from "@/lib/ids/id-schemes";
import { color } from "@/components/mechanisms/palette";
import { GeoFrame, px2, RangeField, Toggle } from "@/components/geo/widget-parts";

export interface IdGeneratorProps {
  /** The scheme shown first (default "uuid-v7"). */
  scheme?: IdScheme;
  /** How far the clock steps back halfway, ms, 0–10 (default 0). */
  rollbackMs?: number;
}

const START_MS = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const COUNT = 12;

const schemeLabel: Record<IdScheme, string> = { "uuid-v4": "UUIDv4", "uuid-v7": "UUIDv7", ulid: "ULID", snowflake: "Snowflake" };

interface Field { name: string; bits: number; fill: string }
const layout: Record<IdScheme, Field[]> = {
  "uuid-v4": [
    { name: "random", bits: 48, fill: color.muted },
    { name: "ver", bits: 4, fill: color.warn },
    { name: "random", bits: 12, fill: color.muted },
    { name: "var", bits: 2, fill: color.warn },
    { name: "random", bits: 62, fill: color.muted },
  ],
  "uuid-v7": [
    { name: "unix ms", bits: 48, fill: color.note },
    { name: "ver", bits: 4, fill: color.warn },
    { name: "rand_a / counter", bits: 12, fill: color.ok },
    { name: "var", bits: 2, fill: color.warn },
    { name: "rand_b", bits: 62, fill: color.muted },
  ],
  ulid: [
    { name: "unix ms", bits: 48, fill: color.note },
    { name: "random (+1 within a ms)", bits: 80, fill: color.muted },
  ],
  snowflake: [
    { name: "0", bits: 1, fill: color.warn },
    { name: "ms since epoch", bits: 41, fill: color.note },
    { name: "dc", bits: 5, fill: color.ok },
    { name: "worker", bits: 5, fill: color.ok },
    { name: "seq", bits: 12, fill: color.bad },
  ],
};

const noteText = { random: "random", "new-ms": "new ms", "same-ms": "same ms: counted on", "held-last-time": "clock behind: kept last time", refused: "refused: clock behind", "went-backwards": "took the earlier time" } as const;

export function IdGenerator({ scheme: s0 = "uuid-v7", rollbackMs: r0 = 0 }: IdGeneratorProps) {
  const [scheme, setScheme] = useState<IdScheme>(s0);
  const [perMs, setPerMs] = useState(2);
  const [rollback, setRollback] = useState(r0);
  const [monotonic, setMonotonic] = useState(true);
  const name = useId();
  const clock = useMemo(() => scriptedClock(START_MS, COUNT, perMs, rollback), [perMs, rollback]);
  const events = useMemo(() => generateIds({ scheme, clock, monotonic, seed: 7 }), [scheme, clock, monotonic]);
  const sort = sortability(events);
  const refused = events.filter((e) => e.note === "refused").length;
  const held = events.filter((e) => e.note === "held-last-time").length;
  const back = events.filter((e) => e.note === "went-backwards").length;
  const fields = layout[scheme];
  const totalBits = fields.reduce((a, f) => a + f.bits, 0);
  const guardMatters = scheme === "uuid-v7" || scheme === "ulid";

  let outcome: string;
  if (scheme === "uuid-v4") outcome = `UUIDv4 carries no time, so the text order is random: ${sort.pairsInOrder} of ${sort.pairs} neighbouring pairs happen to sort in creation order.`;
  else if (refused > 0) outcome = `Snowflake refused ${refused} of ${COUNT} requests until the clock caught up; the ${sort.count} IDs it made sort in creation order.`;
  else if (held > 0) outcome = `${schemeLabel[scheme]} kept the last timestamp for ${held} IDs while the clock was behind and counted on, so all ${sort.count} IDs sort in creation order.`;
  else if (back > 0) outcome = `Without the guard, ${back} ${schemeLabel[scheme]} IDs took the earlier time: only ${sort.pairsInOrder} of ${sort.pairs} neighbouring pairs sort in creation order.`;
  else outcome = `All ${sort.count} ${schemeLabel[scheme]} IDs sort in creation order${perMs > 1 && scheme !== "snowflake" ? ", because IDs in the same millisecond count on from the last one" : ""}.`;
  const summary = `${schemeLabel[scheme]}, ${COUNT} IDs, ${perMs} per millisecond${rollback > 0 ? `, the clock steps back ${rollback} ms after the ${COUNT / 2}th` : ""}. ${outcome}`;

  const last = [...events].reverse().find((e) => e.value !== null);
  const W = 340;
  let x = 0;
  return (
    <GeoFrame title="ID schemes: bit layout, order and a clock that steps back" testId="id-generator">
      <fieldset className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
        <legend className="sr-only">Scheme</legend>
        {(Object.keys(schemeLabel) as IdScheme[]).map((k) => (
          <label key={k} className="inline-flex items-center gap-1.5">
            <input type="radio" name={name} value={k} checked={scheme === k} onChange={() => setScheme(k)} className="accent-[var(--fl-accent)]" />
            {schemeLabel[k]}
          </label>
        ))}
      </fieldset>
      <div className="mt-2 flex flex-wrap items-end gap-x-4 gap-y-2">
        <RangeField label="IDs per millisecond" value={perMs} min={1} max={4} onChange={setPerMs} format={(v) => String(v)} testId="ids-per-ms" />
        <RangeField label="Clock steps back halfway" value={rollback} min={0} max={10} onChange={setRollback} format={(v) => `${v} ms`} testId="ids-rollback" />
      </div>
      {guardMatters ? (
        <div className="mt-2">
          <Toggle label="Monotonic guard (keep the last time when the clock is behind)" checked={monotonic} onChange={setMonotonic} testId="ids-monotonic" />
        </div>
      ) : null}
      <svg viewBox={`0 0 ${W} 20`} className="mt-3 h-auto w-full max-w-[480px]" role="img" aria-label={`${schemeLabel[scheme]} bit layout: ${fields.map((f) => `${f.name} ${f.bits} bits`).join(", ")}.`} data-testid="ids-layout">
        {fields.map((f, i) => {
          const w = (f.bits / totalBits) * W;
          const g = <rect key={i} x={px2(x)} y={2} width={px2(Math.max(w - 1, 1))} height={16} fill={f.fill} opacity={0.85} />;
          x += w;
          return g;
        })}
      </svg>
      <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs" aria-hidden="true">
        {fields.map((f, i) => (
          <li key={i} className="inline-flex items-center gap-1">
            <span className="inline-block size-2.5 rounded-sm" style={{ background: f.fill }} />
            {f.name} <span className="font-mono text-muted">{f.bits}</span>
          </li>
        ))}
        <li className="text-muted">= {totalBits} bits</li>
      </ul>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-left text-xs" data-testid="ids-table">
          <caption className="sr-only">IDs in the order they were made, with the clock reading and what the generator did</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-2">#</th>
              <th scope="col" className="py-1 pr-2">clock</th>
              <th scope="col" className="py-1">ID and what happened</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e, i) => {
              const prev = events.slice(0, i).reverse().find((p) => p.text !== null);
              const pad = (t: string) => (/^\d+$/.test(t) ? t.padStart(20, "0") : t);
              const outOfOrder = e.text !== null && prev?.text != null && pad(e.text) < pad(prev.text);
              return (
                <tr key={i} className="border-b border-line/60" data-out-of-order={outOfOrder || undefined}>
                  <td className="py-0.5 pr-2 font-mono">{i + 1}</td>
                  <td className="py-0.5 pr-2 font-mono">+{e.clockMs - START_MS}</td>
                  <td className="py-0.5">
                    <span className="break-all font-mono text-[11px] sm:text-xs">{e.text ?? "—"}</span>{" "}
                    <span className="whitespace-nowrap text-muted">{noteText[e.note]}</span>
                    {outOfOrder ? <strong className="whitespace-nowrap text-accent"> · sorts before #{events.indexOf(prev!) + 1}</strong> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {scheme === "snowflake" && last?.value != null ? (
        <p className="mt-2 font-mono text-xs" data-testid="ids-decoded">
          last ID → {(() => {
            const f = decomposeSnowflake(last.value);
            return `ms since 2010-11-04 epoch ${f.msSinceEpoch}, datacenter ${f.datacenter}, worker ${f.worker}, sequence ${f.sequence}`;
          })()}
        </p>
      ) : null}
      <p className="mt-3 text-sm" aria-live="polite" data-testid="ids-summary">
        {summary}
      </p>
      <p className="mt-1 text-xs text-muted">Clock column: ms after 2026-01-01 00:00 UTC. Text order is compared as a database index would (Snowflake as a 64-bit integer).</p>
    </GeoFrame>
  );
}
