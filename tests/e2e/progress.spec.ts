import { expect, test } from "@playwright/test";
import { startChapter } from "./helpers";

test("marking a chapter read persists after reload and shows on /learn", async ({ page }) => {
  await page.goto(`/learn/${startChapter.id}`);
  const button = page.getByRole("button", { name: "Mark as read" }).first();
  await expect(button).toHaveAttribute("aria-pressed", "false");
  await button.click();
  await expect(page.getByRole("button", { name: "Read", exact: true }).first()).toHaveAttribute("aria-pressed", "true");

  await page.reload();
  await expect(page.getByRole("button", { name: "Read", exact: true }).first()).toHaveAttribute("aria-pressed", "true");

  await page.goto("/learn");
  await expect(page.getByTestId("progress-count")).toHaveText(/^1 of \d+ chapters read$/);
  await expect(page.locator(`a[href="/learn/${startChapter.id}"] [data-read]`)).toBeVisible();

  await page.goto(`/learn/${startChapter.id}`);
  await page.getByRole("button", { name: "Read", exact: true }).first().click();
  await page.reload();
  await expect(page.getByRole("button", { name: "Mark as read" }).first()).toHaveAttribute("aria-pressed", "false");
});
