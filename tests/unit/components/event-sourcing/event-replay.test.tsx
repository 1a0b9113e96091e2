// @vitest-environment happy-dom
/**
 * <EventReplay>: server-rendered in full (the sentence and tables read without JavaScript), operable
 * with its native inputs, and its numbers are the model's (lib/event-sourcing/event-store.ts).
 */
import { describe, expect, it } from "vitest";
import { act } from "react";
import { renderToString } from "react-dom/server";
import { EventReplay } from "@/components/event-sourcing/event-replay";
import { EventReplay as EventReplayMdx } from "@/components/mdx/event-sourcing";
import { generateLog, rebuild, takeSnapshots } from "@/lib/event-sourcing/event-store";
import { render, q, text, setInput } from "../harness";


describe("<EventReplay>", () => {
  it("renders the cost sentence, the orders and the log table on the server", () => {
    const html = renderToString(<EventReplay events={40} every={10} />);
    expect(html).toContain("Rebuilding the state after event 40");
    expect(html).toContain("Show the log as a table");
    expect(html).toContain('role="img"');
  });

  it("replays only the events since the newest snapshot, as the model says", () => {
    const host = render(<EventReplay events={60} every={10} />);
    setInput(q<HTMLInputElement>(host, "replay-upto"), "37");
    const expected = rebuild(generateLog(60, 11), takeSnapshots(generateLog(60, 11), 10), 37);
    expect(expected.fromSeq).toBe(30);
    expect(text(host, "replay-summary")).toContain(`snapshot taken after event 30 and applies ${expected.applied} events`);
    // No snapshots: the whole prefix.
    setInput(q<HTMLInputElement>(host, "replay-every"), "0");
    expect(text(host, "replay-summary")).toContain("applies all 37 events");
    expect(q(host, "replay-log").querySelectorAll("tbody tr").length).toBe(37);
  });

  it("flags the clock-reading handler when the checkbox is ticked, and only then", () => {
    const host = render(<EventReplay events={60} />);
    expect(text(host, "replay-summary")).toContain("every order comes out the same");
    act(() => q<HTMLInputElement>(host, "replay-clock").click());
    expect(text(host, "replay-summary")).toMatch(/different state from event \d+ on.*flagged/);
    expect(text(host, "replay-orders")).toContain("≠ replay");
    expect(q(host, "replay-summary").getAttribute("aria-live")).toBe("polite");
  });

  it("labels every control (keyboard users reach native inputs)", () => {
    const host = render(<EventReplay />);
    for (const input of host.querySelectorAll("input")) {
      const labelled = input.closest("label") ?? host.querySelector(`label[for="${input.id}"]`);
      expect(labelled, input.outerHTML).not.toBeNull();
    }
  });

  it("fails the build on a bad prop, naming it", () => {
    expect(() => EventReplayMdx({ every: 7 })).toThrow(/<EventReplay> every/);
    expect(() => EventReplayMdx({ events: 5 })).toThrow(/<EventReplay> events/);
  });
});
