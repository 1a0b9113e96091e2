/**
 * Fault kinds as a registry (kernel/faults.ts, issue 11): the schema, validation, runtime effect and
 * words of each kind come from its one entry. Fault documents validate exactly as before the registry
 * (messages pinned from the hand-written version), overlapping faults combine as documented,
 * clamping and the fault table read the entries, and the lab's timeline words agree with them.
 */
import { describe, expect, it } from "vitest";
import { faultKinds, scenarioJsonSchema, ScenarioRun, validateScenario, type FaultSpec, type Scenario, type TraceRecord } from "@/simulations";
import { describeFaultEnd, describeFaultStart } from "@/lib/lab/timeline";
import { clampScenario } from "@/lib/share/clamp";

const base = {
  version: 1,
  title: "faults",
  seed: 1,
  stop: { durationMs: 1000 },
  nodes: [
    { id: "users", kind: "source", ratePerSec: 10 },
    { id: "api", kind: "server", workers: 1, serviceMs: { dist: "constant", ms: 1 } },
  ],
  edges: [{ from: "users", to: "api", id: "link" }],
};

const issuesOf = (fault: unknown) => {
  const r = validateScenario({ ...base, faults: [fault] });
  return r.ok ? "ok" : r.issues.map((i) => i.message);
};

describe("fault documents validate as before the registry", () => {
  // Messages produced by the hand-written fault schema at e5213c6.
  it.each<[unknown, string | string[]]>([
    [{ atMs: 0, target: "api", kind: "crash" }, "ok"],
    [{ atMs: 0, target: "api", kind: "latency", addMs: 0 }, ["faults[0].addMs must be a number above 0 and at most 10000000 (got 0)"]],
    [{ atMs: 0, target: "api", kind: "latency" }, ["faults[0].addMs is required"]],
    [{ atMs: -1, target: "api", kind: "errors", rate: 1.5 }, ["faults[0].atMs must be a number from 0 to 1000000000 (got -1)", "faults[0].rate must be a ratio from 0 to 1 (got 1.5)"]],
    [{ atMs: 0, durationMs: 0, target: "api", kind: "errors", rate: 0.5 }, ["faults[0].durationMs must be a number above 0 and at most 1000000000 (got 0)"]],
    [{ atMs: 0, target: "api", kind: "partition" }, ['faults[0].target must name an edge ("from->to" or an edge id) for a partition, got "api"']],
    [{ atMs: 0, target: "users->api", kind: "partition", durationMs: null }, "ok"],
    [{ atMs: 0, target: "link", kind: "partition", extra: 1 }, ["faults[0].extra is not a known field of a partition fault (known: atMs, durationMs, target, kind)"]],
    [{ atMs: 0, target: "nobody", kind: "crash" }, ['faults[0].target names no node: "nobody"']],
    [{ atMs: 0, target: "api", kind: "meteor" }, ['faults[0].kind must be one of "crash", "latency", "errors", "partition" (got "meteor")']],
    [{ atMs: 0, target: "api" }, ['faults[0].kind must be one of "crash", "latency", "errors", "partition" (got undefined)']],
    ["crash", ['faults[0] must be an object (got "crash")']],
  ])("%j", (fault, expected) => {
    expect(issuesOf(fault)).toEqual(expected);
  });

  it("publishes one JSON Schema variant per registry entry", () => {
    const faults = (scenarioJsonSchema() as { properties: { faults: { items: { oneOf?: unknown[]; anyOf?: unknown[] } } } }).properties.faults.items;
    const variants = JSON.stringify(faults);
    for (const kind of Object.keys(faultKinds)) expect(variants).toContain(`"const":"${kind}"`);
  });
});

/** Runs the two-node scenario with `faults` until `untilMs`; `events()` lists the fault events so far. */
function run(faults: FaultSpec[], untilMs: number) {
  const parsed = validateScenario({ ...base, faults });
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join("\n"));
  const events: TraceRecord[] = [];
  const r = new ScenarioRun(parsed.scenario as Scenario, { onEvent: (e) => { if (e.type.startsWith("node.") || e.type.startsWith("edge.")) events.push(e); } });
  r.runUntil(untilMs);
  return { run: r, events: () => events.map((e) => `${e.atMs} ${e.type}`) };
}

describe("overlapping faults combine", () => {
  it("adds latencies and combines error rates as independent failures", () => {
    const { run: r } = run([
      { kind: "latency", atMs: 0, target: "api", addMs: 20 },
      { kind: "latency", atMs: 0, target: "api", addMs: 30 },
      { kind: "errors", atMs: 0, target: "api", rate: 0.5 },
      { kind: "errors", atMs: 0, target: "api", rate: 0.5 },
    ], 10);
    expect(r.gauges().api).toMatchObject({ degraded: true, crashed: false });
    // 1 − (1 − 0.5)(1 − 0.5) = 0.75 of requests fail; +50 ms each: checked through the report below.
    r.runToEnd();
    const q = r.report().requests;
    expect(q.failed / (q.completed + q.failed)).toBeGreaterThan(0.55);
    expect(r.report().latencyMs.p50).toBeGreaterThanOrEqual(51);
  });

  it("keeps a node down until its last crash ends, with one crashed and one recovered event", () => {
    const { events } = run([
      { kind: "crash", atMs: 100, durationMs: 300, target: "api" },
      { kind: "crash", atMs: 200, durationMs: 300, target: "api" },
    ], 1000);
    expect(events()).toEqual(["100 node.crashed", "500 node.recovered"]);
  });

  it("keeps an edge cut until its last partition ends (named either way), with one event each way", () => {
    const { events, run: r } = run([
      { kind: "partition", atMs: 100, durationMs: 300, target: "users->api" },
      { kind: "partition", atMs: 200, durationMs: 300, target: "link" },
    ], 450);
    expect(r.partitionedEdges()).toContain("link");
    r.runToEnd();
    expect(events()).toEqual(["100 edge.partitioned", "500 edge.healed"]);
  });

  it("clears every fault on a target at once", () => {
    const { run: r, events } = run([{ kind: "partition", atMs: 0, target: "link" }, { kind: "crash", atMs: 0, target: "api" }], 10);
    r.clearFaults("link");
    r.clearFaults("api");
    expect(r.partitionedEdges()).toEqual([]);
    expect(events()).toEqual(["0 edge.partitioned", "0 node.crashed", "10 edge.healed", "10 node.recovered"]);
  });
});

describe("the lab reads the same entries", () => {
  it("tells each kind's start and end in words", () => {
    expect(describeFaultStart({ kind: "crash", atMs: 0, target: "api" })).toBe("api crashes");
    expect(describeFaultStart({ kind: "errors", atMs: 0, target: "api", rate: 1 })).toBe("outage of api");
    expect(describeFaultStart({ kind: "errors", atMs: 0, target: "api", rate: 0.25 })).toBe("api fails 25% of calls");
    expect(describeFaultStart({ kind: "latency", atMs: 0, target: "db", addMs: 200 })).toBe("db slows by 200 ms");
    expect(describeFaultStart({ kind: "partition", atMs: 0, target: "a->b" })).toBe("link a->b cut");
    expect(describeFaultEnd({ kind: "partition", atMs: 0, target: "a->b" })).toBe("link a->b heals");
    expect(describeFaultEnd({ kind: "latency", atMs: 0, target: "db", addMs: 1 })).toBe("db recovers");
    for (const entry of Object.values(faultKinds)) expect(entry.title.length).toBeGreaterThan(0);
  });

  it("the timeline's words are the registry's words (kept apart to keep light widgets light)", () => {
    const samples: FaultSpec[] = [
      { kind: "crash", atMs: 0, target: "api" },
      { kind: "errors", atMs: 0, target: "api", rate: 1 },
      { kind: "errors", atMs: 0, target: "api", rate: 0.333 },
      { kind: "latency", atMs: 0, target: "db", addMs: 12.6 },
      { kind: "partition", atMs: 0, target: "a->b" },
    ];
    expect(new Set(samples.map((f) => f.kind))).toEqual(new Set(Object.keys(faultKinds)));
    for (const f of samples) {
      const entry = faultKinds[f.kind] as { describeStart(f: FaultSpec): string; describeEnd(f: FaultSpec): string };
      expect(describeFaultStart(f)).toBe(entry.describeStart(f));
      expect(describeFaultEnd(f)).toBe(entry.describeEnd(f));
    }
  });

  it("clamps a fault's numbers to its kind's schema bounds", () => {
    const doc = { ...base, faults: [{ kind: "errors", atMs: -5, target: "api", rate: 1.5 }, { kind: "latency", atMs: 0, target: "api", addMs: 1e9 }] };
    const notes = clampScenario(doc);
    expect(doc.faults).toEqual([{ kind: "errors", atMs: 0, target: "api", rate: 1 }, { kind: "latency", atMs: 0, target: "api", addMs: 1e7 }]);
    expect(notes).toHaveLength(3);
  });
});
