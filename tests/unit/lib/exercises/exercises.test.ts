import { describe, expect, it } from "vitest";
import { exerciseProblems, gradeClassification, gradeOrder, moveItem, shuffledOrder } from "@/lib/exercises/exercises";

describe("shuffledOrder", () => {
  it("is a permutation, the same for the same seed, and never the original order", () => {
    const steps = ["a", "b", "c", "d", "e"];
    for (const seed of ["x", "layers", "order-1", "hexagonal", ""]) {
      const once = shuffledOrder(steps, seed);
      expect([...once].sort()).toEqual(steps);
      expect(shuffledOrder(steps, seed)).toEqual(once);
      expect(once).not.toEqual(steps);
    }
    expect(shuffledOrder(["a", "b"], "seed")).toEqual(["b", "a"]);
  });
  it("differs between seeds", () => {
    const steps = Array.from({ length: 8 }, (_, i) => `s${i}`);
    const orders = new Set(["a", "b", "c", "d"].map((seed) => shuffledOrder(steps, seed).join()));
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe("grading", () => {
  const items = [
    { text: "one deploy", category: "Monolith" },
    { text: "per-service database", category: "Microservices" },
    { text: "in-process calls", category: "Monolith" },
  ];
  it("classification counts right picks and marks unanswered items null", () => {
    const result = gradeClassification(items, ["Monolith", "Monolith", undefined]);
    expect(result).toEqual({ correct: 1, total: 3, verdicts: [true, false, null] });
    expect(gradeClassification(items, ["Monolith", "Microservices", "Monolith"]).correct).toBe(3);
  });
  it("order marks each position and is solved only when all are right", () => {
    expect(gradeOrder(["a", "b", "c"], ["a", "c", "b"])).toEqual({ correct: 1, total: 3, verdicts: [true, false, false], solved: false });
    expect(gradeOrder(["a", "b", "c"], ["a", "b", "c"]).solved).toBe(true);
  });
  it("moveItem moves by delta and clamps at both ends", () => {
    expect(moveItem(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 1, 5)).toEqual(["a", "c", "b"]);
  });
});

describe("exerciseProblems", () => {
  it("accepts well-formed exercises", () => {
    expect(exerciseProblems("Choose", { id: "q-1", question: "Which?", options: ["a", "b"], answer: 1 })).toEqual([]);
    expect(exerciseProblems("Classify", { id: "c-1", prompt: "Sort", categories: ["A", "B"], items: [{ text: "x", category: "A" }, { text: "y", category: "B" }] })).toEqual([]);
    expect(exerciseProblems("Order", { id: "o-1", prompt: "Order", steps: ["a", "b", "c"] })).toEqual([]);
  });
  it("names the field of each problem", () => {
    expect(exerciseProblems("Choose", { id: "q", question: "Which?", options: ["a", "b"], answer: 2 })).toEqual(["Choose: answer must be the index of an option (0 to 1)"]);
    expect(exerciseProblems("Classify", { id: "c", prompt: "Sort", categories: ["A", "B"], items: [{ text: "x", category: "A" }, { text: "y", category: "C" }] })).toEqual([
      'Classify: items[1].category must be one of the categories (got "C")',
    ]);
    expect(exerciseProblems("Order", { id: "Bad Id", prompt: "Order", steps: ["a", "a", "b"] })).toEqual(["Order: id must be a kebab-case string", "Order: steps must be distinct"]);
  });
});
