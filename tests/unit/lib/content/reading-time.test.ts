import { describe, expect, it } from "vitest";
import { countProseWords, readingTime } from "@/lib/content/reading-time";

const words = (n: number, w = "word") => Array.from({ length: n }, () => w).join(" ");

describe("reading time", () => {
  it("is ceil(words / 230 + labs + 0.5 × (predicts + challenges))", () => {
    const source = `---\ntitle: T\nsummary: S\npart: P\npatterns: []\n---\n\n${words(460)}\n\n<Lab scenario="a/b" />\n\n<Lab scenario="a/c" />\n\n<Predict scenario="a/b" question="How many?" metric="latencyMs.p99" />\n\n<Challenge id="x" title="X" scenario="a/b" goals={[{ metric: "latencyMs.p99", atMost: 300 }]}>\n${words(0)}</Challenge>\n`;
    const r = readingTime(source);
    expect(r.words).toBe(460);
    expect([r.labs, r.predicts, r.challenges]).toEqual([2, 1, 1]);
    // 460/230 = 2, + 2 labs, + 0.5 × 2 = 5
    expect(r.minutes).toBe(5);
  });

  it("leaves deep dives, hints and solutions off the main path and reports deep dives separately", () => {
    const source = `${words(230)}\n\n<DeepDive title="Resilience4j defaults">\n${words(300, "default")}\n</DeepDive>\n\n<Challenge id="x" title="X" scenario="a/b" goals={[]}>\n${words(10)}\n<Hint>\n${words(100)}\n</Hint>\n<Solution>\n${words(100)}\n</Solution>\n</Challenge>`;
    const r = readingTime(source);
    expect(r.words).toBe(240);
    expect(r.deepDiveWords).toBe(300);
    expect(r.deepDiveMinutes).toBe(2);
    expect(r.minutes).toBe(Math.ceil(240 / 230 + 0.5));
  });

  it("counts prose, not markup: tags, attributes, link targets and heading marks are not words", () => {
    expect(countProseWords(`## A heading\n\n<Pattern id="round-robin" title="Round robin">\nSee [the queues chapter](/learn/message-queues#littles-law) **now**.\n</Pattern>`)).toBe(7);
    expect(countProseWords(`<BreakIt title="Turn it off" change={{"recs-breaker.enabled": false}} watch={["requests.failed"]}>\nOne two three.\n</BreakIt>`)).toBe(3);
  });

  it("ignores frontmatter, including a hand-written minutes field", () => {
    expect(readingTime(`---\ntitle: Many words here\nminutes: 99\n---\n${words(10)}`).words).toBe(10);
  });
});
