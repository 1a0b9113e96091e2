import { describe, expect, it } from "vitest";
import { validateScenario } from "@/simulations";
import { controlsFor, exposableParams, humaniseOption, labelWithUnit, parseControlInput, shownUnit } from "@/lib/lab/controls";
import { applyEdits, initialEdits, withParam } from "@/lib/lab/edit-timeline";
import { preset } from "./fixtures";

describe("control generation from kind schemas", () => {
  it("reads title, unit, range and choices from the registry metadata", () => {
    const lb = preset("load-balancing/round-robin");
    const [strategy, rate, workers, median] = controlsFor(lb, ["lb.strategy", "users.ratePerSec", "api-1.workers", "api-1.serviceMs.medianMs"]);
    expect(strategy).toMatchObject({ type: "choice", label: "Strategy (lb)", fieldLabel: "Strategy", value: "round-robin" });
    if (strategy.type === "choice") {
      expect(strategy.options).toContain("power-of-two-choices");
      // Human option labels: no raw enum values in the default view.
      expect(strategy.optionLabels["power-of-two-choices"]).toBe("Power of two choices");
      expect(strategy.optionLabels["round-robin"]).toBe("Round robin");
    }
    expect(rate).toMatchObject({ type: "number", label: "Arrival rate (users)", unit: "req/s", min: 1, max: 2000, value: 1000 });
    expect(workers).toMatchObject({ type: "number", unit: "workers", integer: true, step: 1, min: 1, value: 2 });
    // Inside a tagged union: a fallback around the value, unit from the name.
    expect(median).toMatchObject({ type: "number", unit: "ms", value: 4.5 });
    if (median.type === "number") expect(median.max).toBeGreaterThan(4.5);
  });

  it("gives booleans a toggle, with the schema default when the preset leaves them unset", () => {
    const cb = preset("circuit-breaker/recs-outage");
    const [enabled] = controlsFor(cb, ["recs-breaker.enabled"]);
    expect(enabled).toMatchObject({ type: "boolean", fieldLabel: "Breaker enabled", value: true });
    const off = parseControlInput(enabled, false);
    expect(off).toEqual({ value: false });
    // The toggled value is a valid scenario, and the control reads it back.
    const edited = applyEdits(cb, withParam(initialEdits(cb), "recs-breaker.enabled", false));
    expect(validateScenario(edited).ok).toBe(true);
    expect(controlsFor(edited, ["recs-breaker.enabled"])[0].value).toBe(false);
  });

  it("finds booleans inside nested objects (a canary's auto-rollback)", () => {
    const canary = preset("load-balancing/canary");
    const [rollback] = controlsFor(canary, ["split.canary.autoRollback"]);
    expect(rollback).toMatchObject({ type: "boolean", fieldLabel: "Roll back automatically", value: true });
  });

  it("gives node references a select of the scenario's nodes of the named kind, with None", () => {
    const dlq = preset("queues/poison-dlq");
    const [deadLetter] = controlsFor(dlq, ["orders-queue.deadLetterTo"]);
    expect(deadLetter).toMatchObject({ type: "reference", fieldLabel: "Dead-letter queue", value: "dlq", nullable: true });
    // "(a broker node id)" narrows the choice to brokers other than itself.
    if (deadLetter.type === "reference") expect(deadLetter.options).toEqual(["dlq"]);
    expect(parseControlInput(deadLetter, "")).toEqual({ value: null });
    expect(parseControlInput(deadLetter, "nope")).toEqual({ problem: 'There is no node "nope" to choose.' });
    const none = applyEdits(dlq, withParam(initialEdits(dlq), "orders-queue.deadLetterTo", null));
    expect(validateScenario(none).ok).toBe(true);
    expect(none.nodes.find((n) => n.id === "orders-queue")).not.toHaveProperty("deadLetterTo");
  });

  it("edits strings as text and structured values as JSON, naming bad JSON", () => {
    const canary = preset("load-balancing/canary");
    const [targets, missing] = controlsFor(canary, ["split.canary.targets", "nope.x"]);
    expect(targets).toMatchObject({ type: "text", json: true, value: ["canary-1"] });
    expect(parseControlInput(targets, '["canary-1"]')).toEqual({ value: ["canary-1"] });
    expect(parseControlInput(targets, "[canary")).toEqual({ problem: "This is not valid JSON (check quotes and brackets)." });
    // A path the scenario does not have still gets a control (no "cannot be changed" text anywhere).
    expect(missing.type).toBe("text");
  });

  it("checks numbers before they reach the validator", () => {
    const [workers] = controlsFor(preset("load-balancing/round-robin"), ["api-1.workers"]);
    expect(parseControlInput(workers, "2.5")).toEqual({ problem: "Enter a whole number." });
    expect(parseControlInput(workers, "")).toEqual({ problem: "Enter a number in workers." });
    expect(parseControlInput(workers, "3")).toEqual({ value: 3 });
  });

  it("labels short enum values as acronyms and the rest as words", () => {
    expect(humaniseOption("lru")).toBe("LRU");
    expect(humaniseOption("fifo")).toBe("FIFO");
    expect(humaniseOption("count")).toBe("Count");
    expect(humaniseOption("half-open")).toBe("Half open");
  });

  it("lets the playground expose booleans and references too", () => {
    const paths = exposableParams(preset("queues/poison-dlq"));
    expect(paths).toContain("orders-queue.deadLetterTo");
  });
});

describe("labelWithUnit", () => {
  it("drops a unit that only repeats the label, and keeps one that adds something", () => {
    expect(labelWithUnit("Workers", "workers")).toBe("Workers");
    expect(labelWithUnit("Workers per instance", "workers")).toBe("Workers per instance");
    expect(labelWithUnit("Max instances", "instances")).toBe("Max instances");
    expect(labelWithUnit("Waiting room", "requests")).toBe("Waiting room (requests)");
    expect(labelWithUnit("Timeout", "ms")).toBe("Timeout (ms)");
    expect(labelWithUnit("Rate", "/s")).toBe("Rate (per s)");
    expect(labelWithUnit("Rate", undefined)).toBe("Rate");
    expect(shownUnit("Calls", "calls")).toBeUndefined();
  });
});
