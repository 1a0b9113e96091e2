import { expect, test } from "@playwright/test";
import { findWrittenPattern, startChapter } from "./helpers";

test("sidebar, breadcrumbs and next/previous move between chapters", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/learn");
  await page.getByRole("link", { name: new RegExp(startChapter.title) }).first().click();
  await expect(page).toHaveURL(new RegExp(`/learn/${startChapter.id}$`));

  const sidebar = page.getByRole("navigation", { name: "Course" });
  await expect(sidebar.getByRole("link", { name: startChapter.title })).toHaveAttribute("aria-current", "page");

  const breadcrumb = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(breadcrumb.getByText(startChapter.title)).toHaveAttribute("aria-current", "page");

  const pager = page.getByRole("navigation", { name: "Chapters" });
  const next = pager.getByRole("link", { name: /next/i });
  if ((await next.count()) > 0) {
    await next.click();
    await expect(page).not.toHaveURL(new RegExp(`/learn/${startChapter.id}$`));
    // Wait until the next chapter has rendered, so the pager clicked below is the new page's.
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(startChapter.title);
    await page.getByRole("navigation", { name: "Chapters" }).getByRole("link", { name: /previous/i }).click();
    await expect(page).toHaveURL(new RegExp(`/learn/${startChapter.id}$`), { timeout: 15_000 });
  }

  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Learn" }).click();
  await expect(page).toHaveURL(/\/learn$/);
});

test("a sidebar link leads to another live chapter", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const written = await findWrittenPattern(page);
  test.skip(!written, "no chapter with pattern sections yet");
  await page.goto(`/learn/${startChapter.id}`);
  const sidebar = page.getByRole("navigation", { name: "Course" });
  const target = sidebar.locator(`a[href="${written!.chapterPath}"]`);
  await target.evaluate((link) => link.closest("details")?.setAttribute("open", ""));
  await target.click();
  await expect(page).toHaveURL(new RegExp(`${written!.chapterPath}$`));
  await expect(page.getByRole("navigation", { name: "Course" }).locator(`a[href="${written!.chapterPath}"]`)).toHaveAttribute("aria-current", "page");
});

test("the table of contents lands on a pattern section", async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  const written = await findWrittenPattern(page);
  test.skip(!written, "no chapter with pattern sections yet");
  await page.goto(written!.chapterPath);
  const toc = page.locator("aside").getByRole("navigation", { name: "On this page" });
  await toc.locator(`a[href="#${written!.patternId}"]`).click();
  await expect(page).toHaveURL(new RegExp(`#${written!.patternId}$`));
  const section = page.locator(`section[id="${written!.patternId}"]`);
  await expect(section).toBeInViewport();
  await expect(section.getByRole("heading", { level: 2 })).toBeVisible();
});

test("a pattern link from the A–Z index lands on its section", async ({ page }) => {
  const written = await findWrittenPattern(page);
  test.skip(!written, "no chapter with pattern sections yet");
  await page.locator(`main a[href="${written!.chapterPath}#${written!.patternId}"]`).click();
  await expect(page).toHaveURL(new RegExp(`${written!.chapterPath}#${written!.patternId}$`));
  await expect(page.locator(`section[id="${written!.patternId}"]`)).toBeInViewport();
});

test("on a phone the course opens in a drawer", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/learn/${startChapter.id}`);
  const drawer = page.getByRole("dialog", { name: "The course" });
  // A click before the page has hydrated does nothing: click until the drawer opens.
  await expect(async () => {
    await page.getByRole("button", { name: "Course" }).click();
    await expect(drawer).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(drawer.getByRole("link", { name: startChapter.title })).toHaveAttribute("aria-current", "page");
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
});

test("the skip link moves focus to the main content", async ({ page }) => {
  await page.goto("/learn");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});
