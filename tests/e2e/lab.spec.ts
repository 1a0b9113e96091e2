/**
 * The lab, end to end, in the playground (which loads the same LabIsland the chapters use).
 * `window.faultlineLab` is the playground's public state API; tests use it only to position time
 * exactly and to read state, and drive everything a learner does through the UI.
 */
import { expect, test, type Page } from "@playwright/test";
import { openLabSettings } from "./helpers";

interface LabApi {
  seek(t: number): void;
  pause(): void;
  setParam(path: string, value: number | string): string | null;
  store: { getState(): { timeMs: number; status: string; report: (Report & { simulatedMs: number }) | null; gauges: Record<string, Record<string, unknown>>; generation: number } };
}
interface Report {
  requests: { arrived: number; completed: number; failed: number; dropped: number };
  throughputPerSec: number;
  latencyMs: { p50: number; p95: number; p99: number };
}

async function openLab(page: Page, scenario: string) {
  await page.goto(`/playground?scenario=${scenario}`);
  await expect(page.getByTestId("lab")).toHaveAttribute("data-status", "ready", { timeout: 20_000 });
}

const state = (page: Page) => page.evaluate(() => (window as unknown as { faultlineLab: LabApi }).faultlineLab.store.getState());

async function seekTo(page: Page, timeMs: number) {
  await page.evaluate((t) => (window as unknown as { faultlineLab: LabApi }).faultlineLab.seek(t), timeMs);
  // The report comes with the worker's frame, so this waits for the re-simulation itself.
  await expect.poll(async () => Math.abs(((await state(page)).report?.simulatedMs ?? -1) - timeMs) < 0.001, { timeout: 20_000 }).toBe(true);
}

test("the simulation runs in a Web Worker and playing advances time", async ({ page }) => {
  await openLab(page, "load-balancing/round-robin");
  expect(page.workers().length).toBeGreaterThan(0);
  await page.getByTestId("lab-play").click();
  await expect.poll(async () => (await state(page)).timeMs, { timeout: 10_000 }).toBeGreaterThan(1000);
  await page.getByTestId("lab-play").click();
});

test("a slider change changes what the lab measures", async ({ page }) => {
  await openLab(page, "load-balancing/round-robin");
  await seekTo(page, 30_000);
  const before = (await state(page)).report!;
  expect(before.throughputPerSec).toBeGreaterThan(800);
  const rate = page.getByTestId("control-users.ratePerSec").getByRole("spinbutton");
  await rate.fill("400");
  await rate.press("Enter");
  await expect.poll(async () => (await state(page)).report!.throughputPerSec, { timeout: 20_000 }).toBeLessThan(500);
  const after = (await state(page)).report!;
  expect(after.throughputPerSec).toBeGreaterThan(300);
  expect(after.latencyMs.p95).toBeLessThan(before.latencyMs.p95);
  // The charts show the new run too.
  await expect(page.getByTestId("summary-throughput")).toContainText(/^[34]\d\d\/s$/);
  // An invalid value is refused with a message, and nothing changes.
  await rate.fill("-5");
  await rate.press("Enter");
  await expect(page.getByTestId("control-users.ratePerSec").getByRole("alert")).toContainText(/must be a number above 0/);
});

test("crashing a server behind a health-checked balancer shows errors, then rerouting", async ({ page }) => {
  await openLab(page, "load-balancing/crash-behind-lb");
  // The preset's balancer has no health check; give it one (1 s probes, 2 misses to remove).
  expect(await page.evaluate(() => (window as unknown as { faultlineLab: LabApi }).faultlineLab.setParam("lb.healthCheck.intervalMs", 1000))).toBeNull();
  await seekTo(page, 8_000);
  expect((await state(page)).report!.requests.failed).toBe(0);
  // Crash api-2 now, through the fault panel.
  await openLabSettings(page);
  await page.getByTestId("lab-tab-faults").click();
  await page.getByTestId("fault-target").selectOption("node:api-2");
  await page.getByTestId("fault-crash").click();
  await expect(page.getByTestId("lab-node-api-2")).toHaveAttribute("data-status", "crashed", { timeout: 10_000 });
  await expect(page.getByTestId("fault-timeline")).toContainText("api-2");
  await seekTo(page, 14_000);
  const failedAt14 = (await state(page)).report!.requests.failed;
  expect(failedAt14).toBeGreaterThan(0); // requests sent to the dead backend before detection
  await expect(page.getByTestId("lab-node-lb")).toContainText("4/5");
  await seekTo(page, 19_000);
  // Rerouted: no new failures once the balancer took api-2 out of rotation.
  expect((await state(page)).report!.requests.failed).toBe(failedAt14);
  await page.getByTestId("lab-tab-controls").click();
  await expect(page.getByTestId("lab-events")).toContainText(/out of rotation/);
});

test("rewinding to a time and playing again reproduces the same state", async ({ page }) => {
  await openLab(page, "load-balancing/crash-behind-lb");
  await page.getByTestId("lab-speed").selectOption("25");
  await page.getByTestId("lab-play").click();
  await expect.poll(async () => (await state(page)).timeMs, { timeout: 20_000 }).toBeGreaterThan(22_000);
  // Pause (unless the fast run already reached its end), then wait for the worker to settle.
  if (await page.getByTestId("lab-play").isEnabled()) await page.getByTestId("lab-play").click();
  let last = -1;
  await expect.poll(async () => { const t = (await state(page)).timeMs; const settled = t === last; last = t; return settled; }, { timeout: 10_000 }).toBe(true);
  const paused = await state(page);
  // Rewind to 5 s, then replay to the same moment.
  await seekTo(page, 5_000);
  expect((await state(page)).report!.requests.arrived).toBeLessThan(paused.report!.requests.arrived);
  await seekTo(page, paused.timeMs);
  const replayed = await state(page);
  expect(replayed.report).toEqual(paused.report);
  expect(replayed.gauges).toEqual(paused.gauges);
});

test("the whole lab is operable by keyboard alone", async ({ page }) => {
  await openLab(page, "load-balancing/crash-behind-lb");
  const focusNext = async (testId: string, max = 60) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press("Tab");
      if ((await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))) === testId) return;
    }
    throw new Error(`could not reach ${testId} with Tab`);
  };
  await focusNext("lab-play");
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await state(page)).timeMs, { timeout: 10_000 }).toBeGreaterThan(500);
  await page.keyboard.press("Enter"); // pause
  // The scrubber moves with arrow keys.
  await focusNext("lab-scrubber");
  const t0 = (await state(page)).timeMs;
  await page.keyboard.press("PageUp");
  await expect.poll(async () => (await state(page)).timeMs).not.toBe(t0);
  // A graph node: focus it, open its fault menu with Enter, crash it from the menu.
  await focusNext("lab-node-api-1", 80);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menu", { name: "Faults for api-1" })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Crash" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("lab-node-api-1")).toHaveAttribute("data-status", "crashed");
  await expect(page.getByTestId("lab-node-api-1")).toBeFocused();
  // Settings: open the panel, then a slider changes with the keyboard.
  await focusNext("lab-drawer-open", 80);
  await page.keyboard.press("Enter");
  await focusNext("lab-tab-controls", 80);
  const generation = (await state(page)).generation;
  for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement?.matches("input[type=range]"))); i++) await page.keyboard.press("Tab");
  await page.keyboard.press("ArrowRight");
  await expect.poll(async () => (await state(page)).generation).toBeGreaterThan(generation);
});

test("reduced motion replaces particles with per-edge counters", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await openLab(page, "load-balancing/round-robin");
  await page.getByTestId("lab-play").click();
  await expect(page.getByTestId("edge-counter-users->lb")).toContainText(/≈\d+\/s/, { timeout: 10_000 });
  await expect(page.getByTestId("particle-canvas")).toHaveCount(0);
  // The learner's toggle (in the settings panel) overrides the system setting.
  await openLabSettings(page);
  await page.getByTestId("lab-motion").selectOption("full");
  await expect(page.getByTestId("particle-canvas")).toHaveCount(1);
  await expect(page.getByTestId("edge-counter-users->lb")).toHaveCount(0);
});

test("without reduced motion, particles are drawn", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "no-preference" });
  await openLab(page, "load-balancing/round-robin");
  await expect(page.getByTestId("particle-canvas")).toHaveCount(1);
  await expect(page.getByTestId("edge-counter-users->lb")).toHaveCount(0);
});

test("a breaker opens under failures and closes after recovery", async ({ page }) => {
  // recs fails every call from 30 s to 70 s; the breaker (count window 20, 50% threshold, 5 s open,
  // 3 half-open probes) must be open during the outage and closed again once recs has recovered.
  await openLab(page, "circuit-breaker/recs-outage");
  const breakerState = async () => (await state(page)).gauges["recs-breaker"]?.breakerState;
  await seekTo(page, 20_000);
  expect(await breakerState()).toBe("closed");
  await seekTo(page, 45_000);
  expect(["open", "half-open"]).toContain(await breakerState());
  await expect(page.getByTestId("lab-node-recs-breaker").getByTestId("node-state")).toContainText(/open/);
  await expect(page.getByTestId("chart-breaker")).toBeVisible();
  await seekTo(page, 100_000);
  expect(await breakerState()).toBe("closed");
  await expect(page.getByTestId("lab-node-recs-breaker").getByTestId("node-state")).toContainText(/closed/);
  const report = (await state(page)).report!;
  // While open, calls fail fast instead of reaching recs: failures are bounded, and traffic resumes.
  expect(report.requests.completed).toBeGreaterThan(report.requests.failed);
});
