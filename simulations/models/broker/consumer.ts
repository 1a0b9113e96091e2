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
import type { NodeKind, Request, SimNode } from "../../kernel/model";
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
    const { sim, faults } = ctx;
    const workers = spec.workers;
    const prefetch = spec.prefetch ?? workers;
    const ackBefore = spec.ackMode === "before-processing";
    const errorRate = spec.errorRate ?? 0;
    const poisonRate = spec.poisonRate ?? 0;
    const crashP = spec.crashProbability ?? 0;
    const crashGap = spec.crashPoint === "between-effect-and-ack";
    const restartMs = spec.restartMs ?? 1000;
    const heartbeat = spec.heartbeat ?? false;
    const idempotent = spec.idempotent ?? false;
    const sample = createSampler(spec.processingMs, ctx.random("processing"));
    const errors = ctx.random("errors");
    const crashes = ctx.random("crashes");
    const downstream = ctx.outgoing;

    const buffer = new Fifo<Job>();
    const running = new Set<Job>();
    let restarting = 0;
    const listeners: (() => void)[] = [];
    const applied = new Set<number>();
    const busyTw = new TimeWeighted(ctx.warmupMs);
    const bufferTw = new TimeWeighted(ctx.warmupMs);

    let received = 0;
    let processed = 0;
    let failed = 0;
    let poisonFailures = 0;
    let crashCount = 0;
    let effects = 0;
    let duplicateEffects = 0;
    let duplicatesSkipped = 0;
    let lostMessages = 0;
    let duplicateProcessing = 0;
    let peakUnacked = 0;

    const held = () => running.size + buffer.length;
    const capacity = () => (faults.crashed ? 0 : Math.max(0, prefetch - held() - restarting));
    const notify = () => {
      for (const l of listeners) l();
    };
    const note = () => {
      busyTw.set(sim.now, running.size);
      bufferTw.set(sim.now, buffer.length);
    };

    const applyEffect = (job: Job) => {
      const id = job.delivery.messageId;
      const counted = job.delivery.request.counted;
      if (applied.has(id)) {
        if (idempotent) {
          if (counted) duplicatesSkipped++;
          return;
        }
        if (counted) duplicateEffects++;
        if (ctx.tracing) ctx.emit("message.effect-duplicated", `receive ${job.delivery.receiveCount}`, id);
        return;
      }
      applied.add(id);
      if (counted) effects++;
    };

    const freeThread = (job: Job) => {
      running.delete(job);
      startNext();
      note();
      notify();
    };

    const crashThread = (job: Job) => {
      if (job.void) return;
      job.void = true;
      if (job.delivery.request.counted) crashCount++;
      if (ctx.tracing) ctx.emit("consumer.crashed", `thread died holding message ${job.delivery.messageId}`, job.delivery.messageId);
      job.delivery.request.spans?.push({ node: spec.id, kind: "lost", startMs: sim.now, endMs: sim.now, outcome: "error", detail: "consumer thread crashed" });
      job.delivery.abandon();
      running.delete(job);
      restarting++;
      note();
      sim.schedule(restartMs, () => {
        restarting--;
        startNext();
        note();
        notify();
      });
    };

    const start = (job: Job) => {
      running.add(job);
      const d = job.delivery;
      const counted = d.request.counted;
      if (d.concurrentDuplicate && counted) duplicateProcessing++;
      const workMs = sample() + faults.addMs;
      d.request.spans?.push({ node: spec.id, kind: "service", startMs: sim.now, endMs: sim.now + workMs, detail: `receive ${d.receiveCount}` });
      const willCrash = crashP > 0 && crashes.next() < crashP;
      if (ackBefore) d.ack();
      if (heartbeat && d.visibilityTimeoutMs !== null) {
        const every = d.visibilityTimeoutMs / 3;
        const beat = () => {
          if (job.void || !running.has(job)) return;
          d.extendVisibility();
          sim.schedule(every, beat);
        };
        sim.schedule(every, beat);
      }
      if (willCrash && (!crashGap || ackBefore)) {
        // Dies somewhere in the work: nothing applied. With the ack already sent, the message is lost.
        sim.schedule(crashes.next() * workMs, () => {
          if (job.void) return;
          if (ackBefore && counted) lostMessages++;
          crashThread(job);
        });
        return;
      }
      sim.schedule(workMs, () => {
        if (job.void) return;
        const poison = poisonRate > 0 && messageFraction(d.messageId, POISON_SALT) < poisonRate;
        const failedNow = poison || (errorRate > 0 && errors.next() < errorRate) || (faults.errorRate > 0 && errors.next() < faults.errorRate);
        if (failedNow) {
          if (counted) {
            failed++;
            if (poison) poisonFailures++;
          }
          if (!ackBefore) d.nack();
          freeThread(job);
          return;
        }
        callDownstream(job, 0, willCrash);
      });
    };

    const callDownstream = (job: Job, index: number, willCrash: boolean) => {
      if (index < downstream.length) {
        ctx.send(downstream[index], job.delivery.request, (outcome) => {
          if (job.void) return;
          if (outcome === "ok") callDownstream(job, index + 1, willCrash);
          else {
            if (job.delivery.request.counted) failed++;
            if (!ackBefore) job.delivery.nack();
            freeThread(job);
          }
        });
        return;
      }
      applyEffect(job);
      if (willCrash) {
        // Between the effect and the ack: the effect stands, the ack never leaves.
        crashThread(job);
        return;
      }
      if (job.delivery.request.counted) processed++;
      if (ctx.tracing) ctx.emit("message.processed", `key ${job.delivery.request.key} receive ${job.delivery.receiveCount}`, job.delivery.messageId);
      if (!ackBefore) job.delivery.ack();
      freeThread(job);
    };

    const startNext = () => {
      while (running.size + restarting < workers && buffer.length > 0 && !faults.crashed) {
        start(buffer.shift()!);
      }
    };

    const take = (delivery: Delivery) => {
      if (delivery.request.counted) received++;
      const job: Job = { delivery, arrivedMs: sim.now, void: false };
      buffer.push(job);
      if (held() > peakUnacked) peakUnacked = held();
      startNext();
      note();
    };

    const node: SimNode & MessageConsumer = {
      id: spec.id,
      kind: "consumer",
      appliesFaults: true,
      consumesMessages: true,
      capacity,
      deliver: take,
      onCapacity(callback) {
        listeners.push(callback);
      },
      receive(request: Request, reply) {
        // Driven directly (no broker): a lease whose ack is an ok reply. Full means dropped.
        if (capacity() === 0) {
          reply("dropped", "consumer-full");
          return;
        }
        let answered = false;
        const once = (outcome: "ok" | "error", reason?: string) => {
          if (answered) return;
          answered = true;
          reply(outcome, reason);
        };
        take({
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
      },
      load: () => held(),
      crash() {
        const victims = [...running, ...buffer.drain()];
        running.clear();
        for (const job of victims) {
          job.void = true;
          job.delivery.abandon();
        }
        note();
      },
      recover() {
        notify();
      },
      metrics(endMs) {
        const measuredMs = endMs - ctx.warmupMs;
        return {
          received,
          processed,
          failed,
          poisonFailures,
          crashes: crashCount,
          effects,
          duplicateEffects,
          duplicatesSkipped,
          lostMessages,
          duplicateProcessing,
          peakUnacked,
          utilization: round(measuredMs > 0 ? busyTw.integral(endMs) / (workers * measuredMs) : 0),
          meanBuffered: round(bufferTw.average(endMs)),
        };
      },
      gauges: () => ({
        busy: running.size,
        workers,
        buffered: buffer.length,
        unacked: held(),
        prefetch,
        restarting,
        crashed: faults.crashed,
      }),
    };
    return node;
  },
};

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
