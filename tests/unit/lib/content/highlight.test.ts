/**
 * Code fences are highlighted when a chapter compiles: the compiled chapter already holds one
 * classed span per token, so the page needs no highlighter; a fence in an unknown language stays
 * plain text in the same shape; and every token colour of both themes is readable on the code
 * background (WCAG AA, 4.5:1), read from app/globals.css itself.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { getMDXComponent } from "mdx-bundler/client";
import { describe, expect, it } from "vitest";
import { compileChapter } from "@/lib/content/compile-chapter";
import { tokenKinds } from "@/lib/content/highlight";

const context = { file: "content/chapters/x.mdx", partTitles: new Set(["Code design patterns"]), manifestPart: "Code design patterns", syllabusIds: new Set(["adapter"]) };
const frontmatter = `---\ntitle: X\nsummary: Y.\npart: Code design patterns\npatterns: [adapter]\n---\n\n`;

async function render(body: string): Promise<string> {
  const { code } = await compileChapter(frontmatter + body, context);
  return renderToStaticMarkup(createElement(getMDXComponent(code)));
}

describe("code fences at compile time", () => {
  it("turn a TypeScript fence into classed token spans, with no inline styles", async () => {
    const html = await render('```ts\n// place it\nconst order: Order = placeOrder("r-1", 42);\n```\n');
    expect(html).toMatch(/^<pre class="code-block" tabindex="0" data-language="ts"><code>/);
    expect(html).toContain('<span class="hl-keyword">const</span>');
    expect(html).toContain('<span class="hl-comment">// place it</span>');
    expect(html).toMatch(/<span class="hl-string">[^<]*&quot;r-1&quot;<\/span>/);
    expect(html).toMatch(/<span class="hl-constant">[^<]*42<\/span>/);
    expect(html).toMatch(/<span class="hl-type">[^<]*Order<\/span>/);
    expect(html).not.toContain("style=");
    expect(html).not.toContain("--hl-");
  });

  it("keep the code's text exactly, line for line", async () => {
    const source = "interface Courier {\n  id: string;\n  assign(orderId: string): Promise<void>;\n}";
    const html = await render("```ts\n" + source + "\n```\n");
    const text = html.replace(/<\/span><span class="line">/g, "\n").replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    expect(text.replace(/\n(?=\n)/g, "")).toBe(source);
  });

  it("render an unknown language, and a fence without one, as plain text in the same shape", async () => {
    const html = await render("```cobol\nMOVE 1 TO X.\n```\n\n```\nplain words\n```\n");
    expect(html).toContain('<pre class="code-block" tabindex="0" data-language="text"><code><span class="line"><span>MOVE 1 TO X.</span></span></code></pre>');
    expect(html).toContain("plain words");
    expect(html).not.toMatch(/hl-[a-z]+/);
  });

  it("leave inline code alone", async () => {
    const html = await render("Call `placeOrder()` first.\n");
    expect(html).toBe("<p>Call <code>placeOrder()</code> first.</p>");
  });
});

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

/** Custom properties set in the CSS block that starts with `selector {`. */
function variables(css: string, selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no block ${selector}`);
  const body = css.slice(start, css.indexOf("}", start));
  return Object.fromEntries([...body.matchAll(/(--[a-z-]+):\s*(#[0-9a-f]{6})/g)].map((m) => [m[1], m[2]]));
}

describe("highlight colours", () => {
  // Print styles reset the palette to black on white; the screen themes are what the reader sees.
  const css = readFileSync(path.resolve(import.meta.dirname, "../../../../app/globals.css"), "utf8").split("@media print")[0]!;
  // The highlight palette blocks come after the site palette blocks of the same selectors.
  const blocks = (selector: string) => {
    const all: Record<string, string> = {};
    let from = 0;
    for (;;) {
      const at = css.indexOf(`${selector} {`, from);
      if (at < 0) break;
      Object.assign(all, variables(css.slice(at), selector));
      from = at + 1;
    }
    return all;
  };
  const themes = { light: blocks(":root"), dark: blocks(':root[data-theme="dark"]'), "dark (system)": blocks(':root:not([data-theme="light"])') };

  it("define every token colour in every theme", () => {
    for (const [name, vars] of Object.entries(themes)) for (const kind of tokenKinds) expect(vars[`--hl-${kind}`], `${name} --hl-${kind}`).toMatch(/^#[0-9a-f]{6}$/);
  });

  it("reach 4.5:1 against the code background and the page surface in light and dark", () => {
    const low: string[] = [];
    for (const [name, vars] of Object.entries(themes))
      for (const kind of tokenKinds)
        for (const bg of ["--fl-sunken", "--fl-surface"]) {
          const ratio = contrast(vars[`--hl-${kind}`]!, vars[bg]!);
          if (ratio < 4.5) low.push(`${name} ${kind} on ${bg}: ${ratio.toFixed(2)}`);
        }
    expect(low).toEqual([]);
  });
});
