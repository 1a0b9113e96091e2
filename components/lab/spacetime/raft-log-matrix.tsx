"use client";
/**
 * The Raft log matrix under the space-time view: one row per server (its role, term and whether it is
 * up), one column per log index, each cell the term of that server's entry there, filled when the
 * server counts it committed. It follows the lab's scrubber and renders nothing for other protocols.
 * A table, so it is its own text alternative.
 */
import { useMemo } from "react";
import type { ProtocolLog } from "@/lib/spacetime/log-store";
import { raftLogMatrix } from "@/lib/spacetime/process-states";

const roleText: Record<string, string> = { leader: "leader", candidate: "candidate", follower: "follower" };

export function RaftLogMatrix({ log, version, timeMs }: { log: ProtocolLog; version: number; timeMs: number }) {
  // The log mutates in place: `version` says when it changed.
  const matrix = useMemo(() => raftLogMatrix(log, timeMs), [log, version, timeMs]);
  if (matrix.rows.length === 0) return null;
  const indexes: number[] = [];
  for (let i = matrix.from; i <= matrix.to; i++) indexes.push(i);
  return (
    <div className="mt-2 overflow-x-auto" data-testid="raft-log-matrix">
      <table className="border-collapse text-xs">
        <caption className="pb-1 text-left text-sm font-semibold">
          Logs at {(timeMs / 1000).toFixed(2)} s <span className="font-normal text-muted">(each cell is an entry labelled with its term; filled = committed on that server)</span>
        </caption>
        <thead>
          <tr>
            <th scope="col" className="px-1.5 text-left font-medium text-muted">
              Server
            </th>
            {indexes.map((i) => (
              <th key={i} scope="col" className="w-7 px-0.5 text-center font-medium text-muted">
                {i}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((r) => (
            <tr key={r.id}>
              <th scope="row" className={`whitespace-nowrap px-1.5 py-0.5 text-left ${r.role === "leader" && r.up ? "font-semibold" : "font-normal"}`}>
                {r.id} · {r.up ? roleText[r.role] ?? r.role : "down"} · term {r.term}
              </th>
              {indexes.map((i) => {
                const term = r.terms.get(i);
                const committed = term !== undefined && i <= r.commit;
                return (
                  <td key={i} className="px-0.5 py-0.5 text-center">
                    {term === undefined ? (
                      <span className="sr-only">{i > r.length ? "empty" : "not shown"}</span>
                    ) : (
                      <span className={`inline-block w-6 rounded border ${committed ? "border-ok bg-ok/20" : "border-dashed border-muted"} ${r.up ? "" : "opacity-60"}`} title={`entry ${i}, term ${term}${committed ? ", committed" : ""}`}>
                        {term}
                        {committed ? <span className="sr-only"> (committed)</span> : null}
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
