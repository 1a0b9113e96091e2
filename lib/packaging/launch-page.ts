/**
 * The launch page a package opens (index.html): the activity's title and task, the embedded labs
 * (iframes of the site's `/embed`), a live status line and, for challenges, each challenge's state.
 * Its script (launch-runtime.ts) reports progress to the course platform. Self-contained: inline
 * styles and script, no other files, so the package is one page plus its manifest.
 */
import type { PackageActivity } from "./activity";
import { launchScript } from "./launch-runtime";

export type PackageFormat = "scorm12" | "cmi5";

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** JSON safe inside a `<script>` element (no `</script>`, no `<!--`, no line separators). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

const STYLE = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1c1f24; --muted: #565d68; --line: #d5d9df; --accent: #0b5cad; --panel: #f4f6f8; }
@media (prefers-color-scheme: dark) { :root { --bg: #14171c; --fg: #e9ecf0; --muted: #a7afba; --line: #39404a; --accent: #7fb6ff; --panel: #1d2127; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 16px; }
.kicker { margin: 0; color: var(--muted); font-size: 0.85rem; }
h1 { margin: 0.2rem 0 0.4rem; font-size: 1.5rem; line-height: 1.25; }
h2 { margin: 1.2rem 0 0.4rem; font-size: 1.1rem; }
p { margin: 0.4rem 0; }
.status { margin: 0.8rem 0; padding: 0.5rem 0.75rem; border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 6px; background: var(--panel); }
.challenges { margin: 0.4rem 0; padding-left: 1.2rem; }
.challenges .state { color: var(--muted); }
iframe { display: block; width: 100%; height: 820px; max-width: 100%; border: 1px solid var(--line); border-radius: 8px; background: var(--bg); }
a { color: var(--accent); }
`;

/** The launch page's HTML for an activity and a package format. */
export function launchPageHtml(activity: PackageActivity, format: PackageFormat): string {
  const formatName = format === "scorm12" ? "SCORM 1.2" : "cmi5";
  const config = { format, kind: activity.kind, id: activity.id, embedOrigin: activity.embedOrigin, challenges: activity.challenges };
  const frames = activity.frames
    .map((f, i) => {
      const heading = activity.frames.length > 1 ? `<h2 id="lab-${i}">${escapeHtml(f.title)}</h2>\n` : "";
      return `<section${activity.frames.length > 1 ? ` aria-labelledby="lab-${i}"` : ""}>\n${heading}<iframe data-frame="${i}"${f.challengeId ? ` data-challenge-frame="${escapeHtml(f.challengeId)}"` : ""} src="${escapeHtml(f.src)}" title="Faultline lab: ${escapeHtml(f.title)}" allow="clipboard-write"${i > 0 ? ' loading="lazy"' : ""}></iframe>\n</section>`;
    })
    .join("\n");
  const task = activity.challenges.length
    ? `<p>Change the lab's settings until every goal is met; the lab checks them against the simulated run and your result is sent to your course.</p>\n<ul class="challenges">\n${activity.challenges.map((c) => `<li data-challenge="${escapeHtml(c.id)}">${escapeHtml(c.title)}: <span class="state">not attempted</span></li>`).join("\n")}\n</ul>`
    : `<p>Play ${activity.frames.length > 1 ? "each lab" : "the lab"} to complete this activity.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(activity.title)} · Faultline</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="kicker">Faultline · ${formatName} activity</p>
<h1>${escapeHtml(activity.title)}</h1>
${activity.description ? `<p>${escapeHtml(activity.description)}</p>\n` : ""}${task}
<p class="status" id="faultline-status" role="status" aria-live="polite">Starting…</p>
<noscript><p>This page needs JavaScript to show the lab and report your progress.</p></noscript>
${frames}
<p class="kicker">The lab runs on <a href="${escapeHtml(activity.baseUrl)}/" target="_blank" rel="noopener">${escapeHtml(new URL(activity.baseUrl).host)}</a>.</p>
</main>
<script type="application/json" id="faultline-config">${scriptJson(config)}</script>
<script>
${launchScript(format)}</script>
</body>
</html>
`;
}
