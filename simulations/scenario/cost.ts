/**
 * The cost estimate of a scenario, checked when it is validated so an absurd run is refused with a
 * message before any work starts (a share link is untrusted input): how many requests the sources
 * will create (rate × horizon, warm-up included, or the request stop), and how many points the
 * consistent-hash rings hold. The engine's work budget (runtime/scenario-run.ts) bounds whatever
 * this estimate cannot see, such as retries and fan-out.
 */
import type { Issue } from "../kernel/schema-builder";
import type { Scenario } from "./schema";

/** Limits of a single run. */
export const COST_LIMITS = { requests: 50_000_000, ringPoints: 2_000_000 } as const;

export interface CostEstimate {
  /** Requests the open-loop sources create over the whole run, warm-up included. */
  requests: number;
  /** Points of all consistent-hash rings (targets × virtual nodes). */
  ringPoints: number;
}

const fmt = (x: number) => (x >= 1e15 ? x.toExponential(1) : Math.round(x).toLocaleString("en-US"));

/** Estimates the work of a (structurally valid) scenario. */
export function estimateCost(s: Scenario): CostEstimate {
  let ratePerSec = 0;
  for (const n of s.nodes) if (n.kind === "source" && typeof n.ratePerSec === "number") ratePerSec += n.ratePerSec;
  const warmupMs = s.warmupMs ?? 0;
  const requests = "durationMs" in s.stop ? (ratePerSec * s.stop.durationMs) / 1000 : (ratePerSec * warmupMs) / 1000 + s.stop.requests;
  let ringPoints = 0;
  for (const n of s.nodes) {
    if (n.kind !== "load-balancer" || n.strategy !== "consistent-hash") continue;
    const targets = s.edges.filter((e) => e.from === n.id).length;
    ringPoints += targets * (typeof n.virtualNodes === "number" ? n.virtualNodes : 100);
  }
  return { requests, ringPoints };
}

/** Pushes one issue per limit the estimate exceeds, naming the estimate and the limit. */
export function checkCost(s: Scenario, issues: Issue[]): void {
  const cost = estimateCost(s);
  if (cost.requests > COST_LIMITS.requests) {
    const path = "durationMs" in s.stop ? "stop.durationMs" : s.warmupMs ? "warmupMs" : "stop.requests";
    issues.push({ path, message: `the run would create about ${fmt(cost.requests)} requests (source rates × ${"durationMs" in s.stop ? "duration" : "warm-up, plus stop.requests"}); a run may create at most ${fmt(COST_LIMITS.requests)}` });
  }
  if (cost.ringPoints > COST_LIMITS.ringPoints) {
    issues.push({ path: "nodes", message: `the consistent-hash rings would hold ${fmt(cost.ringPoints)} points (targets × virtualNodes); at most ${fmt(COST_LIMITS.ringPoints)} are allowed` });
  }
}
