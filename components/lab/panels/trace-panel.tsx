"use client";
/**
 * One request's story: pick a slow or failed request (or click a particle) and see its spans as a
 * waterfall: time waiting in queues, in service, calls to other nodes, retries and backoff,
 * rejections. Spans are listed in a table too, for screen readers.
 */
import type { RequestTrace, Span } from "@/simulations";
import { useLab, useLabState } from "../lab-context";
import { formatMs, formatSimTime } from "../format";

const spanStyle: Record<string, string> = {
  queue: "bg-warn/60",
  service: "bg-accent",
  call: "bg-note/40",
  hit: "bg-ok",
  miss: "bg-note/60",
  retry: "bg-note",
  backoff: "bg-faint/50",
  rejected: "bg-[var(--fl-danger,#dc2626)]",
  lost: "bg-[var(--fl-danger,#dc2626)]",
};

function Waterfall({ trace }: { trace: RequestTrace }) {
  const total = Math.max(0.001, trace.endMs - trace.startMs);
  const spans = [...trace.spans].sort((a, b) => a.startMs - b.startMs || b.endMs - a.endMs);
  const left = (s: Span) => ((s.startMs - trace.startMs) / total) * 100;
  const width = (s: Span) => Math.max(0.6, ((s.endMs - s.startMs) / total) * 100);
  return (
    <div className="space-y-1" data-testid="trace-waterfall">
      <p className="text-sm">
        Request #{trace.id} from <span className="font-mono">{trace.sourceId}</span> at {formatSimTime(trace.startMs)}: <strong>{trace.outcome === "ok" ? "succeeded" : trace.outcome === "error" ? "failed" : "was dropped"}</strong> after {formatMs(total)}
        {trace.reason ? ` (${trace.reason})` : ""}.
      </p>
      <table className="w-full text-xs">
        <thead className="text-muted">
          <tr>
            <th scope="col" className="w-28 text-left font-medium">Span</th>
            <th scope="col" className="text-left font-medium">When</th>
            <th scope="col" className="w-20 text-right font-medium">Took</th>
          </tr>
        </thead>
        <tbody>
          {spans.map((s, i) => (
            <tr key={i} className="border-t border-line">
              <th scope="row" className="truncate py-0.5 text-left font-normal">
                <span className="font-mono">{s.node}</span> {s.kind}
                {s.outcome && s.outcome !== "ok" ? <span> ⚠ {s.outcome}</span> : null}
              </th>
              <td className="py-0.5">
                <div className="relative h-3 rounded bg-sunken" aria-hidden>
                  <div className={`absolute top-0 h-3 rounded ${spanStyle[s.kind] ?? "bg-muted/50"}`} style={{ left: `${left(s)}%`, width: `${width(s)}%` }} />
                </div>
                <span className="sr-only">
                  from {formatMs(s.startMs - trace.startMs)} to {formatMs(s.endMs - trace.startMs)}
                </span>
              </td>
              <td className="text-right font-mono">{formatMs(s.endMs - s.startMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TracePanel() {
  const lab = useLab();
  const traces = useLabState((s) => s.traces);
  const open = useLabState((s) => s.openTrace);
  return (
    <div className="space-y-3 text-sm">
      {open ? (
        <>
          <Waterfall trace={open} />
          <button type="button" className="rounded border border-line px-2 py-1 text-xs hover:bg-sunken" onClick={() => lab.closeTrace()}>
            ← Back to the list
          </button>
        </>
      ) : (
        <p className="text-muted">Pick a request to see where its time went. (You can also click a moving particle.)</p>
      )}
      <div>
        <h4 className="mb-1 font-medium">Slowest and failed sampled requests</h4>
        {traces.length === 0 ? (
          <p className="text-muted">Play the lab to sample requests.</p>
        ) : (
          <ul className="max-h-48 space-y-0.5 overflow-auto" data-testid="trace-list">
            {[...traces].sort((a, b) => b.latencyMs - a.latencyMs).map((t) => (
              <li key={t.id}>
                <button type="button" className="flex w-full justify-between gap-2 rounded px-1.5 py-0.5 text-left hover:bg-sunken focus-visible:outline-2 focus-visible:outline-accent" onClick={() => void lab.openTrace(t.id)}>
                  <span>
                    #{t.id} at {formatSimTime(t.startMs)} {t.outcome !== "ok" && <span>⚠ {t.outcome}{t.reason ? `: ${t.reason}` : ""}</span>}
                  </span>
                  <span className="font-mono">{formatMs(t.latencyMs)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
