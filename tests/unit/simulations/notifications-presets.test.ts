/**
 * The notifications chapter's SMS preset (content/scenarios/notifications/) keeps every message
 * accounted for, as shipped and with each Break-it change the chapter quotes: the queue's
 * conservation invariant holds (warm-up is 0), the dead-letter queue holds exactly what was
 * dead-lettered, and every call the sender made was either admitted or refused by the provider's
 * limit (one call per receive that reached the provider).
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ScenarioRun, validateScenario, type Scenario } from "@/simulations";

const file = path.resolve(import.meta.dirname, "../../../content/scenarios/notifications/sms-provider-limit.json");

function load(changes: Record<string, unknown> = {}): Scenario {
  const doc = JSON.parse(readFileSync(file, "utf8")) as { nodes: Record<string, unknown>[] };
  for (const [key, value] of Object.entries(changes)) {
    const [id, field] = key.split(".");
    const node = doc.nodes.find((n) => n.id === id);
    if (!node) throw new Error(`no node ${id}`);
    node[field] = value;
  }
  const result = validateScenario(doc);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
  return result.scenario;
}

const num = (x: unknown) => x as number;

const variants: [string, Record<string, unknown>][] = [
  ["as shipped", {}],
  ["30 sender workers", { "sms-sender.workers": 30 }],
  ["throttle on the sender side", { "provider-limit.onLimit": "delay", "provider-limit.maxDelayMs": 30000 }],
  ["15 s backoff", { "sms-queue.nackDelayMs": 15000 }],
  ["challenge solution", { "provider-limit.onLimit": "delay", "provider-limit.maxDelayMs": 30000, "provider-limit.ratePerSec": 35 }],
];

describe("notifications preset: every SMS accounted for", () => {
  for (const [name, changes] of variants) {
    it(name, () => {
      const scenario = load(changes);
      expect(scenario.warmupMs ?? 0).toBe(0);
      const report = new ScenarioRun(scenario, { strict: true }).runToEnd().report();
      const q = report.nodes["sms-queue"] as Record<string, unknown>;
      expect(num(q.acked) + num(q.deadLettered) + num(q.discarded) + num(q.lost) + num(q.inQueue) + num(q.inFlight)).toBe(num(q.published));
      expect(num(report.nodes["sms-dlq"].published)).toBe(num(q.deadLettered));
      const limiter = report.nodes["provider-limit"] as Record<string, unknown>;
      const sender = report.nodes["sms-sender"] as Record<string, unknown>;
      // Every finished attempt reached the limiter: admitted ones were processed, refused ones failed.
      expect(num(limiter.admitted)).toBe(num(sender.processed));
      expect(num(limiter.rejected)).toBe(num(sender.failed));
      const r = report.requests;
      expect(r.arrived).toBe(r.completed + r.failed + r.dropped + r.inFlight);
    });
  }
});
