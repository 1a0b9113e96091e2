import { expect, test } from "@playwright/test";
import { collectPageErrors, startChapter } from "./helpers";

const pages = [
  { path: "/", heading: /learn architecture by breaking it/i },
  { path: "/learn", heading: /the course/i },
  { path: `/learn/${startChapter.id}`, heading: new RegExp(startChapter.title, "i") },
  { path: "/patterns", heading: /patterns a–z/i },
];

for (const { path, heading } of pages) {
  test(`${path} renders without console errors`, async ({ page }) => {
    const errors = collectPageErrors(page);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expect(page.getByRole("banner")).toBeVisible();
    await expect(page.getByRole("main")).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(errors).toEqual([]);
  });
}

test("home page says what Faultline is and leads into the course", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByText(/Faultline is a free, open-source course/)).toBeVisible();
  await page.getByRole("link", { name: "Start the course" }).click();
  await expect(page).toHaveURL(new RegExp(`/learn/${startChapter.id}$`));
});

test("/learn leads with the written chapters, then the roadmap of every part, planned chapters unlinked", async ({ page }) => {
  await page.goto("/learn");
  await expect(page.locator("main h2").first()).toContainText("Ready to read");
  await expect(page.getByTestId("roadmap").locator("dt")).toHaveCount(18);
  await expect(page.getByRole("link", { name: new RegExp(startChapter.title) }).first()).toBeVisible();
  // The first screen is written chapters: the first list item is a live chapter card.
  await expect(page.locator("main li").first()).toHaveAttribute("data-status", "live");
  const planned = page.getByTestId("roadmap").locator('[data-status="planned"]').first();
  await expect(planned).toContainText("Planned:");
  await expect(planned.locator("a")).toHaveCount(0);
});

test("the patterns filter narrows the list", async ({ page }) => {
  await page.goto("/patterns");
  // It opens on the written patterns; every row shown links to its section.
  await expect(page.getByRole("status").first()).toContainText("written patterns;");
  const rows = page.locator("main li[data-written], main section li");
  expect(await page.locator("main section li:not([data-written])").count()).toBe(0);
  expect(await rows.count()).toBeGreaterThan(10);
  await page.getByLabel(/Only written patterns/).uncheck();
  await expect(page.getByRole("status").first()).toHaveText("767 patterns");
  await page.getByLabel("Filter patterns").fill("round robin");
  await expect(page.getByRole("status").first()).toContainText("of 767 patterns match");
  await expect(page.locator("main li", { hasText: /^Round robin/i }).first()).toBeVisible();
});

test("a client component passes through the MDX registry (Predict)", async ({ page }) => {
  await page.goto(`/learn/${startChapter.id}`);
  const predict = page.locator("[data-predict]").first();
  await predict.getByLabel(/your guess/i).fill("50");
  await predict.getByRole("button", { name: "Lock in my guess" }).click();
  // The guess is scored against a real headless run of the preset.
  await expect(predict.getByRole("status")).toContainText(/Measured/);
  await expect(predict.getByRole("status")).toContainText(/Your guess was .* too (high|low)|matches the measured/);
});

test("the theme toggle switches and persists without a flash", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.getByRole("button", { name: "Switch to dark theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  // The theme is applied by the inline head script, before any app JavaScript runs.
  await page.route("**/_next/static/**/*.js", (route) => route.abort());
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
});

test("print stylesheet hides navigation", async ({ page }) => {
  await page.goto(`/learn/${startChapter.id}`);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toBeHidden();
  await expect(page.locator("article")).toBeVisible();
});
