/**
 * Transactional outbox: a service that changes its state and must tell others about it.
 *
 * The trouble is the dual write. A service commits "order placed" to its database and then publishes
 * "OrderPlaced" to a broker: two systems, no shared transaction. Crash between the two and the
 * database says the order exists while nobody downstream ever hears of it. With a transactional
 * outbox the event is inserted into an `outbox` table in the same local transaction as the state
 * change, and a separate relay polls the table every `relayIntervalMs` and publishes what it finds.
 * A crash of the relay only delays events; they are still in the table when it comes back. The price
 * is latency (up to one poll interval) and duplicates: if the relay crashes after publishing but
 * before marking a row sent, it publishes that row again, so consumers must be idempotent.
 *
 * This node answers the caller when its local transaction commits (`commitMs`), then publishes the
 * event (the same request, as a message) along its single outgoing edge, usually to a broker:
 * - `mode: "outbox"`: rows wait for the relay; a failed publish stays in the table and is retried
 *   at the next poll; a crash fault stops the relay (and loses no rows).
 * - `mode: "dual-write"`: publishes `publishMs` after the commit. A crash in that gap (probability
 *   `publishCrashRate` per event, or a crash fault while events are in the gap) loses the event, and
 *   so does a failed publish: the transaction is already committed and nothing remembers the event.
 *
 * Invariant (tests): committed = published + pending + lostEvents, and lostEvents = 0 in outbox mode.
 * `republished` counts rows whose publish was cut short by a crash and sent again (possible duplicates
 * downstream: a deduplicating broker or an idempotent consumer absorbs them).
 */
import { createSampler } from "../../engine/distributions";
import { distSchema, kebabId } from "../../kernel/schema-common";
import { literal, number, object, oneOf, type Infer } from "../../kernel/schema-builder";
import type { NodeKind, Request, SimNode } from "../../kernel/model";
import { defineKind } from "../../kernel/kind";
import { Fifo, round } from "../shared";

export const outboxSchema = object(
  {
    id: kebabId(),
    kind: literal("outbox"),
    mode: oneOf(["outbox", "dual-write"] as const, { title: "How the event leaves", default: "outbox" }),
    commitMs: distSchema,
    relayIntervalMs: number({ above: 0, max: 1e8, title: "Relay poll interval", unit: "ms", uiMin: 10, uiMax: 10_000, default: 100 }),
    batchSize: number({ integer: true, above: 0, max: 1_000_000, title: "Rows per poll", uiMin: 1, uiMax: 1000, default: 500 }),
    publishMs: number({ min: 0, max: 1e8, title: "Commit-to-publish gap (dual write)", unit: "ms", uiMin: 0, uiMax: 1000, default: 2 }),
    publishCrashRate: number({ min: 0, max: 1, title: "Crash between commit and publish, per event (dual write)", uiStep: 0.001, default: 0 }),
  },
  { optional: ["mode", "relayIntervalMs", "batchSize", "publishMs", "publishCrashRate"], name: "an outbox node" },
);
export type OutboxSpec = Infer<typeof outboxSchema>;

interface Row {
  request: Request;
  committedMs: number;
  /** A publish for this row is waiting for its acknowledgement. */
  sending: boolean;
  /** Bumped when a crash voids the attempt in progress. */
  attempt: number;
  published: boolean;
}

/**
 * The relay died: rows whose publish was in flight become unsent again (their late answers are
 * ignored, by attempt number). Returns how many counted rows will be published a second time.
 */
function abandonInFlightPublishes(table: Iterable<Row>): number {
  let again = 0;
  for (const row of table) {
    if (!row.sending) continue;
    row.attempt++;
    row.sending = false;
    if (row.request.counted) again++;
  }
  return again;
}

export const outboxKind: NodeKind<OutboxSpec> = {
  kind: "outbox",
  create(spec, ctx) {
    const { sim, faults } = ctx;
    const edge = ctx.outgoing[0];
    const useOutbox = (spec.mode ?? "outbox") === "outbox";
    const relayMs = spec.relayIntervalMs ?? 100;
    const batch = spec.batchSize ?? 500;
    const publishMs = spec.publishMs ?? 2;
    const crashRate = spec.publishCrashRate ?? 0;
    const sampleCommit = createSampler(spec.commitMs, ctx.random("commit"));
    const crashes = ctx.random("publish-crashes");

    const table = new Fifo<Row>();
    const unsent = new Set<Row>();
    const inGap = new Set<Row>();
    const committing = new Set<{ void: boolean; reply: (o: "ok" | "error", r?: string) => void }>();
    let relayScheduled = false;
    let committed = 0;
    let published = 0;
    let duplicatesPublished = 0;
    let republished = 0;
    let publishFailures = 0;
    let lostEvents = 0;
    let relayPolls = 0;
    let delaySum = 0;
    let delayCount = 0;

    const publish = (row: Row, onDone: (ok: boolean) => void) => {
      const attempt = row.attempt;
      row.sending = true;
      ctx.send(edge, row.request, (outcome) => {
        if (row.attempt !== attempt) return;
        row.sending = false;
        onDone(outcome === "ok");
      });
    };

    const markPublished = (row: Row) => {
      if (row.published) {
        if (row.request.counted) duplicatesPublished++;
        return;
      }
      row.published = true;
      unsent.delete(row);
      if (row.request.counted) {
        published++;
        delaySum += sim.now - row.committedMs;
        delayCount++;
      }
    };

    const scheduleRelay = () => {
      if (relayScheduled || faults.crashed || unsent.size === 0) return;
      relayScheduled = true;
      const next = Math.floor(sim.now / relayMs) * relayMs + relayMs;
      sim.scheduleAt(next, poll);
    };

    const poll = () => {
      relayScheduled = false;
      if (faults.crashed) return;
      relayPolls++;
      let taken = 0;
      for (const row of table) {
        if (taken >= batch) break;
        if (row.published || row.sending) continue;
        taken++;
        publish(row, (ok) => {
          if (ok) markPublished(row);
          else if (row.request.counted) publishFailures++;
        });
      }
      // Compact the table's published head so iteration stays short.
      while (table.length > 0 && table.peek()!.published) table.shift();
      scheduleRelay();
    };

    const afterCommit = (request: Request) => {
      if (request.counted) committed++;
      const row: Row = { request, committedMs: sim.now, sending: false, attempt: 0, published: false };
      if (useOutbox) {
        table.push(row);
        unsent.add(row);
        scheduleRelay();
        return;
      }
      // Dual write: publish right after the commit, with nothing to fall back on.
      if (crashRate > 0 && crashes.next() < crashRate) {
        lose(row, "crashed between commit and publish");
        return;
      }
      unsent.add(row);
      inGap.add(row);
      sim.schedule(publishMs, () => {
        if (!inGap.delete(row)) return;
        publish(row, (ok) => {
          if (ok) markPublished(row);
          else {
            if (request.counted) publishFailures++;
            unsent.delete(row);
            lose(row, "publish failed after commit");
          }
        });
      });
    };

    const lose = (row: Row, why: string) => {
      unsent.delete(row);
      if (row.request.counted) lostEvents++;
      if (ctx.tracing) ctx.emit("outbox.event-lost", why, row.request.id);
    };

    const node: SimNode = {
      id: spec.id,
      kind: "outbox",
      receive(request, reply) {
        const job = { void: false, reply };
        committing.add(job);
        const ms = sampleCommit();
        request.spans?.push({ node: spec.id, kind: "commit", startMs: sim.now, endMs: sim.now + ms });
        sim.schedule(ms, () => {
          if (job.void) return;
          committing.delete(job);
          afterCommit(request);
          reply("ok");
        });
      },
      load: () => committing.size,
      crash() {
        // Transactions not yet committed roll back; their callers see an error.
        for (const job of committing) {
          job.void = true;
          job.reply("error", "crashed");
        }
        committing.clear();
        if (useOutbox) {
          // The relay dies. Rows whose publish was in flight stay unsent and go out again later:
          // the broker may already hold them, hence duplicates.
          republished += abandonInFlightPublishes(table);
        } else {
          for (const row of [...inGap]) {
            inGap.delete(row);
            lose(row, "crashed between commit and publish");
          }
        }
      },
      recover() {
        scheduleRelay();
      },
      metrics: () => ({
        committed,
        published,
        pending: [...unsent].filter((r) => r.request.counted).length,
        lostEvents,
        duplicatesPublished,
        republished,
        publishFailures,
        relayPolls,
        meanPublishDelayMs: round(delayCount > 0 ? delaySum / delayCount : 0, 3),
      }),
      gauges: () => ({ pending: unsent.size, committing: committing.size, lostEvents, crashed: faults.crashed }),
    };
    return node;
  },
};

/** The outbox kind, defined once: schema, model, edge rules, metrics, gauges, records. */
export const outboxDefinition = defineKind({
  kind: "outbox",
  title: "Outbox",
  summary: "Commits a state change and publishes its event through an outbox relay (or a lossy dual write).",
  schema: outboxSchema,
  model: outboxKind,
  outgoing: { min: 1, max: 1 },
  acceptsIncoming: true,
  metrics: {
    committed: { title: "Transactions committed" },
    published: { title: "Messages published", of: "events" },
    pending: { title: "Pending", of: "events" },
    lostEvents: { title: "Events lost" },
    duplicatesPublished: { title: "Duplicates published" },
    republished: { title: "Events republished" },
    publishFailures: { title: "Publish failures" },
    relayPolls: { title: "Outbox relay polls" },
    meanPublishDelayMs: { title: "Mean delay before publishing", unit: "ms" },
  },
  gauges: {
    pending: { title: "Events not yet published", role: "queue" },
    committing: { title: "Transactions committing", role: "busy" },
    lostEvents: { title: "Events lost", role: "other" },
    crashed: { title: "Crashed", role: "flag" },
  },
  records: {
    "outbox.event-lost": { meaning: "a committed change's event was never published (dual write interrupted)" },
  },
});
