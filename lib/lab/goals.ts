/**
 * Checking a <Challenge>'s goals against a run report: each goal names a metric path and bounds
 * (`atMost`, `atLeast`, or both, inclusive). Pure, so the rules are unit-tested without a browser.
 */
import type { RunReport } from "@/simulations";
import { describeMetric, formatMetric, readMetric } from "./metrics";

/** One goal of a challenge (content/README.md). */
export interface Goal {
  metric: string;
  atMost?: number;
  atLeast?: number;
}

export interface GoalResult {
  goal: Goal;
  /** The measured value, or null when the report has no such metric. */
  measured: number | null;
  passed: boolean;
  /** "p99 latency must be at most 300 ms" */
  requirement: string;
  /** "p99 latency must be at most 300 ms — measured 412 ms" */
  message: string;
}

/** The requirement in words: "p99 latency must be at most 300 ms". */
export function describeGoal(goal: Goal): string {
  const bounds: string[] = [];
  if (goal.atLeast !== undefined && goal.atMost !== undefined) bounds.push(`between ${formatMetric(goal.metric, goal.atLeast)} and ${formatMetric(goal.metric, goal.atMost)}`);
  else if (goal.atLeast !== undefined) bounds.push(`at least ${formatMetric(goal.metric, goal.atLeast)}`);
  else if (goal.atMost !== undefined) bounds.push(`at most ${formatMetric(goal.metric, goal.atMost)}`);
  const subject = describeMetric(goal.metric);
  const capitalised = subject.charAt(0).toUpperCase() + subject.slice(1);
  return bounds.length ? `${capitalised} must be ${bounds[0]}` : `${capitalised} is reported`;
}

/** Checks one goal; bounds are inclusive, a missing metric fails. */
export function checkGoal(report: RunReport, goal: Goal): GoalResult {
  const measured = readMetric(report, goal.metric);
  const passed = measured !== null && (goal.atMost === undefined || measured <= goal.atMost) && (goal.atLeast === undefined || measured >= goal.atLeast);
  const requirement = describeGoal(goal);
  const message = measured === null ? `${requirement} — the run does not report ${goal.metric}` : `${requirement} — measured ${formatMetric(goal.metric, measured)}`;
  return { goal, measured, passed, requirement, message };
}

/** Checks every goal; `passed` is true only when all pass (and there is at least one). */
export function checkGoals(report: RunReport, goals: readonly Goal[]): { passed: boolean; results: GoalResult[] } {
  const results = goals.map((g) => checkGoal(report, g));
  return { passed: results.length > 0 && results.every((r) => r.passed), results };
}
