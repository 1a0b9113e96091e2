/**
 * The assignment path end to end: an instructor makes an assignment link on /teach/assign, a learner
 * opens it in an iframe, changes a control until the goals are met and submits (the host receives
 * the challenge events), another learner submits untouched, and /teach/grade replays both links:
 * the first passes, the second fails.
 */
import { expect, test, type Page } from "@playwright/test";
import { linkHash } from "@/lib/assignments/assignment";
import { collectPageErrors } from "./helpers";

type Message = Record<string, unknown> & { type?: string };

/** Opens `src` in an iframe on a plain page and records the messages it posts. */
async function openInFrame(page: Page, src: string) {
  await page.goto("/search");
  await page.evaluate((url) => {
    const w = window as unknown as { messages: unknown[] };
    w.messages = [];
    window.addEventListener("message", (e) => w.messages.push(e.data));
    const f = document.createElement("iframe");
    f.src = url;
    f.id = "assignment";
    f.title = "Assignment";
    f.style.width = "1200px";
    f.style.height = "1100px";
    document.body.prepend(f);
  }, src);
  return page.frameLocator("#assignment");
}

const messages = (page: Page) => page.evaluate(() => (window as unknown as { messages: unknown[] }).messages.filter((m): m is Message => typeof m === "object" && m !== null));

async function submit(page: Page, link: string, change?: { control: string; value: string }) {
  const frame = await openInFrame(page, link);
  await expect(frame.getByTestId("assignment")).toBeVisible({ timeout: 30_000 });
  await expect(frame.getByTestId("assignment-goal")).toHaveCount(2);
  await expect(frame.getByTestId("assignment-submit")).toBeEnabled({ timeout: 30_000 });
  if (change) {
    const input = frame.getByTestId(`control-${change.control}`).getByRole("spinbutton");
    await input.fill(change.value);
    await input.press("Enter");
    await expect(input).toHaveValue(change.value);
  }
  await frame.getByTestId("assignment-submit").click();
  const url = frame.getByTestId("assignment-link");
  await expect(url).toHaveValue(/\/embed\?.*assignment=1\..*&claim=1\..*#2\./, { timeout: 30_000 });
  return { submitted: await url.inputValue(), frame };
}

test("an assignment link is made, solved in an embed, submitted and graded by replay", async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto("/teach/assign?scenario=bulkheads/unbounded-queue&challenge=size-the-queue");
  await expect(page.getByTestId("assign-shipped")).toContainText("The lab as shipped", { timeout: 30_000 });
  const link = await page.getByTestId("assign-url").inputValue();
  expect(link).toMatch(/\/embed\?assignment=1\.[A-Za-z0-9_-]+#2\./);

  // Learner 1 sets the queue capacity (the challenge's solution) and submits.
  const { submitted: solved, frame } = await submit(page, link, { control: "api.queueCapacity", value: "10" });
  await expect(frame.getByTestId("assignment-result")).toHaveAttribute("data-passed", "true");
  const events = await messages(page);
  expect(events.find((m) => m.type === "faultline:challenge-started")).toMatchObject({ challengeId: "size-the-queue", goalsTotal: 2, engineVersion: "1" });
  expect(events.find((m) => m.type === "faultline:progress")).toMatchObject({ challengeId: "size-the-queue", goalsMet: 2, goalsTotal: 2, score: 1, passed: true });
  const completed = events.find((m) => m.type === "faultline:challenge-completed");
  expect(completed).toMatchObject({ challengeId: "size-the-queue", goalsMet: 2, goalsTotal: 2, score: 1, passed: true, engineVersion: "1", linkHash: linkHash(solved) });
  expect(typeof completed?.seed).toBe("number");

  // Learner 2 submits without changing anything.
  const { submitted: untouched } = await submit(page, link);
  expect((await messages(page)).find((m) => m.type === "faultline:challenge-completed")).toMatchObject({ passed: false });

  // The instructor grades both links in the browser.
  await page.goto("/teach/grade");
  await page.getByTestId("grade-input").fill(`learner,link\nAda,${solved}\nBob,${untouched}\nMallory,not a link`);
  await page.getByTestId("grade-assignment").fill(link);
  await page.getByTestId("grade-run").click();
  await expect(page.getByTestId("grade-status")).toHaveAttribute("data-state", "done", { timeout: 60_000 });
  const rows = page.getByTestId("grade-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute("data-status", "pass");
  await expect(rows.nth(0)).toHaveAttribute("data-flagged", "false");
  await expect(rows.nth(0)).toContainText("Ada");
  await expect(rows.nth(1)).toHaveAttribute("data-status", "fail");
  await expect(rows.nth(1)).toHaveAttribute("data-flagged", "false");
  await expect(rows.nth(2)).toHaveAttribute("data-status", "error");
  await expect(page.getByTestId("grade-status")).toContainText("1 pass, 1 fail, 1 could not be graded");
  expect(errors).toEqual([]);
});
