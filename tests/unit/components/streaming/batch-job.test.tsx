// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { act } from "react";
import { renderToString } from "react-dom/server";
import { BatchJobView } from "@/components/streaming/batch-job";
import { BatchJobView as BatchJobViewMdx } from "@/components/mdx/streaming";
import { render, q, setInput } from "../harness";

const seconds = (host: HTMLElement, id: string) => Number((q(host, id).textContent ?? "").replace(" s", ""));

describe("<BatchJobView>", () => {
  it("renders on the server with a live summary and an accessible chart", () => {
    const doc = new DOMParser().parseFromString(renderToString(<BatchJobView />), "text/html");
    expect(doc.querySelector("[data-testid=batch-summary]")!.getAttribute("aria-live")).toBe("polite");
    expect(doc.querySelector("[data-testid=batch-svg]")!.getAttribute("aria-label")).toMatch(/Gantt chart, one lane per worker/);
  });

  it("backups cut the mean job time under stragglers", () => {
    const host = render(<BatchJobView stragglerPercent={3} />);
    expect(seconds(host, "batch-mean-without")).toBeGreaterThan(1.3 * seconds(host, "batch-mean-with"));
    act(() => q(host, "batch-backups").click());
    expect(q(host, "batch-summary").textContent).toMatch(/[1-9]\d* backup cop/);
  });

  it("a hot key makes the slowest reduce long, and salting shortens it", () => {
    const host = render(<BatchJobView stragglerPercent={0} hotKeyPercent={20} />);
    const skewed = seconds(host, "batch-slowest-reduce");
    expect(skewed).toBeGreaterThan(85);
    setInput(q<HTMLInputElement>(host, "batch-salts"), "3");
    expect(seconds(host, "batch-slowest-reduce")).toBeLessThan(30);
  });

  it("another run draws another seed; a lost partition adds a recomputed map", () => {
    const host = render(<BatchJobView />);
    const before = q(host, "batch-summary").textContent;
    act(() => q(host, "batch-reseed").click());
    expect(q(host, "batch-summary").textContent).toMatch(/^Run 2:/);
    expect(q(host, "batch-summary").textContent).not.toBe(before);
    const clean = seconds(host, "batch-time");
    setInput(q<HTMLInputElement>(host, "batch-lost"), "1");
    // Lineage re-runs one 10 s map task before the reduces: the job is about one map task longer, not twice as long.
    expect(seconds(host, "batch-time") - clean).toBeGreaterThanOrEqual(8);
    expect(seconds(host, "batch-time") - clean).toBeLessThanOrEqual(12);
  });

  it("rejects bad props, naming them", () => {
    expect(() => BatchJobViewMdx({ hotKeyPercent: 12 })).toThrow(/hotKeyPercent/);
    expect(() => BatchJobViewMdx({ stragglerPercent: 50 })).toThrow(/stragglerPercent/);
  });
});
