// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { act, type ReactElement } from "react";
import { createRoot, type Root } from "react-dom/client";
import { CheckpointBarrierView } from "@/components/streaming/checkpoint-barriers";
import { CheckpointBarrierView as CheckpointBarrierViewMdx } from "@/components/mdx/streaming";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = "";
});
function render(ui: ReactElement) {
  const host = document.createElement("div");
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(ui));
  return host;
}
const q = (host: HTMLElement, id: string) => host.querySelector<HTMLElement>(`[data-testid=${id}]`)!;
const toEnd = (host: HTMLElement) => {
  while (!(q(host, "cp-next") as HTMLButtonElement).disabled) act(() => q(host, "cp-next").click());
};

describe("<CheckpointBarrierView>", () => {
  it("steps with buttons, announces each step, and shows alignment", () => {
    const host = render(<CheckpointBarrierView />);
    expect(q(host, "cp-caption").getAttribute("aria-live")).toBe("polite");
    expect(q(host, "cp-caption").textContent).toMatch(/^Step 1:/);
    for (let i = 0; i < 4; i++) act(() => q(host, "cp-next").click());
    expect(q(host, "cp-caption").textContent).toMatch(/^Step 5: .*holds back input A/);
    expect(q(host, "cp-svg").getAttribute("aria-label")).toMatch(/input A held back/);
    act(() => q(host, "cp-prev").click());
    expect(q(host, "cp-caption").textContent).toMatch(/^Step 4:/);
  });

  it("a plain sink ends with duplicates, a transactional one with each total once", () => {
    const host = render(<CheckpointBarrierView />);
    toEnd(host);
    expect(q(host, "cp-visible").textContent).toBe("3, 4, 10, 15, 17, 15, 17");
    act(() => host.querySelector<HTMLInputElement>("input[type=radio][value=transactional]")!.click());
    toEnd(host);
    expect(q(host, "cp-visible").textContent).toBe("3, 4, 10, 15, 17");
  });

  it("rejects a bad sink, naming it", () => {
    expect(() => CheckpointBarrierViewMdx({ sink: "idempotent" as never })).toThrow(/sink must be/);
  });
});
