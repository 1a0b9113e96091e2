/**
 * Reads a node's gauges generically, so kinds other engineers add (breakers, brokers, pools) draw
 * without code here: any of `busy`/`workers`, `queue`/`capacity`, `depth`, `hitRatio`, a string
 * `*State`/`state`, `replicas` is picked up when present.
 */
import type { NodeGauges } from "@/simulations";

export interface ReadGauges {
  crashed: boolean;
  degraded: boolean;
  /** 0..1 when the node has workers. */
  utilisation: number | null;
  busy: number | null;
  workers: number | null;
  queue: number | null;
  /** Waiting-room size, null when unbounded or unknown. */
  capacity: number | null;
  hitRatio: number | null;
  /** A state machine's state name (breaker: closed/open/half-open). */
  stateName: string | null;
  stateLabel: string | null;
  replicas: number | null;
  /** Other numeric gauges worth listing, label -> value. */
  extras: [string, number | string][];
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
const known = new Set(["crashed", "degraded", "busy", "workers", "queue", "capacity", "hitRatio", "replicas", "stopped", "ratePerSec", "size", "strategy", "healthyTargets", "targets"]);

export function readGauges(g: NodeGauges | undefined): ReadGauges {
  const gauges = g ?? {};
  const busy = num(gauges.busy);
  const workers = num(gauges.workers);
  const queue = num(gauges.queue) ?? num(gauges.depth);
  const rawCapacity = num(gauges.capacity);
  const stateKey = Object.keys(gauges).find((k) => /state$/i.test(k) && typeof gauges[k] === "string");
  const extras: [string, number | string][] = [];
  for (const [key, value] of Object.entries(gauges)) {
    if (known.has(key) || key === stateKey || key === "depth" || typeof value === "boolean") continue;
    if (typeof value === "number" || typeof value === "string") extras.push([key, value]);
  }
  return {
    crashed: gauges.crashed === true,
    degraded: gauges.degraded === true,
    utilisation: busy !== null && workers ? Math.min(1, busy / workers) : null,
    busy,
    workers,
    queue,
    capacity: rawCapacity !== null && rawCapacity >= 0 && gauges.hitRatio === undefined ? rawCapacity : null,
    hitRatio: num(gauges.hitRatio),
    stateName: stateKey ? String(gauges[stateKey]) : null,
    stateLabel: stateKey ? stateKey.replace(/State$/, "").replace(/([a-z])([A-Z])/g, "$1 $2") || "state" : null,
    replicas: num(gauges.replicas),
    extras: extras.slice(0, 3),
  };
}

/** One sentence describing a node's live state, for its accessible name and the table views. */
export function describeGauges(id: string, kind: string, r: ReadGauges): string {
  const parts = [`${id}, ${kind}`];
  if (r.crashed) parts.push("crashed");
  else if (r.degraded) parts.push("degraded by an injected fault");
  if (r.busy !== null && r.workers !== null) parts.push(`${r.busy} of ${r.workers} workers busy`);
  if (r.queue !== null) parts.push(`${r.queue} waiting${r.capacity !== null ? ` of ${r.capacity}` : ""}`);
  if (r.hitRatio !== null) parts.push(`hit ratio ${Math.round(r.hitRatio * 100)}%`);
  if (r.stateName) parts.push(`${r.stateLabel ?? "state"} ${r.stateName}`);
  if (r.replicas !== null) parts.push(`${r.replicas} replicas`);
  return parts.join(", ");
}
