/* global process */
// Security headers. Only /embed may be framed by other sites (instructors embed labs in their
// course pages); every other page refuses framing by other origins (clickjacking).
//
// The Content-Security-Policy has no 'unsafe-eval' (the scenario validator is hand-written for this
// reason). script-src needs 'unsafe-inline' because Next writes inline bootstrap scripts into every
// page; the alternative, per-request nonces, forces dynamic rendering of every page, and static pages
// matter more here (chapters are static text that must not wait for a server). The trade-off: an
// injected inline script would run, so the real defence against script injection is that link data
// is only ever rendered as text by React (no dangerouslySetInnerHTML with link data anywhere).
// The strict policy applies to production builds only: `next dev` needs eval for React Refresh.
// Workers are module workers from our own origin; 'blob:' covers bundlers that inline them, and
// canvas/GIF exports download through blob: URLs.
const isDev = process.env.NODE_ENV === "development";

const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${isDev ? " ws: wss:" : ""}`,
  "worker-src 'self' blob:",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

const common = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

/** The Content-Security-Policy with `frame-ancestors` set to `ancestors`. */
const policy = (ancestors) => (isDev ? `frame-ancestors ${ancestors}` : [...csp, `frame-ancestors ${ancestors}`].join("; "));

/**
 * The header rules. Every path gets the strict policy (same-origin framing only, X-Frame-Options
 * SAMEORIGIN), including 404s such as `/embed/<anything>` and the `/embed/` redirect; the one
 * exception is exactly `/embed`, the page other sites may frame, which gets the same policy with
 * `frame-ancestors *` and no X-Frame-Options. Next matches `source` case-insensitively, so `/Embed`
 * (a 404) also falls under the embed rule: it is still served with the full CSP, only framable.
 */
export function securityHeaders() {
  return [
    {
      source: "/:path((?!embed$).*)",
      headers: [...common, { key: "Content-Security-Policy", value: policy("'self'") }, { key: "X-Frame-Options", value: "SAMEORIGIN" }],
    },
    {
      source: "/embed",
      headers: [...common, { key: "Content-Security-Policy", value: policy("*") }],
    },
    {
      // The embed resizer that other sites load with <script src>: readable cross-origin, cached briefly.
      source: "/embed.js",
      headers: [
        { key: "Content-Type", value: "text/javascript; charset=utf-8" },
        { key: "Cross-Origin-Resource-Policy", value: "cross-origin" },
        { key: "Access-Control-Allow-Origin", value: "*" },
        { key: "Cache-Control", value: "public, max-age=3600" },
      ],
    },
  ];
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Chapter pages compile MDX and run their labs' previews at build time; on a loaded 2-core CI
  // machine one page can take over the default 60 s, which fails the build after three attempts.
  staticPageGenerationTimeout: 300,
  // mdx-bundler drives esbuild at build time, and Shiki highlights code fences while chapters
  // compile (lib/content/highlight.ts); keep them out of the server bundle.
  serverExternalPackages: ["esbuild", "mdx-bundler", "shiki", "@shikijs/rehype"],
  async headers() {
    return securityHeaders();
  },
};

export default nextConfig;
