/**
 * Issue 17, F7: the header rules of next.config.mjs, matched the way Next matches them (its own
 * path matcher, case-insensitive, later rules overriding earlier ones for the same header). Every
 * path carries the strict Content-Security-Policy; only `/embed` may be framed by other sites.
 */
import { describe, expect, it } from "vitest";
// Next's own matcher (what `next start` uses for header rules).
import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
// @ts-expect-error -- next.config.mjs is plain JavaScript without declarations.
import { securityHeaders as rules } from "../../../next.config.mjs";

const securityHeaders = rules as () => { source: string; headers: { key: string; value: string }[] }[];

function headersFor(pathname: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rule of securityHeaders()) {
    const match = getPathMatch(rule.source, { strict: true })(pathname);
    if (match) for (const h of rule.headers) out[h.key.toLowerCase()] = h.value;
  }
  return out;
}

describe("security headers", () => {
  const strictPaths = ["/", "/learn", "/learn/queues", "/s", "/playground", "/embed/", "/embed/x", "/embed/x/y", "/EMBED/x", "/embedx", "/x/embed", "/_next/static/chunk.js", "/no-such-page"];
  for (const path of strictPaths) {
    it(`${path}: strict policy, same-origin framing only`, () => {
      const h = headersFor(path);
      expect(h["content-security-policy"]).toContain("frame-ancestors 'self'");
      expect(h["x-frame-options"]).toBe("SAMEORIGIN");
      expect(h["x-content-type-options"]).toBe("nosniff");
      expect(h["referrer-policy"]).toBeDefined();
    });
  }
  it("/embed: framable by any site, under the same policy otherwise", () => {
    const h = headersFor("/embed");
    expect(h["content-security-policy"]).toContain("frame-ancestors *");
    expect(h["x-frame-options"]).toBeUndefined();
    expect(h["x-content-type-options"]).toBe("nosniff");
  });
  it("the policy never allows eval in production", () => {
    for (const path of [...strictPaths, "/embed"]) expect(headersFor(path)["content-security-policy"]).not.toContain("unsafe-eval");
  });
});
