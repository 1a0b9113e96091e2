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
import type { RandomStream } from "../../engine/random";
import type { ModelContext, NodeKind, Request, SimNode } from "../../kernel/model";
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

type Reply = (o: "ok" | "error", reason?: string) => void;
/** Work a crash interrupts: voided, then told through `onCrash`. */
interface InProgress {
  void: boolean;
  onCrash: () => void;
}

/** One change-capture node's state and behaviour; `toNode` exposes it to the runtime. */
class ChangeCapture {
  private readonly sim: ModelContext["sim"];
  private readonly mode: NonNullable<ChangeCaptureSpec["mode"]>;
  private readonly publishFirst: boolean;
  private readonly nAgg: number;
  private readonly abortRate: number;
  private readonly gapCrashRate: number;
  private readonly restartMs: number;
  private readonly relayMs: number;
  private readonly batchSize: number;
  private readonly nPart: number;
  private readonly keyed: boolean;
  private readonly dedupe: boolean;
  private readonly walPerChange: number;
  private readonly backgroundKbPerMs: number;
  private readonly sampleCommit: () => number;
  private readonly samplePublish: () => number;
  private readonly sampleConsume: () => number;
  private readonly pick: RandomStream;
  private readonly amounts: RandomStream;
  private readonly aborts: RandomStream;
  private readonly crashes: RandomStream;

  // The database: balances, change counts, the committed log (commit order).
  private readonly dbBalance: Float64Array;
  private readonly dbVersion: Int32Array;
  private readonly speculative: Int32Array;
  private readonly log: ChangeEvent[] = [];
  private readonly committedIds = new Set<number>();
  private changesWalKb = 0;

  // The broker and its consumers.
  private readonly partitionQueues: ChangeEvent[][];
  private readonly consumerBusy: boolean[];
  private roundRobin = 0;
  private readonly seen = new Set<number>();
  private readonly consumed = new Set<number>();
  private readonly copyBalance: Float64Array;
  private readonly lastApplied: Int32Array;

  // The relay (outbox) or connector (cdc): `cursor` is the first log entry not yet marked sent.
  private cursor = 0;
  private confirmedWalKb = 0;
  private relayEpoch = 0;
  private relayBusy = false;
  private relayDownUntil = -1;
  private outagesActive = 0;
  private pollScheduled = false;

  private readonly inProgress = new Set<InProgress>();
  private nextId = 1;
  private readonly c = { committed: 0, aborted: 0, published: 0, lostEvents: 0, inventedEvents: 0, duplicatesPublished: 0, duplicatesApplied: 0, duplicatesSkipped: 0, delivered: 0, outOfOrder: 0, gapCrashes: 0, relayPolls: 0 };
  private lagSum = 0;
  private peakRetained = 0;
  private readonly publishedOnce = new Set<number>();

  constructor(
    private readonly spec: ChangeCaptureSpec,
    private readonly ctx: ModelContext,
  ) {
    this.sim = ctx.sim;
    this.mode = spec.mode ?? "outbox";
    this.publishFirst = this.mode === "dual-write" && (spec.publishFirst ?? false);
    this.nAgg = spec.aggregates ?? 20;
    this.abortRate = spec.abortRate ?? 0;
    this.gapCrashRate = spec.gapCrashRate ?? 0;
    this.restartMs = spec.restartMs ?? 1000;
    this.relayMs = spec.relayIntervalMs ?? 100;
    this.batchSize = spec.batchSize ?? 100;
    this.nPart = spec.partitions ?? 4;
    this.keyed = (spec.messageKey ?? "aggregate") === "aggregate";
    this.dedupe = spec.dedupe ?? false;
    this.walPerChange = spec.walKbPerChange ?? 1;
    this.backgroundKbPerMs = (spec.backgroundWalKbPerSec ?? 0) / 1000;
    // Streams are created in this order; keep it.
    this.sampleCommit = createSampler(spec.commitMs ?? constant(5), ctx.random("commit"));
    this.samplePublish = createSampler(spec.publishMs ?? constant(2), ctx.random("publish"));
    this.sampleConsume = createSampler(spec.consumeMs ?? { dist: "exponential", meanMs: 5 }, ctx.random("consume"));
    this.pick = ctx.random("aggregates");
    this.amounts = ctx.random("amounts");
    this.aborts = ctx.random("aborts");
    this.crashes = ctx.random("gap-crashes");
    this.dbBalance = new Float64Array(this.nAgg);
    this.dbVersion = new Int32Array(this.nAgg);
    this.speculative = new Int32Array(this.nAgg);
    this.partitionQueues = Array.from({ length: this.nPart }, () => []);
    this.consumerBusy = new Array<boolean>(this.nPart).fill(false);
    this.copyBalance = new Float64Array(this.nAgg);
    this.lastApplied = new Int32Array(this.nAgg);
    this.scheduleOutages();
  }

  private walNow(): number {
    return this.changesWalKb + this.backgroundKbPerMs * this.sim.now;
  }

  private retained(): number {
    return this.mode === "cdc" ? Math.max(0, this.walNow() - this.confirmedWalKb) : 0;
  }

  private notePeak(): void {
    const r = this.retained();
    if (r > this.peakRetained) this.peakRetained = r;
  }

  private consume(p: number): void {
    if (this.consumerBusy[p] || this.partitionQueues[p].length === 0) return;
    this.consumerBusy[p] = true;
    this.sim.schedule(this.sampleConsume(), () => {
      const event = this.partitionQueues[p].shift()!;
      this.consumerBusy[p] = false;
      this.apply(event);
      this.consume(p);
    });
  }

  /** The consumer applies one delivered event to its copy. */
  private apply(event: ChangeEvent): void {
    const { c, ctx } = this;
    c.delivered++;
    const again = this.seen.has(event.id);
    if (again && this.dedupe) {
      c.duplicatesSkipped++;
      return;
    }
    if (again) c.duplicatesApplied++;
    this.seen.add(event.id);
    this.copyBalance[event.aggregate] += event.amount;
    if (again) return;
    if (event.version < this.lastApplied[event.aggregate]) {
      c.outOfOrder++;
      if (ctx.tracing) ctx.emit("capture.out-of-order", `aggregate ${event.aggregate}: change ${event.version} after ${this.lastApplied[event.aggregate]}`);
    } else this.lastApplied[event.aggregate] = event.version;
    if (this.committedIds.has(event.id) && !this.consumed.has(event.id)) {
      this.consumed.add(event.id);
      this.lagSum += this.sim.now - event.createdMs;
    }
  }

  /** Appends to the topic (the broker acknowledged). */
  private append(event: ChangeEvent): void {
    this.c.published++;
    if (this.publishedOnce.has(event.id)) this.c.duplicatesPublished++;
    else this.publishedOnce.add(event.id);
    const p = this.keyed ? event.aggregate % this.nPart : this.roundRobin++ % this.nPart;
    this.partitionQueues[p].push(event);
    this.consume(p);
  }

  private commit(event: ChangeEvent): void {
    this.dbBalance[event.aggregate] += event.amount;
    this.dbVersion[event.aggregate]++;
    this.changesWalKb += this.walPerChange;
    event.walKb = this.walNow();
    this.committedIds.add(event.id);
    // Published first and already applied downstream: consumed the moment it commits.
    if (this.seen.has(event.id)) this.consumed.add(event.id);
    this.log.push(event);
    this.c.committed++;
    this.notePeak();
    if (this.mode !== "dual-write") this.schedulePoll(0);
  }

  private lose(event: ChangeEvent, why: string): void {
    this.c.lostEvents++;
    if (this.ctx.tracing) this.ctx.emit("capture.event-lost", `change ${event.id} to aggregate ${event.aggregate}: ${why}`);
  }

  private invent(event: ChangeEvent, why: string): void {
    this.c.inventedEvents++;
    if (this.ctx.tracing) this.ctx.emit("capture.event-invented", `change ${event.id} to aggregate ${event.aggregate} was published but ${why}`);
  }

  private relayUp(): boolean {
    return !this.ctx.faults.crashed && this.outagesActive === 0 && this.sim.now >= this.relayDownUntil;
  }

  private schedulePoll(afterMs: number): void {
    if (this.pollScheduled) return;
    this.pollScheduled = true;
    const { sim, relayMs } = this;
    const at = this.mode === "outbox" ? Math.floor((sim.now + afterMs) / relayMs) * relayMs + relayMs : sim.now + Math.max(afterMs, relayMs);
    sim.scheduleAt(at, this.poll);
  }

  /** The relay or connector wakes: publishes the next batch, or confirms the slot when caught up. */
  private readonly poll = (): void => {
    this.pollScheduled = false;
    if (!this.relayUp() || this.relayBusy) return;
    this.c.relayPolls++;
    if (this.cursor >= this.log.length) {
      // Caught up: the slot may move to the log's end (a heartbeat does this for a quiet table).
      this.notePeak();
      this.confirmedWalKb = this.walNow();
      return;
    }
    const batch = this.log.slice(this.cursor, this.cursor + this.batchSize);
    this.relayBusy = true;
    const epoch = this.relayEpoch;
    // One flush: the producer sends the batch and the broker acknowledges it in order.
    this.sim.schedule(this.samplePublish(), () => this.flushed(batch, epoch));
  };

  /** The broker acknowledged a batch (unless the relay died meanwhile). */
  private flushed(batch: ChangeEvent[], epoch: number): void {
    if (epoch !== this.relayEpoch) return;
    for (const event of batch) {
      this.append(event);
      if (this.gapCrashRate > 0 && this.crashes.next() < this.gapCrashRate) {
        this.c.gapCrashes++;
        if (this.ctx.tracing) this.ctx.emit("capture.relay-crashed", `after publishing change ${event.id}, before marking its batch`);
        this.stopRelay(this.restartMs);
        return;
      }
    }
    // Every message acknowledged: mark the rows sent, or confirm the slot's position.
    this.relayBusy = false;
    this.notePeak();
    this.cursor += batch.length;
    if (this.mode === "cdc") this.confirmedWalKb = batch[batch.length - 1].walKb;
    this.schedulePoll(this.cursor < this.log.length ? 0 : this.relayMs);
  }

  /** The relay dies: its batch is unmarked and will go out again. */
  private stopRelay(downForMs: number): void {
    this.relayEpoch++;
    this.relayBusy = false;
    this.relayDownUntil = Math.max(this.relayDownUntil, this.sim.now + downForMs);
    if (downForMs > 0) this.sim.scheduleAt(this.relayDownUntil, () => this.schedulePoll(0));
    else this.schedulePoll(0);
  }

  private scheduleOutages(): void {
    for (const o of this.spec.relayOutages ?? []) {
      this.sim.scheduleAt(o.atMs, () => {
        this.outagesActive++;
        this.relayEpoch++;
        this.relayBusy = false;
        if (this.ctx.tracing) this.ctx.emit("capture.relay-stopped", `for ${o.durationMs} ms`);
      });
      this.sim.scheduleAt(o.atMs + o.durationMs, () => {
        this.outagesActive--;
        this.schedulePoll(0);
      });
    }
  }

  private newEvent(aggregate: number, version: number): ChangeEvent {
    return { id: this.nextId++, aggregate, version, amount: 1 + this.amounts.int(9), createdMs: this.sim.now, walKb: 0 };
  }

  /** A request changes one aggregate; answered when its transaction commits or rolls back. */
  readonly receive = (request: Request, reply: Reply): void => {
    const aggregate = request.key >= 0 ? request.key % this.nAgg : this.pick.int(this.nAgg);
    const job: InProgress = { void: false, onCrash: () => reply("error", "crashed") };
    this.inProgress.add(job);
    const finish: Reply = (outcome, reason) => {
      this.inProgress.delete(job);
      reply(outcome, reason);
    };
    const aborts = this.abortRate > 0 && this.aborts.next() < this.abortRate;
    if (!this.publishFirst) this.commitThenPublish(aggregate, job, finish, aborts);
    else this.publishThenCommit(aggregate, job, reply, finish, aborts);
  };

  /** Commit first; with a dual write, publish afterwards (outbox and CDC leave it to the relay). */
  private commitThenPublish(aggregate: number, job: InProgress, finish: Reply, aborts: boolean): void {
    this.sim.schedule(this.sampleCommit(), () => {
      if (job.void) return;
      if (aborts) {
        this.c.aborted++;
        finish("error", "aborted");
        return;
      }
      const event = this.newEvent(aggregate, this.dbVersion[aggregate] + 1);
      this.commit(event);
      finish("ok");
      if (this.mode !== "dual-write") return;
      // Dual write, second step: publish what was just committed.
      if (this.gapCrashRate > 0 && this.crashes.next() < this.gapCrashRate) {
        this.c.gapCrashes++;
        this.lose(event, "the service crashed between commit and publish");
        return;
      }
      const gap: InProgress = { void: false, onCrash: () => this.lose(event, "a crash fault hit between commit and publish") };
      this.inProgress.add(gap);
      this.sim.schedule(this.samplePublish(), () => {
        if (gap.void) return;
        this.inProgress.delete(gap);
        this.append(event);
      });
    });
  }

  /** Dual write, publishing first: the event is out before the database has decided. */
  private publishThenCommit(aggregate: number, job: InProgress, reply: Reply, finish: Reply, aborts: boolean): void {
    this.speculative[aggregate]++;
    const event = this.newEvent(aggregate, this.speculative[aggregate]);
    this.sim.schedule(this.samplePublish(), () => {
      if (job.void) return;
      this.append(event);
      if (this.gapCrashRate > 0 && this.crashes.next() < this.gapCrashRate) {
        this.c.gapCrashes++;
        this.c.aborted++;
        this.invent(event, "the service crashed before committing");
        finish("error", "crashed");
        return;
      }
      job.onCrash = () => {
        this.c.aborted++;
        this.invent(event, "a crash fault rolled the transaction back");
        reply("error", "crashed");
      };
      this.sim.schedule(this.sampleCommit(), () => {
        if (job.void) return;
        if (aborts) {
          this.c.aborted++;
          this.invent(event, "its transaction rolled back");
          finish("error", "aborted");
          return;
        }
        this.commit(event);
        finish("ok");
      });
    });
  }

  /** A crash fault: work in progress is voided; the relay loses its unmarked batch. */
  readonly crash = (): void => {
    for (const job of this.inProgress) {
      job.void = true;
      job.onCrash();
    }
    this.inProgress.clear();
    if (this.mode !== "dual-write") {
      this.relayEpoch++;
      this.relayBusy = false;
    }
  };

  readonly recover = (): void => {
    if (this.mode !== "dual-write") this.schedulePoll(0);
  };

  readonly metrics = () => {
    this.notePeak();
    const { c, consumed } = this;
    let mismatched = 0;
    for (let a = 0; a < this.nAgg; a++) if (this.copyBalance[a] !== this.dbBalance[a]) mismatched++;
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
      meanLagMs: round(consumed.size > 0 ? this.lagSum / consumed.size : 0, 3),
      retainedWalKb: round(this.retained(), 3),
      peakRetainedWalKb: round(this.peakRetained, 3),
    };
  };

  readonly gauges = () => ({
    pending: this.c.committed - this.consumed.size - this.c.lostEvents,
    backlog: this.partitionQueues.reduce((s, q) => s + q.length, 0),
    lostEvents: this.c.lostEvents,
    inventedEvents: this.c.inventedEvents,
    retainedWalKb: round(this.retained(), 1),
    relay: this.mode === "dual-write" ? "none" : this.relayUp() ? "up" : "down",
    crashed: this.ctx.faults.crashed,
  });

  toNode(): SimNode {
    return {
      id: this.spec.id,
      kind: "change-capture",
      receive: this.receive,
      load: () => this.inProgress.size,
      crash: this.crash,
      recover: this.recover,
      metrics: this.metrics,
      gauges: this.gauges,
    };
  }
}

export const changeCaptureKind: NodeKind<ChangeCaptureSpec> = {
  kind: "change-capture",
  create: (spec, ctx) => new ChangeCapture(spec, ctx).toNode(),
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
