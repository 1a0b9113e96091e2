/**
 * Issue 9, sharing and the course around the labs: a share link opens in its chapter with its state,
 * an embed on a foreign-origin page resizes itself, the playground builds a system from the keyboard,
 * and search knows the roadmap. Screenshots land in test-results/ (not committed).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { encodeSharePayload } from "@/lib/share/codec";
import { encodeLabLink } from "@/lib/share/lab-link";
import { loadPreset } from "@/lib/lab/presets";
import type { LabLinkState } from "@/lib/share/link-state";

type LabApi = { store: { getState(): { edits: { params: Record<string, unknown>; faults: { kind: string; target: string }[] }; timeMs: number; status: string; playing: boolean } } };
const labState = (page: Page) => page.evaluate(() => (window as unknown as { faultlineLab?: LabApi }).faultlineLab?.store.getState() ?? null);

/** A link to the M/M/1 lab of the first chapter with a changed rate and a crashed consumer at 5 s. */
function chapterLabLink(): string {
  const scenario = loadPreset("queues/mm1-80")!;
  const state: LabLinkState = {
    scenarioId: "queues/mm1-80",
    title: scenario.title,
    scenario,
    expose: [],
    edits: { params: { "producer.ratePerSec": 60 }, faults: [{ id: "learner-1", origin: "learner", kind: "crash", target: "consumer", atMs: 2000, durationMs: 60_000 }] },
    seed: 7,
    timeMs: 5000,
    view: { tables: false, panel: "controls", speed: 1, motion: "system" },
  } as LabLinkState;
  return encodeLabLink(state);
}

test("a share link opens in its chapter, scrolled to the lab, with the parameter change and the crash applied", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/s#${chapterLabLink()}`);
  await expect(page).toHaveURL(/\/learn\/[a-z0-9-]+#2\./);
  await expect(page.getByTestId("shared-state-status")).toHaveAttribute("data-state", "applied", { timeout: 30_000 });
  const state = await labState(page);
  expect(state?.edits.params).toEqual({ "producer.ratePerSec": 60 });
  expect(state?.edits.faults.map((f) => `${f.kind}@${f.target}`)).toEqual(["crash@consumer"]);
  const lab = page.locator('[data-lab-for="queues/mm1-80"]').first().getByTestId("lab");
  await expect(lab).toBeInViewport();
  await expect(lab.getByTestId("lab-node-consumer")).toHaveAttribute("data-status", "crashed", { timeout: 20_000 });
  // The lab's header is not under the sticky site header.
  const header = await page.getByRole("banner").first().boundingBox();
  const labBox = await lab.boundingBox();
  expect(labBox!.y).toBeGreaterThanOrEqual(header!.y + header!.height - 1);
  await page.screenshot({ path: "test-results/share-landing-1280.png" });
});

test("links of every published format still open (fixtures), and a design opens on the focused page", async ({ page }) => {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const dir = path.join(process.cwd(), "tests/fixtures/share-links");
  for (const file of fs.readdirSync(dir)) {
    const { link } = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as { link: string };
    await page.goto(`/s#${link}`);
    await expect(page.getByTestId("lab").first(), file).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("link-problem"), file).toHaveCount(0);
  }
  const design = { version: 1, title: "Two servers", seed: 1, stop: { durationMs: 60000 }, nodes: [{ id: "users", kind: "source", ratePerSec: 10 }, { id: "api", kind: "server", workers: 1, serviceMs: { dist: "constant", ms: 10 } }], edges: [{ from: "users", to: "api" }] };
  await page.goto(`/s#${encodeSharePayload(2, { scenario: design, scenarioId: "playground", title: "Two servers" })}`);
  await expect(page.getByTestId("share-focused")).toBeVisible();
  await expect(page.getByTestId("share-open-playground")).toHaveAttribute("href", /^\/playground#2\./);
  await expect(page.getByTestId("lab")).toBeVisible({ timeout: 30_000 });
});

test("an embed on a foreign-origin page resizes itself through embed.js, with the layout of its own width", async ({ page, baseURL }) => {
  const embedCode = chapterLabLink();
  const host = http.createServer((req, res) => {
    const width = req.url?.includes("narrow") ? 388 : 900;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><title>LMS</title><body style="margin:0;font-family:sans-serif"><h1>Week 3</h1>
      <div style="width:${width}px"><iframe id="lab" src="${baseURL}/embed?hide=trace#${embedCode}" title="Faultline lab" width="100%" height="300" style="border:0;max-width:100%"></iframe></div>
      <script src="${baseURL}/embed.js" async></script></body>`);
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  try {
    for (const [name, wide] of [["wide", true], ["narrow", false]] as const) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${hostUrl}/${name}`);
      const frame = page.frameLocator("#lab");
      await expect(frame.getByTestId("lab")).toBeVisible({ timeout: 30_000 });
      // The lab keeps settling as it loads: compare the frame with the content as it is now, until they agree.
      const contentHeight = () => frame.getByTestId("embed-content").evaluate((el) => Math.ceil(el.getBoundingClientRect().height + 8));
      const frameHeight = () => page.locator("#lab").evaluate((f) => (f as HTMLIFrameElement).getBoundingClientRect().height);
      await expect.poll(async () => (await frameHeight()) - (await contentHeight()), { timeout: 20_000 }).toBe(0);
      const content = await contentHeight();
      expect(content).toBeGreaterThan(300);
      // Container queries: in the 900-px column the settings open in place, in the 388-px one as a sheet.
      await frame.getByTestId("lab-drawer-open").click();
      await expect(frame.getByTestId("lab-settings")).toBeVisible();
      expect(await frame.getByTestId("lab-settings").evaluate((el) => getComputedStyle(el).position)).toBe(wide ? "static" : "fixed");
      await page.screenshot({ path: `test-results/embed-host-${name}.png`, fullPage: true });
    }
  } finally {
    await new Promise((resolve) => host.close(resolve));
  }
});

test("playground: source → balancer → two servers, running, in six keyboard actions", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/playground");
  await expect(page.getByTestId("playground-editor")).toBeVisible();
  let actions = 0;
  const press = async (testId: string) => {
    await page.getByTestId(testId).focus();
    await page.keyboard.press("Enter");
    actions++;
  };
  await press("add-source");
  await press("add-load-balancer");
  await press("add-server");
  // Back to the balancer, then a second server after it.
  await page.getByTestId("select-node").focus();
  await page.getByTestId("select-node").selectOption("load-balancer");
  actions++;
  await press("add-server");
  await expect(page.getByTestId("design-status")).toContainText("4 nodes, 3 edges · running below");
  const live = page.getByTestId("live-lab");
  await expect(live.getByTestId("lab")).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  await live.getByTestId("lab-play").focus();
  await page.keyboard.press("Enter");
  actions++;
  expect(actions).toBeLessThanOrEqual(6);
  await expect.poll(async () => (await labState(page))?.playing).toBe(true);
  await expect(live.getByTestId("lab-node-server-2")).toBeVisible();
  // Editing while it runs: a third server joins the running lab without a restart.
  await page.getByTestId("connect-to").selectOption("server");
  await expect(page.getByTestId("design-status")).toContainText("4 edges");
  await page.screenshot({ path: "test-results/playground-1280.png", fullPage: true });
});

test("click-to-connect joins the selected node to the clicked one", async ({ page }) => {
  await page.goto("/playground");
  await page.getByTestId("add-source").click();
  await page.getByTestId("select-node").selectOption("");
  await page.getByTestId("add-server").click();
  await page.getByTestId("select-node").selectOption("source");
  await page.getByTestId("connect-mode").click();
  await page.locator('[data-testid="playground-canvas"] .react-flow__node[data-id="server"]').click();
  await expect(page.getByTestId("design-status")).toContainText("2 nodes, 1 edges · running below");
});

test("search knows the roadmap, finds a two-word hit and shows no weak matches when a word matches nothing", async ({ page }) => {
  // A pattern of a chapter still on the roadmap (Raft was one until its chapter went live).
  await page.goto("/search?q=sidecar");
  await expect(page.getByTestId("search-planned").first()).toContainText("planned in Kubernetes design patterns");
  // A multi-word query finds a section that has both words (the LSM engine's bloom filters)...
  await page.goto("/search?q=bloom%20filter");
  await expect(page.locator("a[data-search-result]").first()).toHaveAttribute("href", /\/learn\/key-value-stores/);
  // ...and when one word matches nothing, it shows nothing rather than the other word's loose hits.
  await page.goto("/search?q=bloom%20ketchup");
  await expect(page.getByText("No results for “bloom ketchup”")).toBeVisible();
  await expect(page.locator("a[data-search-result]")).toHaveCount(0);
});

test("the header and footer link the playground and the fidelity page", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("banner").getByRole("link", { name: "Playground" })).toBeVisible();
  await expect(page.getByRole("contentinfo").getByRole("link", { name: /exact the simulation/ })).toHaveAttribute("href", "/fidelity");
  await expect(page.getByTestId("home-playground")).toHaveAttribute("href", "/playground");
});
