/**
 * The offline lab file (lib/offline/offline-page.ts): the state goes into the template's slot as
 * inert JSON whatever the title or link holds, reads back exactly, and a file with a foreign or
 * malformed payload is refused rather than trusted.
 */
import { describe, expect, it } from "vitest";
import { OFFLINE_LINK_ID, fillOfflineTemplate, offlineFileName, readOfflinePayload, scriptSafeJson } from "@/lib/offline/offline-page";

const template = `<!doctype html><html><head><title>Faultline lab</title></head><body><div id="faultline-offline-root"></div><script id="${OFFLINE_LINK_ID}" type="application/json">null</script><script>/*app*/</script></body></html>`;

/** The payload element's text in a filled file, as the browser would read it. */
function payloadText(html: string): string {
  const start = html.indexOf(`<script id="${OFFLINE_LINK_ID}" type="application/json">`);
  const from = html.indexOf(">", start) + 1;
  return html.slice(from, html.indexOf("</script>", from));
}

describe("fillOfflineTemplate", () => {
  const input = { link: "2.abc-_", title: "Recommendations fail", savedAt: "2026-12-05T23:00:00.000Z", origin: "https://faultline.example" };

  it("puts the state in the slot and reads it back unchanged", () => {
    const html = fillOfflineTemplate(template, input);
    expect(readOfflinePayload(payloadText(html))).toEqual(input);
    expect(html).toContain("<title>Recommendations fail · Faultline (offline)</title>");
    expect(html).toContain('<base href="https://faultline.example/">');
    expect(html).toContain("<script>/*app*/</script>");
  });

  it("keeps a hostile title and link inert: no tag or script end escapes the JSON", () => {
    const hostile = { ...input, title: '</script><script>alert(1)</script><!-- "x" & y', link: "</script><img src=x onerror=alert(1)>" };
    const html = fillOfflineTemplate(template, hostile);
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toContain("<img");
    expect(html).toContain("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- &quot;x&quot; &amp; y · Faultline (offline)</title>");
    expect(readOfflinePayload(payloadText(html))).toEqual(hostile);
  });

  it("links back only to an http(s) origin", () => {
    for (const origin of ["javascript:alert(1)", "data:text/html,x", "https://x.example/path", "", 'https://a.example"><script>']) {
      const html = fillOfflineTemplate(template, { ...input, origin });
      expect(html).not.toContain("<base");
      expect(readOfflinePayload(payloadText(html))?.origin).toBe("");
    }
    expect(fillOfflineTemplate(template, { ...input, origin: "http://127.0.0.1:3000" })).toContain('<base href="http://127.0.0.1:3000/">');
  });

  it("refuses a template without its slots (a stale or foreign file)", () => {
    expect(() => fillOfflineTemplate("<html><title>x</title></html>", input)).toThrow(/no slot for the lab/);
    expect(() => fillOfflineTemplate(fillOfflineTemplate(template, input), input)).toThrow(/no slot/);
  });
});

describe("readOfflinePayload", () => {
  it("refuses anything but the payload object", () => {
    for (const text of [null, "", "null", "[]", "{", '"2.abc"', '{"link":1,"title":"t","savedAt":"s"}', '{"link":"x","title":"t"}']) expect(readOfflinePayload(text)).toBeNull();
  });

  it("does not inherit from a polluted prototype key", () => {
    const read = readOfflinePayload('{"__proto__":{"link":"x"},"title":"t","savedAt":"s"}');
    expect(read).toBeNull();
    expect(({} as Record<string, unknown>).link).toBeUndefined();
  });

  it("caps the title and date it shows", () => {
    const read = readOfflinePayload(JSON.stringify({ link: "x", title: "t".repeat(500), savedAt: "s".repeat(100), origin: "https://a.example" }));
    expect(read?.title).toHaveLength(200);
    expect(read?.savedAt).toHaveLength(40);
  });
});

describe("helpers", () => {
  it("scriptSafeJson escapes every character that could end or open markup", () => {
    const text = scriptSafeJson({ s: "</script><!-- & \u2028\u2029 >" });
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual({ s: "</script><!-- & \u2028\u2029 >" });
  });

  it("names the file after the lab", () => {
    expect(offlineFileName("Recommendations fail for 40 seconds")).toBe("faultline-recommendations-fail-for-40-seconds.html");
    expect(offlineFileName("  ***  ")).toBe("faultline-lab.html");
  });
});
