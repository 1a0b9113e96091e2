import { describe, expect, it } from "vitest";
import { challengesInSource, listChallenges } from "@/lib/assignments/challenges";
import { challengeSolutions } from "../../content/challenge-solutions";

describe("challenge catalog", () => {
  it("lists every chapter challenge with its preset, controls and goals", () => {
    const all = listChallenges();
    expect(all.length).toBeGreaterThanOrEqual(Object.keys(challengeSolutions).length - 2);
    const headroom = all.find((c) => c.id === "how-labs-work-headroom");
    expect(headroom).toEqual({
      id: "how-labs-work-headroom",
      title: "Take on more traffic without the wait",
      scenarioId: "queues/mm1-80",
      expose: ["producer.ratePerSec", "consumer.workers"],
      goals: [{ metric: "throughputPerSec", atLeast: 90 }, { metric: "latencyMs.p99", atMost: 100 }],
      chapterId: "how-labs-work",
      chapterTitle: expect.any(String),
    });
    for (const id of Object.keys(challengeSolutions)) expect(all.map((c) => c.id)).toContain(id);
  });

  it("skips a challenge whose goals cannot be read, without evaluating code", () => {
    const source = `<Challenge id="a" title="A" scenario="queues/mm1-80" goals={[{ metric: "x", atMost: (() => 1)() }]}>x</Challenge>\n<Challenge id="b" title="B" scenario="queues/mm1-80" expose={["p.q"]} goals={[{ metric: "latencyMs.p99", atMost: 5, }]}>y</Challenge>`;
    expect(challengesInSource(source, { id: "c", title: "C" }).map((c) => c.id)).toEqual(["b"]);
  });
});
