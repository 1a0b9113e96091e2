/**
 * The domain-driven design widgets on their chapter: the context map is driven from the keyboard
 * alone (one tab stop, arrow keys), the Order-aggregate exercise explains a wrong boundary and
 * accepts the right one, and the widgets have no serious axe violations in light or dark.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test("the context map is keyboard operable and explains what each side owes", async ({ page }) => {
  await page.goto("/learn/domain-driven-design");
  const map = page.getByTestId("context-map");
  await map.scrollIntoViewIfNeeded();
  const first = map.getByRole("radio", { name: /Partnership/ });
  await expect(first).toHaveAttribute("aria-checked", "true");
  // Hydration is near the viewport: retry the key press until the widget answers it.
  await expect(async () => {
    await first.focus();
    await page.keyboard.press("End");
    await expect(map.getByRole("radio", { name: /Anti-corruption layer/ })).toHaveAttribute("aria-checked", "true", { timeout: 500 });
  }).toPass({ timeout: 30_000 });
  await expect(map.getByRole("radio", { name: /Anti-corruption layer/ })).toBeFocused();
  await expect(map.getByTestId("context-map-detail")).toContainText("Payments (downstream) owes Card processor:");
  await page.keyboard.press("ArrowLeft");
  await expect(map.getByRole("radio", { name: /Conformist/ })).toHaveAttribute("aria-checked", "true");
  await expect(map.getByTestId("context-map-detail")).toContainText("Adopt the provider's model as it is");
  await map.getByText("Show the map as text").click();
  await expect(map.getByText("Maps provider (external): geocoding, routes, travel times.")).toBeVisible();
});

test("the aggregate exercise explains a wrong boundary and accepts the right one", async ({ page }) => {
  await page.goto("/learn/domain-driven-design#aggregates");
  const ex = page.getByTestId("aggregate-boundary");
  await ex.scrollIntoViewIfNeeded();
  const courier = ex.locator('[data-candidate="courier"] input');
  await expect(async () => {
    await courier.check({ timeout: 500 });
    await expect(ex.getByTestId("aggregate-inside")).toContainText("Courier", { timeout: 500 });
  }).toPass({ timeout: 30_000 });
  await ex.getByTestId("exercise-check").click();
  await expect(ex.getByTestId("exercise-status")).toHaveText("0 of 4 rules enforceable; 4 of 7 placements right.");
  await expect(ex.locator('[data-candidate="courier"]')).toContainText("every location update would conflict");
  await courier.uncheck();
  await ex.locator('[data-candidate="order-line"] input').check();
  await ex.locator('[data-candidate="delivery-address"] input').check();
  await ex.getByTestId("exercise-check").click();
  await expect(ex.getByTestId("exercise-status")).toHaveText("Right: all 4 rules hold and nothing unnecessary is inside.");
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the widgets have no serious axe violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
    await page.goto("/learn/domain-driven-design");
    await page.getByTestId("context-map").scrollIntoViewIfNeeded();
    await page.getByTestId("aggregate-boundary").scrollIntoViewIfNeeded();
    const results = await new AxeBuilder({ page }).include('[data-testid="context-map"]').include('[data-testid="aggregate-boundary"]').withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
    expect(blocking).toEqual([]);
  });
}
