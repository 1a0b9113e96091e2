// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { AggregateBoundary, ContextMapView } from "@/components/mdx/ddd-widgets";

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

const key = (el: Element, k: string) => act(() => void el.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true })));
const click = (el: Element) => act(() => void el.dispatchEvent(new MouseEvent("click", { bubbles: true })));

describe("<ContextMapView>", () => {
  it("renders on the server with its text alternative and the selected relationship explained", () => {
    const html = renderToString(<ContextMapView initial="shared-kernel" />);
    expect(html).toContain("Show the map as text");
    expect(html).toContain("Maps provider (external)");
    expect(html).toContain("Shared kernel: Ordering and Payments");
  });

  it("is one tab stop; arrow keys move the selection and focus, and the panel says what each side owes", () => {
    const host = render(<ContextMapView />);
    const radios = () => [...host.querySelectorAll<HTMLButtonElement>("[data-testid=context-map-relationship]")];
    expect(radios()).toHaveLength(5);
    expect(radios().filter((r) => r.tabIndex === 0)).toHaveLength(1);
    expect(radios()[0]!.getAttribute("aria-checked")).toBe("true");
    radios()[0]!.focus();
    key(radios()[0]!, "ArrowRight");
    expect(radios()[1]!.getAttribute("aria-checked")).toBe("true");
    expect(document.activeElement).toBe(radios()[1]);
    key(radios()[1]!, "End");
    const last = radios()[4]!;
    expect(last.getAttribute("aria-checked")).toBe("true");
    const detail = host.querySelector("[data-testid=context-map-detail]")!;
    expect(detail.textContent).toContain("Anti-corruption layer: Card processor → Payments");
    const owes = [...host.querySelectorAll("[data-testid=context-map-owes]")].map((el) => el.textContent);
    expect(owes[0]).toContain("Card processor (upstream) owes Payments:");
    expect(owes[1]).toContain("Own and maintain the translation layer.");
    expect(detail.querySelector("a")!.getAttribute("href")).toBe("#anti-corruption-layer");
    key(last, "ArrowRight");
    expect(radios()[0]!.getAttribute("aria-checked")).toBe("true");
  });

  it("selects a relationship when its line on the drawing is clicked", () => {
    const host = render(<ContextMapView />);
    click(host.querySelector('[data-relationship="maps-delivery"]')!);
    expect(host.querySelector("[data-testid=context-map-detail] h3")!.textContent).toBe("Conformist: Maps provider → Delivery");
  });
});

describe("<AggregateBoundary>", () => {
  const candidate = (host: HTMLElement, id: string) => host.querySelector<HTMLInputElement>(`[data-candidate="${id}"] input`)!;

  it("explains a wrong placement specifically, and accepts the right one", () => {
    const host = render(<AggregateBoundary id="agg" maxItems={20} />);
    click(candidate(host, "restaurant"));
    click(host.querySelector("[data-testid=exercise-check]")!);
    expect(host.querySelector("[data-testid=exercise-status]")!.textContent).toBe("0 of 4 rules enforceable; 4 of 7 placements right.");
    expect(host.querySelector('[data-invariant="max-items"]')!.getAttribute("data-holds")).toBe("false");
    expect(host.querySelector('[data-candidate="restaurant"]')!.textContent).toContain("Too big: reference it by id.");
    expect(host.querySelector('[data-candidate="order-line"]')!.textContent).toContain("Needed inside.");

    click(candidate(host, "restaurant"));
    expect(host.querySelector("[data-testid=exercise-status]")!.textContent).toBe("");
    click(candidate(host, "order-line"));
    click(candidate(host, "delivery-address"));
    expect(host.querySelector("[data-testid=aggregate-inside]")!.textContent).toContain("Order (the root), OrderLine, DropOffAddress");
    click(host.querySelector("[data-testid=exercise-check]")!);
    expect(host.querySelector("[data-testid=exercise-status]")!.textContent).toBe("Right: all 4 rules hold and nothing unnecessary is inside.");
    expect([...host.querySelectorAll("[data-invariant]")].every((el) => el.getAttribute("data-holds") === "true")).toBe(true);
  });
});
