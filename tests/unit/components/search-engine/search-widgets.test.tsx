// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { act } from "react";
import { renderToString } from "react-dom/server";
import { Bm25Explorer, parseDocs } from "@/components/search-engine/bm25-explorer";
import { HnswSearch } from "@/components/search-engine/hnsw-search";
import { Bm25Explorer as Bm25ExplorerMdx, HnswSearch as HnswSearchMdx } from "@/components/mdx/search-widgets";
import { render, q, setInput, text } from "../harness";

function setValue(el: HTMLTextAreaElement | HTMLSelectElement, value: string) {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLSelectElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, "value")!.set!;
  act(() => {
    setter.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
  });
}
const click = (el: HTMLElement) => act(() => el.click());

describe("<Bm25Explorer>", () => {
  it("renders on the server with a live summary, the ranking and the postings", () => {
    const doc = new DOMParser().parseFromString(renderToString(<Bm25Explorer />), "text/html");
    const summary = doc.querySelector("[data-testid=bm25-summary]")!;
    expect(summary.getAttribute("aria-live")).toBe("polite");
    expect(summary.textContent).toMatch(/5 of 5 documents match\. Document 1 ranks first with 2\.191/);
    expect(doc.querySelector("[data-testid=bm25-postings]")!.textContent).toMatch(/green2.*1 \(1\) @0 → 2 \(3\) @0,2,5/);
  });

  it("k1, b, the analyzer and the query change the scores", () => {
    const host = render(<Bm25Explorer />);
    setInput(q<HTMLInputElement>(host, "bm25-b"), "0");
    expect(text(host, "bm25-summary")).toMatch(/ranks first with 1\.953/);
    setInput(q<HTMLInputElement>(host, "bm25-k1"), "3");
    expect(text(host, "bm25-summary")).toMatch(/Document 2 ranks first/);
    click(q<HTMLInputElement>(host, "bm25-stem"));
    setInput(q<HTMLInputElement>(host, "bm25-query"), "curries");
    expect(text(host, "bm25-summary")).toMatch(/1 of 5 documents match\. Document 5/);
    setInput(q<HTMLInputElement>(host, "bm25-query"), "the and");
    expect(text(host, "bm25-summary")).toMatch(/no terms left/);
  });

  it("two shards with their own statistics reorder the results; gathered statistics restore them", () => {
    const host = render(<Bm25Explorer />);
    setValue(q<HTMLSelectElement>(host, "bm25-shards"), "2");
    expect(text(host, "bm25-summary")).toMatch(/Document 2 ranks first with 2\.014/);
    click(q<HTMLInputElement>(host, "bm25-stats-global"));
    expect(text(host, "bm25-summary")).toMatch(/Document 1 ranks first with 2\.191/);
  });

  it("names bad documents and keeps the text", () => {
    const host = render(<Bm25Explorer />);
    setValue(q<HTMLTextAreaElement>(host, "bm25-docs"), "  \n ");
    expect(text(host, "bm25-error")).toMatch(/at least one document/);
    expect(q(host, "bm25-docs").getAttribute("aria-invalid")).toBe("true");
    expect(parseDocs(Array.from({ length: 11 }, (_, i) => `d${i}`).join("\n")).error).toMatch(/At most 10/);
  });

  it("the MDX wrapper refuses a bad prop by name", () => {
    expect(() => Bm25ExplorerMdx({ k1: 5 })).toThrow(/<Bm25Explorer> k1 must be a number from 0 to 3/);
    expect(() => Bm25ExplorerMdx({ shards: 1.5 })).toThrow(/shards/);
    expect(() => Bm25ExplorerMdx({ query: 3 as never })).toThrow(/query must be a string/);
  });
});

describe("<HnswSearch>", () => {
  it("renders on the server with a live summary, a described drawing and the recall table", () => {
    const doc = new DOMParser().parseFromString(renderToString(<HnswSearch />), "text/html");
    const summary = doc.querySelector("[data-testid=hnsw-summary]")!;
    expect(summary.getAttribute("aria-live")).toBe("polite");
    expect(summary.textContent).toMatch(/found \d of the 5 true nearest neighbours \(recall@5 [01]\.\d\d\) with \d+ distance computations; brute force computes 1,000/);
    expect(doc.querySelector("[data-testid=hnsw-drawing]")!.getAttribute("aria-label")).toMatch(/Query at \(0\.\d\d, 0\.\d\d\)/);
    expect(doc.querySelectorAll("[data-testid=hnsw-curve] tbody tr")).toHaveLength(7);
  });

  it("a wider beam reaches full mean recall; the arrow keys and buttons move the query", () => {
    const host = render(<HnswSearch />);
    setInput(q<HTMLInputElement>(host, "hnsw-ef"), "100");
    expect(text(host, "hnsw-summary")).toMatch(/mean recall 1\.000/);
    const before = q(host, "hnsw-drawing").getAttribute("aria-label");
    act(() => q(host, "hnsw-drawing").dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true })));
    expect(q(host, "hnsw-drawing").getAttribute("aria-label")).not.toBe(before);
    click(q(host, "hnsw-next"));
    expect(text(host, "hnsw-summary")).toMatch(/This query: found/);
  });

  it("the MDX wrapper refuses a bad prop by name", () => {
    expect(() => HnswSearchMdx({ m: 1 })).toThrow(/<HnswSearch> m must be a number from 2 to 16/);
    expect(() => HnswSearchMdx({ efConstruction: 10 })).toThrow(/efConstruction must be one of/);
    expect(() => HnswSearchMdx({ k: 2.5 })).toThrow(/k must be a whole number/);
  });
});
