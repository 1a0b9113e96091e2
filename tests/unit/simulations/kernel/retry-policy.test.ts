/**
 * One retry policy (kernel/retry-policy.ts, issue 11): the edge, `client` node and source spellings
 * normalise to one config, and every wait comes from the one backoff function.
 */
import { describe, expect, it } from "vitest";
import { backoffDelayMs, createStream } from "@/simulations";
import { retryPolicyFromClient, retryPolicyFromEdge, retryPolicyFromSource, SourceRetryBudget } from "@/simulations/kernel/retry-policy";

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
  it("allows retries while those sent in the last 10 s are fewer than ratio × first tries", () => {
    const budget = new SourceRetryBudget(0.5);
    for (let i = 0; i < 4; i++) budget.recordSend(i, 1);
    expect(budget.allows(10)).toBe(true);
    budget.recordSend(10, 2);
    expect(budget.allows(11)).toBe(true);
    budget.recordSend(11, 3);
    expect(budget.allows(12)).toBe(false); // 2 retries ≥ 0.5 × 4
    // Ten seconds later the window has forgotten them all: no first tries, so no retries either.
    expect(budget.allows(20_500)).toBe(false);
    budget.recordSend(20_500, 1);
    budget.recordSend(20_501, 1);
    expect(budget.allows(20_502)).toBe(true);
  });
});
