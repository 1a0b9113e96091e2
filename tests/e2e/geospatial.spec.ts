/**
 * The geospatial chapter's widgets work from the keyboard alone (focus the drawing, arrow keys;
 * sliders and toggles are native inputs) and pass axe in light and dark.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test("GeohashGrid: arrow keys move the point across a cell edge, the hash and live summary follow", async ({ page }) => {
  await page.goto("/learn/geospatial");
  const grid = page.getByTestId("geohash-grid");
  await grid.scrollIntoViewIfNeeded();
  await expect(grid.getByTestId("geohash-hash")).toHaveText("u4pru");
  const drawing = grid.getByTestId("geohash-drawing");
  await drawing.focus();
  // Shift+ArrowRight moves a whole cell: to the east neighbour. Retry until the island has hydrated.
  await expect(async () => {
    await drawing.press("Shift+ArrowRight");
    await expect(grid.getByTestId("geohash-hash")).not.toHaveText("u4pru", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(grid.getByTestId("geohash-summary")).toHaveAttribute("aria-live", "polite");
  await expect(grid.getByTestId("geohash-summary")).toContainText(/has geohash u4p/);
  // Precision from the keyboard.
  const precision = grid.getByTestId("geohash-precision");
  await precision.focus();
  await precision.press("ArrowRight");
  await expect(grid.getByTestId("geohash-hash")).toHaveText(/^u4p\w{3}$/);
  // The edge problem and the bits, by keyboard.
  await grid.getByTestId("geohash-near-edge").focus();
  await page.keyboard.press("Enter");
  await expect(grid.getByTestId("geohash-summary")).toContainText(/searching the cell and its eight neighbours finds it/);
  await grid.getByTestId("geohash-show-bits").focus();
  await page.keyboard.press("Space");
  await expect(grid.getByTestId("geohash-bits")).toContainText(/Character 1: bits 11010 = 26/);
});

test("QuadtreeSearch: the query point moves with the arrow keys and the cost updates", async ({ page }) => {
  await page.goto("/learn/geospatial");
  const widget = page.getByTestId("quadtree-search");
  await widget.scrollIntoViewIfNeeded();
  await expect(widget.getByTestId("quadtree-examined")).toHaveText("35");
  const drawing = widget.getByTestId("quadtree-drawing");
  await drawing.focus();
  await expect(async () => {
    await drawing.press("Shift+ArrowDown");
    await expect(widget.getByTestId("quadtree-summary")).not.toContainText("(0.42, 0.38)", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(widget.getByTestId("quadtree-summary")).toContainText(/examined \d+ of 300 points/);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the geospatial widgets have no serious axe violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
    await page.goto("/learn/geospatial");
    for (const id of ["geohash-grid", "quadtree-search", "geofence-jitter"]) await page.getByTestId(id).scrollIntoViewIfNeeded();
    await page.getByTestId("geohash-show-bits").check();
    await page.getByTestId("geohash-show-edge").check();
    const results = await new AxeBuilder({ page }).include("[data-testid=geohash-grid]").include("[data-testid=quadtree-search]").include("[data-testid=geofence-jitter]").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
    expect(blocking).toEqual([]);
  });
}
