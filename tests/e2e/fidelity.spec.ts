import { expect, test, type Page } from "@playwright/test";
import { FIDELITY_FAMILIES } from "@/lib/fidelity/families";

type LabApi = { store: { getState(): { status: string; scenarioId?: string; title?: string } } };
const lab = (page: Page) => page.evaluate(() => (window as unknown as { faultlineLab?: LabApi }).faultlineLab?.store.getState() ?? { status: "absent" });

test("/fidelity shows every row with an interval and a verdict, and is linked from the footer", async ({ page }) => {
  await page.goto("/learn");
  await page.getByRole("navigation", { name: "Footer" }).getByRole("link", { name: "How exact is the simulation?" }).click();
  await expect(page).toHaveURL(/\/fidelity$/);
  const rows = page.locator("tbody tr");
  expect(await rows.count()).toBeGreaterThanOrEqual(30);
  await expect(page.locator("section[id]")).toHaveCount(Object.keys(FIDELITY_FAMILIES).length);
  for (const text of await rows.allInnerTexts()) expect(text).toMatch(/Agrees|Flagged/);
});

test("at 390 px each row is a card that fits the screen, with its theory, estimate and verdict labelled", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/fidelity#load-balancing-least-connections-pooled");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const row = page.locator("#load-balancing-least-connections-pooled");
  await expect(row).toBeInViewport();
  await expect(row.locator('[data-label="Theory"]')).toContainText("≥");
  await expect(row.locator('[data-label="Verdict"]')).toHaveText(/Agrees|Flagged/);
  const box = await row.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
});

test("a lab's fidelity line links to its rows, and 'Run this check' opens the row in the playground", async ({ page }) => {
  await page.goto("/learn/load-balancing-algorithms");
  const note = page.getByTestId("lab-fidelity-note").first();
  await expect(note).toContainText("leaves out");
  await note.getByRole("link", { name: /How exact is this/ }).click();
  await expect(page).toHaveURL(/\/fidelity#load-balancing$/);
  await page.locator("#cache-ttl-1s").getByRole("link", { name: /Run this check/ }).click();
  await expect(page).toHaveURL(/\/playground#2\./);
  await expect.poll(async () => (await lab(page)).status, { timeout: 30_000 }).toBe("ready");
  expect(await lab(page)).toMatchObject({ scenarioId: "fidelity/cache-ttl-1s", title: "TTL 1 s" });
});
