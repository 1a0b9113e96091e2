import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { controlState, embedQuery, embedStart, iframeSnippet, parseEmbedQuery, type EmbedOptions } from "@/lib/share/embed-options";
import { parseParentCommand } from "@/lib/share/embed-protocol";
import { labFileText, readLabFile } from "@/lib/share/lab-file";
import { decodeLabLink, encodeLabLink } from "@/lib/share/lab-link";
import { preset } from "./helpers";

describe("embed options", () => {
  it("parses every option", () => {
    const { options, notes } = parseEmbedQuery("?readonly=1&controls=users.ratePerSec,api.workers&lock=api.workers&hide=charts,trace&autoplay=1&loop=1000-30000&theme=dark");
    expect(notes).toEqual([]);
    expect(options).toEqual({ readOnly: true, controls: ["users.ratePerSec", "api.workers"], locked: ["api.workers"], hide: ["charts", "trace"], autoplay: true, loop: { fromMs: 1000, toMs: 30000 }, theme: "dark" });
  });

  it("ignores unknown or malformed options with a note", () => {
    const { options, notes } = parseEmbedQuery("hide=everything&loop=30-10&theme=neon&controls=<script>&evil=1");
    expect(options).toEqual({ readOnly: false, locked: [], hide: [], autoplay: false, controls: [] });
    expect(notes).toHaveLength(5);
  });

  it("parses a start time and a seed as whole numbers only", () => {
    expect(parseEmbedQuery("start=30000&seed=42")).toEqual({ options: expect.objectContaining({ startMs: 30000, seed: 42 }), notes: [] });
    expect(parseEmbedQuery("seed=0&start=0").options).toMatchObject({ seed: 0, startMs: 0 });
    expect(parseEmbedQuery("seed=4294967295").options.seed).toBe(4294967295);
    for (const bad of ["-1", "1.5", "1e3", "0x10", " 7", "", "4294967296", "99999999999", "NaN"]) {
      const { options, notes } = parseEmbedQuery(`seed=${encodeURIComponent(bad)}`);
      expect(options.seed, bad).toBeUndefined();
      expect(notes[0], bad).toMatch(/^seed: .* must be a whole number from 0 to 4294967295; ignored\.$/);
    }
    for (const bad of ["-5", "2.5", "1000000001", "abc"]) {
      const { options, notes } = parseEmbedQuery(`start=${bad}`);
      expect(options.startMs, bad).toBeUndefined();
      expect(notes[0], bad).toMatch(/^start: .* milliseconds/);
    }
  });

  it("opens at the options' seed and start, clamped to the run, or the link's own", () => {
    const link = { seed: 7, timeMs: 1200 };
    expect(embedStart(parseEmbedQuery("").options, link, 60000)).toEqual({ seed: 7, timeMs: 1200 });
    expect(embedStart(parseEmbedQuery("seed=3&start=5000").options, link, 60000)).toEqual({ seed: 3, timeMs: 5000 });
    expect(embedStart(parseEmbedQuery("start=900000").options, link, 60000)).toEqual({ seed: 7, timeMs: 60000 });
    expect(embedQuery(parseEmbedQuery("seed=3&start=5000&readonly=1").options)).toBe("?readonly=1&start=5000&seed=3");
  });

  it("round-trips through the query string (property)", () => {
    const arb: fc.Arbitrary<EmbedOptions> = fc.record({
      readOnly: fc.boolean(),
      controls: fc.option(fc.uniqueArray(fc.constantFrom("users.ratePerSec", "api.workers", "api-2.serviceMs.meanMs"), { minLength: 1 }), { nil: undefined }),
      locked: fc.uniqueArray(fc.constantFrom("users.ratePerSec", "api.workers")),
      hide: fc.uniqueArray(fc.constantFrom("charts" as const, "trace" as const, "controls" as const)),
      autoplay: fc.boolean(),
      loop: fc.option(fc.integer({ min: 0, max: 1e6 }).chain((from) => fc.integer({ min: from + 1, max: from + 1e6 }).map((to) => ({ fromMs: from, toMs: to }))), { nil: undefined }),
      theme: fc.option(fc.constantFrom("light" as const, "dark" as const), { nil: undefined }),
      startMs: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: undefined }),
      seed: fc.option(fc.integer({ min: 0, max: 4294967295 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(arb, (options) => {
        const parsed = parseEmbedQuery(embedQuery(options)).options;
        const strip = (o: EmbedOptions) => JSON.parse(JSON.stringify(o));
        expect(strip(parsed)).toEqual(strip(options));
      }),
    );
  });

  it("decides which controls are shown, locked or hidden", () => {
    const options = parseEmbedQuery("controls=a.x,b.y&lock=b.y").options;
    expect(controlState(options, "a.x")).toBe("shown");
    expect(controlState(options, "b.y")).toBe("locked");
    expect(controlState(options, "c.z")).toBe("hidden");
    expect(controlState({ ...options, readOnly: true }, "a.x")).toBe("locked");
  });

  it("escapes the title in the iframe snippet", () => {
    const snippet = iframeSnippet("https://x/embed?a=1&b=2#2.abc", `"><script>alert(1)</script>`, 500);
    expect(snippet).not.toContain("<script>");
    expect(snippet).toContain("&amp;b=2");
  });
});

describe("parent messages are validated strictly", () => {
  it("accepts exactly the documented commands", () => {
    expect(parseParentCommand({ type: "faultline:play" })).toEqual({ type: "faultline:play" });
    expect(parseParentCommand({ type: "faultline:pause" })).toEqual({ type: "faultline:pause" });
    expect(parseParentCommand({ type: "faultline:seek", timeMs: 5000 })).toEqual({ type: "faultline:seek", timeMs: 5000 });
  });
  it.each([
    ["a string", "faultline:play"],
    ["extra fields", { type: "faultline:play", url: "javascript:alert(1)" }],
    ["negative time", { type: "faultline:seek", timeMs: -1 }],
    ["NaN time", { type: "faultline:seek", timeMs: Number.NaN }],
    ["time as string", { type: "faultline:seek", timeMs: "5" }],
    ["unknown type", { type: "faultline:inject" }],
    ["null", null],
    ["array", [{ type: "faultline:play" }]],
  ])("refuses %s", (_name, data) => {
    expect(parseParentCommand(data)).toBeNull();
  });
  it("never throws on anything (property)", () => {
    fc.assert(fc.property(fc.anything(), (v) => void parseParentCommand(v)), { numRuns: 1000 });
  });
});

describe("lab files", () => {
  const mm1 = preset("queues/mm1-80");
  it("exports and imports a lab state", () => {
    const decoded = decodeLabLink(encodeLabLink({ scenarioId: "queues/mm1-80", title: "T", scenario: mm1, expose: [], edits: { params: { "consumer.workers": 2 }, faults: [] }, seed: 1, timeMs: 10, view: { tables: true, panel: "trace", speed: 2, motion: "full" } }));
    if (!decoded.ok) throw new Error(decoded.problem.message);
    const back = readLabFile(labFileText(decoded.state));
    expect(back.ok && back.state).toEqual(decoded.state);
  });
  it("imports a bare scenario", () => {
    const result = readLabFile(JSON.stringify(mm1));
    expect(result.ok && result.state.scenarioId).toBe("imported");
  });
  it("explains files it cannot read", () => {
    expect(!readLabFile("{").ok).toBe(true);
    const other = readLabFile(JSON.stringify({ hello: 1 }));
    expect(!other.ok && other.problem.message).toMatch(/neither/);
    const newer = readLabFile(JSON.stringify({ format: "faultline-lab", version: 99 }));
    expect(!newer.ok && newer.problem.message).toMatch(/newer/);
  });
});
