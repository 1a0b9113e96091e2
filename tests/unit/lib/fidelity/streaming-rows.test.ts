import { describe, expect, it } from "vitest";
import { evaluateRow } from "@/lib/fidelity/rows";
import { streamingRowSpecs } from "@/lib/fidelity/streaming-rows";
import { FIDELITY_FAMILIES } from "@/lib/fidelity/families";
import { randomStream } from "@/lib/streaming/events";
import { paneSums, runPipeline } from "@/lib/streaming/dataflow";
import { batchResult, windowKey } from "@/lib/streaming/windows";

describe("streaming fidelity rows", () => {
  it("every row agrees with the Dataflow model's guarantees", () => {
    const rows = streamingRowSpecs().map(evaluateRow);
    expect(rows.map((r) => r.id)).toEqual(["streaming-perfect-on-time", "streaming-discarding-sum", "streaming-accumulating-last", "streaming-lateness-drop", "streaming-session-merge", "streaming-checkpoint-plain-sink", "streaming-checkpoint-transactional-sink"]);
    for (const r of rows) {
      expect(FIDELITY_FAMILIES[r.family]).toBeDefined();
      expect(r.verdict, r.id).toBe("agrees");
      expect(r.widget?.href).toMatch(/^\/learn\/stream-processing#(watermarks-late-data|stream-checkpointing)$/);
    }
  });

  it("the rows can fail: summing accumulating panes as if they were discarding overcounts late windows", () => {
    let overcounted = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const events = randomStream(seed);
      const w = { kind: "tumbling", sizeS: 10 } as const;
      const r = runPipeline({ window: w, watermark: { kind: "heuristic", allowanceS: 2 }, allowedLatenessS: Infinity, earlyEveryS: 7, mode: "accumulating", sideOutput: false }, events);
      const sums = paneSums(r.panes);
      overcounted += batchResult(w, events).filter((b) => sums.get(windowKey(b)) !== b.sum).length;
    }
    expect(overcounted).toBeGreaterThan(0);
  });
});
