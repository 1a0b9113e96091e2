/**
 * The kernel's process network: fault rates match their settings, partitions heal, crashes keep the
 * disk and lose the rest, vector clocks characterise happened-before, and a run is a function of its seed.
 */
import { describe, expect, it } from "vitest";
import { RandomStreams, Simulation } from "@/simulations";
import { compareVectors, concurrent, happenedBefore } from "@/simulations/kernel/clocks";
import { ProcessNetwork, type LinkSpec, type ProcessApi } from "@/simulations/kernel/network";
import { startTimer } from "@/simulations/kernel/timers";

function network(link: Partial<LinkSpec> = {}, seed = 7) {
  const sim = new Simulation();
  const streams = new RandomStreams(seed);
  const net = new ProcessNetwork({ sim, random: (p) => streams.stream(p), defaultLink: { latencyMs: { dist: "constant", ms: 5 }, ...link } });
  return { sim, net };
}

/** A sender that sends `count` numbered messages 1 ms apart to "b", and a receiver that records them. */
function pingPair(net: ProcessNetwork, count: number) {
  const received: number[] = [];
  net.add("a", (api) => {
    for (let i = 0; i < count; i++) api.setTimer(i, "tick", () => api.send("b", "ping", i));
    return { onMessage() {} };
  });
  net.add("b", () => ({ onMessage: (_from, _label, payload) => received.push(payload as number) }));
  net.start();
  return received;
}

/** Binomial 99.9% band around n·p. */
const band = (n: number, p: number) => 3.3 * Math.sqrt(n * p * (1 - p));

describe("process network", () => {
  it("loses about the configured share of messages, and logs each drop with its reason", () => {
    const { sim, net } = network({ loss: 0.2 });
    const received = pingPair(net, 5000);
    sim.run();
    expect(Math.abs(5000 - received.length - 1000)).toBeLessThan(band(5000, 0.2));
    expect(net.counters.droppedBy.loss).toBe(5000 - received.length);
    expect(net.log.filter((e) => e.type === "drop" && e.reason === "loss")).toHaveLength(5000 - received.length);
    expect(net.counters.sent).toBe(net.counters.delivered + net.counters.dropped);
  });

  it("duplicates about the configured share of messages", () => {
    const { sim, net } = network({ duplicate: 0.1 });
    const received = pingPair(net, 5000);
    sim.run();
    expect(Math.abs(received.length - 5000 - 500)).toBeLessThan(band(5000, 0.1));
    expect(net.counters.duplicated).toBe(received.length - 5000);
  });

  it("reorders: a held-back message is overtaken, at about the configured rate", () => {
    const { sim, net } = network({ reorder: 0.05, reorderDelayMs: 3 });
    const received = pingPair(net, 5000);
    sim.run();
    let inversions = 0;
    for (let i = 1; i < received.length; i++) if (received[i] < received[i - 1]) inversions++;
    // With 1 ms spacing and 3 ms hold-back a held message is overtaken by the next 2-3: each counts once.
    expect(Math.abs(inversions - 250)).toBeLessThan(band(5000, 0.05) + 25);
    expect(received.slice().sort((x, y) => x - y)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });

  it("drops messages across a partition of any split, and delivers again once it heals", () => {
    const { sim, net } = network();
    const got: Record<string, string[]> = { a: [], b: [], c: [] };
    const apis: Record<string, ProcessApi> = {};
    for (const id of ["a", "b", "c"]) net.add(id, (api) => ((apis[id] = api), { onMessage: (from) => got[id].push(from) }));
    net.start();
    net.partition([["a"], ["b", "c"]]);
    apis.a.send("b", "x", null); // crosses: dropped
    apis.b.send("c", "x", null); // same side: delivered
    sim.run();
    expect(got.b).toEqual([]);
    expect(got.c).toEqual(["b"]);
    expect(net.counters.droppedBy.partition).toBe(1);
    net.heal();
    apis.a.send("b", "x", null);
    sim.run();
    expect(got.b).toEqual(["a"]);
    expect(net.log.map((e) => e.type)).toContain("heal");
  });

  it("a message in flight when the partition starts is dropped on arrival", () => {
    const { sim, net } = network();
    const got: string[] = [];
    let a!: ProcessApi;
    net.add("a", (api) => ((a = api), { onMessage() {} }));
    net.add("b", () => ({ onMessage: (from) => got.push(from) }));
    net.start();
    a.send("b", "x", null);
    sim.run(2);
    net.partition([["a"], ["b"]]);
    sim.run();
    expect(got).toEqual([]);
    expect(net.counters.droppedBy.partition).toBe(1);
  });

  it("a crash loses volatile state, timers and in-flight messages; a restart keeps the disk", () => {
    const { sim, net } = network();
    const fired: number[] = [];
    let counter = 0;
    let a!: ProcessApi;
    net.add("a", (api) => {
      a = api;
      let volatile = 0; // rebuilt on every start
      const restored = (api.disk.get("count") as number | undefined) ?? 0;
      return {
        onMessage() {
          volatile++;
          api.disk.set("count", restored + volatile);
          counter = volatile;
        },
      };
    });
    net.add("b", (api) => {
      api.setTimer(100, "late", () => fired.push(sim.now));
      return { onMessage() {} };
    });
    net.start();
    for (let i = 0; i < 3; i++) net.snapshot(); // harmless
    a.send("a", "inc", null);
    a.send("a", "inc", null);
    sim.run(10);
    expect(counter).toBe(2);
    a.send("a", "inc", null); // in flight when the process crashes
    net.crash("a");
    net.crash("b");
    sim.run(50);
    expect(net.counters.droppedBy["crashed-receiver"]).toBe(1);
    net.restart("a");
    net.restart("b");
    a.send("a", "inc", null);
    sim.run(200);
    expect(counter).toBe(1); // volatile state started again from zero
    expect(net.diskOf("a").get("count")).toBe(3); // the disk kept 2, plus the new one
    expect(fired).toEqual([150]); // the first incarnation's timer (due at 100) died with it; the restart set a new one
    expect(net.snapshot().every((p) => p.up)).toBe(true);
  });

  it("vector clocks order happened-before exactly; Lamport stamps agree with them", () => {
    const { sim, net } = network({ latencyMs: { dist: "uniform", minMs: 1, maxMs: 20 } });
    const apis: Record<string, ProcessApi> = {};
    const ids = ["p", "q", "r"];
    for (const id of ids) {
      net.add(id, (api) => {
        apis[id] = api;
        return { onMessage: (_f, _l, hops) => (hops as number) > 0 && api.send(ids[api.random("peer").int(3)], "m", (hops as number) - 1) };
      });
    }
    net.start();
    apis.p.send("q", "m", 6);
    apis.r.send("p", "m", 6);
    sim.run();
    const events = net.log.filter((e) => e.vector);
    // The causal relation from messages and process order, computed independently by a transitive closure.
    const n = events.length;
    const before: boolean[][] = events.map(() => new Array<boolean>(n).fill(false));
    const sendIndex = new Map<number, number>();
    events.forEach((e, i) => {
      if (e.type === "send") sendIndex.set(e.messageId!, i);
      for (let j = i - 1; j >= 0; j--) if (events[j].process === e.process) { before[j][i] = true; break; }
      if (e.type === "deliver") before[sendIndex.get(e.messageId!)!][i] = true;
    });
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) if (before[i][k]) for (let j = 0; j < n; j++) if (before[k][j]) before[i][j] = true;
    let concurrentPairs = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        expect(happenedBefore(events[i].vector!, events[j].vector!)).toBe(before[i][j]);
        if (before[i][j]) expect(events[i].lamport!).toBeLessThan(events[j].lamport!);
        if (concurrent(events[i].vector!, events[j].vector!)) concurrentPairs++;
      }
    }
    expect(concurrentPairs).toBeGreaterThan(0);
    expect(compareVectors([1, 0], [1, 0])).toBe("equal");
  });

  it("drifting clocks: a process whose clock runs fast fires its timers early", () => {
    const sim = new Simulation();
    const streams = new RandomStreams(1);
    const net = new ProcessNetwork({ sim, random: (p) => streams.stream(p), defaultLink: { latencyMs: { dist: "constant", ms: 1 } }, clocks: { fast: { driftRate: 0.25, offsetMs: 1000 } } });
    const firedAt: number[] = [];
    let localAtStart = 0;
    net.add("fast", (api) => {
      localAtStart = api.now();
      api.setTimer(100, "t", () => firedAt.push(sim.now));
      return { onMessage() {} };
    });
    net.start();
    sim.run();
    expect(localAtStart).toBe(1000);
    expect(firedAt).toEqual([80]);
  });

  it("is deterministic for a seed, and a cancelled timer never runs", () => {
    const run = (seed: number) => {
      const { sim, net } = network({ latencyMs: { dist: "exponential", meanMs: 5 }, loss: 0.1, duplicate: 0.1, reorder: 0.1 }, seed);
      const received = pingPair(net, 300);
      sim.run();
      return received.join(",");
    };
    expect(run(3)).toBe(run(3));
    expect(run(3)).not.toBe(run(4));
    const sim = new Simulation();
    let ran = false;
    const t = startTimer(sim, 5, () => (ran = true));
    t.cancel();
    sim.run();
    expect(ran).toBe(false);
    expect(t.pending).toBe(false);
  });
});
