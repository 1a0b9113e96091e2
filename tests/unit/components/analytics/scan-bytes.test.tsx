// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { act } from "react";
import { renderToString } from "react-dom/server";
import { ScanBytes } from "@/components/analytics/scan-bytes";
import { ScanBytes as ScanBytesMdx } from "@/components/mdx/analytics";
import { render, q, text, setInput } from "../harness";

const click = (el: HTMLElement) => act(() => el.click());

describe("<ScanBytes>", () => {
  it("renders on the server with the table, a described grid and a live summary", () => {
    const doc = new DOMParser().parseFromString(renderToString(<ScanBytes />), "text/html");
    expect(doc.querySelector("[data-testid=scan-summary]")!.getAttribute("aria-live")).toBe("polite");
    expect(doc.querySelector("[data-testid=scan-row-bytes]")!.textContent).toBe("10 GB");
    expect(doc.querySelector("[data-testid=scan-col-bytes]")!.textContent).toBe("1 GB");
    expect(doc.querySelector("[data-testid=scan-grid]")!.getAttribute("aria-label")).toMatch(/100 read, 0 skipped by zone maps, 0 skipped by partition pruning/);
  });

  it("sorting, partitioning, selectivity and columns change the bytes as computed by hand", () => {
    const host = render(<ScanBytes />);
    click(q(host, "scan-sorted"));
    expect(text(host, "scan-row-bytes")).toBe("100 MB");
    expect(text(host, "scan-col-bytes")).toBe("10 MB");
    expect(host.querySelectorAll("[data-state=zonemap]")).toHaveLength(99);
    click(q(host, "scan-sorted"));
    click(q(host, "scan-partitioned"));
    expect(text(host, "scan-row-bytes")).toBe("1 GB");
    expect(host.querySelectorAll("[data-state=partition]")).toHaveLength(90);
    setInput(q<HTMLInputElement>(host, "scan-selectivity"), "5"); // 25%: 3 partitions
    expect(text(host, "scan-row-bytes")).toBe("3 GB");
    expect(text(host, "scan-summary")).toMatch(/keeps 25% of rows .* keeps 3 of 10 partitions/);
    click(q(host, "scan-all"));
    expect(text(host, "scan-col-bytes")).toBe("3 GB");
    expect(text(host, "scan-summary")).toMatch(/the same: every column is needed/);
    click(q(host, "scan-none"));
    expect(text(host, "scan-col-bytes")).toBe("120 MB"); // 30 blocks × 1e6 rows × 4 B
    expect(q<HTMLInputElement>(host, "scan-col-restaurant_id").disabled).toBe(true);
  });

  it("the MDX wrapper refuses a bad prop by name", () => {
    expect(() => ScanBytesMdx({ selectivity: 0.3 })).toThrow(/<ScanBytes> selectivity must be one of/);
    expect(() => ScanBytesMdx({ sorted: "yes" as never })).toThrow(/<ScanBytes> sorted must be true or false/);
  });
});
