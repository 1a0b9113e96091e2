import { describe, expect, it } from "vitest";
import type { LogEvent } from "@/simulations";
import { LabEngine } from "@/lib/lab/lab-engine";
import { initialEdits, withParam } from "@/lib/lab/edit-timeline";
import { createProtocolStore, emptyLog, appendEvents, parsePartitionLabel, type ProtocolLog } from "@/lib/spacetime/log-store";
import { eventsInWindow, laneOrder, layoutSpacetime, tickStep, windowAround, windowEndingAt } from "@/lib/spacetime/layout";
import { relationTo, relations } from "@/lib/spacetime/causality";
import { moveFocus } from "@/lib/spacetime/navigation";
import { svgDocument, svgFileName } from "@/lib/spacetime/svg-export";
import { describeEvent } from "@/lib/spacetime/describe";
import { preset } from "../lab/fixtures";

const asyncRegister = preset("replication/register-leader-async");

/** Runs the lab engine to `untilMs` in steps, feeding every frame into a protocol store. */
function runLab(untilMs: number, edits = initialEdits(asyncRegister), stepMs = 137) {
  const engine = new LabEngine();
  engine.load(asyncRegister, edits, asyncRegister.seed);
  const store = createProtocolStore();
  let frame = engine.frame();
  store.apply(frame.protocol ?? [], frame.timeMs, frame.generation);
  for (let t = stepMs; t <= untilMs; t += stepMs) {
    engine.runTo(t);
    frame = engine.frame();
    store.apply(frame.protocol ?? [], frame.timeMs, frame.generation);
  }
  return { engine, store, log: store.logs.get("register")! };
}

/** Happened-before computed from the log's structure alone: program order plus send → deliver. */
function happensBefore(events: LogEvent[]): (a: LogEvent, b: LogEvent) => boolean {
  const stamped = events.filter((e) => e.vector);
  const index = new Map(stamped.map((e, i) => [e.seq, i]));
  const succ: number[][] = stamped.map(() => []);
  const lastAt = new Map<string, number>();
  const sendOf = new Map<number, number>();
  stamped.forEach((e, i) => {
    const prev = lastAt.get(e.process!);
    if (prev !== undefined) succ[prev].push(i);
    lastAt.set(e.process!, i);
    if (e.type === "send") sendOf.set(e.messageId!, i);
    if (e.type === "deliver" && sendOf.has(e.messageId!)) succ[sendOf.get(e.messageId!)!].push(i);
  });
  const memo = new Map<number, Set<number>>();
  const reach = (i: number): Set<number> => {
    // Successors only point forward in seq, so a reverse sweep fills the memo without recursion depth.
    return memo.get(i)!;
  };
  for (let i = stamped.length - 1; i >= 0; i--) {
    const set = new Set<number>();
    for (const j of succ[i]) {
      set.add(j);
      for (const k of memo.get(j)!) set.add(k);
    }
    memo.set(i, set);
  }
  return (a, b) => reach(index.get(a.seq)!).has(index.get(b.seq)!);
}

describe("space-time view: lanes and layout", () => {
  it("orders lanes by name group in order of first appearance, numbers numerically", () => {
    expect(laneOrder(["r1", "r10", "r2", "c1", "c3", "c2"])).toEqual(["r1", "r2", "r10", "c1", "c2", "c3"]);
    expect(laneOrder(["c2", "r1", "c1"])).toEqual(["c1", "c2", "r1"]);
    expect(laneOrder(["leader", "b", "a"])).toEqual(["leader", "b", "a"]);
  });

  it("gives the register's replicas then clients one lane each, top to bottom", () => {
    const { log } = runLab(1000);
    const layout = layoutSpacetime(log, { startMs: 0, endMs: 1000 });
    expect(layout.lanes.map((l) => l.id)).toEqual(["r1", "r2", "r3", "c1", "c2", "c3", "c4", "c5"]);
    const ys = layout.lanes.map((l) => l.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });

  it("starts every delivered arrow at its send's mark and ends it at the delivery's mark", () => {
    const { log } = runLab(2000);
    const layout = layoutSpacetime(log, { startMs: 1000, endMs: 1500 });
    const markOf = new Map(layout.marks.map((m) => [m.event.seq, m]));
    const delivered = layout.arrows.filter((a) => a.kind === "delivered" && markOf.has(a.sendSeq!) && markOf.has(a.endSeq!));
    expect(delivered.length).toBeGreaterThan(20);
    for (const a of delivered) {
      const send = markOf.get(a.sendSeq!)!;
      const deliver = markOf.get(a.endSeq!)!;
      expect([a.x1, a.y1, a.x2, a.y2]).toEqual([send.x, send.y, deliver.x, deliver.y]);
      expect(send.event.type).toBe("send");
      expect(deliver.event.type).toBe("deliver");
      expect(deliver.event.messageId).toBe(send.event.messageId);
      // Time runs right: a message never arrives left of where it left.
      expect(a.x2).toBeGreaterThanOrEqual(a.x1);
    }
  });

  it("draws a message still in flight at now as cut at now, and a dropped one as ending between the lanes", () => {
    const log = emptyLog("n", ["a", "b"]);
    const stamp = (lamport: number, vector: number[]) => ({ lamport, vector });
    appendEvents(log, [
      { seq: 0, atMs: 10, type: "send", process: "a", peer: "b", messageId: 1, label: "ping", ...stamp(1, [1, 0]) },
      { seq: 1, atMs: 20, type: "send", process: "a", peer: "b", messageId: 2, label: "lost", ...stamp(2, [2, 0]) },
      { seq: 2, atMs: 20, type: "drop", process: "a", peer: "b", messageId: 2, label: "lost", reason: "partition" },
    ]);
    const layout = layoutSpacetime(log, { startMs: 0, endMs: 100 }, { nowMs: 50, size: { width: 444, gutter: 44 } });
    const [a, b] = layout.lanes;
    const inFlight = layout.arrows.find((x) => x.kind === "in-flight")!;
    expect(inFlight.x2).toBeCloseTo(44 + (50 / 100) * 392);
    expect(inFlight.y2).toBeCloseTo((a.y + b.y) / 2);
    const dropped = layout.arrows.find((x) => x.kind === "dropped")!;
    expect(dropped.y2).toBeGreaterThan(a.y);
    expect(dropped.y2).toBeLessThan(b.y);
    expect(dropped.x2).toBeGreaterThan(dropped.x1);
  });

  it("shades crashes on their lane and partitions per side, from the kernel's own events", () => {
    const edits = withParam(initialEdits(asyncRegister), "register.replicaFaults", [
      { atMs: 300, durationMs: 400, kind: "crash", replica: "r2" },
      { atMs: 500, durationMs: 300, kind: "partition", groups: [["r1", "c1"], ["r2", "r3"]] },
    ]);
    const { log } = runLab(1200, edits);
    expect(log.crashes).toEqual([{ process: "r2", fromMs: 300, toMs: 700 }]);
    expect(log.partitions).toEqual([{ fromMs: 500, toMs: 800, groups: [["r1", "c1"], ["r2", "r3"]] }]);
    const layout = layoutSpacetime(log, { startMs: 0, endMs: 1000 }, { size: { width: 1044, gutter: 44 } });
    const crash = layout.shades.filter((s) => s.kind === "crash");
    expect(crash).toHaveLength(1);
    expect(crash[0].x1).toBeCloseTo(44 + 300 * 0.992, 0);
    const sides = layout.shades.filter((s) => s.kind === "partition");
    expect(sides.map((s) => s.group)).toEqual([0, 0, 1, 1]);
    expect(parsePartitionLabel("{r1,c1} | {r2,r3}")).toEqual([["r1", "c1"], ["r2", "r3"]]);
  });
});

describe("space-time view: windowing", () => {
  it("lays out exactly the events whose time lies in the window", () => {
    const { log } = runLab(3000);
    const window = { startMs: 1234, endMs: 1734 };
    const expected = log.events.filter((e) => e.atMs >= window.startMs && e.atMs <= window.endMs);
    expect(eventsInWindow(log.events, window).map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
    const layout = layoutSpacetime(log, window);
    expect(layout.eventsInWindow).toBe(expected.length);
    expect(layout.marks.every((m) => m.event.atMs >= window.startMs && m.event.atMs <= window.endMs)).toBe(true);
    expect(layout.marks.length).toBe(expected.filter((e) => e.type !== "drop" && e.process !== undefined).length);
  });

  it("cuts a crowded window to its latest events and says so", () => {
    const { log } = runLab(3000);
    const layout = layoutSpacetime(log, { startMs: 0, endMs: 3000 }, { maxMarks: 100 });
    expect(layout.truncated).toBe(true);
    expect(layout.marks.length).toBeLessThanOrEqual(100);
    expect(layout.marks.at(-1)!.event.seq).toBe(eventsInWindow(log.events, { startMs: 0, endMs: 3000 }).filter((e) => e.type !== "drop").at(-1)!.seq);
  });

  it("follows the scrubber: the window ends at now, or shows the first span early on", () => {
    expect(windowEndingAt(5000, 500)).toEqual({ startMs: 4500, endMs: 5000 });
    expect(windowEndingAt(120, 500)).toEqual({ startMs: 0, endMs: 500 });
    const w = windowAround(1000, 1100, 500);
    expect(w.startMs).toBeLessThanOrEqual(1000);
    expect(w.endMs).toBeGreaterThanOrEqual(1100);
    expect(tickStep(500)).toBe(100);
  });

  it("the store fed frame by frame holds the kernel's log exactly, and a rebuild replaces it", () => {
    const { engine, log, store } = runLab(2000);
    const kernel = engine.currentRun.protocolViews().register;
    expect(log.events.map((e) => e.seq)).toEqual(kernel.log.map((e) => e.seq));
    expect(log.ops.size).toBe(kernel.history.length);
    for (const op of kernel.history) expect(log.ops.get(op.id)!.returnMs).toBe(op.returnMs);
    engine.seek(500);
    const frame = engine.frame();
    store.apply(frame.protocol ?? [], frame.timeMs, frame.generation);
    const rebuilt = store.logs.get("register")!;
    expect(rebuilt.events.at(-1)!.atMs).toBeLessThanOrEqual(500);
    expect(rebuilt.events.map((e) => e.seq)).toEqual(engine.currentRun.protocolViews().register.log.map((e) => e.seq));
  });
});

describe("space-time view: causality", () => {
  it("tints as concurrent exactly the events the log's happened-before relation leaves unordered", () => {
    const edits = withParam(initialEdits(asyncRegister), "register.replicaFaults", [{ atMs: 200, durationMs: 300, kind: "partition", groups: [["r1"], ["r2", "r3"]] }]);
    const { log } = runLab(700, edits);
    const events = log.events.filter((e) => e.vector);
    const hb = happensBefore(events);
    let concurrentPairs = 0;
    for (const selected of events.filter((_, i) => i % 37 === 0)) {
      const rel = relations(selected, events);
      for (const e of events) {
        const expected = e.seq === selected.seq ? "selected" : hb(e, selected) ? "before" : hb(selected, e) ? "after" : "concurrent";
        expect(rel.get(e.seq), `${describeEvent(e, log.processes)} vs ${describeEvent(selected, log.processes)}`).toBe(expected);
        if (expected === "concurrent") concurrentPairs++;
      }
    }
    expect(concurrentPairs).toBeGreaterThan(100);
  });

  it("relates nothing to events without stamps (drops)", () => {
    const a: LogEvent = { seq: 1, atMs: 0, type: "send", process: "a", lamport: 1, vector: [1, 0] };
    const drop: LogEvent = { seq: 2, atMs: 0, type: "drop", process: "a", peer: "b", messageId: 1 };
    expect(relationTo(a, drop)).toBe("unrelated");
  });
});

describe("space-time view: keyboard", () => {
  function setup() {
    const log: ProtocolLog = emptyLog("n", ["a", "b"]);
    appendEvents(log, [
      { seq: 0, atMs: 10, type: "send", process: "a", peer: "b", messageId: 1, label: "m", lamport: 1, vector: [1, 0] },
      { seq: 1, atMs: 12, type: "timer-set", process: "b", label: "t", lamport: 1, vector: [0, 1] },
      { seq: 2, atMs: 20, type: "deliver", process: "b", peer: "a", messageId: 1, label: "m", lamport: 2, vector: [1, 2] },
      { seq: 3, atMs: 30, type: "state", process: "a", detail: "{}", lamport: 2, vector: [2, 0] },
    ]);
    return { log, layout: layoutSpacetime(log, { startMs: 0, endMs: 100 }) };
  }
  it("moves along a lane, across lanes to the nearest event, and along a message", () => {
    const { log, layout } = setup();
    expect(moveFocus(layout, log, null, "ArrowRight")).toBe(3);
    expect(moveFocus(layout, log, 0, "ArrowRight")).toBe(3);
    expect(moveFocus(layout, log, 3, "ArrowLeft")).toBe(0);
    expect(moveFocus(layout, log, 0, "ArrowLeft")).toBeNull();
    expect(moveFocus(layout, log, 0, "ArrowDown")).toBe(1);
    expect(moveFocus(layout, log, 2, "ArrowUp")).toBe(0);
    expect(moveFocus(layout, log, 0, "ArrowRight", true)).toBe(2);
    expect(moveFocus(layout, log, 2, "ArrowLeft", true)).toBe(0);
    expect(moveFocus(layout, log, 1, "End")).toBe(2);
    expect(moveFocus(layout, log, 2, "Home")).toBe(1);
  });
});

describe("space-time view: the checker on the diagram and export", () => {
  it("marks the operation the checker cannot place and numbers the prefix", () => {
    const { log } = runLab(2000);
    const check = log.check!;
    expect(check.verdict).toBe("not-linearizable");
    const blocked = log.ops.get(check.blockedBy!)!;
    const layout = layoutSpacetime(log, windowAround(blocked.invokeMs, blocked.returnMs, 500), { prefix: check.prefix, blockedBy: check.blockedBy });
    const bar = layout.ops.find((o) => o.role === "blocked")!;
    expect(bar.op.id).toBe(blocked.id);
    expect(bar.y).toBeGreaterThan(layout.lanes.find((l) => l.id === blocked.process)!.y);
    expect(bar.x2).toBeGreaterThan(bar.x1);
    for (const o of layout.ops.filter((x) => x.role === "prefix")) expect(check.prefix![o.order! - 1]).toBe(o.op.id);
  });

  it("writes a standalone SVG file with its title escaped", () => {
    const text = svgDocument("<g/>", 320.4, 200, { title: "A <b> & c", description: "d", background: "#fff" });
    expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(text).toContain("<title>A &lt;b&gt; &amp; c</title>");
    expect(text).toContain('width="320"');
    expect(svgFileName("register", 1200.4, 1700)).toBe("spacetime-register-1200-1700ms.svg");
  });
});
