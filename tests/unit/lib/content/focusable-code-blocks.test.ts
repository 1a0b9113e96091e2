import { describe, expect, it } from "vitest";
import { compileChapter } from "@/lib/content/compile-chapter";
import { makeCodeBlocksFocusable } from "@/lib/content/focusable-code-blocks";

describe("focusable code blocks", () => {
  it("gives every pre, however deep, tabIndex 0 and leaves other elements alone", () => {
    const tree = {
      type: "root",
      children: [
        { type: "element", tagName: "pre", properties: { className: ["x"] }, children: [{ type: "element", tagName: "code", children: [] }] },
        { type: "element", tagName: "div", children: [{ type: "element", tagName: "pre", children: [] }] },
        { type: "element", tagName: "p", children: [] },
      ],
    };
    expect(makeCodeBlocksFocusable(tree)).toBe(2);
    expect(tree.children[0]).toMatchObject({ properties: { className: ["x"], tabIndex: 0 } });
    expect(tree.children[1]!.children![0]).toMatchObject({ properties: { tabIndex: 0 } });
    expect((tree.children[2] as { properties?: unknown }).properties).toBeUndefined();
  });

  it("is part of chapter compilation: a fenced block compiles to a focusable pre", async () => {
    const source = "---\ntitle: T\nsummary: S\npart: Foundations\npatterns: []\n---\n\n```text\nsome code\n```\n";
    const { code } = await compileChapter(source, { file: "t.mdx", partTitles: new Set(["Foundations"]), manifestPart: "Foundations", syllabusIds: new Set<string>() });
    expect(code).toMatch(/tabIndex:"?0"?/);
    // Once, not twice: the highlighter's own lowercase tabindex is replaced, not kept beside ours.
    expect(code.match(/tabIndex:/g)).toHaveLength(1);
  });

  it("replaces a lowercase tabindex a highlighter set, so the element has one tabIndex", () => {
    const pre = { type: "element", tagName: "pre", properties: { tabindex: "0", style: "x" }, children: [] };
    makeCodeBlocksFocusable({ type: "root", children: [pre] });
    expect(pre.properties).toEqual({ style: "x", tabIndex: 0 });
  });
});
