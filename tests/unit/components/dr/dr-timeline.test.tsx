// @vitest-environment happy-dom
/**
 * <DrTimeline>: server-rendered in full, keyboard-operable native controls, a live sentence and tables
 * that carry the drawing, and numbers that follow lib/dr/recovery.ts.
 */
import { describe, expect, it } from "vitest";
import { act } from "react";
import { renderToString } from "react-dom/server";
import { DrTimeline } from "@/components/dr/dr-timeline";
import { DrTimeline as DrTimelineMdx } from "@/components/mdx/disaster-recovery";
import { render, q, text, setInput } from "../harness";

const lost = (host: HTMLElement, strategy: string) => Number(q(host, `dr-row-${strategy}`).querySelectorAll("td")[0].textContent!.replace(/,/g, ""));

describe("<DrTimeline>", () => {
  it("renders the timeline, both tables and the sentence on the server", () => {
    const html = renderToString(<DrTimeline />);
    expect(html).toContain("Backup and restore");
    expect(html).toContain("Active-active");
    expect(html).toContain("Region lost at 14:37:00");
    expect(html).toContain('role="img"');
    expect(html).toContain("Show every phase as a table");
  });

  it("labels every control, so each is reachable and named from the keyboard", () => {
    const host = render(<DrTimeline />);
    const inputs = [...host.querySelectorAll("input")];
    expect(inputs.length).toBeGreaterThanOrEqual(8);
    for (const input of inputs) {
      const named = input.id ? host.querySelector(`label[for="${input.id}"]`) : input.closest("label");
      expect(named, input.outerHTML).not.toBeNull();
      expect(input.tabIndex).not.toBe(-1);
    }
  });

  it("turns point-in-time recovery on and shrinks backup-and-restore's loss to under one archive interval", () => {
    const host = render(<DrTimeline />);
    const before = lost(host, "backup-restore");
    act(() => q<HTMLInputElement>(host, "dr-pitr").click());
    expect(q(host, "dr-archive")).not.toBeNull();
    const after = lost(host, "backup-restore");
    expect(after).toBeLessThan(before / 100);
    expect(after).toBeLessThanOrEqual(5 * 60 * 20);
    expect(text(host, "dr-summary")).toMatch(/one log-archive interval/);
  });

  it("loses nothing with synchronous replication and says what it costs", () => {
    const host = render(<DrTimeline />);
    expect(lost(host, "warm-standby")).toBeGreaterThan(0);
    act(() => q<HTMLInputElement>(host, "dr-sync").click());
    for (const s of ["pilot-light", "warm-standby", "active-active"]) expect(lost(host, s)).toBe(0);
    expect(text(host, "dr-summary")).toMatch(/lose nothing, and every write waits 70 ms longer/);
  });

  it("adds a human decision to the standbys when failover is manual, and follows the DNS TTL", () => {
    const host = render(<DrTimeline />);
    const rto = (s: string) => q(host, `dr-row-${s}`).querySelectorAll("td")[2].textContent;
    expect(rto("warm-standby")).toBe("13 min");
    act(() => q<HTMLInputElement>(host, "dr-auto").click());
    expect(rto("warm-standby")).toBe("33 min");
    setInput(q<HTMLInputElement>(host, "dr-ttl"), "3");
    expect(rto("active-active")).toBe("1 h 1 min");
  });

  it("moves the crash: just before the next snapshot a daily backup loses almost a day", () => {
    const host = render(<DrTimeline />);
    setInput(q<HTMLInputElement>(host, "dr-crash"), "1439");
    expect(q(host, "dr-row-backup-restore").textContent).toMatch(/23 h 59 min ≤ 24 h/);
  });
});

describe("the MDX wrapper", () => {
  it("refuses a bad prop, naming it", () => {
    expect(() => DrTimelineMdx({ backupIntervalH: 3 })).toThrow(/backupIntervalH must be one of 1, 4, 12, 24/);
    expect(() => DrTimelineMdx({ replication: "semi" as never })).toThrow(/replication/);
    expect(() => DrTimelineMdx({ crashAtMin: 2000 })).toThrow(/crashAtMin/);
  });
});
