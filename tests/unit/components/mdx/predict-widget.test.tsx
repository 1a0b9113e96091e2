// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { PredictWidget } from "@/components/mdx/predict-widget";
import { fakeReport } from "../../lib/lab/report-fixture";
import type { Scenario } from "@/simulations";

vi.mock("@/lib/lab/headless-client", () => ({ runInWorker: vi.fn(async () => fakeReport()) }));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  document.body.innerHTML = "";
});

function render(ui: React.ReactElement) {
  const host = document.createElement("div");
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(ui));
  return host;
}

const preset = { version: 1, seed: 7, nodes: [], edges: [], stop: { durationMs: 1000 } } as unknown as Scenario;

async function answer(host: HTMLElement, value: string) {
  const input = host.querySelector<HTMLInputElement>("[data-testid=predict-input]")!;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
  await act(async () => {
    setter.call(input, value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await act(async () => {
    host.querySelector("form")!.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
  });
  await act(async () => new Promise((r) => setTimeout(r, 0)));
}

describe("<Predict> widget", () => {
  it("labels the input with the unit and range", () => {
    const host = render(<PredictWidget scenario="g/s" question="How slow?" metric="latencyMs.p99" unit="ms" min={0} max={3000} preset={preset} />);
    const input = host.querySelector<HTMLInputElement>("input")!;
    const label = host.querySelector(`label[for="${input.id}"]`)!;
    expect(label.textContent).toContain("Your guess (ms)");
    expect(input.min).toBe("0");
    expect(input.max).toBe("3000");
    expect(host.querySelector("[role=status]")!.getAttribute("aria-live")).toBe("polite");
  });

  it("scores a guess against the measured value and emits faultline:prediction-answered", async () => {
    const events: unknown[] = [];
    const listener = (e: Event) => events.push((e as CustomEvent).detail);
    window.addEventListener("faultline:prediction-answered", listener);
    const host = render(<PredictWidget scenario="g/s" question="How slow?" metric="latencyMs.p99" unit="ms" min={0} max={3000} preset={preset} />);
    await answer(host, "300");
    window.removeEventListener("faultline:prediction-answered", listener);
    expect(host.querySelector("[data-testid=predict-measured]")!.textContent).toBe("412 ms");
    expect(host.querySelector("[data-testid=predict-guess]")!.textContent).toBe("300 ms");
    expect(host.querySelector("[data-testid=predict-result]")!.textContent).toContain("Your guess was 112 ms too low");
    expect(host.querySelector("[data-testid=predict-verdict]")!.getAttribute("data-closeness")).toBe("off");
    expect(events).toEqual([{ scenario: "g/s", metric: "latencyMs.p99", guess: 300, measured: 412 }]);
  });

  it("refuses a guess outside the range without running", async () => {
    const host = render(<PredictWidget scenario="g/s" question="Ratio?" metric="nodes.db.utilization" min={0} max={1} preset={preset} />);
    await answer(host, "5");
    expect(host.querySelector("[role=alert]")!.textContent).toContain("between 0 and 1");
    expect(host.querySelector("[data-testid=predict-measured]")).toBeNull();
  });
});
