/**
 * One retry policy (kernel/retry-policy.ts, issue 11): the edge, `client` node and source spellings
 * normalise to one config, and every wait comes from the one backoff function.
 */
import { describe, expect, it } from "vitest";
import { backoffDelayMs, createStream } from "@/simulations";
import { retryPolicyFromClient, retryPolicyFromEdge, retryPolicyFromSource } from "@/simulations/kernel/retry-policy";
import { runScenario, validateScenario, type Scenario } from "@/simulations";

function checked(doc: unknown): Scenario {
  const result = validateScenario(doc);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
  return result.scenario;
}

describe("the three spellings of a retry policy", () => {
  it("edge and client spell the same policy", () => {
    const edge = retryPolicyFromEdge({ maxAttempts: 3, backoff: { baseMs: 50, maxMs: 2000, multiplier: 3 }, jitter: "full", budget: { ratio: 0.1 } });
    const client = retryPolicyFromClient({ maxAttempts: 3, backoffBaseMs: 50, backoffCapMs: 2000, backoffMultiplier: 3, jitter: "full", retryBudgetRatio: 0.1 });
    expect(client).toEqual(edge);
    expect(edge).toEqual({
      maxAttempts: 3,
      backoff: { baseMs: 50, maxMs: 2000, multiplier: 3, jitter: "full" },
      retryOn: ["timeout", "error", "dropped"],
      budget: { ratio: 0.1, minPerSec: 10, windowMs: 10_000 },
    });
  });

  it("a client with one try has no retry policy", () => {
    expect(retryPolicyFromClient({})).toBeNull();
    expect(retryPolicyFromClient({ maxAttempts: 1, backoffBaseMs: 10 })).toBeNull();
  });

  it("a source's exponential backoff is base × 2^(n−1) capped; fixed is base, uncapped", () => {
    const random = createStream(1, "test");
    const exp = retryPolicyFromSource({ maxAttempts: 5, baseMs: 100, capMs: 300 });
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(exp.backoff, n, 0, random))).toEqual([100, 200, 300, 300]);
    const fixed = retryPolicyFromSource({ maxAttempts: 5, backoff: "fixed", baseMs: 500, capMs: 300 });
    expect([1, 2, 3].map((n) => backoffDelayMs(fixed.backoff, n, 0, random))).toEqual([500, 500, 500]);
    expect(retryPolicyFromSource({}).maxAttempts).toBe(1);
  });

  it("equal jitter stays within [w/2, w] and full within [0, w]", () => {
    const random = createStream(7, "jitter");
    for (let i = 0; i < 1000; i++) {
      const e = backoffDelayMs({ baseMs: 100, maxMs: 1e6, multiplier: 2, jitter: "equal" }, 3, 0, random);
      expect(e).toBeGreaterThanOrEqual(200);
      expect(e).toBeLessThanOrEqual(400);
      const f = backoffDelayMs({ baseMs: 100, maxMs: 1e6, multiplier: 2, jitter: "full" }, 3, 0, random);
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThanOrEqual(400);
    }
  });
});

describe("the source's retry budget", () => {
  // A source with retryBudget r spends the same RetryBudget as edges and clients: against a server
  // that fails every call, retries stay within r × the first tries of each 10 s window.
  const run = (retryBudget: number | null) =>
    runScenario(
      checked({
        version: 1,
        title: "budgeted retries against a failing server",
        seed: 3,
        stop: { durationMs: 60_000 },
        nodes: [
          { id: "users", kind: "source", ratePerSec: 50, maxAttempts: 5, backoff: "fixed", baseMs: 50, retryBudget },
          { id: "api", kind: "server", workers: 8, serviceMs: { dist: "constant", ms: 5 } },
        ],
        edges: [{ from: "users", to: "api" }],
        faults: [{ kind: "errors", target: "api", atMs: 0, durationMs: 60_000, rate: 1 }],
      }),
    ).nodes.users as Record<string, number>;

  it("holds retries to the ratio of first tries, and denies the rest", () => {
    const free = run(null);
    expect(free.retries).toBeGreaterThan(free.attempts * 0.7); // 4 retries per first try without a budget
    const budgeted = run(0.2);
    const firsts = budgeted.attempts - budgeted.retries;
    expect(budgeted.retries).toBeLessThanOrEqual(0.2 * firsts * 1.05 + 1);
    expect(budgeted.retries).toBeGreaterThan(0.2 * firsts * 0.8);
    expect(budgeted.budgetDenied).toBeGreaterThan(0);
  });
});
