"use client";
/** The run's headline numbers so far (from the live report), as a definition list. */
import { useThrottledLabState } from "../lab-context";
import { formatMs, formatNumber } from "../format";

export function RunSummary() {
  const report = useThrottledLabState((s) => s.report, 250);
  if (!report) return null;
  const r = report.requests;
  const failedShare = r.arrived ? (r.failed + r.dropped) / r.arrived : 0;
  const items: [string, string, string][] = [
    ["Throughput", `${formatNumber(report.throughputPerSec, 0)}/s`, "throughput"],
    ["p50", formatMs(report.latencyMs.p50), "p50"],
    ["p95", formatMs(report.latencyMs.p95), "p95"],
    ["p99", formatMs(report.latencyMs.p99), "p99"],
    ["Failed", formatNumber(r.failed), "failed"],
    ["Dropped", formatNumber(r.dropped), "dropped"],
    ["Not OK", `${(failedShare * 100).toFixed(1)}%`, "fail-share"],
  ];
  return (
    <dl className="grid grid-cols-4 gap-x-3 gap-y-1 text-sm sm:grid-cols-7" data-testid="lab-summary">
      {items.map(([label, value, key]) => (
        <div key={key} className="min-w-0">
          <dt className="text-xs text-muted">{label}</dt>
          <dd className="font-mono tabular-nums" data-testid={`summary-${key}`} data-value={key === "failed" ? r.failed : key === "dropped" ? r.dropped : key === "p95" ? report.latencyMs.p95 : key === "throughput" ? report.throughputPerSec : undefined}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
