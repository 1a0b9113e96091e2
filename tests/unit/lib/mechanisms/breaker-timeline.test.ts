import { describe, expect, it } from "vitest";
import { breakerTimeline } from "@/lib/mechanisms/breaker-timeline";
import { loadPreset } from "@/lib/lab/presets";

describe("breaker timeline from a real run", () => {
  const preset = loadPreset("circuit-breaker/recs-outage")!;
  const timeline = breakerTimeline(preset, "recs-breaker");

  it("bands tile the run without gaps", () => {
    expect(timeline.bands[0].fromMs).toBe(0);
    for (let i = 1; i < timeline.bands.length; i++) expect(timeline.bands[i].fromMs).toBe(timeline.bands[i - 1].toMs);
    expect(timeline.bands.at(-1)!.toMs).toBe(timeline.endMs);
  });

  it("stays closed before the fault, opens during it, probes every wait duration, and closes after it", () => {
    const open = timeline.bands.filter((b) => b.state === "open");
    expect(timeline.bands[0].state).toBe("closed");
    expect(open[0].fromMs).toBeGreaterThanOrEqual(30_000);
    expect(open[0].fromMs).toBeLessThan(31_000);
    // waitDurationInOpenStateMs is 5 s in the preset.
    for (const b of open.slice(0, -1)) expect(b.toMs - b.fromMs).toBe(5000);
    expect(timeline.bands.at(-1)!.state).toBe("closed");
    expect(timeline.bands.at(-1)!.fromMs).toBeGreaterThan(70_000);
    // Open always goes to half-open, never straight to closed.
    for (let i = 1; i < timeline.bands.length; i++) if (timeline.bands[i - 1].state === "open") expect(timeline.bands[i].state).toBe("half-open");
  });

  it("per-second counts come from the run's series", () => {
    expect(timeline.seconds).toHaveLength(120);
    const during = timeline.seconds.filter((s) => s.tMs > 31_000 && s.tMs <= 70_000);
    expect(during.every((s) => s.completed === 0)).toBe(true);
  });

  it("names the breaker when the scenario has none", () => {
    expect(() => breakerTimeline(preset, "nope")).toThrow(/nope/);
  });
});
