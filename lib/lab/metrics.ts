/**
 * Metric paths into the runner's report (`"latencyMs.p99"`, `"nodes.api.utilization"`,
 * `"requests.dropped"`): looking one up, naming it in words, and formatting its value with a unit.
 * Shared by <Predict> and <Challenge>, so both speak of a metric the same way.
 */
import type { RunReport } from "@/simulations";

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

const requestWords: Record<string, string> = { arrived: "requests arrived", completed: "requests completed", failed: "failed requests", dropped: "dropped requests", inFlight: "requests in flight" };

function words(field: string): string {
  return field
    .replace(/Ms$/, "")
    .replace(/PerSec$/, " per second")
    .replace(/([a-z])([A-Z0-9])/g, "$1 $2")
    .toLowerCase();
}

/** The metric in words: "p99 latency", "utilization of db", "dropped requests". */
export function describeMetric(path: string): string {
  const parts = path.split(".");
  if (parts[0] === "latencyMs" && parts[1]) return parts[1] === "mean" ? "mean latency" : parts[1] === "max" ? "maximum latency" : `${parts[1]} latency`;
  if (parts[0] === "requests" && parts[1]) return requestWords[parts[1]] ?? words(parts[1]);
  if (path === "throughputPerSec") return "throughput";
  if ((parts[0] === "nodes" || parts[0] === "edges") && parts.length >= 3) {
    const field = parts.slice(2).join(" ");
    const m = /^p(\d+)Ms$/.exec(parts[2]);
    return `${m ? `p${m[1]} latency` : words(field)} of ${parts[1]}`;
  }
  return words(parts[parts.length - 1] ?? path);
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
