// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { TransportCosts } from "@/components/realtime/transport-costs";
import { TransportCosts as TransportCostsMdx } from "@/components/mdx/realtime";
import { render, q, setInput, text } from "../harness";

describe("<TransportCosts>", () => {
  it("renders on the server with the table, a live summary and the stated header assumption", () => {
    const doc = new DOMParser().parseFromString(renderToString(<TransportCosts />), "text/html");
    expect(doc.querySelector("[data-testid=transport-summary]")!.getAttribute("aria-live")).toBe("polite");
    expect(doc.querySelectorAll("[data-testid=transport-table] tbody tr")).toHaveLength(4);
    expect(doc.body.textContent).toMatch(/700 B per request and its response/);
    expect(doc.body.textContent).toMatch(/RFC 6455/);
  });

  it("defaults: 10,000 clients, one 100-B update a second, polling every 5 s", () => {
    const host = render(<TransportCosts />);
    // 2,000 polls/s × 700 B + 10,000 × 100 B = 2.4 MB/s; WebSocket 10,000 × 102 B = 1.02 MB/s.
    expect(text(host, "transport-row-polling")).toMatch(/2,000.*2\.4 MB\/s.*240 B.*5 s/);
    expect(text(host, "transport-row-websocket")).toMatch(/^WebSocket0.*1\.02 MB\/s.*102 B/);
    expect(text(host, "transport-row-long-polling")).toMatch(/10,000.*8 MB\/s.*800 B.*100 ms/);
    expect(text(host, "transport-summary")).toMatch(/10,000 clients each getting one update a second of 100 B: polling every 5 s makes 2,000 requests\/s and moves 2\.4 MB\/s, 2\.4 times what WebSockets move/);
  });

  it("rare updates and fast polls: the summary names the empty polls", () => {
    const host = render(<TransportCosts />);
    setInput(q<HTMLInputElement>(host, "transport-rate"), "0"); // one a minute
    setInput(q<HTMLInputElement>(host, "transport-poll"), "2"); // every 2 s
    // 5,000 polls/s, 58 of every 60 empty: 97%.
    expect(text(host, "transport-summary")).toMatch(/5,000 requests\/s \(97% of them find nothing\)/);
    setInput(q<HTMLInputElement>(host, "transport-headers"), "100");
    expect(text(host, "transport-row-polling")).toMatch(/517 kB\/s.*3\.1 kB/); // 5,000 × 100 B + 16.7 kB/s of payload; 3,000 B of headers + 100 B per update
  });

  it("the MDX wrapper refuses a bad prop by name", () => {
    expect(() => TransportCostsMdx({ clients: 7 })).toThrow(/<TransportCosts> clients must be a whole number from 0 to 6/);
    expect(() => TransportCostsMdx({ poll: 1.5 })).toThrow(/poll/);
  });
});
