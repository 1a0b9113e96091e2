import { describe, expect, it } from "vitest";
import { aggregateExerciseProblems, checkBoundary, orderAggregateExercise } from "@/lib/ddd/aggregate-boundary";

const exercise = orderAggregateExercise(20);

describe("the Order aggregate exercise", () => {
  it("has consistent data: every inside candidate is needed by an invariant", () => {
    expect(aggregateExerciseProblems(exercise)).toEqual([]);
  });

  it("accepts exactly the lines and the drop-off address", () => {
    const result = checkBoundary(exercise, ["order-line", "delivery-address"]);
    expect(result.solved).toBe(true);
    expect(result.holding).toBe(4);
    expect(result.correct).toBe(exercise.candidates.length);
  });

  it("with nothing inside, no invariant that reads lines or the address can be enforced", () => {
    const result = checkBoundary(exercise, []);
    expect(result.solved).toBe(false);
    expect(result.holding).toBe(0);
    const total = result.invariants.find((v) => v.id === "total")!;
    expect(total.holds).toBe(false);
    expect(total.missing).toEqual(["order-line"]);
    expect(total.reason).toMatch(/^OrderLine is outside the aggregate: /);
    const line = result.candidates.find((c) => c.id === "order-line")!;
    expect(line.problem).toBe("missing");
    expect(line.explanation).toContain("both see 19 items");
  });

  it("puts the item limit into the explanation", () => {
    const small = orderAggregateExercise(5);
    expect(small.invariants.find((i) => i.id === "max-items")!.text).toBe("An order holds at most 5 items in all.");
    expect(checkBoundary(small, []).candidates.find((c) => c.id === "order-line")!.explanation).toContain("ends up with 6");
  });

  it("a too-big aggregate keeps every invariant but is not solved, and says why per entity", () => {
    const result = checkBoundary(exercise, ["order-line", "delivery-address", "restaurant", "courier"]);
    expect(result.holding).toBe(4);
    expect(result.solved).toBe(false);
    const wrong = result.candidates.filter((c) => !c.right);
    expect(wrong.map((c) => [c.id, c.problem])).toEqual([["restaurant", "too-big"], ["courier", "too-big"]]);
    expect(wrong[0]!.explanation).toMatch(/only the restaurant's id/);
  });

  it("refuses unknown candidates by name", () => {
    expect(() => checkBoundary(exercise, ["order-line", "basket"])).toThrow("unknown candidate: basket");
  });

  it("refuses a bad item limit", () => {
    expect(() => orderAggregateExercise(0)).toThrow("maxItems must be a positive integer (got 0)");
  });

  it("flags data where an invariant needs a candidate marked as belonging outside", () => {
    const bad = orderAggregateExercise();
    bad.invariants[0]!.needs = ["payment"];
    expect(aggregateExerciseProblems(bad)).toContain('invariant "total" needs "payment", which is marked as belonging outside');
  });
});
