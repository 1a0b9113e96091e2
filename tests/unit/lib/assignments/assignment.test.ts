import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { deflateSync } from "fflate";
import { loadPreset } from "@/lib/lab/presets";
import { encodeSharePayload } from "@/lib/share/codec";
import { decodeLabLink } from "@/lib/share/lab-link";
import {
  MAX_ASSIGNMENT_CHARS,
  assignmentChallengeId,
  decodeAssignment,
  decodeClaim,
  encodeAssignment,
  encodeClaim,
  linkHash,
  splitAssignmentLink,
  type Assignment,
} from "@/lib/assignments/assignment";
import { assignmentLink, makeAssignment } from "@/lib/assignments/links";
import { ENGINE_VERSION } from "@/lib/assignments/engine-version";
import { canonicalJson, fnv1a64, scenarioHash } from "@/lib/assignments/hash";

const scenario = loadPreset("bulkheads/unbounded-queue")!;
const assignment = makeAssignment({ title: "A queue that fits the overload", scenarioId: "bulkheads/unbounded-queue", scenario, goals: [{ metric: "latencyMs.p99", atMost: 350 }, { metric: "requests.dropped", atMost: 2900 }], expose: ["api.queueCapacity"], challengeId: "size-the-queue" });

/** Encodes any JSON as an assignment payload, bypassing the typed encoder. */
const raw = (data: unknown) => encodeSharePayload(1, data);

describe("assignment codec", () => {
  it("round-trips an assignment exactly", () => {
    const decoded = decodeAssignment(encodeAssignment(assignment));
    expect(decoded).toEqual({ ok: true, value: assignment });
    expect(assignment.engineVersion).toBe(ENGINE_VERSION);
    expect(assignment.scenarioHash).toBe(scenarioHash(scenario));
  });

  it("round-trips generated assignments", () => {
    const goal = fc.record({ metric: fc.constantFrom("latencyMs.p99", "throughputPerSec", "nodes.api.utilization", "requests.dropped"), atMost: fc.double({ min: 0, max: 1e6, noNaN: true }) });
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 100 }).filter((t) => t.trim() === t && t.length > 0 && ![...t].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127)), fc.integer({ min: 0, max: 4294967295 }), fc.array(goal, { minLength: 1, maxLength: 10 }), (title, seed, goals) => {
        const a: Assignment = { ...assignment, title, seed, goals };
        expect(decodeAssignment(encodeAssignment(a))).toEqual({ ok: true, value: a });
      }),
      { numRuns: 200 },
    );
  });

  it("round-trips a claim", () => {
    const claim = { goalsMet: [true, false], measured: [12.5, null] };
    expect(decodeClaim(encodeClaim(claim))).toEqual({ ok: true, value: claim });
  });

  it("refuses prototype keys and unknown fields with a message naming them", () => {
    const polluted = JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(assignment).slice(1)}`);
    const result = decodeAssignment(raw(polluted));
    expect(result).toEqual({ ok: false, error: 'The assignment has an unknown field "__proto__".' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(decodeAssignment(raw({ ...assignment, constructor: { prototype: { x: 1 } } }))).toMatchObject({ ok: false, error: expect.stringContaining('"constructor"') });
    expect(decodeAssignment(raw({ ...assignment, extra: 1 }))).toMatchObject({ ok: false, error: expect.stringContaining('"extra"') });
    const goalWithProto = JSON.parse(`{"metric":"latencyMs.p99","atMost":1,"__proto__":{"x":1}}`);
    expect(decodeAssignment(raw({ ...assignment, goals: [goalWithProto] }))).toMatchObject({ ok: false, error: expect.stringContaining('"__proto__"') });
    expect(decodeAssignment(raw({ ...assignment, goals: [{ metric: "__proto__.x", atMost: 1 }] }))).toMatchObject({ ok: false });
    expect(decodeAssignment(raw({ ...assignment, expose: ["api.__proto__"] }))).toMatchObject({ ok: false });
    expect(decodeClaim(raw(JSON.parse(`{"goalsMet":[true],"measured":[1],"__proto__":{}}`)))).toMatchObject({ ok: false, error: expect.stringContaining("__proto__") });
  });

  it("refuses bad values with clear messages", () => {
    const cases: [Partial<Record<keyof Assignment, unknown>>, RegExp][] = [
      [{ title: "" }, /title/],
      [{ title: "x".repeat(121) }, /title/],
      [{ title: "two\nlines" }, /title/],
      [{ scenarioId: "../../etc/passwd" }, /scenario id/],
      [{ scenarioHash: "nope" }, /fingerprint/],
      [{ seed: -1 }, /seed/],
      [{ seed: 1.5 }, /seed/],
      [{ seed: 2 ** 40 }, /seed/],
      [{ engineVersion: "<script>" }, /engine version/],
      [{ goals: [] }, /1 to 10 goals/],
      [{ goals: Array.from({ length: 11 }, () => ({ metric: "latencyMs.p99", atMost: 1 })) }, /1 to 10 goals/],
      [{ goals: [{ metric: "latencyMs.p99" }] }, /needs atMost, atLeast/],
      [{ goals: [{ metric: "latencyMs.p99", atMost: 1, atLeast: 2 }] }, /no run can meet it/],
      [{ goals: [{ metric: "latencyMs.p99", atMost: "1" }] }, /finite number/],
      [{ goals: [{ metric: "latency Ms", atMost: 1 }] }, /report path/],
      [{ expose: "api.queueCapacity" }, /controls/],
      [{ expose: ["api.queueCapacity", "api.queueCapacity"] }, /twice/],
      [{ challengeId: "Bad Id" }, /challenge id/],
    ];
    for (const [change, message] of cases) {
      const result = decodeAssignment(raw({ ...assignment, ...change }));
      expect(result.ok, JSON.stringify(change)).toBe(false);
      if (!result.ok) expect(result.error).toMatch(message);
    }
    expect(decodeAssignment(raw([assignment]))).toEqual({ ok: false, error: "The assignment is not an object." });
    expect(decodeClaim(raw({ goalsMet: [true], measured: [] }))).toMatchObject({ ok: false, error: expect.stringMatching(/one per goal/) });
  });

  it("refuses oversized, damaged and bomb payloads before parsing them", () => {
    expect(decodeAssignment("1." + "A".repeat(MAX_ASSIGNMENT_CHARS))).toMatchObject({ ok: false, error: expect.stringMatching(/too long/) });
    expect(decodeAssignment("1.!!!")).toMatchObject({ ok: false, error: expect.stringMatching(/could not be read/) });
    expect(decodeAssignment("9.abc")).toMatchObject({ ok: false, error: expect.stringMatching(/newer Faultline/) });
    expect(decodeAssignment("")).toMatchObject({ ok: false });
    const bomb = deflateSync(new Uint8Array(2_000_000).fill(32), { level: 9 });
    const bombCode = `1.${Buffer.from(bomb).toString("base64url")}`;
    expect(bombCode.length).toBeLessThan(MAX_ASSIGNMENT_CHARS);
    expect(decodeAssignment(bombCode)).toMatchObject({ ok: false, error: expect.stringMatching(/kB/) });
  });

  it("never throws on mutated codes", () => {
    const code = encodeAssignment(assignment);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: code.length - 1 }), fc.string({ minLength: 0, maxLength: 3 }), (at, insert) => {
        const mutated = code.slice(0, at) + insert + code.slice(at + 1);
        const result = decodeAssignment(mutated);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 500 },
    );
  });
});

describe("assignment links", () => {
  const link = assignmentLink("https://example.org", assignment, scenario, "hide=charts&controls=api.queueCapacity");

  it("are embed links whose query carries the assignment and whose fragment is an ordinary lab link", () => {
    expect(link).toMatch(/^https:\/\/example\.org\/embed\?hide=charts&controls=api\.queueCapacity&assignment=1\.[A-Za-z0-9_-]+#2\./);
    const parts = splitAssignmentLink(link);
    expect(parts.ok).toBe(true);
    if (!parts.ok) return;
    expect(decodeAssignment(parts.value.assignment!)).toEqual({ ok: true, value: assignment });
    const lab = decodeLabLink(parts.value.fragment);
    expect(lab.ok).toBe(true);
    if (lab.ok) {
      expect(lab.state.scenarioId).toBe("bulkheads/unbounded-queue");
      expect(lab.state.seed).toBe(assignment.seed);
      expect(lab.state.expose).toEqual(["api.queueCapacity"]);
      expect(scenarioHash(lab.state.scenario)).toBe(assignment.scenarioHash);
    }
  });

  it("hash the same on any host, and differently when anything changes", () => {
    expect(linkHash(link)).toMatch(/^[0-9a-f]{16}$/);
    expect(linkHash(link.replace("https://example.org", "http://localhost:3000"))).toBe(linkHash(link));
    expect(linkHash(link.replace("hide=charts", "hide=trace"))).not.toBe(linkHash(link));
  });

  it("refuse what is not a web link", () => {
    expect(splitAssignmentLink("")).toMatchObject({ ok: false, error: "The link is empty." });
    expect(splitAssignmentLink("javascript:alert(1)")).toMatchObject({ ok: false, error: expect.stringMatching(/not a link/) });
    expect(splitAssignmentLink("nope")).toMatchObject({ ok: false, error: expect.stringMatching(/starts with https/) });
    expect(splitAssignmentLink("https://x/embed?assignment=a&assignment=b#2.x")).toMatchObject({ ok: false, error: expect.stringMatching(/more than one/) });
    expect(splitAssignmentLink("x".repeat(50_000))).toMatchObject({ ok: false, error: expect.stringMatching(/too long/) });
  });

  it("give a challenge id to instructor-written goals that follows their content", () => {
    expect(assignmentChallengeId(assignment)).toBe("size-the-queue");
    const { challengeId: _c, ...custom } = assignment;
    const id = assignmentChallengeId(custom);
    expect(id).toMatch(/^assignment-[0-9a-f]{10}$/);
    expect(assignmentChallengeId({ ...custom, goals: [{ metric: "latencyMs.p99", atMost: 1 }] })).not.toBe(id);
  });
});

describe("fingerprints", () => {
  it("ignore key order and stay stable", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
    expect(scenarioHash({ b: 1, a: 2 })).toBe(scenarioHash({ a: 2, b: 1 }));
    // FNV-1a 64 of "" is its offset basis.
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).not.toBe(fnv1a64("b"));
  });
});
