// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { act } from "react";
import { q, render, text } from "../harness";
import { WorkflowReplay } from "@/components/workflow/workflow-replay";
import { WorkflowReplay as WorkflowReplayMdx } from "@/components/mdx/workflow";

const click = (host: HTMLElement, id: string) => act(() => q(host, id).click());
const toEnd = (host: HTMLElement) => {
  while (!q<HTMLButtonElement>(host, "wf-next").disabled) click(host, "wf-next");
};

describe("<WorkflowReplay>", () => {
  it("steps with buttons and announces each step", () => {
    const host = render(<WorkflowReplay />);
    expect(q(host, "wf-caption").getAttribute("aria-live")).toBe("polite");
    expect(text(host, "wf-caption")).toMatch(/^Step 1 of 10: The server records event 1/);
    click(host, "wf-next");
    expect(text(host, "wf-caption")).toMatch(/^Step 2 of 10: Worker 1 reaches line 3/);
    click(host, "wf-prev");
    expect(text(host, "wf-caption")).toMatch(/^Step 1 of 10/);
  });

  it("killing worker 1 mid-run: worker 2 replays, nothing runs twice, the run completes", () => {
    const host = render(<WorkflowReplay />);
    for (let i = 0; i < 5; i++) click(host, "wf-next");
    expect(text(host, "wf-runs")).toBe("reserveStock 1×, chargeCard 1×, shipOrder 0×");
    click(host, "wf-kill");
    expect(text(host, "wf-caption")).toMatch(/Worker 1 is killed/);
    expect(text(host, "wf-worker1")).toBe("killed");
    click(host, "wf-next");
    click(host, "wf-next");
    expect(text(host, "wf-caption")).toMatch(/reserveStock is not run again/);
    expect(text(host, "wf-worker2")).toBe("replaying");
    expect(text(host, "wf-history")).toMatch(/\(replayed\)/);
    toEnd(host);
    expect(text(host, "wf-caption")).toMatch(/WorkflowExecutionCompleted/);
    expect(text(host, "wf-runs")).toBe("reserveStock 1×, chargeCard 1×, shipOrder 1×");
    expect(q(host, "wf-table").querySelectorAll("tbody tr").length).toBe(15);
  });

  it("clock-reading code is stopped at event 6 on replay", () => {
    const host = render(<WorkflowReplay readsClock killAfter={7} />);
    toEnd(host);
    expect(text(host, "wf-caption")).toMatch(/Non-determinism error at event 6/);
    expect(text(host, "wf-worker2")).toBe("stuck on a non-determinism error");
    expect(text(host, "wf-history")).toMatch(/TimerStarted 10 min✕ contradicted/);
    act(() => q(host, "wf-clock").click());
    toEnd(host);
    expect(text(host, "wf-caption")).toMatch(/WorkflowExecutionCompleted/);
  });

  it("rejects bad props, naming them", () => {
    expect(() => WorkflowReplayMdx({ readsClock: "yes" as never })).toThrow(/readsClock must be/);
    expect(() => WorkflowReplayMdx({ killAfter: 10 })).toThrow(/killAfter must be an integer from 1 to 9/);
  });
});
