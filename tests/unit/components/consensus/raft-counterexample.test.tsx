// @vitest-environment happy-dom
// The counterexample widget runs the real search (on the page's thread here: no Worker in happy-dom),
// shows the shortest trace, offers a link that carries the settings, and adopts a link's settings.
import { afterEach, describe, expect, it, vi } from "vitest";
import { act } from "react";
import { RaftCounterexample } from "@/components/consensus/raft-counterexample";
import { q, render, text } from "../harness";

const click = (el: HTMLElement) => act(() => el.click());

afterEach(() => window.history.replaceState(null, "", "/"));

describe("<RaftCounterexample>", () => {
  it("finds the six-step trace with the vote restriction off, and links to it", async () => {
    const host = render(<RaftCounterexample initial={{ servers: 3, commitRule: "current-term", voteRestriction: "none", maxTerm: 4, maxCrashes: 0 }} />);
    expect(q(host, "raft-cx-status").dataset.phase).toBe("idle");
    click(q(host, "raft-cx-run"));
    await vi.waitFor(() => expect(q(host, "raft-cx-status").dataset.phase).toBe("done"), { timeout: 30_000 });
    expect(text(host, "raft-cx-status")).toMatch(/Broken: leader completeness\. The shortest trace has 6 steps/);
    const steps = [...q(host, "raft-cx-trace").querySelectorAll("li")].map((li) => li.textContent);
    expect(steps[0]).toBe("r1 times out and asks for votes in term 1");
    expect(steps).toHaveLength(6);
    expect(q<HTMLAnchorElement>(host, "raft-cx-link").href).toContain("raft-cx=3.current-term.none.4.0#raft-counterexample");
  });

  it("reports 'safe within these bounds' with both rules on for two servers", async () => {
    const host = render(<RaftCounterexample initial={{ servers: 2, commitRule: "current-term", voteRestriction: "up-to-date", maxTerm: 3, maxCrashes: 0 }} />);
    click(q(host, "raft-cx-run"));
    await vi.waitFor(() => expect(q(host, "raft-cx-status").dataset.phase).toBe("done"), { timeout: 30_000 });
    expect(text(host, "raft-cx-status")).toMatch(/Safe within these bounds\. Every reachable state \([\d,]+\) was checked/);
    expect(host.querySelector("[data-testid=raft-cx-trace]")).toBeNull();
  });

  it("adopts the settings of a link and runs them", async () => {
    window.history.replaceState(null, "", "/learn/x?raft-cx=3.current-term.none.4.0");
    const host = render(<RaftCounterexample />);
    await vi.waitFor(() => expect(q(host, "raft-cx-status").dataset.phase).toBe("done"), { timeout: 30_000 });
    expect(q<HTMLInputElement>(host, "raft-cx-voteRestriction-none").checked).toBe(true);
    expect(q(host, "raft-cx-trace").querySelectorAll("li")).toHaveLength(6);
  });

  it("names what is wrong with a bad link and keeps its defaults", () => {
    window.history.replaceState(null, "", "/learn/x?raft-cx=9.nope");
    const other = render(<RaftCounterexample />);
    expect(text(other, "raft-cx-link-problem")).toMatch(/5 parts/);
    expect(q<HTMLInputElement>(other, "raft-cx-commitRule-any-term").checked).toBe(true);
    expect(q(other, "raft-cx-status").dataset.phase).toBe("idle");
  });
});
