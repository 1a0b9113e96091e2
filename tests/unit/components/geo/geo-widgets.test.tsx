// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { act } from "react";
import { renderToString } from "react-dom/server";
import { GeohashGrid } from "@/components/geo/geohash-grid";
import { QuadtreeSearch } from "@/components/geo/quadtree-search";
import { GeofenceJitter } from "@/components/geo/geofence-jitter";
import { GeohashGrid as GeohashGridMdx, QuadtreeSearch as QuadtreeSearchMdx, GeofenceJitter as GeofenceJitterMdx } from "@/components/mdx/geo";
import { render, q } from "../harness";

const text = (host: HTMLElement, id: string) => q(host, id).textContent ?? "";
const key = (el: HTMLElement, k: string, shiftKey = false) => act(() => el.dispatchEvent(new KeyboardEvent("keydown", { key: k, shiftKey, bubbles: true })));
const click = (el: HTMLElement) => act(() => el.dispatchEvent(new MouseEvent("click", { bubbles: true })));
function setInput(el: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
  act(() => {
    setter.call(el, value);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

describe("<GeohashGrid>", () => {
  it("renders on the server with the hash, the size and a live summary; the drawing is hidden from assistive tech", () => {
    const doc = new DOMParser().parseFromString(renderToString(<GeohashGrid />), "text/html");
    expect(doc.querySelector("[data-testid=geohash-hash]")!.textContent).toBe("u4pru");
    expect(doc.querySelector("[data-testid=geohash-summary]")!.getAttribute("aria-live")).toBe("polite");
    expect(doc.querySelector("[data-testid=geohash-summary]")!.textContent).toMatch(/geohash u4pru at precision 5.*2\.6 km wide and 4\.9 km tall/);
    expect(doc.querySelector("svg")!.getAttribute("aria-hidden")).toBe("true");
  });

  it("shows the published vector at precision 9 and changes hash and size with the precision slider", () => {
    const host = render(<GeohashGrid precision={9} />);
    expect(text(host, "geohash-hash")).toBe("u4pruydqq");
    setInput(host.querySelector<HTMLInputElement>("[data-testid=geohash-precision]")!, "3");
    expect(text(host, "geohash-hash")).toBe("u4p");
    expect(text(host, "geohash-size")).toMatch(/85 km wide × 156 km tall/);
  });

  it("moves the point with the arrow keys (a tenth of a cell; Shift for a whole cell) and updates the inputs", () => {
    const host = render(<GeohashGrid />);
    const drawing = q(host, "geohash-drawing");
    const lat = host.querySelector<HTMLInputElement>("[data-testid=geohash-lat]")!;
    const before = Number(lat.value);
    key(drawing, "ArrowUp");
    expect(Number(lat.value)).toBeCloseTo(before + 180 / 2 ** 12 / 10, 4);
    key(drawing, "ArrowRight", true);
    // A whole cell east: the hash is now u4pru's east neighbour.
    expect(text(host, "geohash-hash")).toBe("u4prv");
  });

  it("takes typed coordinates, and names a bad one without losing the point", () => {
    const host = render(<GeohashGrid />);
    const lat = host.querySelector<HTMLInputElement>("[data-testid=geohash-lat]")!;
    const lon = host.querySelector<HTMLInputElement>("[data-testid=geohash-lon]")!;
    setInput(lat, "38.897701");
    setInput(lon, "-77.036537");
    expect(text(host, "geohash-hash")).toBe("dqcjq");
    setInput(lat, "95");
    expect(lat.getAttribute("aria-invalid")).toBe("true");
    expect(host.textContent).toMatch(/Latitude must be a number from -90 to 90/);
    expect(text(host, "geohash-hash")).toBe("dqcjq");
  });

  it("lists every bit when asked, grouped into characters", () => {
    const host = render(<GeohashGrid />);
    click(q(host, "geohash-show-bits"));
    const rows = q(host, "geohash-bits").querySelectorAll("tbody tr");
    expect(rows).toHaveLength(25 + 5);
    expect(q(host, "geohash-bits").textContent).toMatch(/Character 1: bits 11010 = 26 → u/);
  });

  it("demonstrates the edge problem: A next to an edge, B across it, few shared characters, found among the neighbours", () => {
    const host = render(<GeohashGrid />);
    click(q(host, "geohash-near-edge"));
    expect(text(host, "geohash-edge")).toMatch(/10 m away|10\.0 m away|\d+(\.\d)? m away/);
    expect(text(host, "geohash-summary")).toMatch(/shares? \d of 5|share \d of 5 characters/);
    expect(text(host, "geohash-summary")).toMatch(/searching the cell and its eight neighbours finds it/);
    const match = /B, (\S+) (m|km) away/.exec(text(host, "geohash-summary"));
    expect(match && Number(match[1])).toBeLessThan(11);
  });

  it("wraps across the antimeridian from the Fiji preset", () => {
    const host = render(<GeohashGrid />);
    click([...host.querySelectorAll<HTMLElement>("button")].find((b) => /Fiji/.test(b.textContent!))!);
    const lon = host.querySelector<HTMLInputElement>("[data-testid=geohash-lon]")!;
    key(q(host, "geohash-drawing"), "ArrowRight", true);
    expect(Number(lon.value)).toBeLessThan(-179);
  });
});

describe("<QuadtreeSearch>", () => {
  it("reports the seeded query's cost against brute force", () => {
    const host = render(<QuadtreeSearch />);
    expect(text(host, "quadtree-found")).toBe("24");
    expect(text(host, "quadtree-examined")).toBe("35");
    expect(text(host, "quadtree-summary")).toMatch(/opened 32 nodes and examined 35 of 300 points \(12%\); a brute-force scan examines all 300/);
  });

  it("moves the query with the keyboard and changes capacity and mode", () => {
    const host = render(<QuadtreeSearch />);
    const before = text(host, "quadtree-summary");
    key(q(host, "quadtree-drawing"), "ArrowRight", true);
    expect(text(host, "quadtree-summary")).toMatch(/query at \(0\.52, 0\.38\)/);
    expect(text(host, "quadtree-summary")).not.toBe(before);
    setInput(host.querySelector<HTMLInputElement>("[data-testid=quadtree-capacity]")!, "32");
    expect(text(host, "quadtree-summary")).toMatch(/capacity 32/);
    click(host.querySelectorAll<HTMLInputElement>("input[type=radio]")[1]!);
    expect(text(host, "quadtree-summary")).toMatch(/The 5 nearest points/);
    expect(text(host, "quadtree-found")).toBe("5");
  });
});

describe("<GeofenceJitter>", () => {
  it("counts naive flicker and recovers the two real crossings with a band and a dwell", () => {
    const host = render(<GeofenceJitter />);
    expect(text(host, "geofence-naive-count")).toBe("18");
    setInput(host.querySelector<HTMLInputElement>("[data-testid=geofence-band]")!, "15");
    setInput(host.querySelector<HTMLInputElement>("[data-testid=geofence-dwell]")!, "30");
    expect(text(host, "geofence-debounced-count")).toBe("2");
    expect(text(host, "geofence-summary")).toMatch(/it reports 2: enter at 11:20, exit at 17:45\. Each is late by 70 s and 55 s/);
  });
});

describe("MDX wrappers", () => {
  it("refuse bad props naming the component and prop", () => {
    expect(() => GeohashGridMdx({ precision: 12 })).toThrow(/<GeohashGrid> precision must be an integer from 1 to 9 \(got 12\)/);
    expect(() => QuadtreeSearchMdx({ capacity: 0 })).toThrow(/<QuadtreeSearch> capacity must be an integer from 1 to 32/);
    expect(() => GeofenceJitterMdx({ jitter: -1 })).toThrow(/<GeofenceJitter> jitter/);
    expect(() => GeohashGridMdx({ lat: 10 })).not.toThrow();
  });
});
