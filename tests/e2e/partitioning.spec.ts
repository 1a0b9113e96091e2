/**
 * The key-value chapter's ring widget works from the keyboard alone (native radios, checkbox and
 * sliders) and the partitioning widgets pass axe in light and dark.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test("PartitionRing: a join and the scheme switch from the keyboard; the live summary follows", async ({ page }) => {
  await page.goto("/learn/key-value-stores");
  const widget = page.getByTestId("partition-ring");
  await widget.scrollIntoViewIfNeeded();
  const join = widget.getByTestId("partition-join");
  await join.focus();
  // Retry until the island has hydrated (a press before hydration flips only the native box, so keep toggling).
  await expect(async () => {
    await join.press("Space");
    await expect(widget.getByTestId("partition-summary")).toContainText("Node 10 joined", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  const ringMoved = Number((await widget.getByTestId("partition-moved").innerText()).replace("%", ""));
  expect(ringMoved).toBeLessThan(25);
  // Arrow keys inside the scheme radio group: ring → bounded loads.
  await widget.locator("input[type=radio][value=ring]").focus();
  await page.keyboard.press("ArrowRight");
  await expect(widget.getByTestId("partition-summary")).toContainText("ring with bounded loads");
  await widget.locator("input[type=radio][value=modulo]").focus();
  await page.keyboard.press("Space");
  await expect(widget.getByTestId("partition-moved")).toHaveText(/^(8\d|9\d)\.\d%$/);
  const hot = widget.getByTestId("partition-hot-share");
  await hot.focus();
  await page.keyboard.press("ArrowRight");
  await expect(widget.getByTestId("partition-summary")).toContainText("One key takes 5% of requests");
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the partitioning widgets have no serious axe violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
    await page.goto("/learn/key-value-stores");
    await page.getByTestId("partition-ring").scrollIntoViewIfNeeded();
    const ring = await new AxeBuilder({ page }).include("[data-testid=partition-ring]").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    await page.goto("/learn/wide-column-stores");
    for (const id of ["compaction-compare", "merkle-repair"]) await page.getByTestId(id).scrollIntoViewIfNeeded();
    const wide = await new AxeBuilder({ page }).include("[data-testid=compaction-compare]").include("[data-testid=merkle-repair]").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    const blocking = [...ring.violations, ...wide.violations].filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
    expect(blocking).toEqual([]);
  });
}
