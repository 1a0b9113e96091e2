/**
 * Consumer: a process that takes messages from a broker, works on them and acknowledges them.
 *
 * A consumer has `workers` handler threads and holds at most `prefetch` unacknowledged messages
 * (those being processed plus those buffered locally waiting for a free thread), RabbitMQ's
 * `basic.qos` and SQS's "receive up to N". A large prefetch keeps threads busy but lets messages sit
 * in a local buffer where no other consumer can take them, and where their visibility timeout keeps
 * running.
 *
 * Where the acknowledgement sits decides what a crash costs:
 * - `ackMode: "after-processing"` (at-least-once): work, apply the side effect, then ack. A crash
 *   before the ack brings the message back, so the effect may happen twice.
 * - `ackMode: "before-processing"` (at-most-once): ack, then work. A crash after the ack loses the
 *   message: it was deleted but its effect never happened.
 * `crashProbability` kills the handling thread on that fraction of messages; `crashPoint` says where:
 * `"mid-work"` (a uniform point of the processing time) or `"between-effect-and-ack"` (the gap
 * between the two commit points, whichever order `ackMode` puts them in). The thread comes back after
 * `restartMs`. An `idempotent` consumer remembers processed message ids (think: a processed-messages
 * table written in the same transaction as the effect) and skips the effect of a repeat.
 *
 * Failures: `errorRate` makes a processing attempt fail at random (transient; a nack), `poisonRate` is
 * the fraction of messages that fail every time (decided by a hash of the message id, so the same
 * messages are poison on every delivery). `heartbeat` extends the visibility timeout every third of it
 * while a job runs, so a long job is never redelivered under a live worker.
 *
 * With outgoing edges, the handler calls them in order after its own processing time (a payment
 * service, a database); a failed call fails the attempt. Effects count once all calls succeed.
 */
import { createSampler } from "../../engine/distributions";
import { TimeWeighted } from "../../engine/stats";
import { distSchema, kebabId } from "../../kernel/schema-common";
import { boolean, literal, number, object, oneOf, type Infer } from "../../kernel/schema-builder";
import type { RandomStream } from "../../engine/random";
import type { ModelContext, NodeKind, Reply, Request, SimNode } from "../../kernel/model";
import { defineKind } from "../../kernel/kind";
import { Fifo, round } from "../shared";
import { messageFraction, type Delivery, type MessageConsumer } from "./protocol";

const ratio = (title: string) => number({ min: 0, max: 1, title, uiStep: 0.001, default: 0 });

export const consumerSchema = object(
  {
    id: kebabId(),
    kind: literal("consumer"),
    workers: number({ integer: true, above: 0, max: 100_000, title: "Handler threads", unit: "workers", uiMin: 1, uiMax: 64 }),
    prefetch: number({ integer: true, above: 0, max: 1_000_000, title: "Prefetch (max unacked)", unit: "messages", uiMin: 1, uiMax: 200 }),
    processingMs: distSchema,
    ackMode: oneOf(["after-processing", "before-processing"] as const, { title: "Acknowledge", default: "after-processing" }),
    errorRate: ratio("Transient failure rate"),
    poisonRate: ratio("Poison message fraction"),
    crashProbability: ratio("Crash probability per message"),
    crashPoint: oneOf(["mid-work", "between-effect-and-ack"] as const, { title: "Where a crash happens", default: "mid-work" }),
    restartMs: number({ min: 0, max: 1e8, title: "Restart time after a crash", unit: "ms", uiMin: 0, uiMax: 60_000, default: 1000 }),
    heartbeat: boolean({ title: "Extend visibility while working", default: false }),
    idempotent: boolean({ title: "Idempotent (skip repeats)", default: false }),
  },
  {
    optional: ["prefetch", "ackMode", "errorRate", "poisonRate", "crashProbability", "crashPoint", "restartMs", "heartbeat", "idempotent"],
    name: "a consumer node",
  },
);
export type ConsumerSpec = Infer<typeof consumerSchema>;

interface Job {
  delivery: Delivery;
  arrivedMs: number;
  /** Set when a crash voids the job so its pending events do nothing. */
  void: boolean;
}

/** The salt of the poison hash: fixed, so "message 17 is poison" holds across consumers and runs. */
const POISON_SALT = 0x5eed;

export const consumerKind: NodeKind<ConsumerSpec> = {
  kind: "consumer",
  create(spec, ctx) {
    return new Consumer(spec, ctx).toNode();
  },
};

/** One consumer's threads, local buffer and counters; `toNode` exposes it to the runtime and the broker. */
class Consumer {
  private readonly sim: ModelContext["sim"];
  private readonly faults: ModelContext["faults"];
  private readonly workers: number;
  private readonly prefetch: number;
  private readonly ackBefore: boolean;
  private readonly errorRate: number;
  private readonly poisonRate: number;
  private readonly crashP: number;
  private readonly crashGap: boolean;
  private readonly restartMs: number;
  private readonly heartbeat: boolean;
  private readonly idempotent: boolean;
  private readonly sample: () => number;
  private readonly errors: RandomStream;
  private readonly crashes: RandomStream;
  private readonly downstream: ModelContext["outgoing"];

  private readonly buffer = new Fifo<Job>();
  private readonly running = new Set<Job>();
  private restarting = 0;
  private readonly listeners: (() => void)[] = [];
  private readonly applied = new Set<number>();
  private readonly busyTw: TimeWeighted;
  private readonly bufferTw: TimeWeighted;

  private received = 0;
  private processed = 0;
  private failed = 0;
  private poisonFailures = 0;
  private crashCount = 0;
  private effects = 0;
  private duplicateEffects = 0;
  private duplicatesSkipped = 0;
  private lostMessages = 0;
  private duplicateProcessing = 0;
  private peakUnacked = 0;

  constructor(
    private readonly spec: ConsumerSpec,
    private readonly ctx: ModelContext,
  ) {
    this.sim = ctx.sim;
    this.faults = ctx.faults;
    this.workers = spec.workers;
    this.prefetch = spec.prefetch ?? this.workers;
    this.ackBefore = spec.ackMode === "before-processing";
    this.errorRate = spec.errorRate ?? 0;
    this.poisonRate = spec.poisonRate ?? 0;
    this.crashP = spec.crashProbability ?? 0;
    this.crashGap = spec.crashPoint === "between-effect-and-ack";
    this.restartMs = spec.restartMs ?? 1000;
    this.heartbeat = spec.heartbeat ?? false;
    this.idempotent = spec.idempotent ?? false;
    // Streams are created in this order; keep it.
    this.sample = createSampler(spec.processingMs, ctx.random("processing"));
    this.errors = ctx.random("errors");
    this.crashes = ctx.random("crashes");
    this.downstream = ctx.outgoing;
    this.busyTw = new TimeWeighted(ctx.warmupMs);
    this.bufferTw = new TimeWeighted(ctx.warmupMs);
  }

  private held(): number {
    return this.running.size + this.buffer.length;
  }

  private capacity(): number {
    return this.faults.crashed ? 0 : Math.max(0, this.prefetch - this.held() - this.restarting);
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }

  private note(): void {
    this.busyTw.set(this.sim.now, this.running.size);
    this.bufferTw.set(this.sim.now, this.buffer.length);
  }

  private applyEffect(job: Job): void {
    const { ctx } = this;
    const id = job.delivery.messageId;
    const counted = job.delivery.request.counted;
    if (this.applied.has(id)) {
      if (this.idempotent) {
        if (counted) this.duplicatesSkipped++;
        return;
      }
      if (counted) this.duplicateEffects++;
      if (ctx.tracing) ctx.emit("message.effect-duplicated", `receive ${job.delivery.receiveCount}`, id);
      return;
    }
    this.applied.add(id);
    if (counted) this.effects++;
  }

  private freeThread(job: Job): void {
    this.running.delete(job);
    this.startNext();
    this.note();
    this.notify();
  }

  private crashThread(job: Job): void {
    const { sim, ctx } = this;
    if (job.void) return;
    job.void = true;
    if (job.delivery.request.counted) this.crashCount++;
    if (ctx.tracing) ctx.emit("consumer.crashed", `thread died holding message ${job.delivery.messageId}`, job.delivery.messageId);
    job.delivery.request.spans?.push({ node: this.spec.id, kind: "lost", startMs: sim.now, endMs: sim.now, outcome: "error", detail: "consumer thread crashed" });
    job.delivery.abandon();
    this.running.delete(job);
    this.restarting++;
    this.note();
    sim.schedule(this.restartMs, () => {
      this.restarting--;
      this.startNext();
      this.note();
      this.notify();
    });
  }

  /** A thread takes a job: work, then (unless it crashes or fails) the downstream calls and the effect. */
  private start(job: Job): void {
    const { sim, ackBefore } = this;
    this.running.add(job);
    const d = job.delivery;
    const counted = d.request.counted;
    if (d.concurrentDuplicate && counted) this.duplicateProcessing++;
    const workMs = this.sample() + this.faults.addMs;
    d.request.spans?.push({ node: this.spec.id, kind: "service", startMs: sim.now, endMs: sim.now + workMs, detail: `receive ${d.receiveCount}` });
    const willCrash = this.crashP > 0 && this.crashes.next() < this.crashP;
    if (ackBefore) d.ack();
    if (this.heartbeat && d.visibilityTimeoutMs !== null) this.keepVisible(job, d.visibilityTimeoutMs / 3);
    if (willCrash && (!this.crashGap || ackBefore)) {
      // Dies somewhere in the work: nothing applied. With the ack already sent, the message is lost.
      sim.schedule(this.crashes.next() * workMs, () => {
        if (job.void) return;
        if (ackBefore && counted) this.lostMessages++;
        this.crashThread(job);
      });
      return;
    }
    sim.schedule(workMs, () => {
      if (job.void) return;
      if (this.failsNow(d)) {
        if (!ackBefore) d.nack();
        this.freeThread(job);
        return;
      }
      this.callDownstream(job, 0, willCrash);
    });
  }

  /** Heartbeat: extends the visibility timeout `every` ms while the job runs. */
  private keepVisible(job: Job, every: number): void {
    const beat = () => {
      if (job.void || !this.running.has(job)) return;
      job.delivery.extendVisibility();
      this.sim.schedule(every, beat);
    };
    this.sim.schedule(every, beat);
  }

  /** Whether this processing attempt fails (poison, transient error or an injected fault); counts it. */
  private failsNow(d: Delivery): boolean {
    const { errors, faults } = this;
    const poison = this.poisonRate > 0 && messageFraction(d.messageId, POISON_SALT) < this.poisonRate;
    const failedNow = poison || (this.errorRate > 0 && errors.next() < this.errorRate) || (faults.errorRate > 0 && errors.next() < faults.errorRate);
    if (failedNow && d.request.counted) {
      this.failed++;
      if (poison) this.poisonFailures++;
    }
    return failedNow;
  }

  private callDownstream(job: Job, index: number, willCrash: boolean): void {
    const { ctx, downstream, ackBefore } = this;
    if (index < downstream.length) {
      ctx.send(downstream[index], job.delivery.request, (outcome) => {
        if (job.void) return;
        if (outcome === "ok") this.callDownstream(job, index + 1, willCrash);
        else {
          if (job.delivery.request.counted) this.failed++;
          if (!ackBefore) job.delivery.nack();
          this.freeThread(job);
        }
      });
      return;
    }
    this.applyEffect(job);
    if (willCrash) {
      // Between the effect and the ack: the effect stands, the ack never leaves.
      this.crashThread(job);
      return;
    }
    if (job.delivery.request.counted) this.processed++;
    if (ctx.tracing) ctx.emit("message.processed", `key ${job.delivery.request.key} receive ${job.delivery.receiveCount}`, job.delivery.messageId);
    if (!ackBefore) job.delivery.ack();
    this.freeThread(job);
  }

  private startNext(): void {
    while (this.running.size + this.restarting < this.workers && this.buffer.length > 0 && !this.faults.crashed) {
      this.start(this.buffer.shift()!);
    }
  }

  private take(delivery: Delivery): void {
    if (delivery.request.counted) this.received++;
    const job: Job = { delivery, arrivedMs: this.sim.now, void: false };
    this.buffer.push(job);
    if (this.held() > this.peakUnacked) this.peakUnacked = this.held();
    this.startNext();
    this.note();
  }

  /** Driven directly (no broker): a lease whose ack is an ok reply. Full means dropped. */
  private receive(request: Request, reply: Reply): void {
    if (this.capacity() === 0) {
      reply("dropped", "consumer-full");
      return;
    }
    let answered = false;
    const once = (outcome: "ok" | "error", reason?: string) => {
      if (answered) return;
      answered = true;
      reply(outcome, reason);
    };
    this.take({
      messageId: request.id,
      request,
      receiveCount: 1,
      visibilityTimeoutMs: null,
      concurrentDuplicate: false,
      ack: () => once("ok"),
      nack: () => once("error", "processing-failed"),
      extendVisibility() {},
      abandon: () => once("error", "crashed"),
    });
  }

  private crash(): void {
    const victims = [...this.running, ...this.buffer.drain()];
    this.running.clear();
    for (const job of victims) {
      job.void = true;
      job.delivery.abandon();
    }
    this.note();
  }

  private metrics(endMs: number) {
    const measuredMs = endMs - this.ctx.warmupMs;
    return {
      received: this.received,
      processed: this.processed,
      failed: this.failed,
      poisonFailures: this.poisonFailures,
      crashes: this.crashCount,
      effects: this.effects,
      duplicateEffects: this.duplicateEffects,
      duplicatesSkipped: this.duplicatesSkipped,
      lostMessages: this.lostMessages,
      duplicateProcessing: this.duplicateProcessing,
      peakUnacked: this.peakUnacked,
      utilization: round(measuredMs > 0 ? this.busyTw.integral(endMs) / (this.workers * measuredMs) : 0),
      meanBuffered: round(this.bufferTw.average(endMs)),
    };
  }

  toNode(): SimNode & MessageConsumer {
    return {
      id: this.spec.id,
      kind: "consumer",
      appliesFaults: true,
      consumesMessages: true,
      capacity: () => this.capacity(),
      deliver: (delivery) => this.take(delivery),
      onCapacity: (callback) => {
        this.listeners.push(callback);
      },
      receive: (request, reply) => this.receive(request, reply),
      load: () => this.held(),
      crash: () => this.crash(),
      recover: () => this.notify(),
      metrics: (endMs) => this.metrics(endMs),
      gauges: () => ({
        busy: this.running.size,
        workers: this.workers,
        buffered: this.buffer.length,
        unacked: this.held(),
        prefetch: this.prefetch,
        restarting: this.restarting,
        crashed: this.faults.crashed,
      }),
    };
  }
}

export const consumerDefinition = defineKind({
  kind: "consumer",
  title: "Consumer",
  summary: "Takes messages from a broker with a prefetch limit, processes and acknowledges them.",
  schema: consumerSchema,
  model: consumerKind,
  outgoing: { min: 0, max: 16 },
  acceptsIncoming: true,
  template: { workers: 2, prefetch: 10, processingMs: { dist: "exponential", meanMs: 50 } },
  metrics: {
    received: { title: "Calls received", of: "messages" },
    processed: { title: "Messages processed", of: "messages" },
    failed: { title: "Failed", of: "messages" },
    poisonFailures: { title: "Poison-message failures" },
    crashes: { title: "Consumer crashes" },
    effects: { title: "Effects applied" },
    duplicateEffects: { title: "Effects applied twice" },
    duplicatesSkipped: { title: "Duplicates skipped" },
    lostMessages: { title: "Messages lost", of: "messages" },
    duplicateProcessing: { title: "Messages processed twice", of: "messages" },
    peakUnacked: { title: "Peak unacknowledged messages", of: "messages" },
    utilization: { title: "Utilization", unit: "ratio" },
    meanBuffered: { title: "Mean messages buffered", of: "messages" },
  },
  gauges: {
    busy: { title: "Busy handler threads", role: "busy" },
    workers: { title: "Handler threads", role: "capacity" },
    buffered: { title: "Prefetched, waiting for a thread", role: "queue" },
    unacked: { title: "Held without an acknowledgement", role: "other" },
    prefetch: { title: "Prefetch limit", role: "queue-capacity" },
    restarting: { title: "Restarting after a crash", role: "flag" },
  },
  records: {
    "message.processed": { meaning: "a message was processed (its effect applied)" },
    "message.effect-duplicated": { meaning: "a redelivered message applied its effect a second time" },
    "consumer.crashed": { meaning: "a handler thread died holding a message; the broker will redeliver it" },
  },
});
