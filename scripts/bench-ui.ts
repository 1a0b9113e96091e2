/**
 * UI benchmarks of the lab, in headless Chromium against a production build (`npm run build` first).
 *
 *   npm run bench:ui            (starts `next start` on a free port; BENCH_URL=http://... to reuse a server)
 *
 * Prints:
 * 1. Frame time (median, p95) while the round-robin preset (a balancer, five servers, 1,000 req/s)
 *    plays at 1x with particles: requestAnimationFrame intervals over 5 s on the main thread.
 * 2. Slider-to-charts: a run of ~100,000 requests (1,700 req/s for 60 s, positioned at the end), then
 *    one keyboard step on a slider; time until the latency chart has been redrawn from the new run.
 *    Includes the slider's 60 ms debounce, the worker's re-simulation and the chart throttle.
 * 3. Gzipped JS a chapter page loads before any lab is visible (every script response, gzipped here).
 * 4. The first 2 s after Play on a freshly opened lab (the worker's first frames, charts mounting).
 * 5. Scrolling a chapter page with its labs: frame intervals while the wheel scrolls it top to bottom.
 * Targets: p95 frame <= 20 ms (1 and 4), slider-to-charts <= 300 ms, chapter JS <= 150 KiB gzipped,
 * chapter scroll >= 55 fps.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import zlib from "node:zlib";
import { chromium, type Page } from "@playwright/test";

const systemChromium = "/usr/bin/chromium";
const port = 3400 + Math.floor(Math.random() * 500);
const base = process.env.BENCH_URL ?? `http://127.0.0.1:${port}`;
const chapter = process.env.BENCH_CHAPTER ?? "load-balancing-algorithms";

async function waitForServer(url: string, timeoutMs = 60_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`bench-ui: server at ${url} did not start`);
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

async function openLab(page: Page, scenario: string) {
  await page.goto(`${base}/playground?scenario=${scenario}`);
  await page.getByTestId("lab").and(page.locator('[data-status="ready"]')).waitFor({ timeout: 30_000 });
}

async function frameTimes(page: Page) {
  await page.emulateMedia({ reducedMotion: "no-preference" });
  await openLab(page, "load-balancing/round-robin");
  await page.getByTestId("lab-play").click();
  await page.waitForTimeout(1500);
  const intervals = await page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const out: number[] = [];
        let last = performance.now();
        const end = last + 5000;
        const tick = (now: number) => {
          out.push(now - last);
          last = now;
          if (now < end) requestAnimationFrame(tick);
          else resolve(out);
        };
        requestAnimationFrame(tick);
      }),
  );
  await page.getByTestId("lab-play").click();
  return { median: quantile(intervals, 0.5), p95: quantile(intervals, 0.95), frames: intervals.length };
}

/** requestAnimationFrame intervals on the page for `ms`, started now. */
async function recordFrames(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(
    (duration) =>
      new Promise<number[]>((resolve) => {
        const out: number[] = [];
        let last = performance.now();
        const end = last + duration;
        const tick = (now: number) => {
          out.push(now - last);
          last = now;
          if (now < end) requestAnimationFrame(tick);
          else resolve(out);
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

async function firstSecondsAfterPlay(page: Page) {
  await page.emulateMedia({ reducedMotion: "no-preference" });
  await openLab(page, "load-balancing/round-robin");
  const recording = recordFrames(page, 2000);
  await page.getByTestId("lab-play").click();
  const intervals = await recording;
  await page.getByTestId("lab-play").click();
  return { median: quantile(intervals, 0.5), p95: quantile(intervals, 0.95), worst: Math.max(...intervals), frames: intervals.length };
}

async function chapterScroll(page: Page) {
  await page.emulateMedia({ reducedMotion: "no-preference" });
  await page.goto(`${base}/learn/${chapter}`, { waitUntil: "networkidle" });
  await page.mouse.move(640, 450);
  const height = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
  const recording = recordFrames(page, 6000);
  // About 100 px per wheel notch every 16 ms, as a trackpad fling would: the whole page in ~6 s or less.
  const step = Math.max(100, Math.ceil(height / 360));
  for (let y = 0; y < height; y += step) {
    await page.mouse.wheel(0, step);
    await page.waitForTimeout(16);
  }
  const intervals = await recording;
  const median = quantile(intervals, 0.5);
  return { fps: 1000 / median, p95: quantile(intervals, 0.95), frames: intervals.length, labs: await page.getByTestId("lab").count() };
}

async function sliderToCharts(page: Page) {
  await openLab(page, "load-balancing/round-robin");
  await page.evaluate(() => {
    const lab = (window as unknown as { faultlineLab: { setParam(p: string, v: number): void; seek(t: number): void } }).faultlineLab;
    lab.setParam("users.ratePerSec", 1700);
    lab.seek(60_000);
  });
  const stateOf = () => page.evaluate(() => (window as unknown as { faultlineLab: { store: { getState(): { report: { simulatedMs: number; requests: { arrived: number } } | null } } } }).faultlineLab.store.getState().report);
  for (let i = 0; i < 100; i++) {
    const r = await stateOf();
    if (r && r.simulatedMs === 60_000 && r.requests.arrived > 95_000) break;
    await page.waitForTimeout(200);
  }
  const requests = (await stateOf())!.requests.arrived;
  await page.waitForTimeout(500);
  const slider = page.getByTestId("control-users.ratePerSec").getByRole("slider");
  await slider.focus();
  await page.evaluate(() => {
    const path = () => document.querySelector('[data-testid="chart-latency"] path')?.getAttribute("d");
    const before = path();
    const w = window as unknown as { benchChart: Promise<number> };
    w.benchChart = new Promise<number>((resolve) => {
      let start = 0;
      document.addEventListener("keydown", () => (start = performance.now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (start && path() !== before) {
          observer.disconnect();
          resolve(performance.now() - start);
        }
      });
      observer.observe(document.querySelector('[data-testid="chart-latency"]')!, { subtree: true, attributes: true, childList: true });
    });
  });
  await page.keyboard.press("ArrowLeft");
  const ms = await page.evaluate(() => (window as unknown as { benchChart: Promise<number> }).benchChart);
  return { ms, requests };
}

async function chapterScripts(page: Page) {
  const sizes = new Map<string, { raw: number; gzip: number }>();
  page.on("response", async (response) => {
    if (response.request().resourceType() !== "script") return;
    try {
      const body = await response.body();
      sizes.set(response.url(), { raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
    } catch {
      // redirects and aborted requests have no body
    }
  });
  await page.goto(`${base}/learn/${chapter}`, { waitUntil: "networkidle" });
  await page.waitForTimeout(500);
  const labVisible = await page.getByTestId("lab").count();
  const entries = [...sizes.entries()].map(([url, s]) => ({ url: url.replace(base, ""), ...s }));
  return { entries, labVisible, gzip: entries.reduce((n, e) => n + e.gzip, 0) };
}

async function main() {
  let server: ChildProcess | null = null;
  if (!process.env.BENCH_URL) {
    if (!fs.existsSync(".next/BUILD_ID")) throw new Error("bench-ui: run `npm run build` first");
    server = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], { stdio: "ignore", detached: true });
  }
  try {
    await waitForServer(`${base}/playground`);
    const browser = await chromium.launch(
      fs.existsSync(systemChromium) ? { executablePath: systemChromium, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] } : {},
    );
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // tsx compiles the page functions below with esbuild's keepNames helper; give the page a no-op one.
    await context.addInitScript("window.__name = (f) => f;");

    const frames = await frameTimes(await context.newPage());
    const slider = await sliderToCharts(await context.newPage());
    const scripts = await chapterScripts(await context.newPage());
    const firstSeconds = await firstSecondsAfterPlay(await context.newPage());
    const scroll = await chapterScroll(await context.newPage());
    await browser.close();

    const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    console.log("Faultline lab UI benchmarks (headless Chromium, production build)\n");
    console.log(`1. Frame time while round-robin (balancer + 5 servers, 1,000 req/s) plays at 1x`);
    console.log(`   median ${frames.median.toFixed(1)} ms, p95 ${frames.p95.toFixed(1)} ms over ${frames.frames} frames   (target p95 <= 20 ms)`);
    console.log(`2. Slider change to redrawn charts, ${slider.requests.toLocaleString("en-US")}-request run`);
    console.log(`   ${slider.ms.toFixed(0)} ms   (target <= 300 ms)`);
    console.log(`3. Chapter /learn/${chapter}: JS loaded before any lab is visible`);
    console.log(`   ${kib(scripts.gzip)} gzipped in ${scripts.entries.length} scripts; labs mounted: ${scripts.labVisible}   (target <= 150 KiB)`);
    for (const e of scripts.entries.sort((a, b) => b.gzip - a.gzip).slice(0, 6)) console.log(`     ${kib(e.gzip).padStart(10)}  ${e.url}`);
    console.log(`4. The first 2 s after Play on a freshly opened lab (round-robin)`);
    console.log(`   median ${firstSeconds.median.toFixed(1)} ms, p95 ${firstSeconds.p95.toFixed(1)} ms, worst ${firstSeconds.worst.toFixed(1)} ms over ${firstSeconds.frames} frames   (target p95 <= 20 ms)`);
    console.log(`5. Scrolling /learn/${chapter} top to bottom with the wheel (${scroll.labs} labs mounted by the end)`);
    console.log(`   ${scroll.fps.toFixed(1)} fps (median frame), p95 frame ${scroll.p95.toFixed(1)} ms over ${scroll.frames} frames   (target >= 55 fps)`);
  } finally {
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
