/**
 * Share links, embeds, bad links, framing headers and the playground editor, against `next start`.
 */
import { expect, test, type Page } from "@playwright/test";
import { encodeSharePayload } from "@/lib/share/codec";

type LabApi = { store: { getState(): { edits: { params: Record<string, unknown>; faults: { kind: string; target: string; origin: string }[] }; seed: number; status: string; playing: boolean } }; setParam(p: string, v: number): string | null; injectFault(f: object): void; seek(t: number): void };
const lab = (page: Page) => page.evaluate(() => (window as unknown as { faultlineLab?: LabApi }).faultlineLab?.store.getState() ?? ({ status: "absent" } as ReturnType<LabApi["store"]["getState"]>));

function collectCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test("framing and CSP headers: only /embed may be framed by other sites", async ({ request }) => {
  const home = await request.get("/");
  expect(home.headers()["x-frame-options"]).toBe("SAMEORIGIN");
  expect(home.headers()["content-security-policy"]).toContain("frame-ancestors 'self'");
  expect(home.headers()["content-security-policy"]).not.toContain("unsafe-eval");
  const embed = await request.get("/embed");
  expect(embed.headers()["x-frame-options"]).toBeUndefined();
  expect(embed.headers()["content-security-policy"]).toContain("frame-ancestors *");
  expect(embed.headers()["content-security-policy"]).toContain("worker-src 'self' blob:");
});

test("a copied link restores parameters, an injected fault and the seed in a fresh context", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const violations = collectCsp(page);
  await page.goto("/playground?scenario=queues/mm1-80");
  await expect.poll(async () => (await lab(page)).status, { timeout: 30_000 }).toBe("ready");
  expect(await page.evaluate(() => (window as unknown as { faultlineLab: LabApi }).faultlineLab.setParam("consumer.workers", 3))).toBeNull();
  await page.evaluate(() => (window as unknown as { faultlineLab: LabApi }).faultlineLab.injectFault({ kind: "crash", target: "consumer", atMs: 5000, durationMs: 2000 }));
  await page.getByTestId("share-menu").click();
  await page.getByTestId("copy-link").click();
  await expect(page.getByTestId("copy-status")).toContainText("Link copied");
  const url = await page.getByTestId("share-url").inputValue();
  expect(url).toMatch(/\/s#2\./);
  expect(violations).toEqual([]);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  // The preset is a chapter lab, so the link opens in that chapter.
  await expect(other).toHaveURL(/\/learn\/[a-z0-9-]+#2\./);
  await expect(other.getByTestId("shared-state-status")).toHaveAttribute("data-state", "applied", { timeout: 30_000 });
  await expect.poll(async () => (await lab(other)).status, { timeout: 30_000 }).toBe("ready");
  const state = await lab(other);
  expect(state.edits.params).toEqual({ "consumer.workers": 3 });
  expect(state.edits.faults.map((f) => `${f.kind}@${f.target}`)).toEqual(["crash@consumer"]);
  await fresh.close();
});

test("a bad link shows its message, the page around it works, and the default lab loads", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("dialog", () => errors.push("a dialog opened (script ran)"));
  const scenario = { version: 1, title: "<img src=x onerror=alert(1)>", seed: 1, stop: { durationMs: 1000 }, nodes: [{ id: "a", kind: "warp-drive" }], edges: [] };
  await page.goto(`/playground#${encodeSharePayload(2, { scenario })}`);
  await expect(page.getByTestId("link-problem")).toContainText("nodes[0].kind must be one of");
  await expect(page.getByRole("banner")).toBeVisible();
  await page.getByTestId("link-fallback").click();
  await expect(page.getByTestId("lab")).toBeVisible({ timeout: 30_000 });
  await page.goto("/playground#2.truncated-garbage");
  await expect(page.getByTestId("link-problem")).toContainText("damaged");
  expect(errors).toEqual([]);
});

test("a title crafted as markup is shown as text and never runs", async ({ page }) => {
  let ran = false;
  page.on("dialog", async (d) => {
    ran = true;
    await d.dismiss();
  });
  const mm1 = { version: 1, title: "x", seed: 1, stop: { durationMs: 60000 }, nodes: [{ id: "users", kind: "source", ratePerSec: 10 }, { id: "api", kind: "server", workers: 1, serviceMs: { dist: "constant", ms: 10 } }], edges: [{ from: "users", to: "api" }] };
  await page.goto(`/playground#${encodeSharePayload(2, { scenario: mm1, title: "<img src=x onerror=alert(1)>" })}`);
  await expect(page.getByTestId("lab").getByRole("heading", { level: 3 })).toContainText("<img src=x onerror=alert(1)>", { timeout: 30_000 });
  expect(ran).toBe(false);
});

test("embed options are honoured and events reach the parent", async ({ page }) => {
  const violations = collectCsp(page);
  const mm1 = { version: 1, title: "Embed me", seed: 1, stop: { durationMs: 60000 }, nodes: [{ id: "users", kind: "source", ratePerSec: 10 }, { id: "api", kind: "server", workers: 1, serviceMs: { dist: "constant", ms: 10 } }], edges: [{ from: "users", to: "api" }] };
  const code = encodeSharePayload(2, { scenario: mm1, expose: ["users.ratePerSec", "api.workers"] });
  await page.goto("/search");
  await page.evaluate((src) => {
    (window as unknown as { events: string[] }).events = [];
    window.addEventListener("message", (e) => (window as unknown as { events: string[] }).events.push(e.data?.type));
    const f = document.createElement("iframe");
    f.src = src;
    f.style.height = "900px";
    f.style.width = "1200px";
    f.id = "embed";
    document.body.prepend(f);
  }, `/embed?hide=charts,trace&lock=api.workers&controls=api.workers&autoplay=1&theme=dark#${code}`);
  const frame = page.frameLocator("#embed");
  await expect(frame.getByTestId("lab")).toBeVisible({ timeout: 30_000 });
  await expect(frame.getByTestId("lab-charts")).toHaveCount(0);
  await expect(frame.getByTestId("lab-tab-trace")).toHaveCount(0);
  await expect(frame.getByTestId("share-menu")).toHaveCount(0);
  await expect(frame.getByTestId("locked-api.workers")).toBeVisible();
  await expect(frame.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect.poll(() => page.evaluate(() => (window as unknown as { events: string[] }).events), { timeout: 20_000 }).toEqual(expect.arrayContaining(["faultline:ready", "faultline:played", "faultline:resize"]));
  await page.evaluate(() => (document.getElementById("embed") as HTMLIFrameElement).contentWindow!.postMessage({ type: "faultline:pause" }, "*"));
  await expect.poll(() => page.evaluate(() => (window as unknown as { events: string[] }).events)).toContain("faultline:paused");
  expect(violations).toEqual([]);
});

test("read-only embed hides the fault panel and shows no controls to change", async ({ page }) => {
  await page.goto("/embed?readonly=1&hide=controls");
  await expect(page.getByTestId("lab")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("complementary", { name: "Lab controls" })).toBeHidden();
});

test("the playground builds a three-node system from nothing, runs it and shares it", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/playground");
  // Three unconnected nodes (nothing selected before each Add), then joined by dragging handles.
  for (const kind of ["source", "load-balancer", "server"]) {
    await page.getByTestId("select-node").selectOption("");
    await page.getByTestId(`add-${kind}`).click();
  }
  await expect(page.getByTestId("design-status")).toContainText("3 nodes, 0 edges");
  // Connect handles: source -> load-balancer -> server.
  const handle = (id: string, type: "source" | "target") => page.locator(`.react-flow__node[data-id="${id}"] .react-flow__handle-${type === "source" ? "right" : "left"}`);
  await handle("source", "source").dragTo(handle("load-balancer", "target"));
  await handle("load-balancer", "source").dragTo(handle("server", "target"));
  await expect(page.getByTestId("design-status")).toContainText("2 edges · running below");
  await page.getByTestId("undo").click();
  await expect(page.getByTestId("design-status")).toContainText("1 edges");
  await page.keyboard.press("Control+Shift+Z");
  await expect(page.getByTestId("design-status")).toContainText("running below");
  await expect.poll(async () => (await lab(page)).status, { timeout: 30_000 }).toBe("ready");
  await page.getByTestId("live-lab").getByTestId("share-menu").click();
  await page.getByTestId("copy-link").click();
  const url = await page.getByTestId("share-url").inputValue();
  const other = await context.newPage();
  await other.goto(url);
  // A design is in no chapter: it opens on the focused share page.
  await expect(other.getByTestId("share-focused")).toBeVisible();
  await expect.poll(async () => (await lab(other)).status, { timeout: 30_000 }).toBe("ready");
  await expect(other.locator(".react-flow__node")).toHaveCount(3);
  await other.setViewportSize({ width: 1280, height: 900 });
  await other.screenshot({ path: "test-results/shared-playground.png" });
});

test("no CSP violations on home and a chapter with a lab", async ({ page }) => {
  const violations = collectCsp(page);
  await page.goto("/");
  await page.goto("/learn/how-labs-work");
  await page.locator("[data-lab-scenario]").first().scrollIntoViewIfNeeded();
  await expect(page.getByTestId("lab").first()).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  expect(violations).toEqual([]);
});

test("Download this lab: one HTML file with the lab and its state runs from disk with no network", async ({ page, browser }, testInfo) => {
  // Two pages and a simulation on the page's own thread: more than the default minute on a loaded machine.
  test.setTimeout(180_000);
  await page.goto("/playground?scenario=queues/mm1-80");
  await expect.poll(async () => (await lab(page)).status, { timeout: 30_000 }).toBe("ready");
  expect(await page.evaluate(() => (window as unknown as { faultlineLab: LabApi }).faultlineLab.setParam("consumer.workers", 3))).toBeNull();
  await page.getByTestId("share-menu").click();
  const downloading = page.waitForEvent("download");
  await page.getByTestId("download-offline").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^faultline-.+\.html$/);
  await expect(page.getByTestId("offline-status")).toContainText("Saved");
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);

  // A fresh context with every network request refused: the file must need none.
  const context = await browser.newContext();
  const requests: string[] = [];
  await context.route(/^https?:/, (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  const offline = await context.newPage();
  const errors: string[] = [];
  offline.on("pageerror", (e) => errors.push(String(e)));
  await offline.goto(`file://${file}`);
  await expect(offline.getByTestId("offline-lab")).toBeVisible();
  // The saved change came with it: the consumer still has 3 workers.
  await expect(offline.getByText("Faultline · offline lab")).toBeVisible();
  const state = () => offline.evaluate(() => (window as unknown as { faultlineLab?: LabApi }).faultlineLab?.store.getState());
  await expect.poll(async () => (await state())?.status, { timeout: 30_000 }).toBe("ready");
  expect((await state())!.edits.params["consumer.workers"]).toBe(3);
  // It runs: simulated time moves, and the graph's nodes are drawn where a click lands.
  await offline.getByRole("button", { name: /^Play/ }).first().click();
  await expect.poll(async () => (await offline.evaluate(() => (window as unknown as { faultlineLab: { store: { getState(): { timeMs: number } } } }).faultlineLab.store.getState().timeMs)), { timeout: 30_000 }).toBeGreaterThan(0);
  const node = offline.locator(".react-flow__node").first();
  await expect(node).toBeVisible();
  const box = (await node.boundingBox())!;
  expect(await offline.evaluate(({ x, y }) => !!document.elementFromPoint(x, y)?.closest(".react-flow__node"), { x: box.x + 10, y: box.y + 10 })).toBe(true);
  expect(errors).toEqual([]);
  expect(requests).toEqual([]);
  await context.close();
});
