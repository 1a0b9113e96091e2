"use client";
/**
 * <LoadRerun>: one day's orders loaded into a warehouse table four times (first run, a retry, a rerun
 * after a correction and a late order, a rerun after a delete) with append, MERGE or partition
 * overwrite. The learner picks the strategy and steps through the runs; the target table, its total
 * against the source's, and a table of every run for all three strategies are shown. Logic in
 * lib/pipelines/loads.ts; native inputs only, no animation.
 */
import { useId, useState } from "react";
import { RUNS, runScript, STRATEGIES, type LoadStrategy } from "@/lib/pipelines/loads";

export interface LoadRerunProps {
  /** "append" (default), "merge" or "overwrite". */
  strategy?: LoadStrategy;
}

const NAMES: Record<LoadStrategy, string> = { append: "Append (INSERT)", merge: "MERGE on order_id", overwrite: "Overwrite the partition" };
const SQL: Record<LoadStrategy, string> = {
  append: "INSERT INTO orders_daily SELECT … WHERE day = '2026-12-01'",
  merge: "MERGE INTO orders_daily t USING src s ON t.order_id = s.order_id WHEN MATCHED THEN UPDATE … WHEN NOT MATCHED THEN INSERT …",
  overwrite: "BEGIN; DELETE FROM orders_daily WHERE day = '2026-12-01'; INSERT … ; COMMIT",
};
const eur = (n: number) => `€${n}`;

export function LoadRerun({ strategy: s0 = "append" }: LoadRerunProps) {
  const [strategy, setStrategy] = useState<LoadStrategy>(s0);
  const [step, setStep] = useState(0);
  const name = useId();
  const all = Object.fromEntries(STRATEGIES.map((s) => [s, runScript(s)])) as Record<LoadStrategy, ReturnType<typeof runScript>>;
  const st = all[strategy][step];
  const counts = new Map<string, number>();
  for (const r of st.target) counts.set(r.orderId, (counts.get(r.orderId) ?? 0) + 1);
  const ids = new Set(st.run.source.map((r) => r.orderId));
  const verdict = st.matchesSource ? "the table matches the source" : [st.duplicateRows ? `${st.duplicateRows} rows are duplicates` : "", st.orphanRows ? `${st.orphanRows} row${st.orphanRows === 1 ? " is" : "s are"} for an order the source no longer has` : "", st.total !== st.sourceTotal ? `the report is off by ${eur(st.total - st.sourceTotal)}` : ""].filter(Boolean).join("; ");
  const summary = `After run ${step + 1} of ${RUNS.length} (${st.run.label.toLowerCase()}) with ${NAMES[strategy].toLowerCase()}, the table holds ${st.target.length} rows totalling ${eur(st.total)}; the source totals ${eur(st.sourceTotal)}: ${verdict}.`;
  const btn = "rounded-md border border-line px-3 py-1 text-sm disabled:opacity-40";

  return (
    <figure className="not-prose my-6 rounded-xl border border-line bg-surface p-3 sm:p-4" data-testid="load-rerun" aria-labelledby={`${name}-title`}>
      <figcaption id={`${name}-title`} className="mb-2 text-sm font-semibold">
        <span className="mr-2 text-xs font-semibold uppercase tracking-[0.08em] text-muted">Try it</span>
        Rerun a daily load: append, MERGE or overwrite
      </figcaption>
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <legend className="mb-1 font-medium">How the job loads the day 2026-12-01</legend>
        {STRATEGIES.map((s) => (
          <label key={s} className="flex items-center gap-2">
            <input type="radio" name={name} value={s} checked={strategy === s} onChange={() => setStrategy(s)} data-testid={`load-${s}`} />
            {NAMES[s]}
          </label>
        ))}
      </fieldset>
      <p className="mt-2 break-words font-mono text-xs text-muted">{SQL[strategy]}</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <button type="button" className={btn} onClick={() => setStep((n) => Math.max(0, n - 1))} disabled={step === 0} data-testid="load-back">
          ← Previous run
        </button>
        <button type="button" className={btn} onClick={() => setStep((n) => Math.min(RUNS.length - 1, n + 1))} disabled={step === RUNS.length - 1} data-testid="load-next">
          Next run →
        </button>
        <span className="text-sm" data-testid="load-step">
          Run {step + 1} of {RUNS.length}: {st.run.label}
        </span>
      </div>
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        <table className="text-left text-xs tabular-nums">
          <caption className="mb-1 text-left text-xs font-medium">Source for the day (this run reads)</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-3">order_id</th>
              <th scope="col" className="py-1">amount</th>
            </tr>
          </thead>
          <tbody>
            {st.run.source.map((r) => (
              <tr key={r.orderId}>
                <td className="py-0.5 pr-3 font-mono">{r.orderId}</td>
                <td className="py-0.5">{eur(r.amount)}</td>
              </tr>
            ))}
            <tr className="border-t border-line font-semibold">
              <td className="py-1 pr-3">total</td>
              <td className="py-1">{eur(st.sourceTotal)}</td>
            </tr>
          </tbody>
        </table>
        <table className="text-left text-xs tabular-nums" data-testid="load-target">
          <caption className="mb-1 text-left text-xs font-medium">Warehouse table after the run</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-3">order_id</th>
              <th scope="col" className="py-1 pr-3">amount</th>
              <th scope="col" className="py-1">problem</th>
            </tr>
          </thead>
          <tbody>
            {st.target.map((r, i) => {
              const dup = counts.get(r.orderId)! > 1;
              const orphan = !ids.has(r.orderId);
              return (
                <tr key={i} className={dup || orphan ? "text-accent" : undefined} data-problem={dup ? "duplicate" : orphan ? "deleted" : undefined}>
                  <td className="py-0.5 pr-3 font-mono">{r.orderId}</td>
                  <td className="py-0.5 pr-3">{eur(r.amount)}</td>
                  <td className="py-0.5">{dup ? "duplicate" : orphan ? "deleted in source" : ""}</td>
                </tr>
              );
            })}
            <tr className="border-t border-line font-semibold">
              <td className="py-1 pr-3">total</td>
              <td className="py-1 pr-3" data-testid="load-total">{eur(st.total)}</td>
              <td className="py-1">{st.total === st.sourceTotal ? "right" : "wrong"}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="mt-3 text-sm" aria-live="polite" data-testid="load-summary">
        {summary}
      </p>
      <details className="mt-2 text-xs">
        <summary className="cursor-pointer">Show every run for all three strategies as a table</summary>
        <table className="mt-2 w-full text-left tabular-nums" data-testid="load-all">
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="py-1 pr-2">Run</th>
              <th scope="col" className="py-1 pr-2">Source total</th>
              {STRATEGIES.map((s) => (
                <th key={s} scope="col" className="py-1 pr-2">{NAMES[s]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {RUNS.map((run, i) => (
              <tr key={i}>
                <th scope="row" className="py-1 pr-2 font-normal">{i + 1}. {run.label}</th>
                <td className="py-1 pr-2">{eur(all.overwrite[i].sourceTotal)}</td>
                {STRATEGIES.map((s) => (
                  <td key={s} className="py-1 pr-2">
                    {eur(all[s][i].total)} ({all[s][i].target.length} rows){all[s][i].matchesSource ? "" : " ✗"}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-1 text-muted">✗: the table does not match the source.</p>
      </details>
    </figure>
  );
}
