import { describe, expect, it } from "vitest";
import { maxDimension, oembedDiscoveryHref, oembedResponse, resolveOembedUrl } from "@/lib/teach/oembed";
import { encodeLabLink } from "@/lib/share/lab-link";
import { DEFAULT_VIEW } from "@/lib/share/link-state";
import { initialEdits } from "@/lib/lab/edit-timeline";
import { preset } from "../share/helpers";

const origin = "https://faultline.example";
const live = new Set(["circuit-breaker", "queues"]);
const resolve = (url: string | null) => resolveOembedUrl(url, origin, live);

describe("oEmbed url validation", () => {
  const scenario = preset("queues/mm1-80");
  const code = encodeLabLink({ scenarioId: "queues/mm1-80", title: "M/M/1", scenario, expose: [], edits: initialEdits(scenario), seed: 1, timeMs: 0, view: DEFAULT_VIEW });

  it("accepts lab links on this site, absolute or as paths, and re-writes embed options", () => {
    expect(resolve(`${origin}/s#${code}`)).toEqual({ ok: true, target: { kind: "link", fragment: code, embedQuery: "" } });
    expect(resolve(`/playground#${code}`)).toEqual({ ok: true, target: { kind: "link", fragment: code, embedQuery: "" } });
    expect(resolve(`${origin}/embed?theme=dark&readonly=1&evil=%22%3E&seed=x#${code}`)).toEqual({ ok: true, target: { kind: "link", fragment: code, embedQuery: "?readonly=1&theme=dark" } });
    expect(resolve(`${origin}/learn/queues#${code}`)).toMatchObject({ ok: true, target: { kind: "link" } });
  });

  it("accepts live chapter pages, with a section anchor", () => {
    expect(resolve(`${origin}/learn/circuit-breaker`)).toEqual({ ok: true, target: { kind: "chapter", chapterId: "circuit-breaker", anchor: "" } });
    expect(resolve("/learn/circuit-breaker#circuit-breaker-pattern")).toEqual({ ok: true, target: { kind: "chapter", chapterId: "circuit-breaker", anchor: "circuit-breaker-pattern" } });
    expect(resolve("/learn/circuit-breaker#<x>")).toMatchObject({ ok: true, target: { anchor: "" } });
  });

  it("refuses everything else with a message", () => {
    const bad = [
      null,
      "",
      `https://evil.example/s#${code}`,
      `//evil.example/s#${code}`,
      `javascript:alert(1)`,
      `data:text/html,<b>x</b>`,
      `http://faultline.example/s#${code}`,
      `https://user:pw@faultline.example/s#${code}`,
      `${origin}/s`,
      `${origin}/s#not-a-link`,
      `${origin}/learn/no-such-chapter`,
      `${origin}/learn/circuit-breaker/extra`,
      `${origin}/learn/Circuit-Breaker`,
      `${origin}/teach`,
      `${origin}/s/#${code}`,
      `s#${code}`,
      "/" + "x".repeat(33_001),
      "https://faultline.example:444/s#1.abc",
    ];
    for (const url of bad) {
      const result = resolve(url);
      expect(result.ok, String(url).slice(0, 60)).toBe(false);
      if (!result.ok) expect(result.error.length).toBeGreaterThan(10);
    }
  });
});

describe("oEmbed response", () => {
  it("is a rich 1.0 response with an escaped iframe of /embed, within maxwidth/maxheight", () => {
    const r = oembedResponse(origin, `${origin}/embed#2.abc`, 'Say "hi" <b>', { maxWidth: 600, maxHeight: 500 });
    expect(r).toMatchObject({ version: "1.0", type: "rich", provider_name: "Faultline", width: 600, height: 500 });
    expect(r.html).toBe(`<iframe src="${origin}/embed#2.abc" title="Faultline lab: Say &quot;hi&quot; &lt;b&gt;" width="100%" height="500" style="border:0;max-width:100%" loading="lazy" allow="clipboard-write"></iframe>`);
    expect(oembedResponse(origin, `${origin}/embed#2.abc`, "x")).toMatchObject({ width: 900, height: 820 });
    expect([maxDimension("300"), maxDimension("0"), maxDimension("-1"), maxDimension("1e3"), maxDimension(null)]).toEqual([300, undefined, undefined, undefined, undefined]);
    expect(oembedDiscoveryHref("/learn/queues")).toBe("/oembed?url=%2Flearn%2Fqueues&format=json");
  });
});
