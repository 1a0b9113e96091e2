/**
 * The transaction engine against PostgreSQL's row of the Hermitage matrix (github.com/ept/hermitage,
 * PostgreSQL tests), the Adya names of the cycles it leaves, two-phase locking's deadlock victim and
 * MVCC vacuum.
 */
import { describe, expect, it } from "vitest";
import { transactions as t } from "@/simulations";

const run = (id: string, level: t.Level) => {
  const s = t.scheduleById(id);
  return { s, state: t.runSchedule(s.steps, level, s.initial) };
};

describe("PostgreSQL's Hermitage row", () => {
  // Prevented (true) or allowed (false), per level, as the Hermitage README lists PostgreSQL.
  const row: Record<string, [boolean, boolean, boolean]> = {
    G0: [true, true, true], G1a: [true, true, true], G1b: [true, true, true], G1c: [true, true, true], OTV: [true, true, true],
    PMP: [false, true, true], P4: [false, true, true], "G-single": [false, true, true], "G2-item": [false, false, true], G2: [false, false, true],
  };
  const levels = ["read-committed", "repeatable-read", "serializable"] as const;
  for (const [anomaly, prevented] of Object.entries(row))
    levels.forEach((level, i) => {
      it(`${level} ${prevented[i] ? "prevents" : "allows"} ${anomaly}`, () => {
        const { s, state } = run(anomaly, level);
        expect(s.occurred(state)).toBe(!prevented[i]);
        expect(s.hermitage?.[level]).toBe(prevented[i]);
      });
    });

  it("serializable prevents write skew by aborting the second committer, not by blocking", () => {
    for (const id of ["G2-item", "G2"]) {
      const { state } = run(id, "serializable");
      expect(state.status).toEqual({ T1: "committed", T2: "aborted" });
      expect(state.abortReasons.T2).toMatch(/could not serialize access due to read\/write dependencies/);
      expect(t.dependencyGraph(state).cycle).toBeNull();
    }
  });

  it("snapshot isolation stops a lost update with a serialization failure, read committed loses it", () => {
    expect(run("P4", "repeatable-read").state.abortReasons.T2).toMatch(/concurrent update/);
    const rc = run("P4", "read-committed").state;
    expect(rc.committedRows.x).toBe(11); // two increments of 10, one survives
    expect(rc.events.some((e) => e.tx === "T2" && e.outcome === "blocked")).toBe(true);
  });

  it("never shows an uncommitted or intermediate value at any level", () => {
    for (const level of t.LEVELS)
      for (const id of ["G1a", "G1b"]) expect(t.dependencyGraph(run(id, level).state).phenomena).toEqual([]);
  });
});

describe("the dependency graph names the cycle each allowed anomaly leaves", () => {
  const cases: [string, t.Level, t.CycleKind][] = [
    ["P4", "read-committed", "G-single"],
    ["G-single", "read-committed", "G-single"],
    ["G2-item", "read-committed", "G2-item"],
    ["G2-item", "repeatable-read", "G2-item"],
    ["G2", "repeatable-read", "G2"],
  ];
  for (const [id, level, kind] of cases)
    it(`${id} under ${level} is ${kind}`, () => {
      const g = t.dependencyGraph(run(id, level).state);
      expect(g.cycle?.kind).toBe(kind);
      const edges = g.cycle?.edges ?? [];
      // The edges close a loop.
      edges.forEach((e, i) => expect(e.to).toBe(edges[(i + 1) % edges.length].from));
    });

  it("write skew is two antidependencies, one each way", () => {
    const edges = t.dependencyGraph(run("G2-item", "repeatable-read").state).cycle?.edges ?? [];
    expect(edges.map((e) => `${e.from}-${e.kind}->${e.to} on ${e.on}`).sort()).toEqual(["T1-rw->T2 on y", "T2-rw->T1 on x"]);
  });

  it("a serializable history has no cycle at every level that prevents the anomaly", () => {
    for (const s of t.SCHEDULES)
      for (const level of ["serializable", "two-phase-locking"] as const) expect(t.dependencyGraph(t.runSchedule(s.steps, level, s.initial)).cycle, `${s.id} ${level}`).toBeNull();
  });

  it("names G1c on a hand-made history of dirty reads both ways", () => {
    const base = t.runSchedule([], "read-committed", { x: 1, y: 2 });
    const v = (id: string, key: string, creator: string) => ({ id, key, value: 0, creator, state: "committed" as const, dead: false });
    const g1c = t.dependencyGraph({
      ...base, commitOrder: ["T0", "T1", "T2"], versions: [v("x1", "x", "T1"), v("y2", "y", "T2")],
      reads: [{ tx: "T1", key: "y", versionId: "y2", writer: "T2" }, { tx: "T2", key: "x", versionId: "x1", writer: "T1" }],
    });
    expect(g1c.cycle?.kind).toBe("G1c");
  });
});

describe("two-phase locking", () => {
  it("prevents every Hermitage anomaly, by blocking or by a deadlock victim", () => {
    for (const s of t.SCHEDULES.filter((x) => x.hermitage)) expect(s.occurred(t.runSchedule(s.steps, "two-phase-locking", s.initial)), s.id).toBe(false);
  });

  it("turns write skew into a deadlock and aborts the transaction whose wait closed the cycle", () => {
    const { state } = run("G2-item", "two-phase-locking");
    expect(state.deadlocks).toBe(1);
    expect(state.status).toEqual({ T1: "committed", T2: "aborted" });
    expect(state.abortReasons.T2).toMatch(/deadlock detected \(T2 waits for T1 waits for T2\)/);
  });

  it("the blocked transaction resumes when the victim's locks are released", () => {
    for (const level of t.LEVELS) {
      const { state } = run("deadlock", level);
      expect(state.deadlocks, level).toBe(1);
      expect(state.committedRows, level).toEqual({ x: 11, y: 21 });
      expect(state.events.some((e) => e.tx === "T1" && e.outcome === "resumed"), level).toBe(true);
    }
  });

  it("holds shared locks to the end, so a reader blocks a writer", () => {
    const e = new t.TransactionEngine("two-phase-locking", { x: 1 });
    e.submit({ tx: "T1", kind: "read", key: "x" }, 0);
    e.submit({ tx: "T2", kind: "write", key: "x", value: 2 }, 1);
    expect(e.state().waiting).toEqual({ T2: ["T1"] });
    expect(e.state().locks.T1).toEqual(["x:S"]);
    e.submit({ tx: "T1", kind: "commit" }, 2);
    expect(e.state().waiting).toEqual({});
    expect(e.state().versions.filter((v) => v.key === "x").map((v) => v.value)).toEqual([1, 2]);
  });
});

describe("MVCC versions and vacuum", () => {
  it("a long repeatable-read reader keeps old versions alive; vacuum removes them once it ends", () => {
    const rr = run("vacuum", "repeatable-read").state;
    const removed = rr.events.filter((e) => e.tx === "vacuum").map((e) => Number(/removes (\d+)/.exec(e.text)?.[1]));
    expect(removed).toEqual([0, 2]);
    expect(rr.events.find((e) => e.step === 6)?.result).toBe("10"); // the snapshot still reads the first version
  });

  it("under read committed an idle transaction holds nothing back", () => {
    const rc = run("vacuum", "read-committed").state;
    expect(rc.events.filter((e) => e.tx === "vacuum").map((e) => Number(/removes (\d+)/.exec(e.text)?.[1]))).toEqual([2, 0]);
    expect(rc.versions.map((v) => v.id)).toEqual(["x2", "y0"]);
  });

  it("marks aborted versions dead at once", () => {
    const s = t.runSchedule([{ tx: "T1", kind: "write", key: "x", value: 5 }, { tx: "T1", kind: "abort" }], "read-committed", { x: 1 });
    expect(s.versions.map((v) => [v.id, v.state, v.dead])).toEqual([["x0", "committed", false], ["x1", "aborted", true]]);
  });
});

describe("free stepping", () => {
  it("runs any prefix of a schedule the same way every time", () => {
    const s = t.scheduleById("OTV");
    for (let n = 0; n <= s.steps.length; n++) expect(t.runSchedule(s.steps, "read-committed", s.initial, n)).toEqual(t.runSchedule(s.steps.slice(0, n), "read-committed", s.initial));
  });

  it("queues later statements of a blocked transaction and skips those of an aborted one", () => {
    const st = t.runSchedule([
      { tx: "T1", kind: "write", key: "x", value: 2 },
      { tx: "T2", kind: "write", key: "x", value: 3 },
      { tx: "T2", kind: "read", key: "x" },
      { tx: "T1", kind: "abort" },
      { tx: "T2", kind: "commit" },
      { tx: "T1", kind: "read", key: "x" },
    ], "read-committed", { x: 1 });
    expect(st.events.map((e) => `${e.tx}:${e.outcome}`)).toEqual(["T1:done", "T2:blocked", "T2:blocked", "T1:aborted", "T2:resumed", "T2:resumed", "T2:done", "T1:skipped"]);
    expect(st.committedRows.x).toBe(3);
  });

  it("names an unknown schedule", () => {
    expect(() => t.scheduleById("G9")).toThrow(/no transaction schedule "G9" \(known: G0, G1a/);
  });
});

describe("the provisional graph", () => {
  it("shows write skew's two antidependencies before anyone commits, and only then", () => {
    const s = t.scheduleById("G2-item");
    const before = t.runSchedule(s.steps, "repeatable-read", s.initial, 6);
    expect(t.dependencyGraph(before).edges).toEqual([]);
    expect(t.dependencyGraph(before, true).cycle?.kind).toBe("G2-item");
  });
});
