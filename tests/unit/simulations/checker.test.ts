/**
 * The history checker: classic linearizable and non-linearizable register histories, the explanation of
 * a failure, the bound ("undecided"), and the four session guarantees.
 */
import { describe, expect, it } from "vitest";
import { checkLinearizability } from "@/simulations/checker/linearizability";
import { checkSessions } from "@/simulations/checker/sessions";
import { HistoryRecorder, type Operation } from "@/simulations/checker/history";
import { randomHistory } from "@/simulations/checker/random-history";

let nextId = 0;
const w = (process: string, key: string, value: number, invokeMs: number, returnMs: number, version?: number): Operation => ({ id: nextId++, process, op: "write", key, value, invokeMs, returnMs, version });
const r = (process: string, key: string, value: number | null, invokeMs: number, returnMs: number, version?: number): Operation => ({ id: nextId++, process, op: "read", key, value, invokeMs, returnMs, version });

describe("linearizability", () => {
  it("accepts a sequential history and reads of the initial value", () => {
    expect(checkLinearizability([r("a", "x", null, 0, 1), w("a", "x", 1, 2, 3), r("b", "x", 1, 4, 5)]).verdict).toBe("linearizable");
  });

  it("refuses a stale read after a completed write, and explains which read cannot be placed", () => {
    const write = w("a", "x", 1, 0, 10);
    const stale = r("b", "x", null, 20, 30);
    const result = checkLinearizability([write, stale]);
    expect(result.verdict).toBe("not-linearizable");
    expect(result.keys[0].longestPrefix).toEqual([write.id]);
    expect(result.keys[0].blockedBy).toBe(stale.id);
    expect(result.explanation).toMatch(new RegExp(`#${stale.id} b read\\(x → null\\)`));
  });

  it("accepts concurrent writes whose readers agree on one order", () => {
    // w1 and w2 overlap; both readers see 1 then 2: the order w1, w2 explains everything.
    const h = [w("a", "x", 1, 0, 10), w("b", "x", 2, 0, 10), r("c", "x", 1, 1, 3), r("c", "x", 2, 11, 12), r("d", "x", 2, 13, 14)];
    expect(checkLinearizability(h).verdict).toBe("linearizable");
  });

  it("refuses concurrent writes whose readers see both orders after both completed", () => {
    // After both writes returned, c reads 1 then 2 and d reads 2 then 1: no single order of the writes.
    const h = [w("a", "x", 1, 0, 10), w("b", "x", 2, 0, 10), r("c", "x", 1, 11, 12), r("d", "x", 2, 13, 14), r("c", "x", 1, 15, 16)];
    expect(checkLinearizability(h).verdict).toBe("not-linearizable");
  });

  it("lets a write of unknown outcome take effect late or never", () => {
    const lost = w("a", "x", 1, 0, Infinity);
    expect(checkLinearizability([lost, r("b", "x", null, 5, 6)]).verdict).toBe("linearizable");
    expect(checkLinearizability([lost, r("b", "x", 1, 5, 6), r("b", "x", 1, 7, 8)]).verdict).toBe("linearizable");
    expect(checkLinearizability([lost, r("b", "x", 1, 5, 6), r("b", "x", null, 7, 8)]).verdict).toBe("not-linearizable");
  });

  it("checks keys independently: a violation on one key does not hide behind another", () => {
    const h = [w("a", "x", 1, 0, 1), r("a", "y", null, 2, 3), r("b", "x", null, 4, 5)];
    const result = checkLinearizability(h);
    expect(result.verdict).toBe("not-linearizable");
    expect(result.keys.map((k) => [k.key, k.verdict])).toEqual([["x", "not-linearizable"], ["y", "linearizable"]]);
  });

  it("answers undecided rather than searching past its bound", () => {
    const h = randomHistory({ seed: 5, clients: 8, keys: 1, operations: 400, meanDurationMs: 200, meanPauseMs: 1 });
    expect(checkLinearizability(h, { maxStates: 50 }).verdict).toBe("undecided");
  });

  it("decides random linearizable histories, and corrupted ones are refused", () => {
    let corrupted = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const h = randomHistory({ seed, clients: 4, keys: 3, operations: 200 });
      expect(checkLinearizability(h).verdict).toBe("linearizable");
      // Make a read that saw a written value (version ≥ 2) see the value two writes back: a stale read.
      const read = h.find((o) => o.op === "read" && o.version! >= 2)!;
      const older = h.find((o) => o.op === "write" && o.key === read.key && o.version === read.version! - 1)!;
      const before = h.find((o) => o.op === "write" && o.key === read.key && o.version === read.version! - 2);
      const olderValue = before ? before.value : null;
      // Only a real contradiction: the write two back finished before the next one began, which
      // finished before the read began, so the older value is overwritten in every order.
      if (older.returnMs < read.invokeMs && (!before || before.returnMs < older.invokeMs)) {
        corrupted++;
        const bad = h.map((o) => (o.id === read.id ? { ...o, value: olderValue } : o));
        expect(checkLinearizability(bad).verdict).toBe("not-linearizable");
      }
    }
    expect(corrupted).toBeGreaterThan(5);
  });
});

describe("session guarantees", () => {
  it("counts read-your-writes and monotonic-read violations and stale reads", () => {
    const h = [w("a", "x", 1, 0, 1, 1), r("a", "x", null, 2, 3, 0), r("b", "x", 1, 2, 3, 1), r("b", "x", null, 4, 5, 0)];
    const s = checkSessions(h);
    expect(s.violations.readYourWrites).toBe(1);
    expect(s.violations.monotonicReads).toBe(1);
    expect(s.staleReads).toBe(2);
    expect(s.examples.map((e) => e.guarantee).sort()).toEqual(["monotonicReads", "readYourWrites"]);
  });

  it("counts monotonic-writes and writes-follow-reads violations", () => {
    const h = [w("a", "x", 1, 0, 1, 5), w("a", "x", 2, 2, 3, 4), r("b", "x", 1, 0, 1, 5), w("b", "x", 3, 2, 3, 3)];
    const s = checkSessions(h);
    expect(s.violations.monotonicWrites).toBe(1);
    expect(s.violations.writesFollowReads).toBe(1);
  });

  it("finds nothing wrong in a linearizable history", () => {
    const s = checkSessions(randomHistory({ seed: 9, clients: 5, keys: 10, operations: 1000 }));
    expect(s.violations).toEqual({ readYourWrites: 0, monotonicReads: 0, monotonicWrites: 0, writesFollowReads: 0 });
    expect(s.staleReads).toBe(0);
  });

  it("the recorder leaves failed reads out and keeps failed writes as unknown", () => {
    const rec = new HistoryRecorder();
    const a = rec.invoke("c1", "write", 1, 7, 0);
    const b = rec.invoke("c1", "read", 1, null, 1);
    rec.fail(a);
    rec.fail(b);
    const c = rec.invoke("c2", "read", 1, null, 2);
    rec.complete(c, 3, { value: 7, version: 1 });
    expect(rec.history().map((o) => [o.op, o.returnMs, o.value])).toEqual([["write", Infinity, 7], ["read", 3, 7]]);
  });
});
