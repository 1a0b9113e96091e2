import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import { collectPageErrors } from "./helpers";

/** The lab's simulated time, read through the playground's controller hook. */
const labTime = (page: Page) => page.evaluate(() => window.faultlineLab?.store.getState().timeMs ?? 0);

/** Moves the lab's scrubber and waits until the run stands there. */
async function seekTo(page: Page, timeMs: number) {
  await page.evaluate((t) => window.faultlineLab!.seek(t), timeMs);
  await expect.poll(async () => Math.abs((await labTime(page)) - timeMs)).toBeLessThan(1);
}

test("the register lab: space-time view, async replication, a partition, and the checker's verdict on the diagram", async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/playground?scenario=replication/register-leader-sync");
  const view = page.getByTestId("spacetime");
  await expect(view).toBeVisible({ timeout: 60_000 });

  // Run it: the lanes fill as the scrubber moves.
  await page.getByTestId("lab-play").click();
  await expect.poll(() => labTime(page), { timeout: 30_000 }).toBeGreaterThan(300);
  await page.getByTestId("lab-play").click();
  const svg = page.getByTestId("spacetime-svg");
  for (const lane of ["r1", "r2", "r3", "c1", "c5"]) await expect(svg.getByText(lane, { exact: true })).toBeVisible();
  await expect(svg.locator("[data-arrow=delivered]").first()).toBeAttached();
  await seekTo(page, 1000);
  const verdict = page.getByTestId("checker-verdict");
  await expect(verdict).toHaveAttribute("data-verdict", "linearizable");

  // Switch to asynchronous replication with reads from any replica (Settings).
  await page.getByTestId("lab-drawer-open").click();
  const settings = page.getByTestId("lab-settings");
  await settings.getByLabel("Leader-follower replication").selectOption("async");
  await settings.getByLabel("Reads go to").selectOption("any");
  await expect.poll(() => page.evaluate(() => window.faultlineLab!.store.getState().edits.params["register.readFrom"])).toBe("any");

  // Cut the leader off from its followers for 2 s, now.
  const faults = page.getByTestId("protocol-faults");
  await faults.getByLabel("Fault lasts").selectOption({ label: "2 s" });
  await page.getByTestId("protocol-split").selectOption({ label: "r1 cut off from the other replicas" });
  await page.getByTestId("protocol-partition").click();
  await expect.poll(() => page.evaluate(() => JSON.stringify(window.faultlineLab!.store.getState().edits.params["register.replicaFaults"]))).toContain('"partition"');
  await seekTo(page, 2500);
  await expect(svg.locator("[data-shade=partition]").first()).toBeAttached();

  // The checker refuses the history and the diagram shows the operation it cannot place.
  await expect(verdict).toHaveAttribute("data-verdict", "not-linearizable");
  await expect(page.getByTestId("checker-blocked")).toContainText(/#\d+ c\d (read|write)/);
  await page.getByTestId("checker-show").click();
  const blocked = svg.locator("[data-op-role=blocked]");
  await expect(blocked).toHaveCount(1);
  await expect(blocked).toContainText("cannot be placed");
  await expect(page.getByTestId("spacetime-follow")).toBeVisible();

  // Keyboard: the diagram has focus; arrows move, Enter selects and shows the stamps.
  await expect(page.getByTestId("spacetime-diagram")).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("spacetime-details")).toContainText(/Lamport \d+, vector \[r1:\d+/);
  await expect(svg.locator("[data-relation=selected]")).toHaveCount(1);
  await expect(page.getByTestId("spacetime-focus")).toBeAttached();

  // The text alternative and the SVG export.
  await page.getByTestId("spacetime-table").locator("summary").click();
  await expect(page.getByTestId("spacetime-table").locator("tbody tr").first()).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("spacetime-export").click()]);
  expect(download.suggestedFilename()).toMatch(/^spacetime-register-\d+-\d+ms\.svg$/);
  const file = fs.readFileSync((await download.path())!, "utf8");
  expect(file).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(file).toContain("cannot be placed");
  expect(file).not.toContain("class=");

  expect(errors).toEqual([]);
});

test("a counterexample link reruns the Raft search in a worker and shows the same shortest trace", async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto("/learn/consensus-and-coordination?raft-cx=3.current-term.none.4.0#raft-counterexample");
  const widget = page.getByTestId("raft-counterexample");
  await widget.scrollIntoViewIfNeeded();
  await expect(widget.getByTestId("raft-cx-status")).toHaveAttribute("data-phase", "done", { timeout: 60_000 });
  await expect(widget.getByTestId("raft-cx-status")).toContainText("Broken: leader completeness. The shortest trace has 6 steps");
  await expect(widget.getByTestId("raft-cx-trace").locator("li")).toHaveCount(6);
  await expect(widget.getByTestId("raft-cx-voteRestriction-none")).toBeChecked();
  // Switch the rule back on: the same bounds now hold, every reachable state checked.
  await widget.getByTestId("raft-cx-voteRestriction-up-to-date").check();
  await widget.getByTestId("raft-cx-commitRule-current-term").check();
  await widget.getByTestId("raft-cx-servers").selectOption("2");
  await widget.getByTestId("raft-cx-maxTerm").selectOption("3");
  await widget.getByTestId("raft-cx-run").click();
  await expect(widget.getByTestId("raft-cx-status")).toContainText("Safe within these bounds", { timeout: 60_000 });
  expect(errors).toEqual([]);
});
