// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { act } from "react";
import { CheckpointBarrierView } from "@/components/streaming/checkpoint-barriers";
import { CheckpointBarrierView as CheckpointBarrierViewMdx } from "@/components/mdx/streaming";
import { render, q } from "../harness";

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
