/**
 * The chapter widgets bound to the simulation: <Predict> (guess, headless run, measured value),
 * <Challenge> (fails as shipped, passes after changing an exposed control, remembered) and
 * <Diagram> (a static drawing with the lab's node components and a text list).
 */
import { expect, test } from "@playwright/test";
import { openLabSettings } from "./helpers";

test("a Predict in a chapter accepts a guess and shows the measured value", async ({ page }) => {
  await page.goto("/learn/rate-limiters");
  const predict = page.locator('[data-predict="rate-limiting/token-bucket"]').first();
  await predict.scrollIntoViewIfNeeded();
  const answered = page.evaluate(
    () => new Promise<unknown>((resolve) => window.addEventListener("faultline:prediction-answered", (e) => resolve((e as CustomEvent).detail), { once: true })),
  );
  await predict.getByLabel(/Your guess \(requests\)/).fill("150");
  await predict.getByRole("button", { name: "Lock in my guess" }).click();
  await expect(predict.getByTestId("predict-measured")).toHaveText(/^[\d,]+(\.\d+)? requests$/, { timeout: 30_000 });
  await expect(predict.getByTestId("predict-result")).toContainText(/Your guess (was|matches)/);
  const detail = (await answered) as { scenario: string; metric: string; guess: number; measured: number };
  expect(detail).toMatchObject({ scenario: "rate-limiting/token-bucket", metric: "nodes.limiter.peakAdmittedPerSec", guess: 150 });
  expect(detail.measured).toBeGreaterThan(0);
});

test("a Challenge fails as shipped and passes after changing an exposed control", async ({ page }) => {
  await page.goto("/learn/bulkheads-and-load-shedding");
  await page.evaluate(() => localStorage.removeItem("faultline:challenge:size-the-queue"));
  const challenge = page.locator("#challenge-size-the-queue");
  await challenge.scrollIntoViewIfNeeded();
  await expect(challenge.getByTestId("lab")).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  const check = challenge.getByTestId("challenge-check");
  await check.click();
  await expect(challenge.getByTestId("challenge-result")).toContainText(/not met yet/, { timeout: 30_000 });
  await expect(challenge.getByTestId("challenge-goal").first()).toHaveAttribute("data-passed", "false");
  await expect(challenge.getByTestId("challenge-goal").first()).toContainText(/P99 latency must be at most 350 ms — measured [\d.,]+ (ms|s)/);
  // The exposed control lives in the compact lab's settings (a drawer on narrow screens).
  const drawer = challenge.getByTestId("lab-drawer-open");
  if (await drawer.isVisible()) await drawer.click();
  const capacity = challenge.getByTestId("control-api.queueCapacity").getByRole("spinbutton");
  await capacity.fill("10");
  await capacity.press("Enter");
  await check.click();
  await expect(challenge.getByTestId("challenge-result")).toContainText(/goals met/, { timeout: 30_000 });
  await expect(challenge.getByTestId("challenge-goal")).toHaveCount(2);
  for (const goal of await challenge.getByTestId("challenge-goal").all()) await expect(goal).toHaveAttribute("data-passed", "true");
  await expect(challenge.getByTestId("challenge-solved")).toBeVisible();
  await page.reload();
  await expect(page.locator("#challenge-size-the-queue").getByTestId("challenge-solved")).toBeVisible();
});

test("a Diagram renders the preset's nodes without a worker", async ({ page }) => {
  await page.goto("/learn/message-ordering-and-priority");
  const diagram = page.getByTestId("diagram").first();
  await diagram.scrollIntoViewIfNeeded();
  await expect(diagram).toHaveAttribute("aria-label", /^Diagram: /);
  await expect(diagram.locator(".lab-node").first()).toBeVisible({ timeout: 20_000 });
  const drawn = await diagram.locator(".lab-node").count();
  const listed = await diagram.getByTestId("diagram-text").getByRole("list", { name: "Nodes" }).getByRole("listitem").count();
  expect(drawn).toBe(listed);
  expect(drawn).toBeGreaterThan(1);
  await expect(diagram.getByTestId("diagram-text")).toContainText(/ to /);
  // Nothing in the drawing takes focus (it is hidden from assistive technology; the list is the text).
  expect(await diagram.locator("[tabindex='0']").count()).toBe(0);
});

test("compare mode plays A and B on the same charts and summary", async ({ page }) => {
  await page.goto("/playground?scenario=load-balancing/round-robin");
  const lab = page.getByTestId("lab");
  await expect(lab).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
  await lab.getByTestId("lab-compare").click();
  await expect(lab.getByTestId("lab-compare")).toHaveAttribute("aria-pressed", "true");
  await openLabSettings(lab);
  const rateB = lab.getByTestId("variant-b-controls").getByTestId("control-users.ratePerSec").getByRole("spinbutton");
  await rateB.fill("400");
  await rateB.press("Enter");
  await page.evaluate(() => (window as unknown as { faultlineLab: { seek(t: number): void } }).faultlineLab.seek(20_000));
  const latency = lab.getByTestId("chart-latency");
  await expect(latency.locator("[data-line$='-b']").first()).toBeAttached({ timeout: 20_000 });
  await expect(latency).toContainText("p95 · A");
  await expect(latency).toContainText("p95 · B");
  await expect(latency.locator("path[data-line='p95-b']")).toHaveAttribute("stroke-dasharray", "5 3");
  // B throughput follows its own rate (about 400/s) while A stays at the preset's.
  await expect(lab.getByTestId("compare-summary-b").locator("td").first()).toHaveText(/^[34]\d\d\/s$/, { timeout: 20_000 });
  await expect(lab.getByTestId("compare-summary").locator("tbody tr").first().locator("td").first()).not.toHaveText(/^[34]\d\d\/s$/);
  // The table view has both columns.
  await latency.getByRole("button", { name: "Table" }).click();
  await expect(latency.locator("thead")).toContainText("p99 · B");
});
