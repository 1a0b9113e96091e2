/**
 * <DependencyDiagram>: moving a class across a boundary, with the mouse and with the keyboard, shows
 * the rules the move breaks (dashed arrows, a list, a live announcement) and repairs them when the
 * class goes back.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { collectPageErrors } from "./helpers";

async function diagram(page: Page, style: string): Promise<Locator> {
  await page.goto("/learn/application-architecture-patterns");
  const figure = page.locator(`[data-testid="dependency-diagram"][data-style="${style}"]`).first();
  await figure.scrollIntoViewIfNeeded();
  await expect(figure).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  return figure;
}

test("dragging an entity out to Interface adapters breaks the dependency rule, and the text says which arrows", async ({ page }) => {
  const errors = collectPageErrors(page);
  const figure = await diagram(page, "clean");
  await expect(figure.locator("[data-broken]")).toHaveCount(0);
  const order = figure.locator('[data-class="order"] rect');
  const ring = figure.locator('[data-layer="interface-adapters"] rect');
  const from = (await order.boundingBox())!;
  const to = (await ring.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  // The ring's label row: inside Interface adapters, above the Use cases ring.
  await page.mouse.move(to.x + 60, to.y + 14, { steps: 8 });
  await page.mouse.up();
  const announcement = figure.getByTestId("dependency-announcement");
  await expect(announcement).toContainText("Moved Order from Entities to Interface adapters. It breaks 2 rules");
  await expect(announcement).toContainText("the dependency rule says dependencies point inward");
  await expect(figure.locator("[data-broken]")).toHaveCount(2);
  await expect(figure.locator('[data-edge="place-order>order"]')).toHaveAttribute("data-broken", "true");
  await expect(figure.getByTestId("dependency-violations").locator("li")).toHaveCount(2);
  expect(errors).toEqual([]);
});

test("the keyboard moves a class layer by layer and the move menu puts it anywhere", async ({ page }) => {
  const figure = await diagram(page, "layered");
  const repository = figure.locator('[data-class="order-repository"]');
  await repository.focus();
  await page.keyboard.press("ArrowUp"); // Persistence → Business: calls within a layer and down one are fine
  const announcement = figure.getByTestId("dependency-announcement");
  await expect(announcement).toHaveText(/^Moved OrderRepository from Persistence to Business\. It breaks a rule: Business now reaches past a layer into Database/);
  await page.keyboard.press("ArrowUp"); // → Presentation: Business now calls upwards
  await expect(announcement).toContainText("Business now depends on Presentation");
  await expect(figure.locator("[data-broken]")).toHaveCount(2);
  const menu = figure.getByTestId("move-menu");
  await expect(menu).toContainText("Move OrderRepository to:");
  await menu.getByRole("button", { name: "Persistence" }).click();
  await expect(announcement).toContainText("every dependency follows the rule again");
  await expect(figure.locator("[data-broken]")).toHaveCount(0);
  await expect(figure.getByTestId("dependency-violations")).toContainText("Every dependency follows the rule.");
});
