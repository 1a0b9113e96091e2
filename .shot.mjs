import { chromium } from "playwright";
const [,, chapter, out] = process.argv;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
for (const [w, h, tag] of [[1280, 800, "desk"], [390, 844, "phone"]]) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  await page.goto(`http://localhost:3205/learn/${chapter}`, { waitUntil: "networkidle", timeout: 240000 });
  await page.screenshot({ path: `${out}-${tag}-top.png` });
  await page.screenshot({ path: `${out}-${tag}-full.png`, fullPage: true });
  await page.close();
}
await browser.close();
