// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { act } from "react";
import { renderToString } from "react-dom/server";
import { WatermarkPlot } from "@/components/streaming/watermark-plot";
import { WatermarkPlot as WatermarkPlotMdx } from "@/components/mdx/streaming";
import { render, text, setInput } from "../harness";


const q = <T extends Element = HTMLElement>(host: HTMLElement, id: string) => host.querySelector<T>(`[data-testid=${id}]`)!;
const click = (el: Element) => act(() => (el as HTMLElement).click());
const radio = (host: HTMLElement, value: string) => host.querySelector<HTMLInputElement>(`input[type=radio][value=${value}]`)!;
function key(el: Element, k: string) {
  act(() => {
    el.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
  });
}

describe("<WatermarkPlot>", () => {
  it("renders on the server with a live summary and a table of windows", () => {
    const doc = new DOMParser().parseFromString(renderToString(<WatermarkPlot />), "text/html");
    const summary = doc.querySelector("[data-testid=wm-summary]")!;
    expect(summary.getAttribute("aria-live")).toBe("polite");
    expect(summary.textContent).toMatch(/^12 events, 3 windows/);
    expect(doc.querySelectorAll("[data-testid=wm-windows] tbody tr")).toHaveLength(3);
  });

  it("a perfect watermark gives one on-time pane per window, each equal to the batch sum", () => {
    const host = render(<WatermarkPlot />);
    expect(text(host, "wm-summary")).toMatch(/late pane/);
    expect(text(host, "wm-summary")).not.toMatch(/3 of 3 windows/);
    click(radio(host, "perfect"));
    expect(text(host, "wm-summary")).toMatch(/0 early, 3 on-time and 0 late panes\. The streaming result equals the batch result in 3 of 3 windows/);
  });

  it("with unlimited lateness late panes repair the result, in both modes", () => {
    const host = render(<WatermarkPlot />);
    setInput(q<HTMLInputElement>(host, "wm-lateness"), "60");
    expect(text(host, "wm-summary")).toMatch(/3 of 3 windows/);
    click(radio(host, "discarding"));
    expect(text(host, "wm-summary")).toMatch(/3 of 3 windows/);
    expect(text(host, "wm-summary")).toMatch(/[1-9] late panes?/);
  });

  it("elements past the allowed lateness are dropped, or go to the side output", () => {
    const host = render(<WatermarkPlot latenessS={0} />);
    expect(text(host, "wm-summary")).toMatch(/element.* dropped/);
    click(q(host, "wm-side"));
    expect(text(host, "wm-summary")).toMatch(/went to the side output/);
    expect(text(host, "wm-dropped")).toMatch(/^Side output: /);
  });

  it("the keyboard moves the selected event: delaying a timely event makes it late", () => {
    const host = render(<WatermarkPlot watermark="heuristic" latenessS={60} />);
    const svg = q(host, "wm-svg");
    expect(svg.getAttribute("tabindex")).toBe("0");
    act(() => {
      const select = q<HTMLSelectElement>(host, "wm-select");
      const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value")!.set!;
      setter.call(select, "e1");
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });
    expect(svg.getAttribute("aria-label")).toMatch(/Selected: e1, happened at 3 s, arrives at 5 s, on-time/);
    for (let i = 0; i < 6; i++) key(svg, "ArrowUp");
    key(svg, "ArrowUp");
    // Shift-free steps of 1 s: 7 presses move arrival 5 → 12 s; the window [0, 20) is not closed yet.
    expect(svg.getAttribute("aria-label")).toMatch(/arrives at 12 s, on-time/);
    act(() => svg.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowUp", shiftKey: true, bubbles: true })));
    for (let i = 0; i < 6; i++) act(() => svg.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowUp", shiftKey: true, bubbles: true })));
    expect(svg.getAttribute("aria-label")).toMatch(/arrives at 47 s, late/);
    key(svg, "PageDown");
    expect(svg.getAttribute("aria-label")).toMatch(/Selected: e2/);
  });

  it("adds, edits and removes events, and names a bad edit", () => {
    const host = render(<WatermarkPlot />);
    click(q(host, "wm-add"));
    expect(text(host, "wm-summary")).toMatch(/^13 events/);
    setInput(q<HTMLInputElement>(host, "wm-e13-arrival"), "20");
    expect(host.querySelector("[role=alert]")?.textContent).toMatch(/e13: arrival \(20 s\) cannot come before the event time \(30 s\)/);
    click(q(host, "wm-remove"));
    expect(text(host, "wm-summary")).toMatch(/^12 events/);
    expect(host.querySelector("[role=alert]")).toBeNull();
  });

  it("sessions: windows follow the gaps", () => {
    const host = render(<WatermarkPlot window="session" watermark="perfect" />);
    const before = host.querySelectorAll("[data-testid=wm-windows] tbody tr").length;
    setInput(q<HTMLInputElement>(host, "wm-gap"), "20");
    const after = host.querySelectorAll("[data-testid=wm-windows] tbody tr").length;
    expect(after).toBeLessThan(before);
    expect(text(host, "wm-summary")).toMatch(new RegExp(`${after} of ${after} windows`));
  });

  it("rejects bad props, naming them", () => {
    expect(() => WatermarkPlotMdx({ window: "global" as never })).toThrow(/window must be/);
    expect(() => WatermarkPlotMdx({ latenessS: 100 })).toThrow(/latenessS/);
  });
});
