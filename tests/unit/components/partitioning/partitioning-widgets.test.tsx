// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { act } from "react";
import { renderToString } from "react-dom/server";
import { PartitionRing } from "@/components/partitioning/partition-ring";
import { MerkleRepair } from "@/components/partitioning/merkle-repair";
import { CompactionCompare } from "@/components/partitioning/compaction-compare";
import { CompactionCompare as CompactionCompareMdx, MerkleRepair as MerkleRepairMdx, PartitionRing as PartitionRingMdx } from "@/components/mdx/partitioning";
import { render, q } from "../harness";

const text = (host: HTMLElement, id: string) => q(host, id).textContent ?? "";
const click = (el: HTMLElement) => act(() => el.click());
function setInput(el: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
  act(() => {
    setter.call(el, value);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
}
const percent = (s: string) => Number(s.replace("%", "")) / 100;

describe("<PartitionRing>", () => {
  it("renders on the server with a live summary", () => {
    const doc = new DOMParser().parseFromString(renderToString(<PartitionRing />), "text/html");
    const summary = doc.querySelector("[data-testid=partition-summary]")!;
    expect(summary.getAttribute("aria-live")).toBe("polite");
    expect(summary.textContent).toMatch(/10,000 keys on 4 nodes by consistent-hash ring with 8 points per node/);
  });

  it("a join moves about 1/(n+1) on the ring and about n/(n+1) with modulo", () => {
    const host = render(<PartitionRing />);
    click(q(host, "partition-join"));
    const ring = percent(text(host, "partition-moved"));
    expect(ring).toBeGreaterThan(0.1);
    expect(ring).toBeLessThan(0.3);
    click(host.querySelector<HTMLInputElement>("input[type=radio][value=modulo]")!);
    expect(percent(text(host, "partition-moved"))).toBeCloseTo(0.8, 1);
    expect(text(host, "partition-summary")).toMatch(/Node 5 joined/);
  });

  it("bounded loads keep the busiest node under the cap, and salting lowers a hot key's peak", () => {
    const host = render(<PartitionRing virtualNodes={1} hotShare={0.3} />);
    const before = Number(text(host, "partition-peak").replace("×", ""));
    click(host.querySelector<HTMLInputElement>("input[type=radio][value=bounded]")!);
    expect(Number(text(host, "partition-peak").replace("×", ""))).toBeLessThanOrEqual(1.25 + 1e-3);
    expect(before).toBeGreaterThan(1.25);
    const hotBefore = Number(text(host, "partition-hot").replace("×", ""));
    setInput(q<HTMLInputElement>(host, "partition-salts"), "4");
    expect(Number(text(host, "partition-hot").replace("×", ""))).toBeLessThan(hotBefore);
  });

  it("rejects bad props, naming them", () => {
    expect(() => PartitionRingMdx({ virtualNodes: 3 })).toThrow(/virtualNodes must be one of/);
    expect(() => PartitionRingMdx({ scheme: "rendezvous" as never })).toThrow(/scheme/);
  });
});

describe("<MerkleRepair>", () => {
  it("counts 1 + 2·depth hashes for one stale key and grows with depth", () => {
    const host = render(<MerkleRepair stale={1} depth={8} />);
    expect(text(host, "merkle-hashes")).toBe("17");
    setInput(q<HTMLInputElement>(host, "merkle-depth"), "12");
    expect(text(host, "merkle-hashes")).toBe("25");
    expect(text(host, "merkle-keys")).toBe("4");
    expect(text(host, "merkle-summary")).toMatch(/exchanged 25 hashes/);
  });

  it("rejects a depth outside 1–12", () => {
    expect(() => MerkleRepairMdx({ depth: 13 })).toThrow(/depth/);
  });
});

describe("<CompactionCompare>", () => {
  it("shows leveled writing more than size-tiered, and changes with the fanout", () => {
    const host = render(<CompactionCompare />);
    expect(text(host, "compaction-summary")).toMatch(/leveled rewrites each byte about 23 times, size-tiered about 5/);
    setInput(q<HTMLInputElement>(host, "compaction-fanout"), "4");
    expect(text(host, "compaction-summary")).toMatch(/leveled rewrites each byte about 16 times/);
    expect(() => CompactionCompareMdx({ dataGb: 50 })).toThrow(/dataGb/);
  });
});
