"use client";
/**
 * <WalCrash>: a transfer's write-ahead log stepped by the learner (buttons, a slider, arrow keys on
 * the slider), with the log buffer, the fsynced log, the pages in memory and on disk, and a crash
 * placed after the current step: what recovery redoes and undoes and whether the commit survives.
 * Logic in lib/wal/wal.ts; no animation; a live sentence and a table of every step.
 */
import { useId, useState } from "react";
import { COMMIT_FSYNC_STEP, recoverAfter, walSteps, type Account, type LogRecord } from "@/lib/wal/wal";
import { GeoFrame, quietButton } from "@/components/geo/widget-parts";

export interface WalCrashProps {
  /** Step to start on, 0–9 (default 7, just before the commit's fsync). */
  step?: number;
}

const STEPS = walSteps();
const ACCOUNTS: Account[] = ["A", "B", "C"];
const describe = (r: LogRecord) => (r.kind === "update" ? `${r.tx} ${r.account}: ${r.before} → ${r.after}` : `${r.tx} ${r.kind.toUpperCase()}`);

export function WalCrash({ step: s0 = COMMIT_FSYNC_STEP - 1 }: WalCrashProps) {
  const [at, setAt] = useState(s0);
  const sliderId = useId();
  const s = STEPS[at];
  const r = recoverAfter(at);
  const redo = new Set(r.redone.map((x) => x.lsn));
  const undo = new Set(r.undone.map((x) => x.lsn));
  return (
    <GeoFrame title="Write-ahead log: crash before or after the fsync" testId="wal-crash">
      <div className="flex flex-wrap items-end gap-2">
        <button type="button" className={quietButton} onClick={() => setAt(Math.max(0, at - 1))} disabled={at === 0} data-testid="wal-prev">
          ◀ Back
        </button>
        <button type="button" className={quietButton} onClick={() => setAt(Math.min(STEPS.length - 1, at + 1))} disabled={at === STEPS.length - 1} data-testid="wal-next">
          Step ▶
        </button>
        <div className="flex min-w-[12rem] flex-1 flex-col gap-1 text-sm">
          <label htmlFor={sliderId}>
            Crash after step {at} of {STEPS.length - 1}
          </label>
          <input id={sliderId} type="range" min={0} max={STEPS.length - 1} value={at} onChange={(e) => setAt(Number(e.target.value))} aria-valuetext={`step ${at}: ${s.text}`} className="w-full accent-[var(--fl-accent)]" data-testid="wal-step" />
        </div>
        <button type="button" className={quietButton} onClick={() => setAt(COMMIT_FSYNC_STEP - 1)} data-testid="wal-before">
          Just before fsync
        </button>
        <button type="button" className={quietButton} onClick={() => setAt(COMMIT_FSYNC_STEP)} data-testid="wal-after">
          Just after fsync
        </button>
      </div>
      <p className="mt-3 text-sm font-medium" data-testid="wal-event">
        Step {at}: {s.text}
      </p>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <div>
          <h4 className="mb-1 text-xs font-semibold uppercase tracking-[0.08em] text-muted">Log</h4>
          <ol className="space-y-1 text-sm" data-testid="wal-log">
            {s.log.length === 0 ? <li className="text-muted">empty</li> : null}
            {s.log.map((rec) => {
              const durable = rec.lsn <= s.flushedLsn;
              return (
                <li key={rec.lsn} className={`flex flex-wrap justify-between gap-x-2 rounded-md border px-2 py-1 font-mono ${durable ? "border-line" : "border-dashed border-accent"}`}>
                  <span>
                    {rec.lsn}. {describe(rec)}
                  </span>
                  <span className="text-xs">
                    {durable ? "on disk" : "buffer only: lost"}
                    {redo.has(rec.lsn) ? " · redo" : ""}
                    {undo.has(rec.lsn) ? " · undo" : ""}
                  </span>
                </li>
              );
            })}
          </ol>
        </div>
        <div>
          <h4 className="mb-1 text-xs font-semibold uppercase tracking-[0.08em] text-muted">Pages</h4>
          <table className="w-full text-sm tabular-nums" data-testid="wal-pages">
            <caption className="sr-only">Account values in memory, on disk at the crash, and after recovery</caption>
            <thead>
              <tr className="text-left text-muted">
                <th scope="col" className="font-normal">Account</th>
                <th scope="col" className="font-normal">Memory</th>
                <th scope="col" className="font-normal">Disk</th>
                <th scope="col" className="font-normal">After recovery</th>
              </tr>
            </thead>
            <tbody>
              {ACCOUNTS.map((a) => (
                <tr key={a} className="border-t border-line">
                  <th scope="row" className="py-1 text-left font-normal">{a}</th>
                  <td className="font-mono">{s.memory[a].value}</td>
                  <td className="font-mono">{s.disk[a].value}</td>
                  <td className="font-mono font-semibold" data-testid={`wal-final-${a}`}>{r.final[a]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-sm" data-testid="wal-verdict">
            {r.committed ? "T1's commit survives." : "T1 is rolled back."} Client {s.clientToldCommitted ? "was told: committed." : "has not been told anything."}
          </p>
        </div>
      </div>
      <p className="mt-3 text-sm" aria-live="polite" data-testid="wal-summary">
        {r.summary}
      </p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer">Show the steps as a table</summary>
        <div className="overflow-x-auto">
          <table className="mt-2 w-full min-w-[20rem] text-xs">
            <thead>
              <tr className="text-left text-muted">
                <th scope="col">Step</th>
                <th scope="col">What happens</th>
                <th scope="col">Log on disk to</th>
                <th scope="col">After a crash here</th>
              </tr>
            </thead>
            <tbody>
              {STEPS.map((st) => {
                const rr = recoverAfter(st.index);
                return (
                  <tr key={st.index} className="border-t border-line align-top">
                    <td className="pr-2">{st.index}</td>
                    <td className="pr-2">{st.text}</td>
                    <td className="pr-2 font-mono">LSN {st.flushedLsn}</td>
                    <td>
                      A {rr.final.A}, B {rr.final.B}, C {rr.final.C}; {rr.committed ? "T1 kept" : "T1 rolled back"}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
    </GeoFrame>
  );
}
