import { expect, test } from "@playwright/test";

for (const path of ["/no-such-page", "/learn/no-such-chapter"]) {
  test(`${path} is a helpful 404`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("fell through a fault line");
    await expect(page.getByRole("main").getByRole("link", { name: "All chapters" })).toHaveAttribute("href", "/learn");
    await page.getByRole("main").getByRole("searchbox").fill("queue");
    await page.getByRole("main").getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/search\?q=queue$/);
  });
}
