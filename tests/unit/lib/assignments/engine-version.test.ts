/**
 * Assignments pin ENGINE_VERSION; a replay reproduces a learner's run only while the engine gives
 * the same numbers. This keeps a fingerprint of three presets' reports with the version: when the
 * numbers move, bump ENGINE_VERSION (lib/assignments/engine-version.ts) and update the fingerprint.
 */
import { describe, expect, it } from "vitest";
import { loadPreset } from "@/lib/lab/presets";
import { runHeadless } from "@/lib/lab/lab-engine";
import { initialEdits } from "@/lib/lab/edit-timeline";
import { ENGINE_VERSION } from "@/lib/assignments/engine-version";
import { canonicalJson, fnv1a64 } from "@/lib/assignments/hash";

const PINNED: Record<string, string> = { "1": "334fcafade776cbd" };

describe("engine version", () => {
  it("changes whenever the engine's results change", () => {
    const reports = ["queues/mm1-80", "bulkheads/unbounded-queue", "autoscaling/headroom-one-down"].map((id) => {
      const preset = loadPreset(id)!;
      const r = runHeadless(preset, initialEdits(preset), preset.seed);
      return { id, requests: r.requests, latencyMs: r.latencyMs, throughputPerSec: r.throughputPerSec, events: r.events };
    });
    const fingerprint = fnv1a64(canonicalJson(reports));
    expect(PINNED[ENGINE_VERSION], `the engine's results moved (fingerprint ${fingerprint}): bump ENGINE_VERSION and pin the new fingerprint`).toBe(fingerprint);
  });
});
