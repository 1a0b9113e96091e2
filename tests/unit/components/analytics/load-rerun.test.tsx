// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { act } from "react";
import { renderToString } from "react-dom/server";
import { LoadRerun } from "@/components/analytics/load-rerun";
import { LoadRerun as LoadRerunMdx } from "@/components/mdx/analytics";
import { render, q, text } from "../harness";

const click = (el: HTMLElement) => act(() => el.click());

describe("<LoadRerun>", () => {
  it("renders on the server with a live summary and the all-runs table", () => {
    const doc = new DOMParser().parseFromString(renderToString(<LoadRerun />), "text/html");
    expect(doc.querySelector("[data-testid=load-summary]")!.getAttribute("aria-live")).toBe("polite");
    expect(doc.querySelector("[data-testid=load-summary]")!.textContent).toMatch(/3 rows totalling €50; the source totals €50: the table matches the source/);
    expect(doc.querySelector("[data-testid=load-all]")!.textContent).toMatch(/€222 \(13 rows\) ✗/);
  });

  it("steps through the runs: append doubles on the retry, merge keeps the deleted row, overwrite stays right", () => {
    const host = render(<LoadRerun />);
    click(q(host, "load-next"));
    expect(text(host, "load-total")).toBe("€100");
    expect(host.querySelectorAll("[data-problem=duplicate]")).toHaveLength(6);
    expect(text(host, "load-summary")).toMatch(/off by €50/);
    click(q(host, "load-merge"));
    expect(text(host, "load-total")).toBe("€50");
    click(q(host, "load-next"));
    click(q(host, "load-next"));
    expect(text(host, "load-step")).toMatch(/Run 4 of 4/);
    expect(text(host, "load-total")).toBe("€65");
    expect(host.querySelectorAll("[data-problem=deleted]")).toHaveLength(1);
    click(q(host, "load-overwrite"));
    expect(text(host, "load-total")).toBe("€57");
    expect(q<HTMLButtonElement>(host, "load-next").disabled).toBe(true);
  });

  it("the MDX wrapper refuses a bad strategy by name", () => {
    expect(() => LoadRerunMdx({ strategy: "upsert" as never })).toThrow(/<LoadRerun> strategy must be one of/);
  });
});
