import { describe, expect, it } from "vitest";
import { applyLoad, RUNS, runScript } from "@/lib/pipelines/loads";

// Hand-computed. Source totals per run: 12+30+8 = 50, 50, 12+25+8+20 = 65, 12+25+20 = 57.
describe("append, merge and partition overwrite over four runs", () => {
  it("the source totals are 50, 50, 65, 57", () => {
    expect(runScript("overwrite").map((s) => s.sourceTotal)).toEqual([50, 50, 65, 57]);
  });

  it("append double-counts every rerun: 50, 100, 165, 222 with 3, 6, 10, 13 rows", () => {
    const s = runScript("append");
    expect(s.map((x) => x.total)).toEqual([50, 100, 165, 222]);
    expect(s.map((x) => x.target.length)).toEqual([3, 6, 10, 13]);
    expect(s[1].duplicateRows).toBe(6);
    expect(s.every((x, i) => x.matchesSource === (i === 0))).toBe(true);
  });

  it("merge is idempotent and takes corrections, but keeps the deleted o3: 50, 50, 65, 65", () => {
    const s = runScript("merge");
    expect(s.map((x) => x.total)).toEqual([50, 50, 65, 65]);
    expect(s[2].target).toEqual([{ orderId: "o1", amount: 12 }, { orderId: "o2", amount: 25 }, { orderId: "o3", amount: 8 }, { orderId: "o4", amount: 20 }]);
    expect(s[3].orphanRows).toBe(1);
    expect(s.map((x) => x.matchesSource)).toEqual([true, true, true, false]);
  });

  it("partition overwrite always equals the source: 50, 50, 65, 57", () => {
    const s = runScript("overwrite");
    expect(s.map((x) => x.total)).toEqual([50, 50, 65, 57]);
    expect(s.every((x) => x.matchesSource && x.duplicateRows === 0 && x.orphanRows === 0)).toBe(true);
  });

  it("a load never mutates the table it starts from or the source", () => {
    const target = [{ orderId: "o1", amount: 1 }];
    const before = JSON.stringify(target);
    applyLoad("merge", target, RUNS[0].source);
    expect(JSON.stringify(target)).toBe(before);
    expect(RUNS[0].source[0]).toEqual({ orderId: "o1", amount: 12 });
  });

  it("running the same load twice changes nothing for merge and overwrite, and doubles for append", () => {
    for (const strategy of ["merge", "overwrite"] as const) {
      const once = applyLoad(strategy, [], RUNS[2].source);
      expect(applyLoad(strategy, once, RUNS[2].source)).toEqual(once);
    }
    expect(applyLoad("append", applyLoad("append", [], RUNS[2].source), RUNS[2].source)).toHaveLength(8);
  });
});
