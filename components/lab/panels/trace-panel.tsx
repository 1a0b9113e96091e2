"use client";
/**
 * One request's story: pick a slow or failed request (or click a particle) and see its spans as a
 * waterfall: time waiting in queues, in service, calls to other nodes, retries and backoff,
 * rejections. Spans are listed in a table too, for screen readers.
 */
import type { RequestTrace, Span } from "@/simulations";
import { useLab, useLabState } from "../lab-context";
import { formatMs, formatSimTime } from "../format";

const danger = "var(--fl-danger,#dc2626)";

/**
 * How each span kind is drawn. The spans a learner must tell apart when reading a retry story
 * (backoff, retry, timeout, rejected, lost) differ by shape and by a glyph and word in the label,
 * not by colour alone: backoff is a hatched gap, a retry starts with a notch, a timeout is an
 * outlined bar with a cut end, a rejection is a cross-hatched block at least a few pixels wide.
 */
export const spanStyles: Record<string, { className: string; style?: React.CSSProperties; glyph?: string; label?: string }> = {
  queue: { className: "bg-warn/60" },
  service: { className: "bg-accent" },
  call: { className: "bg-note/40" },
  hit: { className: "bg-ok" },
  miss: { className: "bg-note/60" },
  retry: { className: "bg-note border-l-4 border-fg", glyph: "↻", label: "retry" },
  backoff: { className: "border border-dashed border-muted", style: { backgroundImage: "repeating-linear-gradient(135deg, var(--fl-muted) 0 2px, transparent 2px 6px)" }, glyph: "⏸", label: "backoff (waiting before the retry)" },
  timeout: { className: "border-2 border-dashed bg-transparent", style: { borderColor: danger }, glyph: "⏱", label: "timed out" },
  rejected: { className: "min-w-2", style: { backgroundColor: danger, backgroundImage: "repeating-linear-gradient(45deg, transparent 0 2px, rgba(255,255,255,.55) 2px 3px), repeating-linear-gradient(-45deg, transparent 0 2px, rgba(255,255,255,.55) 2px 3px)" }, glyph: "⛔", label: "rejected" },
  lost: { className: "min-w-2 border-2 border-dotted bg-transparent", style: { borderColor: danger }, glyph: "✖", label: "lost" },
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
      <SpanLegend />
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
                <span className="font-mono">{s.node}</span>{" "}
                {spanStyles[s.kind]?.glyph ? (
                  <span className="font-semibold" data-span-kind={s.kind} title={spanStyles[s.kind]?.label}>
                    <span aria-hidden>{spanStyles[s.kind]?.glyph} </span>
                    {s.kind}
                  </span>
                ) : (
                  <span data-span-kind={s.kind}>{s.kind}</span>
                )}
                {s.outcome && s.outcome !== "ok" ? <span> ⚠ {s.outcome}</span> : null}
                {s.detail ? <span className="text-muted"> ({s.detail})</span> : null}
              </th>
              <td className="py-0.5">
                <div className="relative h-3 rounded bg-sunken" aria-hidden>
                  <div className={`absolute top-0 h-3 rounded ${spanStyles[s.kind]?.className ?? "bg-muted/50"}`} style={{ ...spanStyles[s.kind]?.style, left: `${left(s)}%`, width: `${width(s)}%` }} />
                </div>
                <span className="sr-only">
                  {spanStyles[s.kind]?.label ? `${spanStyles[s.kind]?.label}, ` : ""}from {formatMs(s.startMs - trace.startMs)} to {formatMs(s.endMs - trace.startMs)}
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

/** The key to the distinctive span shapes. */
function SpanLegend() {
  const kinds = ["retry", "backoff", "timeout", "rejected"] as const;
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted" aria-label="Span key" data-testid="span-legend">
      {kinds.map((k) => (
        <li key={k} className="flex items-center gap-1">
          <span aria-hidden className={`inline-block h-3 w-6 rounded ${spanStyles[k].className}`} style={spanStyles[k].style} />
          {spanStyles[k].glyph} {k}
        </li>
      ))}
    </ul>
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
