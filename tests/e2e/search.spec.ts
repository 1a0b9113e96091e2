import { expect, test } from "@playwright/test";
import { startChapter } from "./helpers";

// A word that appears only in the body of the start chapter (not in its title or summary).
// ("headroom" was one until later chapters used it too and pushed the start chapter off the list.)
const word = "scrubber";

test("the header search finds a chapter by a word in it, from the keyboard", async ({ page }) => {
  await page.goto("/learn");
  const dialog = page.getByRole("dialog", { name: "Search the course" });
  // The shortcut works once the page has hydrated; keep pressing until it does.
  await expect(async () => {
    await page.locator("body").press("/");
    await expect(dialog).toBeVisible({ timeout: 500 });
  }).toPass();
  const input = dialog.getByRole("searchbox");
  await expect(input).toBeFocused();
  await input.fill(word);
  const result = dialog.locator(`a[href="/learn/${startChapter.id}"]`);
  await expect(result).toBeVisible();
  await input.press("ArrowDown");
  await expect(dialog.locator("a[data-search-result]").first()).toBeFocused();
  // Other chapters may mention the word too: arrow down to the start chapter's result.
  for (let i = 0; i < 12 && !(await result.evaluate((link) => link === document.activeElement)); i++) await page.keyboard.press("ArrowDown");
  await expect(result).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/learn/${startChapter.id}`));
  await expect(dialog).toBeHidden();
});

test("Escape closes the search dialog and returns focus to the button", async ({ page }) => {
  await page.goto("/");
  const button = page.getByRole("banner").getByRole("button", { name: "Search" });
  await button.click();
  await expect(page.getByRole("dialog", { name: "Search the course" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Search the course" })).toBeHidden();
  await expect(button).toBeFocused();
});

test("/search works from ?q=", async ({ page }) => {
  await page.goto(`/search?q=${word}`);
  await expect(page.getByRole("searchbox")).toHaveValue(word);
  await expect(page.locator(`main a[href="/learn/${startChapter.id}"]`)).toBeVisible();
  await expect(page.getByRole("status")).toContainText(`for “${word}”`);
});

test("search tolerates a typo", async ({ page }) => {
  await page.goto("/search?q=headrom");
  await expect(page.locator(`main a[href="/learn/${startChapter.id}"]`)).toBeVisible();
});
