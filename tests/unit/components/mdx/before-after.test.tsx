/**
 * <BeforeAfter>: a refactoring's two versions, each in a labelled pane, highlighted at compile time;
 * a body that is not exactly two code fences, or a missing caption, fails the build with its line.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { getMDXComponent } from "mdx-bundler/client";
import { describe, expect, it } from "vitest";
import { compileChapter } from "@/lib/content/compile-chapter";
import { BeforeAfter } from "@/components/mdx/before-after";
import { mdxComponents } from "@/components/mdx/registry";

const context = { file: "content/chapters/x.mdx", partTitles: new Set(["Code design patterns"]), manifestPart: "Code design patterns", syllabusIds: new Set(["adapter"]) };
const frontmatter = `---\ntitle: X\nsummary: Y.\npart: Code design patterns\npatterns: [adapter]\n---\n\n`;
const fence = (code: string, lang = "ts") => "```" + lang + "\n" + code + "\n```";

async function compile(body: string) {
  return compileChapter(frontmatter + body, context);
}

describe("<BeforeAfter>", () => {
  it("labels each pane and keeps the order before, after", () => {
    const html = renderToStaticMarkup(
      <BeforeAfter title="Inject the gateway" afterLabel="After: injected">
        <pre>old()</pre>
        <pre>fresh()</pre>
      </BeforeAfter>,
    );
    expect(html).toMatch(/^<figure[^>]*data-before-after[^>]*><figcaption[^>]*>Inject the gateway<\/figcaption>/);
    const panes = [...html.matchAll(/data-pane="(\w+)"><figcaption[^>]*>([^<]+)<\/figcaption><div[^>]*><pre>([^<]+)<\/pre>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(panes).toEqual([
      ["before", "Before", "old()"],
      ["after", "After: injected", "fresh()"],
    ]);
  });

  it("renders two highlighted panes from a chapter, with no script and no inline style", async () => {
    const { code } = await compile(`<BeforeAfter title="Pass the clock in">\n\n${fence("const now = Date.now();")}\n\n${fence("function due(now: number) {}")}\n\n</BeforeAfter>\n`);
    const html = renderToStaticMarkup(createElement(getMDXComponent(code), { components: mdxComponents }));
    expect(html.match(/<pre class="code-block"/g)).toHaveLength(2);
    expect(html).toContain('<span class="hl-keyword">const</span>');
    expect(html).toMatch(/data-pane="after">[\s\S]*<span class="hl-keyword">function<\/span>/);
    expect(html).not.toMatch(/<script|style="/);
  });

  it("fails the build, naming the line, when the body is not exactly two fences", async () => {
    await expect(compile(`Intro.\n\n<BeforeAfter title="One">\n\n${fence("a()")}\n\n</BeforeAfter>\n`)).rejects.toThrow(/line 10: <BeforeAfter> holds exactly two code fences, before then after, and nothing else \(found 1 code fence\(s\)\)/);
    await expect(compile(`<BeforeAfter title="Prose">\n\nSome words.\n\n${fence("a()")}\n\n${fence("b()")}\n\n</BeforeAfter>\n`)).rejects.toThrow(/found 2 code fence\(s\) and 1 other block\(s\)/);
  });

  it("fails the build without a caption", async () => {
    await expect(compile(`<BeforeAfter>\n\n${fence("a()")}\n\n${fence("b()")}\n\n</BeforeAfter>\n`)).rejects.toThrow(/<BeforeAfter> needs a title/);
  });
});
