// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { act } from "react";
import { renderToString } from "react-dom/server";
import { DurabilityCalc } from "@/components/storage/durability-calc";
import { DurabilityCalc as DurabilityCalcMdx } from "@/components/mdx/durability";
import { render, q, text } from "../harness";

function choose(el: HTMLSelectElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value")!.set!;
  act(() => {
    setter.call(el, value);
    el.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

describe("<DurabilityCalc>", () => {
  it("renders on the server with a table and a live sentence", () => {
    const doc = new DOMParser().parseFromString(renderToString(<DurabilityCalc />), "text/html");
    expect(doc.querySelector("[data-testid=durability-summary]")!.getAttribute("aria-live")).toBe("polite");
    expect(doc.querySelector("[data-testid=durability-summary]")!.textContent).toMatch(/^3 copies use 3× the raw space of the data, RS\(6,3\) 1.5×\. .* 1 in 330 million with 3 copies and 1 in 110 billion with RS\(6,3\): RS\(6,3\) is about 320 times safer\.$/);
    expect(doc.querySelector("[data-testid=durability-ec-overhead]")!.textContent).toBe("1.5×");
    expect(doc.querySelector("[data-testid=durability-rep-loss]")!.textContent).toBe("1 in 330 million");
  });

  it("follows the controls: presets, copies and a longer rebuild", () => {
    const host = render(<DurabilityCalc />);
    expect(text(host, "durability-ec-reads")).toBe("6");
    act(() => q(host, "durability-preset-10-4").click());
    expect(text(host, "durability-ec-overhead")).toBe("1.4×");
    expect(text(host, "durability-ec-tolerates")).toBe("4");
    expect(q(host, "durability-preset-10-4").getAttribute("aria-pressed")).toBe("true");
    choose(q<HTMLSelectElement>(host, "durability-copies"), "1");
    expect(text(host, "durability-rep-loss")).toBe("100%");
    choose(q<HTMLSelectElement>(host, "durability-copies"), "2");
    const before = text(host, "durability-rep-loss");
    choose(q<HTMLSelectElement>(host, "durability-hours"), "168");
    expect(text(host, "durability-rep-loss")).not.toBe(before);
    expect(text(host, "durability-summary")).toMatch(/one disk down for 1 week/);
  });

  it("the MDX wrapper refuses a bad prop by name", () => {
    expect(() => DurabilityCalcMdx({ k: 40 })).toThrow(/<DurabilityCalc> k must be a whole number from 2 to 16/);
    expect(() => DurabilityCalcMdx({ afrPercent: 3 })).toThrow(/<DurabilityCalc> afrPercent must be one of/);
    expect(() => DurabilityCalcMdx({})).not.toThrow();
  });
});
