import { expect, type Locator, type Page } from "@playwright/test";

/** Collects console errors and uncaught exceptions of a page; call before navigating. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

/** The chapter that explains the labs; it ships with the app shell, so tests can rely on it. */
export const startChapter = { id: "how-labs-work", title: "How the labs work" };

/** Finds a written pattern through the A–Z index: its chapter path and pattern id. */
export async function findWrittenPattern(page: Page): Promise<{ chapterPath: string; patternId: string } | null> {
  await page.goto("/patterns");
  const link = page.locator('main a[href^="/learn/"][href*="#"]').first();
  if ((await link.count()) === 0) return null;
  const href = (await link.getAttribute("href"))!;
  const [chapterPath, patternId] = href.split("#");
  return { chapterPath, patternId };
}

/** Opens a lab's settings panel (settings, faults, trace) unless it is open already. */
export async function openLabSettings(scope: Page | Locator): Promise<void> {
  const button = scope.getByTestId("lab-drawer-open").first();
  if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
  await expect(button).toHaveAttribute("aria-expanded", "true");
}
