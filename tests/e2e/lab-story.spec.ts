/**
 * The lab, legible and drivable (issue 9), the story half: Break-it cards drive their lab, Watch
 * metrics are shown in the lab, the scrubber marks scheduled faults, Steady state does not stop
 * before one, and a challenge's checked run appears in its lab. The card test iterates over every
 * chapter's cards, so new content is covered without editing this file. Waits are on state, not time.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { collectPageErrors } from "./helpers";

// Only chapters with a Break-it card that changes something (a `change` or `faults` attribute): the
// others have nothing for this test to drive, and skipping them saves a page load each.
const chaptersDir = path.resolve(import.meta.dirname, "../../content/chapters");
const chapters = readdirSync(chaptersDir)
  .filter((f) => f.endsWith(".mdx") && /<BreakIt\b[^>]*\b(change|faults)=/.test(readFileSync(path.join(chaptersDir, f), "utf8")))
  .map((f) => f.replace(/\.mdx$/, ""));

/** The chapter lab a card drives: its `lab` scenario or the nearest lab above it (lib/lab/lab-registry.ts). */
async function labOf(page: Page, card: Locator): Promise<Locator> {
  const index = await card.evaluate((el) => {
    const scenario = el.closest("[data-break-it]")?.getAttribute("data-lab") ?? undefined;
    const all = [...document.querySelectorAll("[data-chapter-lab]")];
    const mine = all.filter((f) => !scenario || f.getAttribute("data-chapter-lab") === scenario);
    const above = mine.filter((f) => f.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    const figure = above[above.length - 1] ?? (scenario ? mine[0] : undefined);
    return figure ? all.indexOf(figure) : -1;
  });
  expect(index, "the card has a lab above it").toBeGreaterThanOrEqual(0);
  return page.locator("[data-chapter-lab]").nth(index);
}

// Chapters are independent: let both workers take them, so this long file does not finish alone.
test.describe.configure({ mode: "parallel" });

for (const chapter of chapters) {
  test(`${chapter}: every Break-it card with a change drives its lab, and its Watch metrics show in the lab`, async ({ page }) => {
    test.setTimeout(600_000);
    const errors = collectPageErrors(page);
    await page.goto(`/learn/${chapter}`);
    const cards = page.locator('[data-testid="break-it-actions"][data-has-change]');
    const count = await cards.count();
    test.skip(count === 0, `${chapter} has no Break-it card with a change yet`);
    const figures: string[] = [];
    for (let i = 0; i < count; i++) {
      const card = cards.nth(i);
      await card.scrollIntoViewIfNeeded();
      const lab = await labOf(page, card);
      // Start each card from the preset, so one card's change does not hide another's.
      const undo = lab.getByRole("button", { name: "Undo all" });
      if (await undo.isVisible()) {
        await undo.click();
        await expect(lab.getByTestId("lab-changes")).toHaveCount(0);
      }
      const watch = await card.getByTestId("watch-chip").evaluateAll((chips) => chips.map((c) => c.getAttribute("data-path")!));
      const tryIt = card.getByTestId("break-it-try");
      // A click on the server-rendered button before hydration does nothing: wait for the handlers.
      await expect(card).toHaveAttribute("data-hydrated", "true", { timeout: 30_000 });
      await tryIt.click();
      // The card reaches its lab (hydrating it if needed: slow on a loaded machine) and applies the change.
      await expect(tryIt, `card ${i + 1} of ${chapter} reaches its lab`).not.toHaveText(/Loading/, { timeout: 60_000 });
      const status = card.getByTestId("break-it-status");
      expect(await status.textContent(), `card ${i + 1} of ${chapter} applies without a problem`).not.toContain("⚠");
      // The lab changed: a parameter or the fault list differs from the preset.
      const changes = lab.getByTestId("lab-changes");
      await expect(changes, `card ${i + 1} of ${chapter} changes its lab (card says: ${await status.textContent()})`).toBeVisible({ timeout: 30_000 });
      expect(await changes.getByTestId("lab-change").count()).toBeGreaterThan(0);
      // After a run, every metric the card names is pinned on the lab with a value.
      // Run to the end, unless the lab is there already (a short run can end while the card plays it):
      // checked and clicked in one step in the page, so the button cannot turn disabled in between.
      await lab.getByTestId("lab-run-to-end").evaluate((button: HTMLButtonElement) => {
        if (!button.disabled) button.click();
      });
      await expect(lab.getByTestId("lab")).toHaveAttribute("data-status", "ready");
      for (const metric of watch) {
        const pinned = lab.locator(`[data-testid="pinned-metric"][data-path="${metric}"]`);
        await expect(pinned, `${metric} is pinned on the lab`).toBeVisible();
        await expect(pinned.getByTestId("pinned-value")).not.toHaveText("–");
      }
      // The Why opens once the lab has played past the change.
      await expect(card.getByTestId("break-it-why")).toHaveAttribute("open", "");
      figures.push(`${i + 1}: ${watch.length} watch`);
    }
    console.log(`${chapter}: ${count} cards drove their lab (${figures.join(", ")})`);
    expect(errors).toEqual([]);
  });
}

test("the scrubber marks scheduled faults and transitions, and Steady state stops where the outage starts", async ({ page }) => {
  await page.goto("/learn/circuit-breaker");
  const figure = page.locator('[data-chapter-lab="circuit-breaker/recs-outage"]').first();
  await figure.scrollIntoViewIfNeeded();
  const lab = figure.getByTestId("lab");
  await expect(lab).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  const faultMarker = lab.locator('[data-testid="scrubber-marker"][data-kind="fault-start"]').first();
  await expect(faultMarker).toBeAttached();
  const faultAt = Number(await faultMarker.getAttribute("data-at-ms"));
  expect(faultAt).toBeGreaterThan(0);
  // The worker previews the run: the breaker's transitions are marked before the run gets there.
  await expect(lab.locator('[data-testid="scrubber-marker"][data-kind="transition"]').first()).toBeAttached({ timeout: 30_000 });
  await expect(lab.getByTestId("lab-next-event")).toContainText(`at ${(faultAt / 1000).toFixed(1)} s`);

  await lab.getByTestId("lab-fast-forward").click();
  await expect(lab.getByTestId("lab-notice")).toContainText("starts", { timeout: 30_000 });
  const reached = Number(await lab.getByTestId("lab-scrubber").inputValue());
  expect(reached).toBeGreaterThanOrEqual(faultAt);

  // Next event jumps to the first transition after the outage starts, and says what it is.
  const nextAt = Number(await lab.getByTestId("lab-next-event").getAttribute("data-at-ms"));
  expect(nextAt).toBeGreaterThan(reached);
  await lab.getByTestId("lab-next-event").click();
  // The range input rounds to its 100-ms step; the next event offered moves on past this one.
  await expect.poll(async () => Math.abs(Number(await lab.getByTestId("lab-scrubber").inputValue()) - nextAt)).toBeLessThanOrEqual(100);
  await expect.poll(async () => Number(await lab.getByTestId("lab-next-event").getAttribute("data-at-ms"))).toBeGreaterThan(nextAt);
  // The key chart comes first, drawn as state bands.
  await expect(lab.locator("[data-key-chart] > div").first()).toHaveAttribute("data-testid", "chart-breaker");
  await expect(lab.getByTestId("state-band-chart").locator('[data-state="open"]').first()).toBeAttached();
});

test("a challenge's checked run appears in its lab with the failed goal outlined, and hints come one at a time", async ({ page }) => {
  await page.goto("/learn/how-labs-work");
  const challenge = page.locator('[data-challenge="how-labs-work-headroom"]');
  await challenge.scrollIntoViewIfNeeded();
  const ladder = challenge.getByTestId("hint-ladder");
  await expect(ladder.locator("summary").first()).toHaveText("Hint 1 of 2");
  await expect(ladder.locator("summary", { hasText: "Hint 2 of 2" })).toBeHidden();
  await ladder.locator("summary", { hasText: "Hint 1 of 2" }).click();
  await expect(ladder.locator("summary", { hasText: "Hint 2 of 2" })).toBeVisible();
  await expect(ladder.locator("summary", { hasText: "worked solution" })).toBeHidden();

  const check = challenge.getByTestId("challenge-check");
  await expect(check).toHaveText("Check", { timeout: 30_000 });
  await check.click();
  const lab = challenge.getByTestId("challenge-lab");
  await expect(lab).toHaveAttribute("data-checked", "failed", { timeout: 60_000 });
  const failed = lab.locator('[data-testid="pinned-metric"][data-verdict="failed"]');
  await expect(failed.first()).toBeVisible();
  await expect(failed.first()).toContainText("Goal not met");
  // The lab shows the run to its end, not an empty chart at 0 s.
  await expect(lab.getByTestId("lab-play")).toHaveText(/Ended/, { timeout: 30_000 });
});

test("Show me on a prediction plays its lab with the metric pinned", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto("/learn/how-labs-work");
  const predict = page.getByTestId("predict").first();
  await predict.scrollIntoViewIfNeeded();
  await predict.getByTestId("predict-input").fill("10");
  await expect(predict.getByTestId("predict-submit")).toBeEnabled();
  await predict.getByTestId("predict-submit").click();
  await expect(predict.getByTestId("predict-measured")).toBeVisible({ timeout: 60_000 });
  await predict.getByTestId("predict-show-me").click();
  const lab = page.locator('[data-chapter-lab="queues/mm1-80"]').first();
  await expect(lab.locator('[data-testid="pinned-metric"][data-path="latencyMs.mean"]')).toBeVisible({ timeout: 30_000 });
  await expect(lab.getByTestId("lab-play")).toHaveText(/Ended/, { timeout: 30_000 });
});
