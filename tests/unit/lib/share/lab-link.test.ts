import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { deflateSync } from "fflate";
import { validateScenario } from "@/simulations";
import { applyEdits } from "@/lib/lab/edit-timeline";
import { encodeShareFragment, encodeSharePayload, MAX_ENCODED_CHARS } from "@/lib/share/codec";
import { decodeLabLink, encodeLabLink, scenarioFromLink } from "@/lib/share/lab-link";
import { LINK_VERSION, type LabLinkState } from "@/lib/share/link-state";
import { normaliseLabState } from "@/lib/share/normalise";
import { linkFixtures, preset } from "./helpers";

const mm1 = preset("queues/mm1-80");

function baseState(over: Partial<LabLinkState> = {}): LabLinkState {
  return {
    scenarioId: "queues/mm1-80",
    title: mm1.title,
    scenario: mm1,
    expose: ["producer.ratePerSec", "consumer.workers"],
    edits: { params: {}, faults: [] },
    seed: 42,
    timeMs: 0,
    view: { tables: false, panel: "controls", speed: 1, motion: "system" },
    ...over,
  };
}

/** Lab states within every range, so decoding must give them back unchanged. */
const stateArb = fc
  .record({
    rate: fc.double({ min: 1, max: 500, noNaN: true }),
    workers: fc.integer({ min: 1, max: 64 }),
    faults: fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant("crash" as const), atMs: fc.integer({ min: 0, max: 600_000 }), durationMs: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }) }),
        fc.record({ kind: fc.constant("latency" as const), atMs: fc.integer({ min: 0, max: 600_000 }), durationMs: fc.integer({ min: 1, max: 100_000 }), addMs: fc.integer({ min: 1, max: 5000 }) }),
        fc.record({ kind: fc.constant("errors" as const), atMs: fc.integer({ min: 0, max: 600_000 }), durationMs: fc.integer({ min: 1, max: 100_000 }), rate: fc.double({ min: 0, max: 1, noNaN: true }) }),
      ),
      { maxLength: 6 },
    ),
    seed: fc.integer({ min: 0, max: 4294967295 }),
    timeMs: fc.double({ min: 0, max: 600_000, noNaN: true }),
    tables: fc.boolean(),
    panel: fc.constantFrom("controls" as const, "faults" as const, "trace" as const),
    speed: fc.constantFrom(0.1, 0.25, 1, 2, 10, 100),
    motion: fc.constantFrom("system" as const, "reduced" as const, "full" as const),
    title: fc.string({ minLength: 1, maxLength: 80 }).filter((t) => t.trim() === t && t.length > 0 && ![...t].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127)),
  })
  .map((g) =>
    baseState({
      title: g.title,
      edits: {
        params: { "producer.ratePerSec": g.rate, "consumer.workers": g.workers },
        faults: g.faults
          .map((f, i) => ({ ...f, target: "consumer", id: `learner-${i}`, origin: "learner" as const }))
          .sort((a, b) => a.atMs - b.atMs || a.id.localeCompare(b.id)),
      },
      seed: g.seed,
      timeMs: g.timeMs,
      view: { tables: g.tables, panel: g.panel, speed: g.speed, motion: g.motion },
    }),
  );

describe("share links: round trip", () => {
  it("decodes every in-range lab state to exactly itself (property)", () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const decoded = decodeLabLink(`#${encodeLabLink(state)}`);
        if (!decoded.ok) throw new Error(decoded.problem.message + decoded.problem.details.join("; "));
        expect(decoded.version).toBe(LINK_VERSION);
        expect(decoded.notes).toEqual([]);
        const expected = normaliseLabState(state);
        expect(expected.ok).toBe(true);
        expect(decoded.state).toEqual(expected.ok && expected.state);
        expect(decoded.state.edits).toEqual(state.edits);
        expect(decoded.state.seed).toBe(state.seed);
        expect(decoded.state.timeMs).toBe(state.timeMs);
        expect(decoded.state.view).toEqual(state.view);
        expect(decoded.state.title).toBe(state.title);
      }),
      { numRuns: 200 },
    );
  });

  it("gives the runner the edited scenario with the link's seed", () => {
    const state = baseState({ edits: { params: { "consumer.workers": 3 }, faults: [] }, seed: 5 });
    const result = scenarioFromLink(encodeLabLink(state));
    expect(result.ok && result.scenario.nodes[1].workers).toBe(3);
    expect(result.ok && result.scenario.seed).toBe(5);
  });
});

describe("share links: saved fixtures keep decoding", () => {
  const fixtures = linkFixtures();
  it("has one fixture per link format at least", () => {
    for (let v = 1; v <= LINK_VERSION; v++) expect(fixtures.some((f) => f.version === v), `a fixture of format ${v}`).toBe(true);
  });
  for (const fixture of fixtures) {
    it(`${fixture.file}: ${fixture.description}`, () => {
      const decoded = decodeLabLink(fixture.link);
      if (!decoded.ok) throw new Error(decoded.problem.message);
      expect(decoded.version).toBe(fixture.version);
      expect(decoded.state).toEqual(fixture.expect.state);
      expect(decoded.notes).toEqual(fixture.expect.notes);
    });
  }
});

describe("share links: migration and clamping", () => {
  it("migrates format 1: the preset id, seed and time kept, the scenario's faults become the timeline", () => {
    const scenario = { ...mm1, faults: [{ kind: "crash", target: "consumer", atMs: 1000, durationMs: 500 }] };
    const decoded = decodeLabLink(encodeShareFragment({ scenario, seed: 3, timeMs: 2000, preset: "queues/mm1-80" }));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.version).toBe(1);
    expect(decoded.state.scenarioId).toBe("queues/mm1-80");
    expect(decoded.state.seed).toBe(3);
    expect(decoded.state.timeMs).toBe(2000);
    expect(decoded.state.edits.params).toEqual({});
    expect(decoded.state.edits.faults).toEqual([{ kind: "crash", target: "consumer", atMs: 1000, durationMs: 500, id: "preset-0", origin: "preset" }]);
    expect(decoded.state.view).toEqual({ tables: false, panel: "controls", speed: 1, motion: "system" });
  });

  it("clamps numbers into range with a note naming the field", () => {
    const state = { ...baseState(), scenario: { ...mm1, nodes: [mm1.nodes[0], { ...mm1.nodes[1], workers: 1e12 }] }, timeMs: -5, seed: -1, view: { speed: 1e6 } };
    const decoded = decodeLabLink(encodeSharePayload(2, state));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.state.scenario.nodes[1].workers).toBeLessThan(1e12);
    expect(decoded.state.timeMs).toBe(0);
    expect(decoded.state.seed).toBe(0);
    expect(decoded.state.view.speed).toBe(100);
    expect(decoded.notes.join("\n")).toMatch(/nodes\[1\]\.workers was 1000000000000/);
  });

  it("clamps parameter settings and drops those that name nothing", () => {
    const state = baseState({ edits: { params: { "consumer.workers": 0, "ghost.workers": 3, "consumer.serviceMs.meanMs": 20 }, faults: [] } });
    const decoded = decodeLabLink(encodeLabLink(state));
    expect(decoded.ok && decoded.state.edits.params).toEqual({ "consumer.workers": 1, "consumer.serviceMs.meanMs": 20 });
    expect(decoded.ok && decoded.notes.some((n) => n.includes("ghost.workers"))).toBe(true);
  });

  it("drops a fault whose target does not exist, and says so", () => {
    const state = baseState({ edits: { params: {}, faults: [{ id: "x", origin: "learner", kind: "crash", target: "nowhere", atMs: 0 }] } });
    const decoded = decodeLabLink(encodeLabLink(state));
    expect(decoded.ok && decoded.state.edits.faults).toEqual([]);
    expect(decoded.ok && decoded.notes.join(" ")).toMatch(/names no node: "nowhere"/);
  });
});

describe("share links: bad links get a message naming the problem", () => {
  const good = encodeLabLink(baseState());
  const cases: [string, string, RegExp][] = [
    ["empty", "#", /nothing after '#'/],
    ["truncated", good.slice(0, Math.floor(good.length / 2)), /damaged/],
    ["corrupted characters", good.replace(/.$/, "!"), /characters a lab link never has/],
    ["newer version", `9${good.slice(1)}`, /newer Faultline/],
    ["version 0", `0${good.slice(1)}`, /not known/],
    ["no version", good.slice(2), /not a Faultline lab link/],
    ["not JSON", `2.${Buffer.from(deflateSync(new TextEncoder().encode("{nope"))).toString("base64url")}`, /not valid JSON/],
    ["wrong types", encodeSharePayload(2, { scenario: "a string" }), /no scenario/],
    ["an array", encodeSharePayload(2, [1, 2]), /not a lab state/],
    ["unknown node kind", encodeSharePayload(2, { ...baseState(), scenario: { ...mm1, nodes: [mm1.nodes[0], { ...mm1.nodes[1], kind: "quantum-computer" }] } }), /nodes\[1\]\.kind must be one of/],
    ["too long", `2.${"A".repeat(MAX_ENCODED_CHARS + 1)}`, /too long/],
  ];
  for (const [name, link, message] of cases) {
    it(name, () => {
      const decoded = decodeLabLink(link);
      expect(decoded.ok).toBe(false);
      if (decoded.ok) return;
      expect(`${decoded.problem.message} ${decoded.problem.details.join(" ")}`).toMatch(message);
    });
  }

  it("refuses a zip bomb before inflating it fully", () => {
    const bomb = deflateSync(new Uint8Array(50_000_000), { level: 9 });
    const link = `2.${Buffer.from(bomb).toString("base64url")}`;
    expect(link.length).toBeLessThan(MAX_ENCODED_CHARS * 4);
    const decoded = decodeLabLink(link.slice(0, MAX_ENCODED_CHARS));
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.problem.code).toMatch(/too-big|damaged/);
    const small = deflateSync(new Uint8Array(2_000_000), { level: 9 });
    const smallLink = `2.${Buffer.from(small).toString("base64url")}`;
    expect(smallLink.length).toBeLessThan(MAX_ENCODED_CHARS);
    const refused = decodeLabLink(smallLink);
    expect(!refused.ok && refused.problem.code).toBe("too-big");
  });

  it("keeps a title crafted as markup as plain text (React escapes it)", () => {
    const title = "<img src=x onerror=alert(1)>";
    const decoded = decodeLabLink(encodeLabLink(baseState({ title })));
    expect(decoded.ok && decoded.state.title).toBe(title);
  });
});

describe("share links: fuzzing", () => {
  const seeds = [encodeLabLink(baseState()), ...linkFixtures().map((f) => f.link)];
  const textMutation = fc.oneof(
    fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
    fc.record({ op: fc.constant("flip" as const), at: fc.nat(), ch: fc.constantFrom(..."ABCxyz019-_.!%#=+/ ") }),
    fc.record({ op: fc.constant("insert" as const), at: fc.nat(), text: fc.string({ maxLength: 8 }) }),
    fc.record({ op: fc.constant("delete" as const), at: fc.nat(), n: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ op: fc.constant("version" as const), v: fc.oneof(fc.integer({ min: -3, max: 12 }).map(String), fc.string({ maxLength: 4 })) }),
  );

  it("never throws on 1,500 mutated link strings", () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(textMutation, { minLength: 1, maxLength: 4 }), (seed, mutations) => {
        let link = seed;
        for (const m of mutations) {
          const at = "at" in m ? m.at % (link.length + 1) : 0;
          if (m.op === "truncate") link = link.slice(0, at);
          else if (m.op === "flip") link = link.slice(0, at) + m.ch + link.slice(at + 1);
          else if (m.op === "insert") link = link.slice(0, at) + m.text + link.slice(at);
          else if (m.op === "delete") link = link.slice(0, at) + link.slice(at + m.n);
          else link = `${m.v}${link.slice(link.indexOf("."))}`;
        }
        checkOutcome(link);
      }),
      { numRuns: 1500 },
    );
  });

  /** JSON-level mutations: valid compression, hostile content. */
  const valueArb = fc.oneof(
    fc.anything({ maxDepth: 2 }),
    fc.constantFrom(-1, 0, 1e308, -1e308, 1.5, 2 ** 53, "<img src=x onerror=alert(1)>", "__proto__", null, [], {}, "quantum"),
  );
  const pathArb = fc.constantFrom(
    ["scenario"], ["scenario", "version"], ["scenario", "nodes"], ["scenario", "nodes", 1, "kind"], ["scenario", "nodes", 1, "workers"],
    ["scenario", "nodes", 0, "ratePerSec"], ["scenario", "nodes", 1, "serviceMs"], ["scenario", "edges", 0, "to"], ["scenario", "stop"],
    ["edits"], ["edits", "params"], ["edits", "params", "consumer.workers"], ["edits", "faults"], ["edits", "faults", 0],
    ["edits", "faults", 0, "rate"], ["edits", "faults", 0, "kind"], ["seed"], ["timeMs"], ["view"], ["view", "speed"], ["title"], ["expose"], ["scenarioId"],
  );
  const withFault = baseState({ edits: { params: { "consumer.workers": 2 }, faults: [{ id: "f", origin: "learner", kind: "errors", target: "consumer", atMs: 10, durationMs: 100, rate: 0.5 }] } });

  function setPath(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
    const copy = structuredClone(root) as Record<string | number, unknown>;
    let target: Record<string | number, unknown> = copy;
    for (const key of path.slice(0, -1)) {
      if (typeof target[key] !== "object" || target[key] === null) target[key] = {};
      target = target[key] as Record<string | number, unknown>;
    }
    const last = path[path.length - 1];
    if (value === undefined) delete target[last];
    else target[last] = value;
    return copy;
  }

  it("never throws on 1,500 links with mutated content, for every format", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(pathArb, fc.option(valueArb, { nil: undefined })), { minLength: 1, maxLength: 4 }), fc.constantFrom(1, 2), (edits, version) => {
        let data: unknown = version === 1 ? { scenario: mm1, seed: 1, timeMs: 5, preset: "queues/mm1-80" } : withFault;
        for (const [path, value] of edits) data = setPath(data, path, value);
        checkOutcome(encodeSharePayload(version, data));
      }),
      { numRuns: 1500 },
    );
  });

  function checkOutcome(link: string) {
    let decoded: ReturnType<typeof decodeLabLink>;
    expect(() => (decoded = decodeLabLink(link))).not.toThrow();
    decoded = decodeLabLink(link);
    if (decoded.ok) {
      // Whatever decodes must be loadable: the edited scenario passes the validator.
      expect(validateScenario(applyEdits(decoded.state.scenario, decoded.state.edits)).ok).toBe(true);
      expect(typeof decoded.state.title).toBe("string");
    } else {
      expect(decoded.problem.code).not.toBe("internal");
      expect(decoded.problem.message.length).toBeGreaterThan(10);
    }
  }
});
