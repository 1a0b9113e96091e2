import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { startChapter } from "./helpers";

const paths = ["/", "/learn", `/learn/${startChapter.id}`, "/patterns", "/fidelity", "/playground", "/s"];

for (const colorScheme of ["light", "dark"] as const) {
  for (const path of paths) {
    test(`${path} has no serious or critical axe violations (${colorScheme})`, async ({ page }) => {
      // axe's contrast check over the 767 entries of /patterns takes a while.
      test.slow(path === "/patterns");
      await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
      const blocking = results.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
      expect(blocking).toEqual([]);
    });
  }
}
