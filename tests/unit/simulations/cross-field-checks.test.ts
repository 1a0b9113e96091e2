/**
 * Cross-field checks of the saga and broker kinds: a saga step whose service is not at the end of
 * one of the saga's edges, or a dead-letter target that is not a broker, is refused by validation
 * with the field path (the runner exits with code 2 and runs nothing) instead of throwing while the
 * run is built.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { validateScenario } from "@/simulations";

const root = path.resolve(import.meta.dirname, "../../..");
const preset = (id: string) => JSON.parse(readFileSync(path.join(root, "content/scenarios", `${id}.json`), "utf8"));

function runSim(doc: unknown) {
  const dir = mkdtempSync(path.join(tmpdir(), "faultline-check-"));
  const file = path.join(dir, "scenario.json");
  writeFileSync(file, JSON.stringify(doc));
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/sim.ts", file, "--json"], { cwd: root, encoding: "utf8", timeout: 120_000 });
}

function sagaWithBadStep() {
  const doc = preset("sagas/orchestrated-trip");
  doc.nodes.find((n: { id: string }) => n.id === "orchestrator").steps[2].service = "paymnets";
  return doc;
}

function brokerWithBadDlq(target: string) {
  const doc = preset("queues/poison-dlq");
  doc.nodes.find((n: { id: string }) => n.id === "orders-queue").deadLetterTo = target;
  return doc;
}

describe("saga and broker cross-field checks", () => {
  it("refuses a saga step naming a service the saga has no edge to, with the field path", () => {
    const v = validateScenario(sagaWithBadStep());
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.issues.map((i) => i.path)).toContain("nodes[1].steps[2].service");
    expect(v.issues.find((i) => i.path === "nodes[1].steps[2].service")?.message).toMatch(/paymnets/);
  });

  it("refuses a step without a service when the saga has too few edges", () => {
    const doc = preset("sagas/orchestrated-trip");
    const saga = doc.nodes.find((n: { id: string }) => n.id === "orchestrator");
    saga.steps.push({ name: "send-voucher" });
    const v = validateScenario(doc);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues.map((i) => i.path)).toContain("nodes[1].steps[3]");
  });

  it("refuses a dead-letter target that is missing, not a broker, or the broker itself", () => {
    for (const [target, words] of [["nowhere", /names no node/], ["worker", /is a consumer, not a broker/], ["orders-queue", /itself/]] as const) {
      const v = validateScenario(brokerWithBadDlq(target));
      expect(v.ok).toBe(false);
      if (v.ok) continue;
      const issue = v.issues.find((i) => i.path === "nodes[1].deadLetterTo");
      expect(issue?.message).toMatch(words);
    }
  });

  it("the shipped presets still validate", () => {
    for (const id of ["sagas/orchestrated-trip", "sagas/compensation-retries", "sagas/choreographed-trip", "queues/poison-dlq"]) {
      expect(validateScenario(preset(id)).ok).toBe(true);
    }
  });

  it("the runner exits with code 2 and names the field instead of crashing while building the run", () => {
    const saga = runSim(sagaWithBadStep());
    expect(saga.status).toBe(2);
    expect(saga.stderr).toMatch(/nodes\[1\]\.steps\[2\]\.service/);
    expect(saga.stdout.trim()).toBe("");
    const broker = runSim(brokerWithBadDlq("worker"));
    expect(broker.status).toBe(2);
    expect(broker.stderr).toMatch(/nodes\[1\]\.deadLetterTo/);
  }, 120_000);
});

describe("edge counts", () => {
  const fleet = (servers: number) => ({
    version: 1,
    title: "Fleet",
    seed: 1,
    stop: { requests: 10 },
    nodes: [{ id: "users", kind: "source", ratePerSec: 10 }, { id: "lb", kind: "load-balancer", strategy: "round-robin" }, ...Array.from({ length: servers }, (_, i) => ({ id: `s${i}`, kind: "server", workers: 1, serviceMs: { dist: "constant", ms: 1 } }))],
    edges: [{ from: "users", to: "lb" }, ...Array.from({ length: servers }, (_, i) => ({ from: "lb", to: `s${i}` }))],
  });

  it("names the upper limit when a node has too many outgoing edges", () => {
    const result = validateScenario(fleet(300));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.message).join("\n")).toMatch(/"lb", a load-balancer\) needs at most 256 outgoing edges, has 300/);
  });

  it("names the lower limit when it has too few", () => {
    const result = validateScenario({ ...fleet(0), nodes: [...fleet(0).nodes, { id: "s", kind: "server", workers: 1, serviceMs: { dist: "constant", ms: 1 } }] });
    expect(!result.ok && result.issues.map((i) => i.message).join("\n")).toMatch(/needs at least 1 outgoing edge/);
  });
});
