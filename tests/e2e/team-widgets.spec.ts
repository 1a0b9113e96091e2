/**
 * The team widgets of the teams-and-governance chapter: the Conway map recounts the calls between
 * teams when the layout changes or one service moves, and the communication-paths slider
 * announces n(n − 1)/2 as the headcount moves from the keyboard. Both fit a 390-px viewport.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { collectPageErrors } from "./helpers";

test("the Conway map recounts cross-team calls for each layout and for a moved service", async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto("/learn/teams-and-governance");
  const map = page.getByTestId("conway-map-view");
  await map.scrollIntoViewIfNeeded();
  const summary = map.getByTestId("conway-summary");
  await expect(summary).toContainText("6 of 8 calls cross a team boundary");
  await expect(map.locator("line[data-cross]")).toHaveCount(6);
  // The server HTML is there before the widget hydrates: click until the click takes effect.
  await expect(async () => {
    await map.getByTestId("conway-layout-capabilities").click();
    await expect(summary).toContainText("2 of 8 calls cross a team boundary", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(map.getByTestId("conway-layout-capabilities")).toHaveAttribute("aria-pressed", "true");
  await expect(summary).toContainText("gift wrapping at checkout: Team B alone");
  await map.getByText("Move services between teams").click();
  await map.getByTestId("conway-owner-orders-db").selectOption("c");
  await expect(summary).toContainText("3 of 8 calls cross a team boundary");
  await expect(summary).toContainText("gift wrapping at checkout: Team B + Team C");
  await expect(map.locator("line[data-cross]")).toHaveCount(3);
  await expect(map.getByText("Your own layout")).toBeVisible();
  expect(errors).toEqual([]);
});

test("the communication-paths slider announces n(n − 1)/2 and works from the keyboard at 390 px", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/learn/teams-and-governance");
  const view = page.getByTestId("communication-paths-view");
  await view.scrollIntoViewIfNeeded();
  await expect(view.getByTestId("paths-count")).toContainText("15");
  const slider = view.getByTestId("paths-people");
  await expect(async () => {
    await slider.focus();
    await page.keyboard.press("ArrowRight");
    await expect(view.getByTestId("paths-count")).not.toContainText(/^15 /, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  // From 7, keep going to 24 with the keyboard.
  const now = Number(await slider.inputValue());
  for (let i = now; i < 24; i++) await page.keyboard.press("ArrowRight");
  await expect(view.getByTestId("paths-count")).toContainText("276");
  await expect(view.getByTestId("paths-sentence")).toHaveText(/^24 people: 276 pairwise channels\. Split into 4 teams of 6 .*: 66 \(60 inside teams, 6 between them\)\. The drawing shows 16 of them \(120 lines\)\.$/);
  await expect(view.locator("svg line")).toHaveCount(120);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the team widgets have no serious or critical axe violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
    await page.goto("/learn/teams-and-governance");
    const map = page.getByTestId("conway-map-view");
    await map.scrollIntoViewIfNeeded();
    await map.getByText("Move services between teams").click();
    await page.getByTestId("communication-paths-view").scrollIntoViewIfNeeded();
    const results = await new AxeBuilder({ page })
      .include('[data-testid="conway-map-view"]')
      .include('[data-testid="communication-paths-view"]')
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
      .analyze();
    const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect(blocking).toEqual([]);
  });
}
