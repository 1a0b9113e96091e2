import { describe, expect, it } from "vitest";
import { controlsFor } from "@/lib/lab/controls";
import { preset } from "./fixtures";

describe("control generation from kind schemas", () => {
  it("reads title, unit, range and choices from the registry metadata", () => {
    const lb = preset("load-balancing/round-robin");
    const [strategy, rate, workers, median, missing] = controlsFor(lb, ["lb.strategy", "users.ratePerSec", "api-1.workers", "api-1.serviceMs.medianMs", "nope.x"]);
    expect(strategy).toMatchObject({ type: "choice", label: "Strategy (lb)", value: "round-robin" });
    if (strategy.type === "choice") expect(strategy.options).toContain("power-of-two-choices");
    expect(rate).toMatchObject({ type: "number", label: "Arrival rate (users)", unit: "req/s", min: 1, max: 2000, value: 1000 });
    expect(workers).toMatchObject({ type: "number", unit: "workers", integer: true, step: 1, min: 1, value: 2 });
    // Inside a tagged union: a fallback around the value, unit from the name.
    expect(median).toMatchObject({ type: "number", unit: "ms", value: 4.5 });
    if (median.type === "number") expect(median.max).toBeGreaterThan(4.5);
    expect(missing.type).toBe("unsupported");
  });
});
