/**
 * /teach, the instructor's gallery (issue 18): filter, pick three labs and a challenge into a course
 * list, make the challenge read-only with a locked control, copy the snippet, and check that the
 * snippet, pasted into another page, embeds the lab with those options. Plus axe in both themes and
 * a 390-px phone.
 */
import AxeBuilder from "@axe-core/playwright";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";

/** Waits until the gallery reacts (hydrated), then filters to one chapter. */
async function filterToChapter(page: Page, chapterId: string) {
  await expect(async () => {
    await page.getByTestId("teach-chapter").selectOption(chapterId);
    await expect(page.getByTestId("teach-results").locator("li").first()).toHaveAttribute("data-id", new RegExp(`:${chapterId}:|^challenge:`), { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const total = await page.getByTestId("teach-results").locator("li").count();
  await expect(page.getByTestId("teach-count")).toContainText(`${total} of`);
}

test("pick three labs and a challenge, configure, copy the snippet, and the snippet embeds the lab as configured", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/teach");
  await filterToChapter(page, "circuit-breaker");
  const results = page.getByTestId("teach-results");
  for (let i = 0; i < 3; i++) await results.locator('li[data-kind="lab"]').nth(i).getByTestId("teach-pick").check();
  const challenge = results.locator('li[data-kind="challenge"]').first();
  await challenge.getByTestId("teach-pick").check();
  await expect(page.getByTestId("course-list-items").locator("li")).toHaveCount(4);

  await challenge.getByTestId("teach-item").click();
  const detail = page.getByTestId("teach-detail");
  await expect(detail).toHaveAttribute("data-item", /^challenge:/);
  await expect(page.frameLocator('[data-testid="teach-preview"]').getByTestId("lab")).toBeVisible({ timeout: 60_000 });
  await detail.getByTestId("teach-readonly").check();
  const control = detail.locator('select[data-testid^="teach-control-"]').first();
  const path = (await control.getAttribute("data-testid"))!.replace("teach-control-", "");
  await control.selectOption("locked");
  await detail.getByTestId("teach-seed").fill("42");

  await detail.getByTestId("teach-copy-snippet").click();
  await expect(detail.getByRole("status").first()).toHaveText("✓ Copied");
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  expect(snippet).toBe(await detail.getByTestId("teach-snippet").inputValue());
  expect(snippet).toContain("readonly=1");
  expect(snippet).toContain(`lock=${path}`);
  expect(snippet).toContain("seed=42");
  expect(snippet).toMatch(/^<iframe src="[^"]+\/embed\?[^"]*#2\.[A-Za-z0-9_-]+" title="Faultline lab: /);
  await expect(detail.getByTestId("teach-assignment-link")).toHaveAttribute("href", /^\/teach\/assign\?scenario=[a-z0-9-]+\/[a-z0-9-]+&challenge=[a-z0-9-]+$/);

  // The snippet pasted into someone else's page: the iframe renders the lab, read-only, control locked.
  // (Served over http from 127.0.0.1 like a course page: a setContent page is about:blank, whose
  // frames of a local server Chromium's local-network checks may refuse.)
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html><title>Course page</title><body>${snippet}</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = await context.newPage();
  await host.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/week-3`);
  const frame = host.frameLocator("iframe");
  await expect(frame.getByTestId("lab")).toBeVisible({ timeout: 60_000 });
  await expect(frame.getByTestId(`locked-${path}`)).toBeVisible();
  await expect(frame.getByTestId("lab-tab-faults")).toHaveCount(0);
  await expect.poll(() => frame.locator("body").evaluate(() => (window as unknown as { faultlineLab?: { store: { getState(): { seed: number } } } }).faultlineLab?.store.getState().seed)).toBe(42);
  await new Promise((resolve) => server.close(resolve));

  // A bad course-list file is refused by name, and the list is kept.
  await page.getByTestId("course-list-file").setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"format":"something-else"}') });
  await expect(page.getByTestId("course-list-message")).toContainText("notes.json was not opened");
  await expect(page.getByTestId("course-list-message")).toContainText('"format" is "something-else"');
  await expect(page.getByTestId("course-list-items").locator("li")).toHaveCount(4);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`/teach has no serious or critical axe violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
    await page.goto("/teach");
    await filterToChapter(page, "circuit-breaker");
    await page.getByTestId("teach-item").first().click();
    await expect(page.getByTestId("teach-detail")).toBeVisible();
    const results = await new AxeBuilder({ page }).exclude('[data-testid="teach-preview"]').withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    const blocking = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
    expect(blocking).toEqual([]);
  });
}

test("/teach is usable at 390 px: no sideways scroll, selecting shows the item", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/teach");
  await filterToChapter(page, "circuit-breaker");
  await page.getByTestId("teach-item").first().click();
  await expect(page.getByRole("heading", { level: 2, name: await page.getByTestId("teach-detail").getByRole("heading", { level: 2 }).innerText() })).toBeFocused();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
