// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { act } from "react";
import { renderToString } from "react-dom/server";
import { SchemaEvolution } from "@/components/schemas/schema-evolution";
import { SchemaEvolution as SchemaEvolutionMdx } from "@/components/mdx/schemas";
import { render, q, setInput, text } from "../harness";

const click = (el: HTMLElement) => act(() => el.click());
function choose(el: HTMLSelectElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value")!.set!;
  act(() => {
    setter.call(el, value);
    el.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

describe("<SchemaEvolution>", () => {
  it("renders on the server: adding a field with a default is accepted, both directions read", () => {
    const doc = new DOMParser().parseFromString(renderToString(<SchemaEvolution />), "text/html");
    const summary = doc.querySelector("[data-testid=schema-summary]")!;
    expect(summary.getAttribute("aria-live")).toBe("polite");
    expect(summary.textContent).toMatch(/Add string "currency" with a default: new readers \(v2\) can read old data \(v1\); old readers \(v1\) can read new data \(v2\)\. Under BACKWARD the registry accepts v2/);
    expect(doc.querySelector("[data-testid=schema-checks]")!.textContent).toMatch(/v2v1Yes/);
  });

  it("no default: BACKWARD refuses with the reason, FORWARD accepts and says producers go first", () => {
    const host = render(<SchemaEvolution />);
    click(q(host, "schema-default"));
    expect(text(host, "schema-verdict")).toBe("BACKWARD: the registry refuses v2.");
    expect(text(host, "schema-new-reads-old")).toMatch(/No: the reader expects "currency", the writer never wrote it, and the reader has no default/);
    expect(q<HTMLButtonElement>(host, "schema-register").disabled).toBe(true);
    choose(q(host, "schema-level"), "FORWARD");
    expect(text(host, "schema-verdict")).toBe("FORWARD: the registry accepts v2.");
    expect(text(host, "schema-rollout")).toMatch(/producers first/);
  });

  it("rename with an alias: new readers find the old name, old readers do not; without it, neither", () => {
    const host = render(<SchemaEvolution level="FULL" />);
    choose(q(host, "schema-kind"), "rename");
    setInput(q(host, "schema-name"), "totalCents");
    expect(text(host, "schema-old-reads-new")).toMatch(/^Old readers \(v1\) read new data \(v2\)\? No/);
    expect(text(host, "schema-new-reads-old")).toMatch(/Yes/);
    click(q(host, "schema-alias"));
    expect(text(host, "schema-new-reads-old")).toMatch(/No: the reader expects "totalCents"/);
  });

  it("registering builds history that a transitive level checks against every version", () => {
    const host = render(<SchemaEvolution level="FULL" />);
    choose(q(host, "schema-kind"), "remove");
    choose(q(host, "schema-target"), "note");
    click(q(host, "schema-register"));
    expect(text(host, "schema-versions")).toMatch(/v2: remove "note"/);
    choose(q(host, "schema-kind"), "add");
    setInput(q(host, "schema-name"), "note");
    choose(q(host, "schema-type"), "int");
    expect(text(host, "schema-verdict")).toBe("FULL: the registry accepts v3.");
    choose(q(host, "schema-level"), "FULL_TRANSITIVE");
    expect(text(host, "schema-verdict")).toBe("FULL_TRANSITIVE: the registry refuses v3.");
    expect(q(host, "schema-checks").querySelectorAll("tbody tr")).toHaveLength(4);
    expect(text(host, "schema-checks")).toMatch(/"note" was written as string and string does not promote to the reader's int/);
    click(q(host, "schema-reset"));
    expect(text(host, "schema-summary")).toMatch(/Back to v1 only/);
  });

  it("names an impossible edit instead of a verdict", () => {
    const host = render(<SchemaEvolution />);
    setInput(q(host, "schema-name"), "amountCents");
    expect(text(host, "schema-error")).toMatch(/already has a field "amountCents"/);
    expect(q(host, "schema-verdict")).toBeNull();
  });

  it("the MDX wrapper refuses a bad level by name", () => {
    expect(() => SchemaEvolutionMdx({ level: "SIDEWAYS" as never })).toThrow(/<SchemaEvolution> level must be one of/);
  });
});
