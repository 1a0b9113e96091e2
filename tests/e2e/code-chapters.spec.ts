/**
 * Code in chapters: fences arrive highlighted in the HTML (classes, no inline styles) and no
 * highlighter reaches the browser; token colours follow the theme; <BeforeAfter> puts its panes
 * side by side on a desktop column and stacks them on a phone; the pages are axe-clean in both themes.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { collectPageErrors } from "./helpers";

const chapter = "/learn/creational-patterns";

test("code is highlighted in the served HTML and no highlighter is shipped", async ({ page }) => {
  const scripts: string[] = [];
  page.on("response", async (response) => {
    if (response.url().endsWith(".js")) scripts.push(await response.text().catch(() => ""));
  });
  const errors = collectPageErrors(page);
  const response = await page.goto(chapter);
  const html = await response!.text();
  expect(html).toMatch(/<pre class="code-block" tabindex="0" data-language="ts"><code><span class="line"><span class="hl-/);
  expect(html).not.toMatch(/<pre[^>]*style=/);
  // Scroll to the end so every lazily hydrated widget loads its chunk too.
  await page.locator("[data-exercise='creational-di-refactor']").scrollIntoViewIfNeeded();
  await page.waitForLoadState("networkidle");
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => /createHighlighterCore|vscode-textmate|oniguruma/.test(s))).toEqual([]);
  expect(errors).toEqual([]);
});

test("token colours change with the theme", async ({ browser }) => {
  const colours: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto(chapter);
    colours.push(await page.locator("pre.code-block .hl-keyword").first().evaluate((el) => getComputedStyle(el).color));
    await context.close();
  }
  expect(colours[0]).not.toBe(colours[1]);
});

test("BeforeAfter panes sit side by side at 1280 px and stack at 390 px, each labelled", async ({ browser }) => {
  for (const [width, sideBySide] of [[1280, true], [390, false]] as const) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.goto(chapter);
    const figure = page.locator("[data-before-after]").first();
    await expect(figure.locator("[data-pane='before'] > figcaption")).toHaveText("Before");
    await expect(figure.locator("[data-pane='after'] > figcaption")).toHaveText("After: one factory");
    const before = (await figure.locator("[data-pane='before']").boundingBox())!;
    const after = (await figure.locator("[data-pane='after']").boundingBox())!;
    if (sideBySide) expect(Math.abs(before.y - after.y)).toBeLessThan(2);
    else expect(after.y).toBeGreaterThan(before.y + before.height - 1);
    // The page never scrolls sideways; wide code scrolls inside its pane.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await context.close();
  }
});

for (const path of [chapter, "/learn/structural-patterns"])
  for (const colorScheme of ["light", "dark"] as const)
    test(`${path} is axe-clean in the ${colorScheme} theme`, async ({ browser }) => {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(path);
      const results = await new AxeBuilder({ page }).include("main").analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
      await context.close();
    });
