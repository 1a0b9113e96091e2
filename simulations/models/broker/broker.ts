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
import type { EdgeRuntime, NodeKind, NodeMetrics, Reply, Request, SimNode } from "../../kernel/model";
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
    const { sim, faults } = ctx;
    const id = spec.id;
    const mode = spec.mode ?? "queue";
    const consumedMode = (spec.completeOn ?? "publish") === "consumed";
    const visibilityMs = spec.visibilityTimeoutMs === undefined ? 30_000 : spec.visibilityTimeoutMs;
    const nackDelayMs = spec.nackDelayMs ?? 0;
    const maxReceives = spec.maxReceiveCount ?? Infinity;
    const ordering = spec.ordering ?? "none";
    const partitions = spec.partitions ?? 8;
    const dedupMs = spec.dedupWindowMs ?? null;
    const maxDepth = spec.maxDepth ?? Infinity;
    const blockWhenFull = spec.overflow === "block";
    const durable = spec.durable ?? true;
    const classes = spec.classes ?? [];
    const classCount = Math.max(1, classes.length);
    const weighted = spec.priorityPolicy === "weighted" && classes.length > 1;
    const samplePublish = spec.publishMs ? createSampler(spec.publishMs, ctx.random("publish")) : null;

    const classOfSource = new Map<string, number>();
    classes.forEach((c, i) => (c.sources ?? []).forEach((s) => classOfSource.set(s, i)));
    // Weighted: stride scheduling on shares; classes without a share split what is left.
    const given = classes.reduce((sum, c) => sum + (c.share ?? 0), 0);
    const unshared = classes.filter((c) => c.share === undefined).length;
    const shares = classes.map((c) => c.share ?? Math.max(0.01, (1 - given) / Math.max(1, unshared)));
    const pass = new Array<number>(classCount).fill(0);

    const subs: Sub[] = [];
    const newSub = (name: string): Sub => ({
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

    // Live state.
    let stored = 0;
    let crashed = false;
    /** Every copy not yet finished, for crash handling. */
    const live = new Set<Copy>();
    const blocked = new Fifo<Blocked>();
    const dedupSeen = new Map<number, number>();
    const dedupOrder = new Fifo<{ id: number; atMs: number }>();

    // Metrics.
    const depthTw = new TimeWeighted(ctx.warmupMs);
    const inFlightTw = new TimeWeighted(ctx.warmupMs);
    const oldestTw = new TimeWeighted(ctx.warmupMs);
    const classOldestTw = Array.from({ length: classCount }, () => new TimeWeighted(ctx.warmupMs));
    let peakDepth = 0;
    let peakOldestMs = 0;
    let published = 0;
    let rejected = 0;
    let blockedPublishes = 0;
    let duplicatesDropped = 0;
    let unrouted = 0;
    let delivered = 0;
    let redeliveries = 0;
    let duplicateDeliveries = 0;
    let concurrentDuplicates = 0;
    let visibilityExpired = 0;
    let acked = 0;
    let nacked = 0;
    let staleAcks = 0;
    let lostAcks = 0;
    let deadLettered = 0;
    let discarded = 0;
    let lost = 0;
    const endToEnd = new LatencyHistogram();
    const waitHist = new LatencyHistogram();
    const classWait = Array.from({ length: classCount }, () => new LatencyHistogram());
    const processing = new LatencyHistogram();
    const retryDelay = new RunningMean();
    const blockedWait = new LatencyHistogram();

    const totalReady = () => subs.reduce((s, x) => s + x.readyCount, 0);
    const totalInFlight = () => subs.reduce((s, x) => s + x.inFlight, 0);
    const noteDepth = () => {
      const d = totalReady();
      depthTw.set(sim.now, d);
      if (d > peakDepth && sim.now >= ctx.warmupMs) peakDepth = d;
      inFlightTw.set(sim.now, totalInFlight());
    };

    // --- storing -----------------------------------------------------------------------------

    const groupOf = (request: Request): number => {
      if (ordering === "none") return -1;
      const key = request.key >= 0 ? request.key : request.id;
      return ordering === "key" ? key : hashInt(key) % partitions;
    };

    const makeReady = (copy: Copy) => {
      const sub = copy.sub;
      copy.state = READY;
      sub.readyCount++;
      if (copy.msg.group < 0) {
        sub.ready[copy.msg.cls].push(copy);
        if (weighted && sub.readyByClass[copy.msg.cls] === 0) {
          // A class coming back from idle must not spend credit it banked while empty.
          let min = Infinity;
          for (let c = 0; c < classCount; c++) if (sub.readyByClass[c] > 0 && pass[c] < min) min = pass[c];
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
    };

    const store = (request: Request, reply: Reply | null): Message => {
      const msg: Message = { request, reply, publishedMs: sim.now, group: groupOf(request), cls: classOfSource.get(request.sourceId) ?? classCount - 1, pending: 0, failure: null };
      const targetSubs = subs.length > 0 ? subs : [];
      if (request.counted) published++;
      if (targetSubs.length === 0) {
        if (request.counted) unrouted++;
        if (reply) settleProducer(msg);
        return msg;
      }
      stored++;
      for (const sub of targetSubs) {
        msg.pending++;
        if (request.counted) sub.published++;
        const copy: Copy = { msg, sub, state: READY, receives: 0, lease: 0, holders: 0, deadlineMs: 0, receivedAtMs: 0, failedAtMs: -1, unanswered: false, delivered: false };
        live.add(copy);
        if (msg.group >= 0) {
          let fifo = sub.groups.get(msg.group);
          if (!fifo) sub.groups.set(msg.group, (fifo = new Fifo<Copy>()));
          fifo.push(copy);
        }
        makeReady(copy);
      }
      noteDepth();
      requestPump();
      return msg;
    };

    const settleProducer = (msg: Message) => {
      const reply = msg.reply;
      if (!reply) return;
      msg.reply = null;
      if (msg.failure) reply("error", msg.failure);
      else reply("ok");
    };

    const finishCopy = (copy: Copy, how: "acked" | "dead-lettered" | "discarded" | "lost") => {
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
      live.delete(copy);
      const counted = msg.request.counted;
      if (how === "acked") {
        if (counted) {
          sub.acked++;
          acked++;
          endToEnd.record(sim.now - msg.publishedMs);
          processing.record(sim.now - copy.receivedAtMs);
        }
      } else {
        msg.failure = how;
        if (counted) {
          if (how === "dead-lettered") {
            sub.deadLettered++;
            deadLettered++;
          } else if (how === "discarded") {
            sub.discarded++;
            discarded++;
          } else {
            sub.lost++;
            lost++;
          }
        }
      }
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
        stored--;
        settleProducer(msg);
        admitBlocked();
      }
      noteDepth();
      requestPump();
    };

    /** The copy is visible again (after a nack delay, a timeout or a closed connection) or leaves. */
    const returnCopy = (copy: Copy) => {
      if (copy.state === DONE) return;
      if (copy.state === INFLIGHT) copy.sub.inFlight--;
      else if (copy.state === DELAYED) copy.sub.delayed--;
      copy.state = DELAYED; // transient, so finishCopy/makeReady see a consistent state
      copy.sub.delayed++;
      if (copy.receives >= maxReceives) {
        deadLetter(copy);
        return;
      }
      copy.sub.delayed--;
      if (copy.msg.group >= 0) copy.sub.busyGroups.delete(copy.msg.group);
      makeReady(copy);
      noteDepth();
      requestPump();
    };

    const deadLetter = (copy: Copy) => {
      const dlqId = spec.deadLetterTo ?? null;
      let moved = false;
      if (dlqId !== null) {
        const dlq = ctx.peer(dlqId);
        moved = isMessageStore(dlq) && !ctx.isDown(dlqId) && dlq.storeMoved(copy.msg.request);
      }
      if (ctx.tracing) ctx.emit(moved ? "message.dead-lettered" : "message.discarded", `after ${copy.receives} receives${moved ? ` to ${dlqId}` : ""}`, copy.msg.request.id);
      finishCopy(copy, moved ? "dead-lettered" : "discarded");
    };

    // --- publishing ----------------------------------------------------------------------------

    const accept = (request: Request, reply: Reply) => {
      if (dedupMs !== null) {
        dedupSeen.set(request.id, sim.now);
        dedupOrder.push({ id: request.id, atMs: sim.now });
      }
      const ackNow = () => {
        request.spans?.push({ node: id, kind: "publish", startMs: sim.now, endMs: sim.now });
        reply("ok");
      };
      if (consumedMode) {
        store(request, reply);
      } else if (samplePublish) {
        const ms = samplePublish();
        store(request, null);
        sim.schedule(ms, ackNow);
      } else {
        store(request, null);
        sim.schedule(0, ackNow);
      }
    };

    const isDuplicate = (request: Request): boolean => {
      if (dedupMs === null) return false;
      while (dedupOrder.length > 0 && dedupOrder.peek()!.atMs + dedupMs <= sim.now) {
        const old = dedupOrder.shift()!;
        if (dedupSeen.get(old.id) === old.atMs) dedupSeen.delete(old.id);
      }
      return dedupSeen.has(request.id);
    };

    const admitBlocked = () => {
      while (blocked.length > 0 && stored < maxDepth) {
        const b = blocked.shift()!;
        if (b.request.counted) blockedWait.record(sim.now - b.sinceMs);
        b.request.spans?.push({ node: id, kind: "blocked", startMs: b.sinceMs, endMs: sim.now });
        if (blocked.length === 0 && ctx.tracing) ctx.emit("broker.publishers-unblocked");
        accept(b.request, b.reply);
      }
    };

    // --- delivering --------------------------------------------------------------------------

    let pumpScheduled = false;
    const requestPump = () => {
      if (pumpScheduled || crashed) return;
      pumpScheduled = true;
      // One pump per instant, as its own event: never re-entrant inside an ack.
      sim.schedule(0, pump);
    };
    const pump = () => {
      pumpScheduled = false;
      if (crashed) return;
      for (const sub of subs) pumpSub(sub);
    };

    const usable = (t: Target): boolean => {
      if (t.edge.partitioned || ctx.isDown(t.edge.to)) return false;
      if (t.backoffUntilMs > sim.now) return false;
      return t.consumer ? t.consumer.capacity() > 0 : t.unacked < t.limit;
    };

    const pickTarget = (sub: Sub): Target | null => {
      const n = sub.targets.length;
      for (let k = 0; k < n; k++) {
        const i = (sub.cursor + k) % n;
        if (usable(sub.targets[i])) {
          sub.cursor = (i + 1) % n;
          return sub.targets[i];
        }
      }
      return null;
    };

    const nextCopy = (sub: Sub): Copy | null => {
      if (ordering !== "none") {
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
      let cls = -1;
      if (weighted) {
        let best = Infinity;
        for (let c = 0; c < classCount; c++) {
          if (sub.readyByClass[c] > 0 && pass[c] < best) {
            best = pass[c];
            cls = c;
          }
        }
        if (cls >= 0) pass[cls] += 1 / shares[cls];
      } else {
        for (let c = 0; c < classCount; c++) if (sub.readyByClass[c] > 0) {
          cls = c;
          break;
        }
      }
      if (cls < 0) return null;
      const fifo = sub.ready[cls];
      while (fifo.length > 0) {
        const copy = fifo.shift()!;
        if (copy.state === READY) return copy;
      }
      return null;
    };

    const pumpSub = (sub: Sub) => {
      // At most the copies ready when the pump began: a copy refused and made ready again during
      // this pump waits for the next one, never loops inside this event.
      let budget = sub.readyCount;
      while (sub.readyCount > 0 && budget-- > 0) {
        const target = pickTarget(sub);
        if (!target) return;
        const copy = nextCopy(sub);
        if (!copy) return;
        deliver(copy, target);
      }
    };

    const deliver = (copy: Copy, target: Target) => {
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
        delivered++;
        if (copy.receives > 1) redeliveries++;
        if (copy.unanswered) duplicateDeliveries++;
        if (concurrent) concurrentDuplicates++;
        if (!copy.delivered) {
          waitHist.record(sim.now - msg.publishedMs);
          classWait[msg.cls].record(sim.now - msg.publishedMs);
        }
        if (copy.failedAtMs >= 0) retryDelay.record(sim.now - copy.failedAtMs);
      }
      copy.unanswered = false;
      copy.failedAtMs = -1;
      copy.delivered = true;
      msg.request.spans?.push({ node: id, kind: "queue", startMs: msg.publishedMs, endMs: sim.now, detail: `${sub.name} receive ${copy.receives}` });
      if (copy.receives > 1 && ctx.tracing) ctx.emit("message.redelivered", `receive ${copy.receives} to ${target.edge.to}`, msg.request.id);
      noteDepth();
      if (visibilityMs !== null) {
        copy.deadlineMs = sim.now + visibilityMs;
        sim.schedule(visibilityMs, () => expire(copy, lease));
      }
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
        if (crashed || target.edge.partitioned) {
          // The ack never reaches the broker: the message will come back.
          if (counted) lostAcks++;
          return;
        }
        if (copy.state === DONE) {
          if (counted) staleAcks++;
          return;
        }
        finishCopy(copy, "acked");
      };
      const nack = () => {
        release();
        if (crashed || copy.lease !== lease || copy.state !== INFLIGHT) return;
        if (counted) nacked++;
        copy.failedAtMs = sim.now;
        if (nackDelayMs > 0) {
          sub.inFlight--;
          copy.state = DELAYED;
          sub.delayed++;
          noteDepth();
          sim.schedule(nackDelayMs, () => {
            if (copy.lease === lease && copy.state === DELAYED) returnCopy(copy);
          });
        } else returnCopy(copy);
      };
      target.unacked++;
      if (target.consumer) {
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
          abandon() {
            const wasHolding = holding;
            release();
            if (!wasHolding || copy.lease !== lease || copy.state !== INFLIGHT) return;
            copy.failedAtMs = sim.now;
            if (visibilityMs === null && !crashed) {
              // No lease timer: the broker notices the closed connection and requeues at once.
              copy.unanswered = true;
              returnCopy(copy);
            }
          },
        };
        target.consumer.deliver(delivery);
      } else {
        const sentAtMs = sim.now;
        ctx.send(target.edge, msg.request, (outcome) => {
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
            sim.schedule(target.backoffMs, requestPump);
          }
          nack();
        });
      }
    };

    const expire = (copy: Copy, lease: number) => {
      if (copy.lease !== lease || copy.state !== INFLIGHT) return;
      if (sim.now < copy.deadlineMs) {
        // Extended by a heartbeat: check again at the new deadline.
        sim.scheduleAt(copy.deadlineMs, () => expire(copy, lease));
        return;
      }
      if (copy.msg.request.counted) visibilityExpired++;
      if (ctx.tracing) ctx.emit("message.visibility-expired", `receive ${copy.receives}`, copy.msg.request.id);
      copy.unanswered = true;
      copy.lease++; // the old lease is stale from now on
      returnCopy(copy);
    };

    // --- sampling the age of the oldest waiting message ------------------------------------------

    const SAMPLE_MS = 1000;
    const sampleAges = () => {
      let oldest = Infinity;
      const classOldest = new Array<number>(classCount).fill(Infinity);
      for (const sub of subs) {
        if (sub.readyCount === 0) continue;
        if (ordering === "none") {
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
        classOldestTw[c].set(sim.now, age);
        if (classOldest[c] < oldest) oldest = classOldest[c];
      }
      const age = oldest === Infinity ? 0 : sim.now - oldest;
      oldestTw.set(sim.now, age);
      if (age > peakOldestMs && sim.now >= ctx.warmupMs) peakOldestMs = age;
      sim.schedule(SAMPLE_MS, sampleAges, BACKGROUND_PRIORITY + 2);
    };

    // --- the node ------------------------------------------------------------------------------

    const oneDecimal = (h: LatencyHistogram) => ({
      mean: round(h.mean, 3),
      p50: round(h.quantile(0.5), 3),
      p95: round(h.quantile(0.95), 3),
      p99: round(h.quantile(0.99), 3),
      max: round(h.count ? h.max : 0, 3),
    });

    const node: BrokerNode = {
      id,
      kind: "broker",
      storesMessages: true,
      start() {
        const edges = ctx.outgoing;
        const targetOf = (edge: EdgeRuntime): Target => {
          const peer = ctx.peer(edge.to);
          const consumer = isMessageConsumer(peer) ? peer : null;
          const workers = peer.gauges().workers;
          const limit = spec.prefetch ?? (typeof workers === "number" && workers > 0 ? workers : 1);
          consumer?.onCapacity(requestPump);
          return { edge, consumer, unacked: 0, limit, backoffUntilMs: 0, backoffMs: 0 };
        };
        if (mode === "queue") {
          const sub = newSub(id);
          for (const e of edges) sub.targets.push(targetOf(e));
          subs.push(sub);
        } else {
          for (const e of edges) {
            const sub = newSub(e.to);
            sub.targets.push(targetOf(e));
            subs.push(sub);
          }
        }
        sim.schedule(SAMPLE_MS, sampleAges, BACKGROUND_PRIORITY + 2);
      },
      storeMoved(request) {
        if (crashed || stored >= maxDepth) return false;
        store(request, null);
        return true;
      },
      receive(request, reply) {
        if (isDuplicate(request)) {
          if (request.counted) duplicatesDropped++;
          request.spans?.push({ node: id, kind: "deduplicated", startMs: sim.now, endMs: sim.now });
          sim.schedule(0, () => reply("ok"));
          return;
        }
        if (stored >= maxDepth) {
          if (blockWhenFull) {
            if (request.counted) blockedPublishes++;
            if (blocked.length === 0 && ctx.tracing) ctx.emit("broker.publishers-blocked", `${stored} messages stored`);
            blocked.push({ request, reply, sinceMs: sim.now });
            return;
          }
          if (request.counted) rejected++;
          if (ctx.tracing) ctx.emit("broker.publish-rejected", "full", request.id);
          request.spans?.push({ node: id, kind: "rejected", startMs: sim.now, endMs: sim.now, outcome: "dropped", detail: "broker full" });
          sim.schedule(0, () => reply("dropped", "broker-full"));
          return;
        }
        accept(request, reply);
      },
      load: () => stored,
      crash() {
        crashed = true;
        for (const b of blocked.drain()) b.reply("error", "crashed");
        for (const sub of subs) {
          for (const t of sub.targets) t.unacked = 0;
        }
        // Every lease dies with the connections. Durable messages wait for the restart; others are gone.
        for (const copy of [...live]) {
          if (!durable) {
            finishCopy(copy, "lost");
          } else if (copy.state === INFLIGHT || copy.state === DELAYED) {
            copy.lease++;
            copy.unanswered = copy.state === INFLIGHT;
            returnCopy(copy);
          }
        }
        if (ctx.tracing && !durable) ctx.emit("message.lost", "broker crashed with non-durable messages");
        noteDepth();
      },
      recover() {
        crashed = false;
        requestPump();
      },
      metrics(endMs): NodeMetrics {
        const measuredMs = endMs - ctx.warmupMs;
        const m: NodeMetrics = {
          published,
          rejected,
          blockedPublishes,
          duplicatesDropped,
          unrouted,
          delivered,
          redeliveries,
          duplicateDeliveries,
          concurrentDuplicates,
          visibilityExpired,
          acked,
          nacked,
          staleAcks,
          lostAcks,
          deadLettered,
          discarded,
          lost,
          inQueue: subs.reduce((s, x) => s + x.readyCount + x.delayed, 0),
          inFlight: totalInFlight(),
          depth: round(depthTw.average(endMs)),
          peakDepth,
          meanInFlight: round(inFlightTw.average(endMs)),
          consumedPerSec: round(measuredMs > 0 ? (acked * 1000) / measuredMs : 0),
          ageOfOldestMs: round(oldestTw.average(endMs), 3),
          peakAgeOfOldestMs: round(peakOldestMs, 3),
          meanRetryDelayMs: round(retryDelay.mean, 3),
          waitMs: oneDecimal(waitHist),
          processingMs: oneDecimal(processing),
          endToEndMs: oneDecimal(endToEnd),
          blockedPublishMs: oneDecimal(blockedWait),
        };
        if (subs.length > 1 || mode === "topic") {
          m.lagBySubscription = Object.fromEntries(subs.map((s) => [s.name, s.readyCount + s.delayed + s.inFlight]));
          m.ackedBySubscription = Object.fromEntries(subs.map((s) => [s.name, s.acked]));
        }
        if (ordering === "partition") {
          const lag: Record<string, number> = {};
          for (let p = 0; p < partitions; p++) lag[String(p)] = 0;
          for (const sub of subs) for (const [g, fifo] of sub.groups) lag[String(g)] += fifo.length;
          m.lagByPartition = lag;
        }
        classes.forEach((c, i) => {
          m[c.name] = {
            consumed: classWait[i].count,
            meanWaitMs: round(classWait[i].mean, 3),
            p99WaitMs: round(classWait[i].quantile(0.99), 3),
            ageOfOldestMs: round(classOldestTw[i].average(endMs), 3),
          };
        });
        return m;
      },
      gauges: () => ({
        depth: totalReady(),
        inFlight: totalInFlight(),
        delayed: subs.reduce((s, x) => s + x.delayed, 0),
        stored,
        maxDepth: maxDepth === Infinity ? -1 : maxDepth,
        blockedPublishers: blocked.length,
        deadLettered,
        ageOfOldestMs: oldestTw.current,
        crashed: faults.crashed,
      }),
    };

    return node;
  },
};

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
