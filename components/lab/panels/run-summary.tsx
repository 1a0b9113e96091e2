"use client";
/** The run's headline numbers so far (from the live report), as a definition list. */
import type { RunReport } from "@/simulations";
import { useThrottledLabState, useThrottledStoreState, useVariant } from "../lab-context";
import { formatMs, formatNumber } from "../format";

function summaryRows(report: RunReport): [string, string][] {
  const r = report.requests;
  const failedShare = r.arrived ? (r.failed + r.dropped) / r.arrived : 0;
  return [
    ["Throughput", `${formatNumber(report.throughputPerSec, 0)}/s`],
    ["p50", formatMs(report.latencyMs.p50)],
    ["p95", formatMs(report.latencyMs.p95)],
    ["p99", formatMs(report.latencyMs.p99)],
    ["Failed", formatNumber(r.failed)],
    ["Dropped", formatNumber(r.dropped)],
    ["Not OK", `${(failedShare * 100).toFixed(1)}%`],
  ];
}

/** Compare mode: both reports side by side, one column each. */
function CompareSummary({ a, b }: { a: RunReport; b: RunReport | null }) {
  const rowsA = summaryRows(a);
  const rowsB = b ? summaryRows(b) : null;
  return (
    <div className="overflow-x-auto">
    <table className="w-full min-w-[520px] text-sm" data-testid="compare-summary">
      <caption className="sr-only">Run so far, variant A and variant B</caption>
      <thead>
        <tr className="text-xs text-muted">
          <th scope="col" className="text-left font-medium">Variant</th>
          {rowsA.map(([label]) => (
            <th key={label} scope="col" className="text-right font-medium">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="font-mono tabular-nums">
        <tr>
          <th scope="row" className="text-left font-sans font-semibold">A <span className="font-normal text-muted">(solid)</span></th>
          {rowsA.map(([label, value]) => (
            <td key={label} className="text-right">{value}</td>
          ))}
        </tr>
        <tr data-testid="compare-summary-b">
          <th scope="row" className="text-left font-sans font-semibold">B <span className="font-normal text-muted">(dashed)</span></th>
          {rowsA.map(([label], i) => (
            <td key={label} className="text-right">{rowsB ? rowsB[i][1] : "…"}</td>
          ))}
        </tr>
      </tbody>
    </table>
    </div>
  );
}

export function RunSummary() {
  const variant = useVariant();
  const report = useThrottledLabState((s) => s.report, 250);
  const reportB = useThrottledStoreState(variant?.store ?? null, (s) => s.report, 250, null);
  if (!report) return null;
  if (variant) return <CompareSummary a={report} b={reportB} />;
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
