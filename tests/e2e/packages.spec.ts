/**
 * Course-platform packages end to end (lib/packaging): a package is generated and unzipped, its
 * manifest read by Chromium's XML parser, and its launch page served from a fake platform origin
 * inside a stub player: for SCORM 1.2 the player exposes `window.API` and records every call; for
 * cmi5 a stub LRS (route interception) hands out a token and launch data and records statements.
 * The embedded lab is the real /embed of the server under test, posed as an assignment: it really
 * posts `faultline:ready`, and pressing Submit in it (the preset as shipped, which misses some
 * goals) really posts `faultline:challenge-completed`. The passing result is then posted from inside
 * the embed frame by the test, standing in for a learner who solved the challenge.
 */
import { test, expect, type Frame, type Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import fs from "node:fs";
import { buildActivity } from "@/lib/packaging/activity";
import { buildPackage } from "@/lib/packaging/build-package";
import { readCatalog } from "@/lib/packaging/catalog";
import type { PackageFormat } from "@/lib/packaging/launch-page";
import { resolveTarget } from "@/lib/packaging/resolve-target";

const PLATFORM = "http://lms.test";

// The fake platform's pages come from route interception, which Chromium counts as a public
// address; its Local Network Access checks would then refuse their frames of the local server under
// test (a real platform frames the public site given with --base). Same browser as the config, check off.
const noLocalNetworkChecks = "--disable-features=LocalNetworkAccessChecks";
test.use({
  launchOptions: fs.existsSync("/usr/bin/chromium")
    ? { executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", noLocalNetworkChecks] }
    : { args: [noLocalNetworkChecks] },
});
const CHALLENGE = "protect-checkout";

/** The files of the challenge's package in `format`, built for the server under test. */
function packageFiles(format: PackageFormat, baseURL: string): Record<string, string> {
  const catalog = readCatalog();
  const resolved = resolveTarget(CHALLENGE, catalog);
  if (!resolved.ok) throw new Error(resolved.message);
  const files = unzipSync(buildPackage(buildActivity(resolved.target, catalog, baseURL), format).zip);
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

/** Reads an XML document with the browser's parser; returns the value of `selector`'s attribute or text. */
async function readXml(page: Page, xml: string, selector: string, attribute?: string): Promise<string | null> {
  await page.goto(`${PLATFORM}/blank.html`);
  return page.evaluate(({ xml, selector, attribute }) => {
    const doc = new DOMParser().parseFromString(xml, "application/xml");
    if (doc.getElementsByTagName("parsererror").length) return "parsererror";
    const el = doc.querySelector(selector);
    return el ? (attribute ? el.getAttribute(attribute) : el.textContent) : null;
  }, { xml, selector, attribute });
}

/** The embedded lab's frame, once the launch page has seen its real `faultline:ready`. */
async function readyEmbed(page: Page): Promise<Frame> {
  const launch = page.frameLocator("#launch");
  await expect(launch.locator("iframe[data-frame='0']")).toHaveAttribute("data-ready", "true", { timeout: 45_000 });
  await expect(launch.getByRole("status")).toContainText("The lab has loaded");
  return page.frames().find((f) => f.url().includes("/embed"))!;
}

/**
 * Presses Submit in the embedded assignment with the preset as shipped and waits for the result;
 * returns the score (0-100) the launch page should record: the share of goals met, as the embed's
 * event reports it (rounded to 4 places in 0..1), then to 2 places.
 */
async function submitAsShipped(page: Page): Promise<number> {
  const lab = page.frameLocator("#launch").frameLocator("iframe[data-frame='0']");
  const submit = lab.getByTestId("assignment-submit");
  await expect(submit).toBeEnabled({ timeout: 45_000 });
  await submit.click();
  await expect(lab.getByTestId("assignment-result")).toHaveAttribute("data-state", "submitted", { timeout: 60_000 });
  const goals = lab.getByTestId("assignment-goal");
  const total = await goals.count();
  const met = await lab.locator("[data-testid='assignment-goal'][data-passed='true']").count();
  expect(met, "the preset as shipped misses at least one goal").toBeLessThan(total);
  return Math.round((Math.round((met / total) * 10000) / 10000) * 100 * 100) / 100;
}

/** Posts a challenge result (score in 0..1, as the embed protocol has it) from inside the embed. */
async function postCompleted(embed: Frame, goalsMet: boolean, score: number) {
  await embed.evaluate(({ goalsMet, score, id }) => {
    window.parent.postMessage({ type: "faultline:challenge-completed", challengeId: id, goalsMet, score, seed: 7, engineVersion: "test", linkHash: "abc" }, "*");
  }, { goalsMet, score, id: CHALLENGE });
}

const player = (launch: string, api: string) => `<!doctype html><html lang="en"><title>Stub player</title><script>${api}</script><iframe id="launch" title="Activity" src="${launch}" style="width:1200px;height:1100px;border:0"></iframe>`;

test("SCORM 1.2: the launch page initializes, scores, passes and finishes through the API", async ({ page, baseURL }) => {
  const files = packageFiles("scorm12", baseURL!);
  await page.context().route(`${PLATFORM}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path.startsWith("/pkg/") && files[path.slice(5)]) return route.fulfill({ contentType: "text/html", body: files[path.slice(5)] });
    if (path === "/player.html") return route.fulfill({ contentType: "text/html", body: player(new URL(route.request().url()).searchParams.get("launch")!, API_STUB) });
    return route.fulfill({ contentType: "text/html", body: "<!doctype html><title>blank</title>" });
  });
  // What the platform launches: the manifest's SCO resource.
  const href = await readXml(page, files["imsmanifest.xml"]!, "resource[*|scormtype='sco']", "href");
  expect(href).toBe("index.html");
  await page.goto(`${PLATFORM}/player.html?launch=/pkg/${href}`);

  const embed = await readyEmbed(page);
  // A message from another window (the player) is not the lab's: ignored.
  await page.evaluate((id) => (document.getElementById("launch") as HTMLIFrameElement).contentWindow!.postMessage({ type: "faultline:challenge-completed", challengeId: id, goalsMet: true, score: 1 }, "*"), CHALLENGE);
  await expect(page.frameLocator("#launch").locator(`[data-challenge='${CHALLENGE}'] .state`)).toHaveText("started");
  const shipped = await submitAsShipped(page);
  await expect(page.frameLocator("#launch").locator(`[data-challenge='${CHALLENGE}'] .state`)).toHaveText(`goals not met yet (best score ${shipped})`);
  await postCompleted(embed, true, 0.9);
  await expect(page.frameLocator("#launch").getByRole("status")).toHaveText("All goals met: your result has been sent.");
  // Leaving the activity finishes the session.
  await page.evaluate(() => ((document.getElementById("launch") as HTMLIFrameElement).src = "/blank.html"));
  await expect.poll(() => page.evaluate(() => (window as unknown as { calls: string[][] }).calls.at(-1)?.[0])).toBe("LMSFinish");

  const calls = await page.evaluate(() => (window as unknown as { calls: string[][] }).calls);
  expect(calls[calls.length - 3]![2]).toMatch(/^\d{4}:\d{2}:\d{2}$/);
  calls[calls.length - 3]![2] = "<time>";
  expect(calls).toEqual([
    ["LMSInitialize", ""],
    ["LMSGetValue", "cmi.core.lesson_status"],
    ["LMSSetValue", "cmi.core.lesson_status", "incomplete"],
    ["LMSCommit", ""],
    ["LMSSetValue", "cmi.core.score.min", "0"],
    ["LMSSetValue", "cmi.core.score.max", "100"],
    ["LMSSetValue", "cmi.core.score.raw", String(shipped)],
    ["LMSCommit", ""],
    ["LMSSetValue", "cmi.core.score.min", "0"],
    ["LMSSetValue", "cmi.core.score.max", "100"],
    ["LMSSetValue", "cmi.core.score.raw", "90"],
    ["LMSSetValue", "cmi.core.lesson_status", "passed"],
    ["LMSCommit", ""],
    ["LMSSetValue", "cmi.core.session_time", "<time>"],
    ["LMSSetValue", "cmi.core.exit", ""],
    ["LMSFinish", ""],
  ]);
});

/** A SCORM 1.2 API that records its calls (and keeps the values set). */
const API_STUB = `
window.calls = [];
var data = { "cmi.core.lesson_status": "not attempted" };
function record(name, result) { return function () { var args = Array.prototype.slice.call(arguments).map(String); window.calls.push([name].concat(args)); return result(args); }; }
window.API = {
  LMSInitialize: record("LMSInitialize", function () { return "true"; }),
  LMSFinish: record("LMSFinish", function () { return "true"; }),
  LMSGetValue: record("LMSGetValue", function (a) { return data[a[0]] || ""; }),
  LMSSetValue: record("LMSSetValue", function (a) { data[a[0]] = a[1]; return "true"; }),
  LMSCommit: record("LMSCommit", function () { return "true"; }),
  LMSGetLastError: function () { return "0"; },
  LMSGetErrorString: function () { return "No error"; },
  LMSGetDiagnostic: function () { return ""; }
};`;

test("cmi5: the AU fetches its token and launch data, then sends initialized, failed, passed, terminated", async ({ page, baseURL }) => {
  const files = packageFiles("cmi5", baseURL!);
  const token = "ZmF1bHRsaW5lOnRlc3Q=";
  const registration = "6f1b2a3c-1111-4222-8333-944455556666";
  const actor = { objectType: "Agent", account: { homePage: "http://lms.test", name: "learner-1" } };
  const sessionExtension = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
  const statements: Record<string, unknown>[] = [];
  const log: string[] = [];
  await page.context().route(`${PLATFORM}/**`, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.pathname.startsWith("/au/") && files[url.pathname.slice(4)]) return route.fulfill({ contentType: "text/html", body: files[url.pathname.slice(4)] });
    if (url.pathname === "/player.html") return route.fulfill({ contentType: "text/html", body: player(url.searchParams.get("launch")!, "") });
    if (url.pathname === "/fetch" && request.method() === "POST") {
      log.push("fetch");
      return route.fulfill({ contentType: "application/json", body: JSON.stringify({ "auth-token": token }) });
    }
    if (url.pathname === "/xapi/activities/state") {
      log.push(`state ${url.searchParams.get("stateId")} ${request.headers()["authorization"]}`);
      return route.fulfill({ contentType: "application/json", body: JSON.stringify({ contextTemplate: { extensions: { [sessionExtension]: "session-1" } }, launchMode: "Normal", moveOn: "Passed" }) });
    }
    if (url.pathname === "/xapi/statements" && request.method() === "POST") {
      const body = JSON.parse(request.postData() ?? "null") as Record<string, unknown>;
      statements.push({ ...body, headers: { authorization: request.headers()["authorization"], version: request.headers()["x-experience-api-version"] } });
      return route.fulfill({ contentType: "application/json", body: JSON.stringify([body.id]) });
    }
    return route.fulfill({ contentType: "text/html", body: "<!doctype html><title>blank</title>" });
  });
  const auUrl = await readXml(page, files["cmi5.xml"]!, "au > url");
  const activityId = await readXml(page, files["cmi5.xml"]!, "au", "id");
  expect(auUrl).toBe("index.html");
  expect(activityId).toBe(`${baseURL}/cmi5/challenge/${CHALLENGE}/au`);
  const query = new URLSearchParams({ endpoint: `${PLATFORM}/xapi/`, fetch: `${PLATFORM}/fetch?k=1`, actor: JSON.stringify(actor), registration, activityId: activityId! });
  await page.goto(`${PLATFORM}/player.html?launch=${encodeURIComponent(`/au/${auUrl}?${query}`)}`);

  const embed = await readyEmbed(page);
  await expect.poll(() => statements.length).toBe(1);
  const shipped = await submitAsShipped(page);
  await expect.poll(() => statements.length).toBe(2);
  await postCompleted(embed, true, 0.9);
  await expect.poll(() => statements.length).toBe(3);
  await page.evaluate(() => ((document.getElementById("launch") as HTMLIFrameElement).src = "/blank.html"));
  await expect.poll(() => statements.length).toBe(4);

  expect(log).toEqual(["fetch", `state LMS.LaunchData Basic ${token}`]);
  const verbs = statements.map((s) => (s.verb as { id: string }).id.split("/").pop());
  expect(verbs).toEqual(["initialized", "failed", "passed", "terminated"]);
  for (const s of statements) {
    expect(s.headers).toEqual({ authorization: `Basic ${token}`, version: "1.0.3" });
    expect(s.actor).toEqual(actor);
    expect(s.object).toEqual({ id: activityId, objectType: "Activity" });
    const context = s.context as { registration: string; extensions: Record<string, string>; contextActivities: { category: { id: string }[] } };
    expect(context.registration).toBe(registration);
    expect(context.extensions[sessionExtension]).toBe("session-1");
    expect(context.contextActivities.category.map((c) => c.id)).toContain("https://w3id.org/xapi/cmi5/context/categories/cmi5");
    expect(s.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }
  expect(statements[1]!.result).toMatchObject({ success: false, score: { raw: shipped, min: 0, max: 100 } });
  expect((statements[1]!.result as { score: { scaled: number } }).score.scaled).toBeCloseTo(shipped / 100, 4);
  expect(statements[2]!.result).toMatchObject({ success: true, score: { scaled: 0.9, raw: 90, min: 0, max: 100 } });
  expect((statements[2]!.context as { contextActivities: { category: { id: string }[] } }).contextActivities.category.map((c) => c.id)).toContain("https://w3id.org/xapi/cmi5/context/categories/moveon");
  expect((statements[3]!.result as { duration: string }).duration).toMatch(/^PT[\d.]+S$/);
});
