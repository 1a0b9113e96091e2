// @vitest-environment happy-dom
/**
 * <IsolationLab>: stepping a schedule with the buttons, switching level and schedule with native
 * controls, the live sentence naming the cycle, the table alternative, and the MDX wrapper's checks.
 */
import { describe, expect, it } from "vitest";
import { act } from "react";
import { renderToString } from "react-dom/server";
import { IsolationLab } from "@/components/transactions/isolation-lab";
import { IsolationLab as IsolationLabMdx } from "@/components/mdx/transactions";
import { render, q } from "../harness";

const summary = (host: HTMLElement) => q(host, "isolation-summary").textContent ?? "";
const click = (el: HTMLElement) => act(() => el.click());
function select(el: HTMLSelectElement, value: string) {
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event("change", { bubbles: true }));
  });
}
function radio(host: HTMLElement, value: string) {
  const input = host.querySelector<HTMLInputElement>(`input[type=radio][value=${value}]`)!;
  click(input);
}

describe("<IsolationLab>", () => {
  it("steps write skew under snapshot isolation to a G2-item cycle, announced in the live sentence", () => {
    const host = render(<IsolationLab schedule="G2-item" level="repeatable-read" />);
    expect(summary(host)).toContain("Step 0 of 8");
    click(q(host, "isolation-step"));
    expect(summary(host)).toContain("T1 reads x = 10");
    click(q(host, "isolation-end"));
    expect(summary(host)).toMatch(/G2-item, a cycle of item antidependencies/);
    expect(summary(host)).toContain("G2-item happened under repeatable read");
    expect(q(host, "isolation-graph").getAttribute("aria-label")).toMatch(/G2-item cycle: T1 rw to T2 on y; T2 rw to T1 on x/);
    expect(q(host, "isolation-summary").getAttribute("aria-live")).toBe("polite");
  });

  it("serializable aborts the second committer instead, and the table lists why", () => {
    const host = render(<IsolationLab schedule="G2-item" level="repeatable-read" />);
    radio(host, "serializable");
    click(q(host, "isolation-end"));
    expect(summary(host)).toContain("G2-item was prevented under serializable");
    expect(summary(host)).toContain("could not serialize access due to read/write dependencies");
    expect(q(host, "isolation-table").textContent).toContain("T2 aborts");
  });

  it("switches schedule from the select and starts again at step 0", () => {
    const host = render(<IsolationLab />);
    click(q(host, "isolation-step"));
    select(q<HTMLSelectElement>(host, "isolation-schedule"), "deadlock");
    expect(summary(host)).toContain("Step 0 of 6");
    radio(host, "two-phase-locking");
    click(q(host, "isolation-end"));
    expect(q(host, "isolation-table").textContent).toMatch(/deadlock detected \(T2 waits for T1 waits for T2\)/);
    click(q(host, "isolation-back"));
    expect(summary(host)).toContain("Step 5 of 6");
  });

  it("builds your own schedule statement by statement", () => {
    const host = render(<IsolationLab level="read-committed" />);
    select(q<HTMLSelectElement>(host, "isolation-schedule"), "custom");
    const add = q(host, "isolation-builder-add");
    click(add); // T1 read x
    select(q<HTMLSelectElement>(host, "isolation-builder-tx"), "T2");
    select(q<HTMLSelectElement>(host, "isolation-builder-statement"), "2");
    click(add); // T2 update x
    expect(summary(host)).toContain("Step 2 of 2");
    expect(summary(host)).toContain("T2 updates x = 11");
    expect(q(host, "isolation-versions").textContent).toContain("11");
  });

  it("renders on the server with the lanes, the versions and the sentence", () => {
    const html = renderToString(<IsolationLab schedule="vacuum" level="repeatable-read" />);
    expect(html).toContain("Vacuum and a long reader");
    expect(html).toContain("Row versions (MVCC)");
    expect(html).toContain("Step 0 of 9");
  });

  it("the MDX wrapper refuses bad props naming them", () => {
    expect(() => IsolationLabMdx({ schedule: "G9" })).toThrow(/<IsolationLab> schedule must be one of G0/);
    expect(() => IsolationLabMdx({ level: "snapshot" })).toThrow(/<IsolationLab> level must be one of read-committed/);
    expect(() => IsolationLabMdx({ schedules: ["P4"], schedule: "G0" })).toThrow(/schedule "G0" is not in schedules/);
  });
});
