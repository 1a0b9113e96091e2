/**
 * The pub/sub chapter's presets (content/scenarios/pubsub/) keep every copy of every message
 * accounted for, as the broker's conservation invariant states: for each broker, published ×
 * subscriptions = acked + dead-lettered + discarded + lost + in queue + in flight (warm-up is 0 in
 * these presets, so nothing is published uncounted). Run as shipped and with the chapter's
 * Break-it changes (blocking publishers, a slow subscriber, a webhook outage), because those are the runs the prose
 * quotes. Also: the dead-letter topic holds exactly what the topic dead-lettered, and each
 * subscriber queue received exactly the copies the topic saw acknowledged for it.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ScenarioRun, validateScenario, type Scenario } from "@/simulations";

const dir = path.resolve(import.meta.dirname, "../../../content/scenarios/pubsub");

type Doc = Record<string, unknown> & { nodes: Record<string, unknown>[]; edges: { from: string; to: string }[]; faults?: unknown[] };

function load(name: string, tweak: (d: Doc) => void = () => {}): Scenario {
  const doc = JSON.parse(readFileSync(path.join(dir, `${name}.json`), "utf8")) as Doc;
  tweak(doc);
  const result = validateScenario(doc);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
  return result.scenario;
}

const setField = (id: string, field: string, value: unknown) => (d: Doc) => {
  const node = d.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  node[field] = value;
};

const runs: [string, Scenario][] = [
  ["shared topic (slow email)", load("shared-topic")],
  ["shared topic, email.workers 2", load("shared-topic", setField("email", "workers", 2))],
  ["shared topic, overflow block (Break-it)", load("shared-topic", setField("order-events", "overflow", "block"))],
  ["fan-out queues", load("fan-out-queues")],
  ["fan-out queues, email.workers 1 (Break-it)", load("fan-out-queues", setField("email", "workers", 1))],
  [
    "fan-out queues, webhook down 30 s (Break-it)",
    load("fan-out-queues", (d) => {
      d.faults = [{ kind: "crash", target: "crm-webhook", atMs: 40_000, durationMs: 30_000 }];
    }),
  ],
];

const num = (x: unknown) => x as number;

describe("pub/sub presets: every copy accounted for", () => {
  for (const [name, scenario] of runs) {
    it(name, () => {
      expect(scenario.warmupMs ?? 0).toBe(0);
      const report = new ScenarioRun(scenario, { strict: true }).runToEnd().report();
      const brokers = scenario.nodes.filter((n) => n.kind === "broker").map((n) => n.id);
      for (const id of brokers) {
        const m = report.nodes[id] as Record<string, unknown>;
        const subscriptions = Math.max(1, scenario.edges.filter((e) => e.from === id).length);
        const outcomes = num(m.acked) + num(m.deadLettered) + num(m.discarded) + num(m.lost) + num(m.inQueue) + num(m.inFlight);
        expect(outcomes, `${id}`).toBe(num(m.published) * subscriptions);
        const lag = m.lagBySubscription as Record<string, number> | undefined;
        const acked = m.ackedBySubscription as Record<string, number> | undefined;
        if (lag && acked) {
          // Per subscription: acked + backlog never exceeds what was published to it.
          for (const sub of Object.keys(lag)) expect(acked[sub] + lag[sub]).toBeLessThanOrEqual(num(m.published));
        }
      }
      // The producer's ledger balances.
      const r = report.requests;
      expect(r.arrived).toBe(r.completed + r.failed + r.dropped + r.inFlight);
      if (report.nodes["order-events-dlt"]) {
        expect(num(report.nodes["order-events-dlt"].published)).toBe(num(report.nodes["order-events"].deadLettered));
        const acked = report.nodes["order-events"].ackedBySubscription as Record<string, number>;
        for (const q of ["billing-queue", "search-queue", "email-queue"]) {
          expect(num(report.nodes[q].published), q).toBe(acked[q]);
        }
      }
    });
  }
});
