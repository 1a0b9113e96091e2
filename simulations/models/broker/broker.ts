/**
 * Message broker: a queue (point-to-point, competing consumers) or a topic (publish/subscribe, one
 * copy per consumer group), with acknowledgements, visibility timeouts, redelivery, dead-lettering,
 * ordering by key or partition, deduplication, priority classes and a bounded depth.
 *
 * Why a broker changes a system: the producer no longer waits for the work. It hands a message over,
 * gets a publish acknowledgement in milliseconds, and the consumers do the work at their own pace.
 * The queue absorbs bursts (depth grows), decouples failures (a dead consumer does not fail the
 * producer) and turns every consumer crash into a question: was the message lost or will it be done
 * twice? This model answers that question by construction:
 *
 * - **Leases.** A delivered message is hidden for `visibilityTimeoutMs`. An ack deletes it; a nack
 *   makes it visible again after `nackDelayMs`; silence (a crashed or slow consumer) brings it back
 *   when the timeout expires, possibly while the first consumer is still working: a duplicate. With
 *   `visibilityTimeoutMs: null` there is no timer (RabbitMQ-style): a message comes back only when its
 *   consumer's connection closes (consumer crash) or the consumer nacks it.
 * - **Receive counting.** Each delivery counts. A message whose count reached `maxReceiveCount` is
 *   moved to the broker named by `deadLetterTo` (a dead-letter queue) instead of being made visible
 *   again, or discarded when there is none. So the DLQ receives exactly the messages that failed
 *   `maxReceiveCount` times.
 * - **Ordering.** `ordering: "key"` keeps one FIFO per message key (SQS FIFO message groups) and
 *   `"partition"` per `hash(key) mod partitions` (Kafka partitions): at most one message of a group is
 *   in flight, so each group is processed in publish order by whichever consumer is free, and a
 *   message that keeps failing blocks its group until it is dead-lettered.
 * - **Flow control.** `maxDepth` bounds stored messages; when full the broker either rejects the
 *   publish (`overflow: "reject"`, the producer sees a drop) or blocks the publisher until there is
 *   room (`"block"`, the producer sees its publish latency grow).
 *
 * What "completed" means for the request ledger: with `completeOn: "publish"` (the default) the
 * producer's request completes when the broker accepts the message, as in real systems; end-to-end
 * message metrics (wait, processing, publish-to-ack latency, redeliveries, dead letters) are reported
 * under `nodes.<broker id>`. With `completeOn: "consumed"` the producer's request completes when every
 * subscription has acknowledged the message (fails if it was dead-lettered, discarded or lost), which
 * makes the run's `latencyMs` and `throughputPerSec` end-to-end figures.
 *
 * Consumers are the broker's outgoing edges. A `consumer` node (see consumer.ts) speaks the lease
 * protocol (prefetch, heartbeats, crashes, idempotency). Any other node (a server, a load balancer)
 * is driven as a push target: the message is sent as a request, an ok reply acks it, an error or
 * drop nacks it and no reply lets the visibility timeout decide; at most `prefetch` messages are
 * outstanding per such target (default: the target's worker count).
 *
 * Conservation (checked in tests, per subscription, with no warm-up): published = acked +
 * deadLettered + discarded + lost + inQueue + inFlight.
 */
import { createSampler } from "../../engine/distributions";
import { BACKGROUND_PRIORITY } from "../../engine/simulation";
import { LatencyHistogram, RunningMean, TimeWeighted } from "../../engine/stats";
import { distSchema, kebabId } from "../../kernel/schema-common";
import { array, boolean, literal, nullable, number, object, oneOf, type Infer } from "../../kernel/schema-builder";
import type { EdgeRuntime, ModelContext, NodeKind, NodeMetrics, Reply, Request, SimNode } from "../../kernel/model";
import { defineKind, onlyWhen, type KindCheckContext } from "../../kernel/kind";
import { hashInt } from "../load-balancer/hash-ring";
import { Fifo, round } from "../shared";
import { MAX_VISIBILITY_MS, isMessageConsumer, isMessageStore, type Delivery, type MessageConsumer, type MessageStore } from "./protocol";

export const brokerSchema = object(
  {
    id: kebabId(),
    kind: literal("broker"),
    mode: oneOf(["queue", "topic"] as const, {
      title: "Delivery",
      description: "queue: outgoing consumers compete for each message; topic: every outgoing edge is a consumer group that gets its own copy",
      default: "queue",
    }),
    completeOn: oneOf(["publish", "consumed"] as const, { title: "Producer request completes on", default: "publish" }),
    publishMs: distSchema,
    visibilityTimeoutMs: nullable(number({ above: 0, max: MAX_VISIBILITY_MS, title: "Visibility timeout", unit: "ms", uiMin: 100, uiMax: 300_000, default: 30_000 })),
    nackDelayMs: number({ min: 0, max: 1e9, title: "Delay before a failed message is visible again", unit: "ms", uiMin: 0, uiMax: 60_000, default: 0 }),
    maxReceiveCount: nullable(number({ integer: true, above: 0, max: 1000, title: "Receives before dead-lettering", uiMin: 1, uiMax: 20 })),
    deadLetterTo: nullable(kebabId("Dead-letter queue (a broker node id)")),
    ordering: oneOf(["none", "key", "partition"] as const, { title: "Ordering", default: "none" }),
    partitions: number({ integer: true, above: 0, max: 10_000, title: "Partitions", uiMin: 1, uiMax: 64, default: 8 }),
    dedupWindowMs: nullable(number({ above: 0, max: 1e9, title: "Deduplication window", unit: "ms", uiMin: 1000, uiMax: 600_000 })),
    maxDepth: nullable(number({ integer: true, min: 0, max: 1e8, title: "Max stored messages", unit: "messages", uiMin: 10, uiMax: 100_000 })),
    overflow: oneOf(["reject", "block"] as const, { title: "When full", default: "reject" }),
    prefetch: nullable(number({ integer: true, above: 0, max: 100_000, title: "Unacked per push target", unit: "messages", uiMin: 1, uiMax: 100 })),
    durable: boolean({ title: "Durable (survives a broker crash)", default: true }),
    priorityPolicy: oneOf(["strict", "weighted"] as const, { title: "Priority policy", default: "strict" }),
    classes: array(
      object(
        {
          name: kebabId("Class name"),
          sources: array(kebabId("Source id"), { maxItems: 100, title: "Producers whose messages are in this class", default: [] }),
          share: number({ above: 0, max: 1, title: "Minimum share of deliveries (weighted)", uiStep: 0.05 }),
        },
        { optional: ["sources", "share"], name: "a priority class" },
      ),
      { maxItems: 16, title: "Priority classes, highest first" },
    ),
  },
  {
    optional: [
      "mode", "completeOn", "publishMs", "visibilityTimeoutMs", "nackDelayMs", "maxReceiveCount", "deadLetterTo", "ordering", "partitions",
      "dedupWindowMs", "maxDepth", "overflow", "prefetch", "durable", "priorityPolicy", "classes",
    ],
    name: "a broker node",
  },
);
export type BrokerSpec = Infer<typeof brokerSchema>;

/**
 * Validation across the scenario: a dead-letter target must be another broker node, since only a
 * message store can take the moved message; anything else is refused with the field path.
 */
export function checkBroker(spec: BrokerSpec, context: KindCheckContext): void {
  const dlq = spec.deadLetterTo;
  if (dlq === undefined || dlq === null) return;
  const path = `${context.path}.deadLetterTo`;
  const target = context.nodes.get(dlq);
  if (!target) context.issues.push({ path, message: `${path} "${dlq}" names no node; it must be the id of a broker node (the dead-letter queue)` });
  else if (dlq === spec.id) context.issues.push({ path, message: `${path} "${dlq}" is this broker itself; dead-letter to a different broker node` });
  else if (target.kind !== "broker") context.issues.push({ path, message: `${path} "${dlq}" is a ${target.kind}, not a broker; a dead-letter queue must be a broker node` });
}

const READY = 0;
const INFLIGHT = 1;
const DELAYED = 2;
const DONE = 3;

interface Message {
  readonly request: Request;
  /** The producer's reply, held until consumption when completeOn is "consumed". */
  reply: Reply | null;
  readonly publishedMs: number;
  /** Ordering group (key or partition), -1 when unordered. */
  readonly group: number;
  readonly cls: number;
  /** Subscriptions that have not finished with it. */
  pending: number;
  failure: string | null;
}

interface Copy {
  readonly msg: Message;
  readonly sub: Sub;
  state: number;
  receives: number;
  /** Id of the current lease; older leases are stale. */
  lease: number;
  /** Consumers processing it right now (bookkeeping for duplicate processing). */
  holders: number;
  deadlineMs: number;
  receivedAtMs: number;
  /** When its last lease failed (nack or crash), for the retry delay; -1 when not pending. */
  failedAtMs: number;
  /** The previous lease ended without an answer: the next delivery is a possible duplicate. */
  unanswered: boolean;
  delivered: boolean;
}

interface Target {
  readonly edge: EdgeRuntime;
  readonly consumer: (SimNode & MessageConsumer) | null;
  unacked: number;
  limit: number;
  /** A push target that refused without time passing is left alone until then (see deliver()). */
  backoffUntilMs: number;
  /** The current back-off, doubled on each refusal in a row, reset by an ack. */
  backoffMs: number;
}

/** First and largest back-off after a push target refused at the instant of delivery. */
const REFUSAL_BACKOFF_MIN_MS = 1;
const REFUSAL_BACKOFF_MAX_MS = 1000;

interface Sub {
  readonly name: string;
  readonly targets: Target[];
  cursor: number;
  /** Unordered: one FIFO per priority class. */
  readonly ready: Fifo<Copy>[];
  readonly readyByClass: number[];
  /** Ordered: one FIFO per group, the groups whose head may be delivered, and the busy groups. */
  readonly groups: Map<number, Fifo<Copy>>;
  readonly readyGroups: Fifo<number>;
  readonly queuedGroups: Set<number>;
  readonly busyGroups: Set<number>;
  readyCount: number;
  inFlight: number;
  delayed: number;
  // counters (counted messages)
  published: number;
  acked: number;
  deadLettered: number;
  discarded: number;
  lost: number;
}

interface Blocked {
  request: Request;
  reply: Reply;
  sinceMs: number;
}

export type BrokerNode = SimNode & MessageStore & { start(): void };

export const brokerKind: NodeKind<BrokerSpec> = {
  kind: "broker",
  create(spec, ctx): BrokerNode {
    return new Broker(spec, ctx).toNode();
  },
};

type BrokerClass = NonNullable<BrokerSpec["classes"]>[number];
type Ordering = NonNullable<BrokerSpec["ordering"]>;

const newSub = (name: string, classCount: number): Sub => ({
  name,
  targets: [],
  cursor: 0,
  ready: Array.from({ length: classCount }, () => new Fifo<Copy>()),
  readyByClass: new Array<number>(classCount).fill(0),
  groups: new Map(),
  readyGroups: new Fifo<number>(),
  queuedGroups: new Set(),
  busyGroups: new Set(),
  readyCount: 0,
  inFlight: 0,
  delayed: 0,
  published: 0,
  acked: 0,
  deadLettered: 0,
  discarded: 0,
  lost: 0,
});

const SAMPLE_MS = 1000;

const oneDecimal = (h: LatencyHistogram) => ({
  mean: round(h.mean, 3),
  p50: round(h.quantile(0.5), 3),
  p95: round(h.quantile(0.95), 3),
  p99: round(h.quantile(0.99), 3),
  max: round(h.count ? h.max : 0, 3),
});

/** One broker's subscriptions, stored copies, leases and counters; `toNode` exposes it to the runtime. */
class Broker {
  private readonly sim: ModelContext["sim"];
  private readonly faults: ModelContext["faults"];
  private readonly id: string;
  private readonly mode: "queue" | "topic";
  private readonly consumedMode: boolean;
  private readonly visibilityMs: number | null;
  private readonly nackDelayMs: number;
  private readonly maxReceives: number;
  private readonly ordering: Ordering;
  private readonly partitions: number;
  private readonly dedupMs: number | null;
  private readonly maxDepth: number;
  private readonly blockWhenFull: boolean;
  private readonly durable: boolean;
  private readonly classes: BrokerClass[];
  private readonly classCount: number;
  private readonly weighted: boolean;
  private readonly samplePublish: (() => number) | null;

  private readonly classOfSource = new Map<string, number>();
  private readonly shares: number[];
  private readonly pass: number[];

  private readonly subs: Sub[] = [];

  // Live state.
  private stored = 0;
  private crashed = false;
  /** Every copy not yet finished, for crash handling. */
  private readonly live = new Set<Copy>();
  private readonly blocked = new Fifo<Blocked>();
  private readonly dedupSeen = new Map<number, number>();
  private readonly dedupOrder = new Fifo<{ id: number; atMs: number }>();
  private pumpScheduled = false;

  // Metrics.
  private readonly depthTw: TimeWeighted;
  private readonly inFlightTw: TimeWeighted;
  private readonly oldestTw: TimeWeighted;
  private readonly classOldestTw: TimeWeighted[];
  private peakDepth = 0;
  private peakOldestMs = 0;
  private published = 0;
  private rejected = 0;
  private blockedPublishes = 0;
  private duplicatesDropped = 0;
  private unrouted = 0;
  private delivered = 0;
  private redeliveries = 0;
  private duplicateDeliveries = 0;
  private concurrentDuplicates = 0;
  private visibilityExpired = 0;
  private acked = 0;
  private nacked = 0;
  private staleAcks = 0;
  private lostAcks = 0;
  private deadLettered = 0;
  private discarded = 0;
  private lost = 0;
  private readonly endToEnd = new LatencyHistogram();
  private readonly waitHist = new LatencyHistogram();
  private readonly classWait: LatencyHistogram[];
  private readonly processing = new LatencyHistogram();
  private readonly retryDelay = new RunningMean();
  private readonly blockedWait = new LatencyHistogram();

  constructor(
    private readonly spec: BrokerSpec,
    private readonly ctx: ModelContext,
  ) {
    this.sim = ctx.sim;
    this.faults = ctx.faults;
    this.id = spec.id;
    this.mode = spec.mode ?? "queue";
    this.consumedMode = (spec.completeOn ?? "publish") === "consumed";
    this.visibilityMs = spec.visibilityTimeoutMs === undefined ? 30_000 : spec.visibilityTimeoutMs;
    this.nackDelayMs = spec.nackDelayMs ?? 0;
    this.maxReceives = spec.maxReceiveCount ?? Infinity;
    this.ordering = spec.ordering ?? "none";
    this.partitions = spec.partitions ?? 8;
    this.dedupMs = spec.dedupWindowMs ?? null;
    this.maxDepth = spec.maxDepth ?? Infinity;
    this.blockWhenFull = spec.overflow === "block";
    this.durable = spec.durable ?? true;
    const classes = (this.classes = spec.classes ?? []);
    const classCount = (this.classCount = Math.max(1, classes.length));
    this.weighted = spec.priorityPolicy === "weighted" && classes.length > 1;
    // Streams are created in this order; keep it.
    this.samplePublish = spec.publishMs ? createSampler(spec.publishMs, ctx.random("publish")) : null;

    classes.forEach((c, i) => (c.sources ?? []).forEach((s) => this.classOfSource.set(s, i)));
    // Weighted: stride scheduling on shares; classes without a share split what is left.
    const given = classes.reduce((sum, c) => sum + (c.share ?? 0), 0);
    const unshared = classes.filter((c) => c.share === undefined).length;
    this.shares = classes.map((c) => c.share ?? Math.max(0.01, (1 - given) / Math.max(1, unshared)));
    this.pass = new Array<number>(classCount).fill(0);

    this.depthTw = new TimeWeighted(ctx.warmupMs);
    this.inFlightTw = new TimeWeighted(ctx.warmupMs);
    this.oldestTw = new TimeWeighted(ctx.warmupMs);
    this.classOldestTw = Array.from({ length: classCount }, () => new TimeWeighted(ctx.warmupMs));
    this.classWait = Array.from({ length: classCount }, () => new LatencyHistogram());
  }

  private totalReady(): number {
    return this.subs.reduce((s, x) => s + x.readyCount, 0);
  }

  private totalInFlight(): number {
    return this.subs.reduce((s, x) => s + x.inFlight, 0);
  }

  private noteDepth(): void {
    const sim = this.sim;
    const d = this.totalReady();
    this.depthTw.set(sim.now, d);
    if (d > this.peakDepth && sim.now >= this.ctx.warmupMs) this.peakDepth = d;
    this.inFlightTw.set(sim.now, this.totalInFlight());
  }

  // --- storing -----------------------------------------------------------------------------

  private groupOf(request: Request): number {
    if (this.ordering === "none") return -1;
    const key = request.key >= 0 ? request.key : request.id;
    return this.ordering === "key" ? key : hashInt(key) % this.partitions;
  }

  private makeReady(copy: Copy): void {
    const sub = copy.sub;
    const pass = this.pass;
    copy.state = READY;
    sub.readyCount++;
    if (copy.msg.group < 0) {
      sub.ready[copy.msg.cls].push(copy);
      if (this.weighted && sub.readyByClass[copy.msg.cls] === 0) {
        // A class coming back from idle must not spend credit it banked while empty.
        let min = Infinity;
        for (let c = 0; c < this.classCount; c++) if (sub.readyByClass[c] > 0 && pass[c] < min) min = pass[c];
        if (min !== Infinity && pass[copy.msg.cls] < min) pass[copy.msg.cls] = min;
      }
      sub.readyByClass[copy.msg.cls]++;
    } else {
      const g = copy.msg.group;
      // Ordered: the copy is already in its group's FIFO (at the head when it is a redelivery).
      if (!sub.busyGroups.has(g) && !sub.queuedGroups.has(g)) {
        sub.queuedGroups.add(g);
        sub.readyGroups.push(g);
      }
    }
  }

  private store(request: Request, reply: Reply | null): Message {
    const msg: Message = {
      request,
      reply,
      publishedMs: this.sim.now,
      group: this.groupOf(request),
      cls: this.classOfSource.get(request.sourceId) ?? this.classCount - 1,
      pending: 0,
      failure: null,
    };
    const targetSubs = this.subs.length > 0 ? this.subs : [];
    if (request.counted) this.published++;
    if (targetSubs.length === 0) {
      if (request.counted) this.unrouted++;
      if (reply) this.settleProducer(msg);
      return msg;
    }
    this.stored++;
    for (const sub of targetSubs) {
      msg.pending++;
      if (request.counted) sub.published++;
      const copy: Copy = { msg, sub, state: READY, receives: 0, lease: 0, holders: 0, deadlineMs: 0, receivedAtMs: 0, failedAtMs: -1, unanswered: false, delivered: false };
      this.live.add(copy);
      if (msg.group >= 0) {
        let fifo = sub.groups.get(msg.group);
        if (!fifo) sub.groups.set(msg.group, (fifo = new Fifo<Copy>()));
        fifo.push(copy);
      }
      this.makeReady(copy);
    }
    this.noteDepth();
    this.requestPump();
    return msg;
  }

  private settleProducer(msg: Message): void {
    const reply = msg.reply;
    if (!reply) return;
    msg.reply = null;
    if (msg.failure) reply("error", msg.failure);
    else reply("ok");
  }

  private finishCopy(copy: Copy, how: "acked" | "dead-lettered" | "discarded" | "lost"): void {
    const sub = copy.sub;
    const msg = copy.msg;
    const wasReady = copy.state === READY;
    if (copy.state === INFLIGHT) sub.inFlight--;
    else if (copy.state === DELAYED) sub.delayed--;
    else if (wasReady) {
      sub.readyCount--;
      if (msg.group < 0) sub.readyByClass[msg.cls]--;
    }
    copy.state = DONE;
    this.live.delete(copy);
    this.countFinished(copy, how);
    if (msg.group >= 0) {
      const fifo = sub.groups.get(msg.group);
      // Only a group's head is ever delivered, so a finished copy is its group's head.
      if (fifo && fifo.peek() === copy) fifo.shift();
      sub.busyGroups.delete(msg.group);
      if (fifo && fifo.length > 0) {
        if (!sub.queuedGroups.has(msg.group)) {
          sub.queuedGroups.add(msg.group);
          sub.readyGroups.push(msg.group);
        }
      } else sub.groups.delete(msg.group);
    }
    msg.pending--;
    if (msg.pending === 0) {
      this.stored--;
      this.settleProducer(msg);
      this.admitBlocked();
    }
    this.noteDepth();
    this.requestPump();
  }

  /** The counters (and, for a failure, the message's failure) of a copy that just finished. */
  private countFinished(copy: Copy, how: "acked" | "dead-lettered" | "discarded" | "lost"): void {
    const sub = copy.sub;
    const msg = copy.msg;
    const counted = msg.request.counted;
    if (how === "acked") {
      if (counted) {
        sub.acked++;
        this.acked++;
        this.endToEnd.record(this.sim.now - msg.publishedMs);
        this.processing.record(this.sim.now - copy.receivedAtMs);
      }
    } else {
      msg.failure = how;
      if (counted) {
        if (how === "dead-lettered") {
          sub.deadLettered++;
          this.deadLettered++;
        } else if (how === "discarded") {
          sub.discarded++;
          this.discarded++;
        } else {
          sub.lost++;
          this.lost++;
        }
      }
    }
  }

  /** The copy is visible again (after a nack delay, a timeout or a closed connection) or leaves. */
  private returnCopy(copy: Copy): void {
    if (copy.state === DONE) return;
    if (copy.state === INFLIGHT) copy.sub.inFlight--;
    else if (copy.state === DELAYED) copy.sub.delayed--;
    copy.state = DELAYED; // transient, so finishCopy/makeReady see a consistent state
    copy.sub.delayed++;
    if (copy.receives >= this.maxReceives) {
      this.deadLetter(copy);
      return;
    }
    copy.sub.delayed--;
    if (copy.msg.group >= 0) copy.sub.busyGroups.delete(copy.msg.group);
    this.makeReady(copy);
    this.noteDepth();
    this.requestPump();
  }

  private deadLetter(copy: Copy): void {
    const ctx = this.ctx;
    const dlqId = this.spec.deadLetterTo ?? null;
    let moved = false;
    if (dlqId !== null) {
      const dlq = ctx.peer(dlqId);
      moved = isMessageStore(dlq) && !ctx.isDown(dlqId) && dlq.storeMoved(copy.msg.request);
    }
    if (ctx.tracing) ctx.emit(moved ? "message.dead-lettered" : "message.discarded", `after ${copy.receives} receives${moved ? ` to ${dlqId}` : ""}`, copy.msg.request.id);
    this.finishCopy(copy, moved ? "dead-lettered" : "discarded");
  }

  // --- publishing ----------------------------------------------------------------------------

  private accept(request: Request, reply: Reply): void {
    const sim = this.sim;
    if (this.dedupMs !== null) {
      this.dedupSeen.set(request.id, sim.now);
      this.dedupOrder.push({ id: request.id, atMs: sim.now });
    }
    const ackNow = () => {
      request.spans?.push({ node: this.id, kind: "publish", startMs: sim.now, endMs: sim.now });
      reply("ok");
    };
    if (this.consumedMode) {
      this.store(request, reply);
    } else if (this.samplePublish) {
      const ms = this.samplePublish();
      this.store(request, null);
      sim.schedule(ms, ackNow);
    } else {
      this.store(request, null);
      sim.schedule(0, ackNow);
    }
  }

  private isDuplicate(request: Request): boolean {
    const dedupMs = this.dedupMs;
    if (dedupMs === null) return false;
    const dedupOrder = this.dedupOrder;
    while (dedupOrder.length > 0 && dedupOrder.peek()!.atMs + dedupMs <= this.sim.now) {
      const old = dedupOrder.shift()!;
      if (this.dedupSeen.get(old.id) === old.atMs) this.dedupSeen.delete(old.id);
    }
    return this.dedupSeen.has(request.id);
  }

  private admitBlocked(): void {
    const blocked = this.blocked;
    while (blocked.length > 0 && this.stored < this.maxDepth) {
      const b = blocked.shift()!;
      if (b.request.counted) this.blockedWait.record(this.sim.now - b.sinceMs);
      b.request.spans?.push({ node: this.id, kind: "blocked", startMs: b.sinceMs, endMs: this.sim.now });
      if (blocked.length === 0 && this.ctx.tracing) this.ctx.emit("broker.publishers-unblocked");
      this.accept(b.request, b.reply);
    }
  }

  // --- delivering --------------------------------------------------------------------------

  private requestPump(): void {
    if (this.pumpScheduled || this.crashed) return;
    this.pumpScheduled = true;
    // One pump per instant, as its own event: never re-entrant inside an ack.
    this.sim.schedule(0, () => this.pump());
  }

  private pump(): void {
    this.pumpScheduled = false;
    if (this.crashed) return;
    for (const sub of this.subs) this.pumpSub(sub);
  }

  private usable(t: Target): boolean {
    if (t.edge.partitioned || this.ctx.isDown(t.edge.to)) return false;
    if (t.backoffUntilMs > this.sim.now) return false;
    return t.consumer ? t.consumer.capacity() > 0 : t.unacked < t.limit;
  }

  private pickTarget(sub: Sub): Target | null {
    const n = sub.targets.length;
    for (let k = 0; k < n; k++) {
      const i = (sub.cursor + k) % n;
      if (this.usable(sub.targets[i])) {
        sub.cursor = (i + 1) % n;
        return sub.targets[i];
      }
    }
    return null;
  }

  private nextCopy(sub: Sub): Copy | null {
    if (this.ordering !== "none") return this.nextOrderedCopy(sub);
    const cls = this.nextClass(sub);
    if (cls < 0) return null;
    const fifo = sub.ready[cls];
    while (fifo.length > 0) {
      const copy = fifo.shift()!;
      if (copy.state === READY) return copy;
    }
    return null;
  }

  private nextOrderedCopy(sub: Sub): Copy | null {
    while (sub.readyGroups.length > 0) {
      const g = sub.readyGroups.shift()!;
      sub.queuedGroups.delete(g);
      const fifo = sub.groups.get(g);
      if (!fifo || sub.busyGroups.has(g)) continue;
      const head = fifo.peek();
      if (!head || head.state !== READY) continue;
      sub.busyGroups.add(g);
      return head;
    }
    return null;
  }

  /** The priority class to deliver from next (strict order or stride scheduling), -1 when none is ready. */
  private nextClass(sub: Sub): number {
    const pass = this.pass;
    let cls = -1;
    if (this.weighted) {
      let best = Infinity;
      for (let c = 0; c < this.classCount; c++) {
        if (sub.readyByClass[c] > 0 && pass[c] < best) {
          best = pass[c];
          cls = c;
        }
      }
      if (cls >= 0) pass[cls] += 1 / this.shares[cls];
    } else {
      for (let c = 0; c < this.classCount; c++) if (sub.readyByClass[c] > 0) {
        cls = c;
        break;
      }
    }
    return cls;
  }

  private pumpSub(sub: Sub): void {
    // At most the copies ready when the pump began: a copy refused and made ready again during
    // this pump waits for the next one, never loops inside this event.
    let budget = sub.readyCount;
    while (sub.readyCount > 0 && budget-- > 0) {
      const target = this.pickTarget(sub);
      if (!target) return;
      const copy = this.nextCopy(sub);
      if (!copy) return;
      this.deliver(copy, target);
    }
  }

  private deliver(copy: Copy, target: Target): void {
    const sim = this.sim;
    const ctx = this.ctx;
    const sub = copy.sub;
    const msg = copy.msg;
    sub.readyCount--;
    if (msg.group < 0) sub.readyByClass[msg.cls]--;
    sub.inFlight++;
    copy.state = INFLIGHT;
    copy.receives++;
    copy.holders++;
    copy.receivedAtMs = sim.now;
    const lease = ++copy.lease;
    const counted = msg.request.counted;
    const concurrent = copy.holders > 1;
    if (counted) {
      this.delivered++;
      if (copy.receives > 1) this.redeliveries++;
      if (copy.unanswered) this.duplicateDeliveries++;
      if (concurrent) this.concurrentDuplicates++;
      if (!copy.delivered) {
        this.waitHist.record(sim.now - msg.publishedMs);
        this.classWait[msg.cls].record(sim.now - msg.publishedMs);
      }
      if (copy.failedAtMs >= 0) this.retryDelay.record(sim.now - copy.failedAtMs);
    }
    copy.unanswered = false;
    copy.failedAtMs = -1;
    copy.delivered = true;
    msg.request.spans?.push({ node: this.id, kind: "queue", startMs: msg.publishedMs, endMs: sim.now, detail: `${sub.name} receive ${copy.receives}` });
    if (copy.receives > 1 && ctx.tracing) ctx.emit("message.redelivered", `receive ${copy.receives} to ${target.edge.to}`, msg.request.id);
    this.noteDepth();
    const visibilityMs = this.visibilityMs;
    if (visibilityMs !== null) {
      copy.deadlineMs = sim.now + visibilityMs;
      sim.schedule(visibilityMs, () => this.expire(copy, lease));
    }
    this.hand(copy, target, lease, concurrent);
  }

  /** Hands a leased copy to its target: a lease-protocol consumer gets a delivery, anything else a request. */
  private hand(copy: Copy, target: Target, lease: number, concurrent: boolean): void {
    const sim = this.sim;
    const msg = copy.msg;
    const counted = msg.request.counted;
    // Lease state shared by the answer paths below.
    let holding = true;
    let slot = true;
    const release = () => {
      if (holding) {
        holding = false;
        copy.holders--;
      }
      if (slot) {
        slot = false;
        target.unacked--;
      }
    };
    const ack = () => {
      release();
      this.acknowledge(copy, target, counted);
    };
    const nack = () => {
      release();
      this.reject(copy, lease, counted);
    };
    target.unacked++;
    if (target.consumer) {
      const visibilityMs = this.visibilityMs;
      const delivery: Delivery = {
        messageId: msg.request.id,
        request: msg.request,
        receiveCount: copy.receives,
        visibilityTimeoutMs: visibilityMs,
        concurrentDuplicate: concurrent,
        ack,
        nack,
        extendVisibility() {
          if (visibilityMs === null || copy.lease !== lease || copy.state !== INFLIGHT) return;
          copy.deadlineMs = Math.min(sim.now + visibilityMs, copy.receivedAtMs + MAX_VISIBILITY_MS);
        },
        abandon: () => {
          const wasHolding = holding;
          release();
          if (!wasHolding || copy.lease !== lease || copy.state !== INFLIGHT) return;
          copy.failedAtMs = sim.now;
          if (visibilityMs === null && !this.crashed) {
            // No lease timer: the broker notices the closed connection and requeues at once.
            copy.unanswered = true;
            this.returnCopy(copy);
          }
        },
      };
      target.consumer.deliver(delivery);
    } else {
      const sentAtMs = sim.now;
      this.ctx.send(target.edge, msg.request, (outcome) => {
        if (outcome === "ok") {
          target.backoffMs = 0;
          ack();
          return;
        }
        if (sim.now === sentAtMs) {
          // Refused without time passing (a full broker, a rate limiter, a busy bulkhead): back the
          // target off, or the pump would hand the same copy straight back at this instant forever.
          target.backoffMs = Math.min(REFUSAL_BACKOFF_MAX_MS, Math.max(REFUSAL_BACKOFF_MIN_MS, target.backoffMs * 2));
          target.backoffUntilMs = sim.now + target.backoffMs;
          sim.schedule(target.backoffMs, () => this.requestPump());
        }
        nack();
      });
    }
  }

  /** An ack (its lease already released): finishes the copy unless it is lost or stale. */
  private acknowledge(copy: Copy, target: Target, counted: boolean): void {
    if (this.crashed || target.edge.partitioned) {
      // The ack never reaches the broker: the message will come back.
      if (counted) this.lostAcks++;
      return;
    }
    if (copy.state === DONE) {
      if (counted) this.staleAcks++;
      return;
    }
    this.finishCopy(copy, "acked");
  }

  /** A nack (its lease already released): the copy comes back, after the nack delay if there is one. */
  private reject(copy: Copy, lease: number, counted: boolean): void {
    const sub = copy.sub;
    if (this.crashed || copy.lease !== lease || copy.state !== INFLIGHT) return;
    if (counted) this.nacked++;
    copy.failedAtMs = this.sim.now;
    if (this.nackDelayMs > 0) {
      sub.inFlight--;
      copy.state = DELAYED;
      sub.delayed++;
      this.noteDepth();
      this.sim.schedule(this.nackDelayMs, () => {
        if (copy.lease === lease && copy.state === DELAYED) this.returnCopy(copy);
      });
    } else this.returnCopy(copy);
  }

  private expire(copy: Copy, lease: number): void {
    if (copy.lease !== lease || copy.state !== INFLIGHT) return;
    if (this.sim.now < copy.deadlineMs) {
      // Extended by a heartbeat: check again at the new deadline.
      this.sim.scheduleAt(copy.deadlineMs, () => this.expire(copy, lease));
      return;
    }
    if (copy.msg.request.counted) this.visibilityExpired++;
    if (this.ctx.tracing) this.ctx.emit("message.visibility-expired", `receive ${copy.receives}`, copy.msg.request.id);
    copy.unanswered = true;
    copy.lease++; // the old lease is stale from now on
    this.returnCopy(copy);
  }

  // --- sampling the age of the oldest waiting message ------------------------------------------

  private sampleAges(): void {
    const sim = this.sim;
    const classCount = this.classCount;
    let oldest = Infinity;
    const classOldest = new Array<number>(classCount).fill(Infinity);
    for (const sub of this.subs) {
      if (sub.readyCount === 0) continue;
      if (this.ordering === "none") {
        for (let c = 0; c < classCount; c++) {
          const fifo = sub.ready[c];
          while (fifo.length > 0 && fifo.peek()!.state !== READY) fifo.shift();
          const head = fifo.peek();
          if (head && head.msg.publishedMs < classOldest[c]) classOldest[c] = head.msg.publishedMs;
        }
      } else {
        for (const fifo of sub.groups.values()) {
          const head = fifo.peek();
          if (head && head.state === READY && head.msg.publishedMs < classOldest[head.msg.cls]) classOldest[head.msg.cls] = head.msg.publishedMs;
        }
      }
    }
    for (let c = 0; c < classCount; c++) {
      const age = classOldest[c] === Infinity ? 0 : sim.now - classOldest[c];
      this.classOldestTw[c].set(sim.now, age);
      if (classOldest[c] < oldest) oldest = classOldest[c];
    }
    const age = oldest === Infinity ? 0 : sim.now - oldest;
    this.oldestTw.set(sim.now, age);
    if (age > this.peakOldestMs && sim.now >= this.ctx.warmupMs) this.peakOldestMs = age;
    sim.schedule(SAMPLE_MS, () => this.sampleAges(), BACKGROUND_PRIORITY + 2);
  }

  // --- the node ------------------------------------------------------------------------------

  private targetOf(edge: EdgeRuntime): Target {
    const peer = this.ctx.peer(edge.to);
    const consumer = isMessageConsumer(peer) ? peer : null;
    const workers = peer.gauges().workers;
    const limit = this.spec.prefetch ?? (typeof workers === "number" && workers > 0 ? workers : 1);
    consumer?.onCapacity(() => this.requestPump());
    return { edge, consumer, unacked: 0, limit, backoffUntilMs: 0, backoffMs: 0 };
  }

  private start(): void {
    const edges = this.ctx.outgoing;
    if (this.mode === "queue") {
      const sub = newSub(this.id, this.classCount);
      for (const e of edges) sub.targets.push(this.targetOf(e));
      this.subs.push(sub);
    } else {
      for (const e of edges) {
        const sub = newSub(e.to, this.classCount);
        sub.targets.push(this.targetOf(e));
        this.subs.push(sub);
      }
    }
    this.sim.schedule(SAMPLE_MS, () => this.sampleAges(), BACKGROUND_PRIORITY + 2);
  }

  private storeMoved(request: Request): boolean {
    if (this.crashed || this.stored >= this.maxDepth) return false;
    this.store(request, null);
    return true;
  }

  private receive(request: Request, reply: Reply): void {
    const sim = this.sim;
    const ctx = this.ctx;
    const id = this.id;
    if (this.isDuplicate(request)) {
      if (request.counted) this.duplicatesDropped++;
      request.spans?.push({ node: id, kind: "deduplicated", startMs: sim.now, endMs: sim.now });
      sim.schedule(0, () => reply("ok"));
      return;
    }
    if (this.stored >= this.maxDepth) {
      if (this.blockWhenFull) {
        if (request.counted) this.blockedPublishes++;
        if (this.blocked.length === 0 && ctx.tracing) ctx.emit("broker.publishers-blocked", `${this.stored} messages stored`);
        this.blocked.push({ request, reply, sinceMs: sim.now });
        return;
      }
      if (request.counted) this.rejected++;
      if (ctx.tracing) ctx.emit("broker.publish-rejected", "full", request.id);
      request.spans?.push({ node: id, kind: "rejected", startMs: sim.now, endMs: sim.now, outcome: "dropped", detail: "broker full" });
      sim.schedule(0, () => reply("dropped", "broker-full"));
      return;
    }
    this.accept(request, reply);
  }

  private crash(): void {
    this.crashed = true;
    for (const b of this.blocked.drain()) b.reply("error", "crashed");
    for (const sub of this.subs) {
      for (const t of sub.targets) t.unacked = 0;
    }
    // Every lease dies with the connections. Durable messages wait for the restart; others are gone.
    for (const copy of [...this.live]) {
      if (!this.durable) {
        this.finishCopy(copy, "lost");
      } else if (copy.state === INFLIGHT || copy.state === DELAYED) {
        copy.lease++;
        copy.unanswered = copy.state === INFLIGHT;
        this.returnCopy(copy);
      }
    }
    if (this.ctx.tracing && !this.durable) this.ctx.emit("message.lost", "broker crashed with non-durable messages");
    this.noteDepth();
  }

  private recover(): void {
    this.crashed = false;
    this.requestPump();
  }

  private metrics(endMs: number): NodeMetrics {
    const measuredMs = endMs - this.ctx.warmupMs;
    const subs = this.subs;
    const m: NodeMetrics = {
      published: this.published,
      rejected: this.rejected,
      blockedPublishes: this.blockedPublishes,
      duplicatesDropped: this.duplicatesDropped,
      unrouted: this.unrouted,
      delivered: this.delivered,
      redeliveries: this.redeliveries,
      duplicateDeliveries: this.duplicateDeliveries,
      concurrentDuplicates: this.concurrentDuplicates,
      visibilityExpired: this.visibilityExpired,
      acked: this.acked,
      nacked: this.nacked,
      staleAcks: this.staleAcks,
      lostAcks: this.lostAcks,
      deadLettered: this.deadLettered,
      discarded: this.discarded,
      lost: this.lost,
      inQueue: subs.reduce((s, x) => s + x.readyCount + x.delayed, 0),
      inFlight: this.totalInFlight(),
      depth: round(this.depthTw.average(endMs)),
      peakDepth: this.peakDepth,
      meanInFlight: round(this.inFlightTw.average(endMs)),
      consumedPerSec: round(measuredMs > 0 ? (this.acked * 1000) / measuredMs : 0),
      ageOfOldestMs: round(this.oldestTw.average(endMs), 3),
      peakAgeOfOldestMs: round(this.peakOldestMs, 3),
      meanRetryDelayMs: round(this.retryDelay.mean, 3),
      waitMs: oneDecimal(this.waitHist),
      processingMs: oneDecimal(this.processing),
      endToEndMs: oneDecimal(this.endToEnd),
      blockedPublishMs: oneDecimal(this.blockedWait),
    };
    if (subs.length > 1 || this.mode === "topic") {
      m.lagBySubscription = Object.fromEntries(subs.map((s) => [s.name, s.readyCount + s.delayed + s.inFlight]));
      m.ackedBySubscription = Object.fromEntries(subs.map((s) => [s.name, s.acked]));
    }
    if (this.ordering === "partition") {
      const lag: Record<string, number> = {};
      for (let p = 0; p < this.partitions; p++) lag[String(p)] = 0;
      for (const sub of subs) for (const [g, fifo] of sub.groups) lag[String(g)] += fifo.length;
      m.lagByPartition = lag;
    }
    this.classes.forEach((c, i) => {
      m[c.name] = {
        consumed: this.classWait[i].count,
        meanWaitMs: round(this.classWait[i].mean, 3),
        p99WaitMs: round(this.classWait[i].quantile(0.99), 3),
        ageOfOldestMs: round(this.classOldestTw[i].average(endMs), 3),
      };
    });
    return m;
  }

  toNode(): BrokerNode {
    return {
      id: this.id,
      kind: "broker",
      storesMessages: true,
      start: () => this.start(),
      storeMoved: (request) => this.storeMoved(request),
      receive: (request, reply) => this.receive(request, reply),
      load: () => this.stored,
      crash: () => this.crash(),
      recover: () => this.recover(),
      metrics: (endMs) => this.metrics(endMs),
      gauges: () => ({
        depth: this.totalReady(),
        inFlight: this.totalInFlight(),
        delayed: this.subs.reduce((s, x) => s + x.delayed, 0),
        stored: this.stored,
        maxDepth: this.maxDepth === Infinity ? -1 : this.maxDepth,
        blockedPublishers: this.blocked.length,
        deadLettered: this.deadLettered,
        ageOfOldestMs: this.oldestTw.current,
        crashed: this.faults.crashed,
      }),
    };
  }
}

export const brokerDefinition = defineKind({
  kind: "broker",
  title: "Message broker",
  summary: "Message queue or topic: stores messages, leases them to consumers, redelivers, dead-letters.",
  schema: brokerSchema,
  model: brokerKind,
  outgoing: { min: 0, max: 64 },
  acceptsIncoming: true,
  check: checkBroker,
  template: { mode: "queue", visibilityTimeoutMs: 30_000, maxReceiveCount: 5 },
  metrics: {
    published: { title: "Messages published", of: "messages" },
    rejected: { title: "Rejected", of: "messages" },
    blockedPublishes: { title: "Publishes blocked" },
    duplicatesDropped: { title: "Duplicates dropped", of: "messages" },
    unrouted: { title: "Messages with no queue to go to", of: "messages" },
    delivered: { title: "Messages delivered", of: "messages" },
    redeliveries: { title: "Redeliveries" },
    duplicateDeliveries: { title: "Duplicate deliveries" },
    concurrentDuplicates: { title: "Duplicates processed at the same time" },
    visibilityExpired: { title: "Visibility timeouts expired" },
    acked: { title: "Messages acknowledged", of: "messages" },
    nacked: { title: "Messages rejected by consumers", of: "messages" },
    staleAcks: { title: "Stale acknowledgements" },
    lostAcks: { title: "Acknowledgements lost" },
    deadLettered: { title: "Messages dead-lettered", of: "messages" },
    discarded: { title: "Messages discarded", of: "messages" },
    lost: { title: "Lost", of: "messages" },
    inQueue: { title: "Waiting in the queue", of: "messages" },
    inFlight: { title: "In flight", of: "messages" },
    depth: { title: "Queue depth", of: "messages" },
    peakDepth: { title: "Peak queue depth", of: "messages" },
    meanInFlight: { title: "Mean messages in flight", of: "messages" },
    consumedPerSec: { title: "Consumed per second", unit: "per-sec" },
    ageOfOldestMs: { title: "Age of the oldest message", unit: "ms" },
    peakAgeOfOldestMs: { title: "Peak age of the oldest message", unit: "ms" },
    meanRetryDelayMs: { title: "Mean delay before a redelivery", unit: "ms" },
    waitMs: { title: "Wait in the queue (percentiles)", unit: "ms", keyed: true },
    processingMs: { title: "Processing time (percentiles)", unit: "ms", keyed: true },
    endToEndMs: { title: "End-to-end time (percentiles)", unit: "ms", keyed: true },
    blockedPublishMs: { title: "Time a publisher was blocked (percentiles)", unit: "ms", keyed: true },
    ...onlyWhen("for a topic or several subscriptions", {
      lagBySubscription: { title: "Backlog by subscription", keyed: true },
      ackedBySubscription: { title: "Acknowledged by subscription", keyed: true },
    }),
    ...onlyWhen("with partition ordering", { lagByPartition: { title: "Lag by partition", keyed: true } }),
    ...onlyWhen("with priority classes", {
      "<class name>": {
        title: "Per priority class: consumed, mean and p99 wait, age of the oldest message",
        keyed: true,
        names: (spec: BrokerSpec) => (spec.classes ?? []).map((c) => c.name),
      },
    }),
  },
  gauges: {
    depth: { title: "Ready messages", role: "queue" },
    inFlight: { title: "Leased to consumers", role: "busy" },
    delayed: { title: "Waiting out a redelivery delay", role: "other" },
    stored: { title: "Stored messages", role: "other" },
    maxDepth: { title: "Max stored (-1: unbounded)", role: "queue-capacity" },
    blockedPublishers: { title: "Publishers blocked", role: "other" },
    deadLettered: { title: "Dead-lettered so far", role: "other" },
    ageOfOldestMs: { title: "Age of the oldest message", role: "other" },
  },
  records: {
    "message.redelivered": { meaning: "a message was delivered again (its lease expired or it was rejected)" },
    "message.visibility-expired": { meaning: "a consumer held a message past its visibility timeout" },
    "message.dead-lettered": { meaning: "a message received too often was moved to the dead-letter queue" },
    "message.discarded": { meaning: "a message received too often was dropped (no dead-letter queue)" },
    "message.lost": { meaning: "a non-durable broker crashed and lost what it stored" },
    "broker.publish-rejected": { meaning: "a publish was refused: the broker was full" },
    "broker.publishers-blocked": { meaning: "the broker is full: publishers wait" },
    "broker.publishers-unblocked": { meaning: "the broker has room again: publishers resume" },
  },
});
