/**
 * Change capture: getting a database change out to other services exactly as the database saw it.
 *
 * A service changes an aggregate (an order, an account) in its database and other services must hear
 * about it. This node holds the whole path, end to end, so the two sides can be compared:
 * the service and its database (one balance per aggregate, a write-ahead log), the way the event
 * leaves, a partitioned broker topic, and one downstream consumer per partition that keeps its own
 * copy of every balance.
 *
 * How the event leaves (`mode`):
 * - `dual-write`: the service commits, then publishes (or, with `publishFirst`, publishes, then
 *   commits). Two systems, no shared transaction: a crash between the two writes (`gapCrashRate` per
 *   event, or a crash fault) loses a committed event, or (publish first) leaves the broker holding an
 *   event for a change that never committed; so does a transaction that aborts (`abortRate`) after
 *   its event went out.
 * - `outbox`: the event is a row in an outbox table, written in the same transaction as the change;
 *   a relay polls the table every `relayIntervalMs`, publishes a batch and then marks it sent.
 * - `cdc`: a connector reads committed changes from the write-ahead log through a replication slot
 *   and confirms the slot's position after the broker acknowledged them. Until it confirms, the
 *   database keeps every byte of log written since (`walKbPerChange` per change, plus
 *   `backgroundWalKbPerSec` from other tables): a connector that stops makes the retained log grow.
 * With the outbox and CDC a crash between publishing and marking (`gapCrashRate` per event, the
 * relay then down for `restartMs`) makes the batch go out again: duplicates, never losses.
 *
 * The message key (`messageKey`) picks the partition: the aggregate id keeps one aggregate's events
 * in one partition, so its consumer sees them in order; no key spreads them round robin. The consumer
 * adds each event's amount to its copy of the balance; with `dedupe` it remembers event ids and skips
 * one it has applied (an idempotent consumer).
 *
 * Books (tests): committed = consumed (first delivery) + pending + lost; lost = 0 and invented = 0
 * with the outbox and CDC; once drained, with dedupe and no invented events, every consumer balance
 * equals the database's. A request is answered when its transaction commits (ok) or rolls back
 * (error), so the runtime's ledger (arrived = completed + failed + dropped + in flight) holds as well.
 * Left out: broker failures, consumer crashes, relay locking among several relay instances.
 */
import { createSampler, type Dist } from "../../engine/distributions";
import { defineKind } from "../../kernel/kind";
import type { NodeKind, Request, SimNode } from "../../kernel/model";
import { array, boolean, literal, number, object, oneOf, type Infer } from "../../kernel/schema-builder";
import { distSchema, kebabId } from "../../kernel/schema-common";
import { round } from "../shared";

const outage = object(
  {
    atMs: number({ min: 0, title: "Relay stops at", unit: "ms" }),
    durationMs: number({ above: 0, title: "Relay stays down for", unit: "ms" }),
  },
  { name: "a relay outage" },
);

export const changeCaptureSchema = object(
  {
    id: kebabId(),
    kind: literal("change-capture"),
    mode: oneOf(["dual-write", "outbox", "cdc"] as const, { title: "How the event leaves", default: "outbox" }),
    publishFirst: boolean({ title: "Dual write publishes before committing", default: false }),
    aggregates: number({ integer: true, min: 1, max: 100_000, title: "Aggregates (orders, accounts)", default: 20, uiMin: 1, uiMax: 1000 }),
    commitMs: distSchema,
    abortRate: number({ min: 0, max: 1, title: "Transactions that roll back", uiStep: 0.001, default: 0 }),
    gapCrashRate: number({ min: 0, max: 1, title: "Crash between the two writes, per event", uiStep: 0.001, default: 0 }),
    restartMs: number({ min: 0, max: 1e7, title: "Relay restart after a crash", unit: "ms", default: 1000, uiMin: 0, uiMax: 30_000 }),
    relayIntervalMs: number({ above: 0, max: 1e7, title: "Relay poll interval", unit: "ms", default: 100, uiMin: 5, uiMax: 10_000 }),
    batchSize: number({ integer: true, above: 0, max: 100_000, title: "Rows per relay batch", default: 100, uiMin: 1, uiMax: 1000 }),
    publishMs: distSchema,
    partitions: number({ integer: true, min: 1, max: 64, title: "Topic partitions", default: 4, uiMin: 1, uiMax: 16 }),
    messageKey: oneOf(["aggregate", "none"] as const, { title: "Message key", default: "aggregate" }),
    consumeMs: distSchema,
    dedupe: boolean({ title: "Consumer skips event ids it has applied", default: false }),
    walKbPerChange: number({ min: 0, max: 1e6, title: "Log written per change", unit: "KB", default: 1, uiMin: 0, uiMax: 64 }),
    backgroundWalKbPerSec: number({ min: 0, max: 1e9, title: "Log written by other tables", unit: "KB/s", default: 0, uiMin: 0, uiMax: 10_000 }),
    relayOutages: array(outage, { title: "Relay or connector outages", maxItems: 32 }),
  },
  {
    optional: ["mode", "publishFirst", "aggregates", "commitMs", "abortRate", "gapCrashRate", "restartMs", "relayIntervalMs", "batchSize", "publishMs", "partitions", "messageKey", "consumeMs", "dedupe", "walKbPerChange", "backgroundWalKbPerSec", "relayOutages"],
    name: "a change-capture node",
  },
);
export type ChangeCaptureSpec = Infer<typeof changeCaptureSchema>;

/** One change event: an amount added to one aggregate's balance. */
interface ChangeEvent {
  id: number;
  aggregate: number;
  /** The aggregate's change number when the event was created (commit order, or publish order when publishing first). */
  version: number;
  amount: number;
  createdMs: number;
  /** Log position after this change (KB), for the replication slot. */
  walKb: number;
}

const constant = (ms: number): Dist => ({ dist: "constant", ms });

export const changeCaptureKind: NodeKind<ChangeCaptureSpec> = {
  kind: "change-capture",
  create(spec, ctx) {
    const { sim, faults } = ctx;
    const mode = spec.mode ?? "outbox";
    const publishFirst = mode === "dual-write" && (spec.publishFirst ?? false);
    const nAgg = spec.aggregates ?? 20;
    const abortRate = spec.abortRate ?? 0;
    const gapCrashRate = spec.gapCrashRate ?? 0;
    const restartMs = spec.restartMs ?? 1000;
    const relayMs = spec.relayIntervalMs ?? 100;
    const batchSize = spec.batchSize ?? 100;
    const nPart = spec.partitions ?? 4;
    const keyed = (spec.messageKey ?? "aggregate") === "aggregate";
    const dedupe = spec.dedupe ?? false;
    const walPerChange = spec.walKbPerChange ?? 1;
    const backgroundKbPerMs = (spec.backgroundWalKbPerSec ?? 0) / 1000;
    const sampleCommit = createSampler(spec.commitMs ?? constant(5), ctx.random("commit"));
    const samplePublish = createSampler(spec.publishMs ?? constant(2), ctx.random("publish"));
    const consumeRandom = ctx.random("consume");
    const sampleConsume = createSampler(spec.consumeMs ?? { dist: "exponential", meanMs: 5 }, consumeRandom);
    const pick = ctx.random("aggregates");
    const amounts = ctx.random("amounts");
    const aborts = ctx.random("aborts");
    const crashes = ctx.random("gap-crashes");

    // The database: balances, change counts, the committed log (commit order).
    const dbBalance = new Float64Array(nAgg);
    const dbVersion = new Int32Array(nAgg);
    const speculative = new Int32Array(nAgg);
    const log: ChangeEvent[] = [];
    const committedIds = new Set<number>();
    let changesWalKb = 0;
    const walNow = () => changesWalKb + backgroundKbPerMs * sim.now;

    // The broker and its consumers.
    const partitionQueues: ChangeEvent[][] = Array.from({ length: nPart }, () => []);
    const consumerBusy = new Array<boolean>(nPart).fill(false);
    let roundRobin = 0;
    const seen = new Set<number>();
    const consumed = new Set<number>();
    const copyBalance = new Float64Array(nAgg);
    const lastApplied = new Int32Array(nAgg);

    // The relay (outbox) or connector (cdc): `cursor` is the first log entry not yet marked sent.
    let cursor = 0;
    let confirmedWalKb = 0;
    let relayEpoch = 0;
    let relayBusy = false;
    let relayDownUntil = -1;
    let outagesActive = 0;
    let pollScheduled = false;

    const inProgress = new Set<{ void: boolean; onCrash: () => void }>();
    let nextId = 1;
    const c = { committed: 0, aborted: 0, published: 0, lostEvents: 0, inventedEvents: 0, duplicatesPublished: 0, duplicatesApplied: 0, duplicatesSkipped: 0, delivered: 0, outOfOrder: 0, gapCrashes: 0, relayPolls: 0 };
    let lagSum = 0;
    let peakRetained = 0;
    const publishedOnce = new Set<number>();

    const retained = () => (mode === "cdc" ? Math.max(0, walNow() - confirmedWalKb) : 0);
    const notePeak = () => {
      const r = retained();
      if (r > peakRetained) peakRetained = r;
    };

    const consume = (p: number) => {
      if (consumerBusy[p] || partitionQueues[p].length === 0) return;
      consumerBusy[p] = true;
      sim.schedule(sampleConsume(), () => {
        const event = partitionQueues[p].shift()!;
        consumerBusy[p] = false;
        apply(event);
        consume(p);
      });
    };

    const apply = (event: ChangeEvent) => {
      c.delivered++;
      const again = seen.has(event.id);
      if (again && dedupe) {
        c.duplicatesSkipped++;
        return;
      }
      if (again) c.duplicatesApplied++;
      seen.add(event.id);
      copyBalance[event.aggregate] += event.amount;
      if (again) return;
      if (event.version < lastApplied[event.aggregate]) {
        c.outOfOrder++;
        if (ctx.tracing) ctx.emit("capture.out-of-order", `aggregate ${event.aggregate}: change ${event.version} after ${lastApplied[event.aggregate]}`);
      } else lastApplied[event.aggregate] = event.version;
      if (committedIds.has(event.id) && !consumed.has(event.id)) {
        consumed.add(event.id);
        lagSum += sim.now - event.createdMs;
      }
    };

    /** Appends to the topic (the broker acknowledged). */
    const append = (event: ChangeEvent) => {
      c.published++;
      if (publishedOnce.has(event.id)) c.duplicatesPublished++;
      else publishedOnce.add(event.id);
      const p = keyed ? event.aggregate % nPart : roundRobin++ % nPart;
      partitionQueues[p].push(event);
      consume(p);
    };

    const commit = (event: ChangeEvent) => {
      dbBalance[event.aggregate] += event.amount;
      dbVersion[event.aggregate]++;
      changesWalKb += walPerChange;
      event.walKb = walNow();
      committedIds.add(event.id);
      // Published first and already applied downstream: consumed the moment it commits.
      if (seen.has(event.id)) consumed.add(event.id);
      log.push(event);
      c.committed++;
      notePeak();
      if (mode !== "dual-write") schedulePoll(0);
    };

    const lose = (event: ChangeEvent, why: string) => {
      c.lostEvents++;
      if (ctx.tracing) ctx.emit("capture.event-lost", `change ${event.id} to aggregate ${event.aggregate}: ${why}`);
    };
    const invent = (event: ChangeEvent, why: string) => {
      c.inventedEvents++;
      if (ctx.tracing) ctx.emit("capture.event-invented", `change ${event.id} to aggregate ${event.aggregate} was published but ${why}`);
    };

    const relayUp = () => !faults.crashed && outagesActive === 0 && sim.now >= relayDownUntil;

    const schedulePoll = (afterMs: number) => {
      if (pollScheduled) return;
      pollScheduled = true;
      const at = mode === "outbox" ? Math.floor((sim.now + afterMs) / relayMs) * relayMs + relayMs : sim.now + Math.max(afterMs, relayMs);
      sim.scheduleAt(at, poll);
    };

    const poll = () => {
      pollScheduled = false;
      if (!relayUp() || relayBusy) return;
      c.relayPolls++;
      if (cursor >= log.length) {
        // Caught up: the slot may move to the log's end (a heartbeat does this for a quiet table).
        notePeak();
        confirmedWalKb = walNow();
        return;
      }
      const batch = log.slice(cursor, cursor + batchSize);
      relayBusy = true;
      const epoch = relayEpoch;
      // One flush: the producer sends the batch and the broker acknowledges it in order.
      sim.schedule(samplePublish(), () => {
        if (epoch !== relayEpoch) return;
        for (const event of batch) {
          append(event);
          if (gapCrashRate > 0 && crashes.next() < gapCrashRate) {
            c.gapCrashes++;
            if (ctx.tracing) ctx.emit("capture.relay-crashed", `after publishing change ${event.id}, before marking its batch`);
            stopRelay(restartMs);
            return;
          }
        }
        // Every message acknowledged: mark the rows sent, or confirm the slot's position.
        relayBusy = false;
        notePeak();
        cursor += batch.length;
        if (mode === "cdc") confirmedWalKb = batch[batch.length - 1].walKb;
        schedulePoll(cursor < log.length ? 0 : relayMs);
      });
    };

    /** The relay dies: its batch is unmarked and will go out again. */
    const stopRelay = (downForMs: number) => {
      relayEpoch++;
      relayBusy = false;
      relayDownUntil = Math.max(relayDownUntil, sim.now + downForMs);
      if (downForMs > 0) sim.scheduleAt(relayDownUntil, () => schedulePoll(0));
      else schedulePoll(0);
    };

    for (const o of spec.relayOutages ?? []) {
      sim.scheduleAt(o.atMs, () => {
        outagesActive++;
        relayEpoch++;
        relayBusy = false;
        if (ctx.tracing) ctx.emit("capture.relay-stopped", `for ${o.durationMs} ms`);
      });
      sim.scheduleAt(o.atMs + o.durationMs, () => {
        outagesActive--;
        schedulePoll(0);
      });
    }

    const newEvent = (aggregate: number, version: number): ChangeEvent => ({ id: nextId++, aggregate, version, amount: 1 + amounts.int(9), createdMs: sim.now, walKb: 0 });

    const receive = (request: Request, reply: (o: "ok" | "error", reason?: string) => void) => {
      const aggregate = request.key >= 0 ? request.key % nAgg : pick.int(nAgg);
      const job = { void: false, onCrash: () => reply("error", "crashed") };
      inProgress.add(job);
      const finish = (outcome: "ok" | "error", reason?: string) => {
        inProgress.delete(job);
        reply(outcome, reason);
      };
      const aborts_ = abortRate > 0 && aborts.next() < abortRate;
      if (!publishFirst) {
        sim.schedule(sampleCommit(), () => {
          if (job.void) return;
          if (aborts_) {
            c.aborted++;
            finish("error", "aborted");
            return;
          }
          const event = newEvent(aggregate, dbVersion[aggregate] + 1);
          commit(event);
          finish("ok");
          if (mode !== "dual-write") return;
          // Dual write, second step: publish what was just committed.
          if (gapCrashRate > 0 && crashes.next() < gapCrashRate) {
            c.gapCrashes++;
            lose(event, "the service crashed between commit and publish");
            return;
          }
          const gap = { void: false, onCrash: () => lose(event, "a crash fault hit between commit and publish") };
          inProgress.add(gap);
          sim.schedule(samplePublish(), () => {
            if (gap.void) return;
            inProgress.delete(gap);
            append(event);
          });
        });
        return;
      }
      // Dual write, publishing first: the event is out before the database has decided.
      speculative[aggregate]++;
      const event = newEvent(aggregate, speculative[aggregate]);
      sim.schedule(samplePublish(), () => {
        if (job.void) return;
        append(event);
        if (gapCrashRate > 0 && crashes.next() < gapCrashRate) {
          c.gapCrashes++;
          c.aborted++;
          invent(event, "the service crashed before committing");
          finish("error", "crashed");
          return;
        }
        job.onCrash = () => {
          c.aborted++;
          invent(event, "a crash fault rolled the transaction back");
          reply("error", "crashed");
        };
        sim.schedule(sampleCommit(), () => {
          if (job.void) return;
          if (aborts_) {
            c.aborted++;
            invent(event, "its transaction rolled back");
            finish("error", "aborted");
            return;
          }
          commit(event);
          finish("ok");
        });
      });
    };

    const node: SimNode = {
      id: spec.id,
      kind: "change-capture",
      receive,
      load: () => inProgress.size,
      crash() {
        for (const job of inProgress) {
          job.void = true;
          job.onCrash();
        }
        inProgress.clear();
        if (mode !== "dual-write") {
          relayEpoch++;
          relayBusy = false;
        }
      },
      recover() {
        if (mode !== "dual-write") schedulePoll(0);
      },
      metrics: () => {
        notePeak();
        let mismatched = 0;
        for (let a = 0; a < nAgg; a++) if (copyBalance[a] !== dbBalance[a]) mismatched++;
        return {
          committed: c.committed,
          aborted: c.aborted,
          published: c.published,
          delivered: c.delivered,
          consumed: consumed.size,
          pending: c.committed - consumed.size - c.lostEvents,
          lostEvents: c.lostEvents,
          inventedEvents: c.inventedEvents,
          duplicatesPublished: c.duplicatesPublished,
          duplicatesApplied: c.duplicatesApplied,
          duplicatesSkipped: c.duplicatesSkipped,
          outOfOrder: c.outOfOrder,
          mismatchedAggregates: mismatched,
          gapCrashes: c.gapCrashes,
          relayPolls: c.relayPolls,
          meanLagMs: round(consumed.size > 0 ? lagSum / consumed.size : 0, 3),
          retainedWalKb: round(retained(), 3),
          peakRetainedWalKb: round(peakRetained, 3),
        };
      },
      gauges: () => ({
        pending: c.committed - consumed.size - c.lostEvents,
        backlog: partitionQueues.reduce((s, q) => s + q.length, 0),
        lostEvents: c.lostEvents,
        inventedEvents: c.inventedEvents,
        retainedWalKb: round(retained(), 1),
        relay: mode === "dual-write" ? "none" : relayUp() ? "up" : "down",
        crashed: faults.crashed,
      }),
    };
    return node;
  },
};

/** The change-capture kind: dual write, transactional outbox or log-based CDC, end to end. */
export const changeCaptureDefinition = defineKind({
  kind: "change-capture",
  title: "Change capture (outbox, CDC)",
  summary: "A service's database, the way its events leave (dual write, outbox relay or log-based CDC), a partitioned topic and a consumer keeping a copy; compares the copy with the database.",
  schema: changeCaptureSchema,
  model: changeCaptureKind,
  outgoing: { min: 0, max: 0 },
  acceptsIncoming: true,
  metrics: {
    committed: { title: "Transactions committed", of: "changes" },
    aborted: { title: "Transactions rolled back", of: "transactions" },
    published: { title: "Messages published", of: "messages" },
    delivered: { title: "Messages delivered", of: "messages" },
    consumed: { title: "Consumed (first delivery of each message)", of: "messages" },
    pending: { title: "Pending", of: "changes" },
    lostEvents: { title: "Events lost", of: "changes" },
    inventedEvents: { title: "Events published for changes never committed", of: "events" },
    duplicatesPublished: { title: "Duplicates published", of: "messages" },
    duplicatesApplied: { title: "Duplicates the consumer applied twice", of: "messages" },
    duplicatesSkipped: { title: "Duplicates skipped", of: "messages" },
    outOfOrder: { title: "Changes applied after a later change of the same aggregate", of: "changes" },
    mismatchedAggregates: { title: "Aggregates whose copy differs from the database", of: "aggregates" },
    gapCrashes: { title: "Crashes between the two writes" },
    relayPolls: { title: "Outbox relay polls" },
    meanLagMs: { title: "Mean commit-to-consumer lag", unit: "ms" },
    retainedWalKb: { title: "Log retained by the replication slot", of: "KB" },
    peakRetainedWalKb: { title: "Peak log retained by the replication slot", of: "KB" },
  },
  gauges: {
    pending: { title: "Changes not yet consumed", role: "queue" },
    backlog: { title: "Messages waiting in the topic", role: "queue" },
    lostEvents: { title: "Events lost", role: "other" },
    inventedEvents: { title: "Events invented", role: "other" },
    retainedWalKb: { title: "Retained log (KB)", role: "other" },
    relay: { title: "Relay", role: "state" },
    crashed: { title: "Crashed", role: "flag" },
  },
  records: {
    "capture.event-lost": { meaning: "a committed change's event was never published (dual write interrupted)" },
    "capture.event-invented": { meaning: "an event was published for a change the database never committed" },
    "capture.relay-crashed": { meaning: "the relay or connector crashed after publishing, before marking its batch: the batch goes out again" },
    "capture.relay-stopped": { meaning: "the relay or connector stopped (an outage): changes wait, and with CDC the slot holds the log" },
    "capture.out-of-order": { meaning: "the consumer applied a change after a later change of the same aggregate" },
  },
  template: { mode: "outbox", aggregates: 20, partitions: 4 },
});
