// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { act } from "react";
import { renderToString } from "react-dom/server";
import { TraversalExplorer } from "@/components/graph/traversal-explorer";
import { TraversalExplorer as TraversalExplorerMdx } from "@/components/mdx/graph";
import { render, q, setInput, text } from "../harness";

const click = (el: HTMLElement) => act(() => el.click());
function select(el: HTMLSelectElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value")!.set!;
  act(() => {
    setter.call(el, value);
    el.dispatchEvent(new Event("change", { bubbles: true }));
  });
}
const rows = (host: HTMLElement) => [...q(host, "traversal-table").querySelectorAll("tbody tr")].map((tr) => [...tr.children].map((c) => c.textContent));

describe("<TraversalExplorer>", () => {
  it("renders on the server with a live summary and a row per hop", () => {
    const doc = new DOMParser().parseFromString(renderToString(<TraversalExplorer hops={4} />), "text/html");
    expect(doc.querySelector("[data-testid=traversal-summary]")!.getAttribute("aria-live")).toBe("polite");
    expect(doc.querySelector("[data-testid=traversal-summary]")!.textContent).toMatch(/From Ana, 4 hops reach 11 of 11 other people .* 88 rows at hop 4 without DISTINCT \(12 with it\)/);
    expect(doc.querySelectorAll("[data-testid=traversal-table] tbody tr")).toHaveLength(4);
  });

  it("changing the depth and the start recounts", () => {
    const host = render(<TraversalExplorer />);
    expect(rows(host)).toHaveLength(2);
    expect(rows(host)[0]).toEqual(["1", "1", "3", "Ben, Chen, Dara", "4", "1", "3", "3"]);
    setInput(q<HTMLInputElement>(host, "traversal-hops"), "3");
    expect(rows(host)).toHaveLength(3);
    select(q<HTMLSelectElement>(host, "traversal-start"), "11");
    expect(text(host, "traversal-summary")).toMatch(/^From Lea, 3 hops/);
  });

  it("adds and removes a friendship from the keyboard-operable controls", () => {
    const host = render(<TraversalExplorer hops={1} />);
    select(q<HTMLSelectElement>(host, "traversal-a"), "0");
    select(q<HTMLSelectElement>(host, "traversal-b"), "11");
    expect(text(host, "traversal-toggle-edge")).toBe("Add friendship");
    click(q(host, "traversal-toggle-edge"));
    expect(rows(host)[0][3]).toBe("Ben, Chen, Dara, Lea");
    expect(text(host, "traversal-toggle-edge")).toBe("Remove friendship");
    click(q(host, "traversal-toggle-edge"));
    expect(rows(host)[0][3]).toBe("Ben, Chen, Dara");
    select(q<HTMLSelectElement>(host, "traversal-b"), "0");
    expect(q<HTMLButtonElement>(host, "traversal-toggle-edge").disabled).toBe(true);
  });

  it("the celebrity puts everyone within two hops and can be removed again", () => {
    const host = render(<TraversalExplorer hops={2} />);
    click(q(host, "traversal-star"));
    expect(q(host, "traversal-star").getAttribute("aria-pressed")).toBe("true");
    expect(text(host, "traversal-summary")).toMatch(/reach 12 of 12 other people/);
    click(q(host, "traversal-star"));
    expect(text(host, "traversal-summary")).toMatch(/of 11 other people/);
  });

  it("the MDX wrapper refuses bad props", () => {
    expect(() => TraversalExplorerMdx({ hops: 5 })).toThrow(/hops must be a whole number from 1 to 4/);
    expect(() => TraversalExplorerMdx({ supernode: "yes" as unknown as boolean })).toThrow(/supernode must be true or false/);
  });
});
