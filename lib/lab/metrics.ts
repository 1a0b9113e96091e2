/**
 * Metric paths into the runner's report (`"latencyMs.p99"`, `"nodes.api.utilization"`,
 * `"requests.dropped"`): looking one up, naming it in words, and formatting its value with a unit.
 * Shared by <Predict> and <Challenge>, so both speak of a metric the same way.
 */
import type { RunReport } from "@/simulations";
import { metricName } from "./metric-names";

/** The number at `path` in the report, or null when the path names nothing numeric. */
export function readMetric(report: RunReport, path: string): number | null {
  let value: unknown = report;
  // Node and edge ids may contain dots? They do not (ids are [a-z0-9-]), so a plain split is exact.
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null || !Object.prototype.hasOwnProperty.call(value, key)) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** What kind of number a metric is, guessed from its name (the report has no unit metadata). */
export type MetricUnit = "ms" | "ratio" | "per-sec" | "count";

/** The unit a metric path carries by naming convention. */
export function metricUnit(path: string): MetricUnit {
  const last = path.split(".").pop() ?? "";
  const parent = path.split(".").slice(-2, -1)[0] ?? "";
  if (/Ms$/.test(last) || parent === "latencyMs" || /^p\d+Ms$/.test(last)) return "ms";
  if (/(ratio|Ratio|utili[sz]ation|Share|share|Rate)$/.test(last) && !/PerSec$/.test(last)) return "ratio";
  if (/PerSec$/.test(last)) return "per-sec";
  return "count";
}

/** The metric in words: "p99 latency", "utilization of db", "dropped requests" (lib/lab/metric-names.ts). */
export function describeMetric(path: string): string {
  const name = metricName(path);
  const label = /^[A-Z][a-z]/.test(name.label) ? name.label.charAt(0).toLowerCase() + name.label.slice(1) : name.label;
  return name.owner ? `${label} of ${name.owner}` : label;
}

function trim(n: number, digits: number): string {
  return Number(n.toFixed(digits)).toLocaleString("en-US", { maximumFractionDigits: digits });
}

/** A metric value with its unit: "412 ms", "97.3%", "1,204 req/s", "3". */
export function formatMetric(path: string, value: number, unit?: string): string {
  if (!Number.isFinite(value)) return "–";
  // "1 replica", not "1 replicas" (plural word units only; "ms" and "/s" stay as they are).
  if (unit) return `${trim(value, Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 1 ? 1 : 3)} ${value === 1 && /^[a-z]{3,}s$/.test(unit) ? unit.slice(0, -1) : unit}`;
  switch (metricUnit(path)) {
    case "ms":
      return value >= 10_000 ? `${trim(value / 1000, 1)} s` : `${trim(value, value >= 100 ? 0 : 1)} ms`;
    case "ratio":
      return `${trim(value * 100, 1)}%`;
    case "per-sec":
      return `${trim(value, value >= 100 ? 0 : 1)}/s`;
    default:
      return trim(value, Number.isInteger(value) ? 0 : 2);
  }
}
