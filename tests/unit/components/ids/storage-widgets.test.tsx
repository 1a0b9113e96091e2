// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { act } from "react";
import { renderToString } from "react-dom/server";
import { IdGenerator } from "@/components/ids/id-generator";
import { CollisionOdds } from "@/components/ids/collision-odds";
import { GorillaCompression } from "@/components/tsdb/gorilla-compression";
import { CollisionOdds as CollisionOddsMdx, GorillaCompression as GorillaMdx, IdGenerator as IdGeneratorMdx } from "@/components/mdx/storage-widgets";
import { render, q, text } from "../harness";


const click = (el: HTMLElement) => act(() => el.click());
function setValue(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, "value")!.set!;
  act(() => {
    setter.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? "change" : "input", { bubbles: true }));
  });
}

describe("<IdGenerator>", () => {
  it("renders on the server with a live summary and a described bit layout", () => {
    const doc = new DOMParser().parseFromString(renderToString(<IdGenerator />), "text/html");
    expect(doc.querySelector("[data-testid=ids-summary]")!.getAttribute("aria-live")).toBe("polite");
    expect(doc.querySelector("[data-testid=ids-summary]")!.textContent).toMatch(/All 12 UUIDv7 IDs sort in creation order/);
    expect(doc.querySelector("[data-testid=ids-layout]")!.getAttribute("aria-label")).toMatch(/unix ms 48 bits.*rand_b 62 bits/);
  });

  it("a clock step back: Snowflake refuses, v7 without the guard goes out of order, with it stays sorted", () => {
    const host = render(<IdGenerator rollbackMs={5} />);
    expect(text(host, "ids-summary")).toMatch(/kept the last timestamp/);
    click(q<HTMLInputElement>(host, "ids-monotonic"));
    expect(text(host, "ids-summary")).toMatch(/Without the guard/);
    expect(host.querySelectorAll("[data-out-of-order]").length).toBeGreaterThan(0);
    click(host.querySelector<HTMLInputElement>("input[type=radio][value=snowflake]")!);
    expect(text(host, "ids-summary")).toMatch(/Snowflake refused \d+ of 12/);
    expect(text(host, "ids-decoded")).toMatch(/worker 1, sequence \d+/);
    click(host.querySelector<HTMLInputElement>("input[type=radio][value=uuid-v4]")!);
    expect(text(host, "ids-summary")).toMatch(/UUIDv4 carries no time/);
  });

  it("the MDX wrapper refuses a bad prop by name", () => {
    expect(() => IdGeneratorMdx({ scheme: "uuid-v9" as never })).toThrow(/<IdGenerator> scheme must be one of/);
    expect(() => IdGeneratorMdx({ rollbackMs: 2.5 })).toThrow(/rollbackMs/);
  });
});

describe("<CollisionOdds>", () => {
  it("computes the birthday bound live from the typed count and the chosen bits", () => {
    const host = render(<CollisionOdds />);
    setValue(q<HTMLInputElement>(host, "collision-ids"), "2.3058430092136940e18"); // 2^61
    expect(text(host, "collision-p")).toBe("39.3%");
    setValue(q<HTMLSelectElement>(host, "collision-bits"), "32");
    setValue(q<HTMLInputElement>(host, "collision-ids"), "77163");
    expect(text(host, "collision-p")).toBe("50.0%");
    expect(text(host, "collision-summary")).toMatch(/A 50% chance takes about 77,16\d IDs/);
  });

  it("names bad input and keeps the text", () => {
    const host = render(<CollisionOdds />);
    setValue(q<HTMLInputElement>(host, "collision-ids"), "lots");
    expect(text(host, "collision-summary")).toMatch(/"lots" is not a number of IDs/);
    expect(q<HTMLInputElement>(host, "collision-ids").value).toBe("lots");
    expect(q(host, "collision-ids").getAttribute("aria-invalid")).toBe("true");
    expect(() => CollisionOddsMdx({ bits: 8 })).toThrow(/<CollisionOdds> bits must be a number from 16 to 160/);
  });
});

describe("<GorillaCompression>", () => {
  it("shows bytes per point and switches series", () => {
    const host = render(<GorillaCompression preset="constant" />);
    expect(text(host, "gorilla-summary")).toMatch(/120 points/);
    const constant = Number(text(host, "gorilla-bytes").split(" ")[0]);
    expect(constant).toBeLessThan(0.5);
    setValue(q<HTMLSelectElement>(host, "gorilla-preset"), "random");
    expect(Number(text(host, "gorilla-bytes").split(" ")[0])).toBeGreaterThan(6);
  });

  it("an edit that breaks the series is named by line and loses nothing", () => {
    const host = render(<GorillaCompression />);
    const area = q<HTMLTextAreaElement>(host, "gorilla-text");
    const broken = `${area.value}\noops`;
    setValue(area, broken);
    expect(text(host, "gorilla-error")).toMatch(/line 121: "oops"/);
    expect(q<HTMLTextAreaElement>(host, "gorilla-text").value).toBe(broken);
    setValue(area, "100, 1\n110, 1\n120, 1");
    expect(text(host, "gorilla-summary")).toMatch(/3 points/);
    expect(() => GorillaMdx({ preset: "noise" as never })).toThrow(/<GorillaCompression> preset must be one of/);
  });
});
