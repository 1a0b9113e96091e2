/**
 * Writes the offline lab template, public/offline/lab.html (generated, not committed): the lab's
 * code bundled into one script with esbuild (React, the lab, the engine; the simulation runs on the
 * page's thread because a file opened from disk cannot start module workers) and the site's styles
 * compiled by Tailwind, both inlined, with an empty slot for the lab state that the lab's
 * "Download this lab" fills in (lib/offline/offline-page.ts). Runs before `next build` and `next dev`.
 *
 *   npm run offline          # prints the size
 */
import { build, type Plugin } from "esbuild";
import fs from "node:fs";
import path from "node:path";
import postcss from "postcss";
import tailwind from "@tailwindcss/postcss";
import { OFFLINE_LINK_ID, OFFLINE_LINK_PLACEHOLDER } from "../lib/offline/offline-page";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "public/offline/lab.html");

/**
 * Swaps for a page with no worker and no Next: every import of the lab's port resolves to the
 * in-process one, and `next/link` to a plain anchor.
 */
const offlineSwaps: Plugin = {
  name: "offline-swaps",
  setup(b) {
    const port = path.join(root, "lib/offline/in-process-port.ts");
    b.onResolve({ filter: /(^|\/)lab-port$/ }, (args) => (args.importer === port ? undefined : { path: port }));
    b.onResolve({ filter: /^next\/link$/ }, () => ({ path: path.join(root, "components/offline/plain-link.tsx") }));
    b.onResolve({ filter: /^next(\/|$)/ }, (args) => ({ errors: [{ text: `${args.importer} imports ${args.path}, which the offline lab cannot use; add a swap in scripts/build-offline-lab.ts` }] }));
  },
};

async function bundleScript(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(root, "components/offline/offline-entry.tsx")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    jsx: "automatic",
    tsconfig: path.join(root, "tsconfig.json"),
    define: { "process.env.NODE_ENV": '"production"' },
    legalComments: "none",
    plugins: [offlineSwaps],
    logLevel: "error",
  });
  // An inline script ends at the first "</script"; escape it wherever the bundle spells it.
  return result.outputFiles[0]!.text.replace(/<\/(script)/gi, "<\\/$1");
}

async function compileStyles(): Promise<string> {
  const from = path.join(root, "app/globals.css");
  const css = await postcss([tailwind({ base: root, optimize: { minify: true } })]).process(fs.readFileSync(from, "utf8"), { from });
  return css.css.replace(/<\/(style)/gi, "<\\/$1");
}

/** The fonts the site self-hosts are left out (size): the file falls back to the system's. */
const fontFallbacks = ":root{--font-inter:ui-sans-serif;--font-source-serif:ui-serif;--font-jetbrains-mono:ui-monospace}";

async function main() {
  const started = performance.now();
  const [script, styles] = await Promise.all([bundleScript(), compileStyles()]);
  const html = `<!doctype html>
<html lang="en" data-theme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Faultline lab</title>
<style>${fontFallbacks}${styles}</style>
</head>
<body class="bg-bg text-fg antialiased">
<noscript><p style="padding:1rem">This offline lab needs JavaScript.</p></noscript>
<div id="faultline-offline-root"></div>
<script id="${OFFLINE_LINK_ID}" type="application/json">${OFFLINE_LINK_PLACEHOLDER}</script>
<script>${script}</script>
</body>
</html>
`;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, html);
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`offline lab template: ${path.relative(root, out)}, ${kib(html.length)} (script ${kib(script.length)}, styles ${kib(styles.length)}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  console.error(`offline lab template: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
