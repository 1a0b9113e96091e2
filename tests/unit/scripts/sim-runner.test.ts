/**
 * The headless runner as a user runs it: a child process, exit codes, stdout and stderr. Only a handful
 * of real processes are spawned (each costs about half a second of tsx start-up); every preset is run
 * in-process by tests/unit/simulations/golden.test.ts, and the validator's messages are checked in-process.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { encodeShareFragment } from "@/lib/share/codec";
import { parseScenario } from "@/simulations";
import { runPreset } from "../../helpers/golden";

const root = path.resolve(import.meta.dirname, "../../..");

function sim(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/sim.ts", ...args], { cwd: root, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempScenario(doc: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), "faultline-sim-"));
  const file = path.join(dir, "scenario.json");
  writeFileSync(file, typeof doc === "string" ? doc : JSON.stringify(doc));
  return file;
}

const valid = {
  version: 1,
  title: "runner test",
  seed: 3,
  stop: { requests: 2000 },
  nodes: [
    { id: "users", kind: "source", ratePerSec: 100 },
    { id: "api", kind: "server", workers: 2, serviceMs: { dist: "exponential", meanMs: 10 } },
  ],
  edges: [{ from: "users", to: "api" }],
};

describe("npm run sim", () => {
  it("prints exactly one JSON object with --json, in the contract's shape", () => {
    const r = sim(tempScenario(valid), "--json");
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]);
    expect(Object.keys(report.requests).sort()).toEqual(["arrived", "completed", "dropped", "failed", "inFlight"]);
    expect(Object.keys(report.latencyMs).sort()).toEqual(["max", "mean", "p50", "p90", "p95", "p99", "p999"]);
    expect(report.requests.arrived).toBe(2000);
    expect(report.nodes.api).toMatchObject({ served: 2000, dropped: 0 });
    for (const key of ["utilization", "meanQueueLength", "meanWaitMs"]) expect(typeof report.nodes.api[key]).toBe("number");
    expect(report.events).toBeGreaterThan(0);
    expect(report.simulatedMs).toBeGreaterThan(0);
  });

  it("prints a readable summary without --json, and --seed changes the run", () => {
    const file = tempScenario(valid);
    const r = sim(file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/runner test/);
    expect(r.stdout).toMatch(/p99/);
    const a = JSON.parse(sim(file, "--json", "--seed", "1").stdout);
    const b = JSON.parse(sim(file, "--json", "--seed", "2").stdout);
    expect(a.seed).toBe(1);
    expect(a.latencyMs).not.toEqual(b.latencyMs);
  });

  it("reads a share link", () => {
    const link = `http://localhost:3000/playground#${encodeShareFragment({ scenario: valid })}`;
    const r = sim(link, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).requests.arrived).toBe(2000);
  });

  const invalid: [string, unknown, RegExp[]][] = [
    ["a negative mean service time", readFileSync(path.join(root, "tests/fixtures/scenarios/invalid-service.json"), "utf8"), [/nodes\[2\]\.serviceMs\.meanMs must be a positive number/]],
    ["a missing field and an unknown kind", { ...valid, seed: undefined, nodes: [valid.nodes[0], { id: "api", kind: "serverr" }] }, [/^seed is required/m, /nodes\[1\]\.kind must be one of/]],
    ["an edge to nowhere", { ...valid, edges: [{ from: "users", to: "apii" }] }, [/edges\[0\]\.to names no node: "apii"/]],
    ["an unknown version", { ...valid, version: 2 }, [/version must be 1, got 2/]],
    ["a typo in a field name", { ...valid, nodes: [valid.nodes[0], { ...valid.nodes[1], wrokers: 3 }] }, [/nodes\[1\]\.wrokers is not a known field/]],
    ["broken JSON", "{ \"version\": 1, ", [/not valid JSON/]],
    ["a bad fault target", { ...valid, faults: [{ atMs: 10, kind: "crash", target: "db" }] }, [/faults\[0\]\.target names no node: "db"/]],
    ["a ratio out of range", { ...valid, faults: [{ atMs: 10, kind: "errors", rate: 1.5, target: "api" }] }, [/faults\[0\]\.rate must be a ratio from 0 to 1/]],
  ];
  // The messages are the parser's (in-process, fast); two real runs below check the exit code path.
  for (const [name, doc, patterns] of invalid) {
    it(`refuses ${name}, naming the field path`, () => {
      const result = parseScenario(typeof doc === "string" ? doc : JSON.stringify(doc));
      expect(result.ok).toBe(false);
      const messages = result.ok ? "" : result.issues.map((i) => i.message).join("\n");
      for (const p of patterns) expect(messages).toMatch(p);
    });
  }

  it("exits with code 2, prints each problem on stderr and runs nothing for an invalid scenario", () => {
    const r = sim(path.join(root, "tests/fixtures/scenarios/invalid-service.json"), "--json");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(""); // nothing is half-run
    expect(r.stderr).toMatch(/nodes\[2\]\.serviceMs\.meanMs must be a positive number/);
    const broken = sim(tempScenario("{ \"version\": 1, "), "--json");
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/not valid JSON/);
  });

  it("runs a preset by its id, with the same report as the in-process run", () => {
    const r = sim("queues/mm1-50", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(runPreset(path.join(root, "content/scenarios/queues/mm1-50.json")));
  });
});
